import type { ColumnDef, ExternalTableDef, QualifiedName, TableDef } from '../../model/schema.js'
import { columnFromSpec, mergeColumnSpec, readColumnSpec, type ColumnSpec } from './oracle-ddl-columns.js'
import { isOutOfLineConstraintStart, readOutOfLineConstraint, type ConstraintSpec } from './oracle-ddl-constraints.js'
import { addFinding, expectStatementEnd, objectLabel, readQualifiedName, statementLocation, type DdlContext } from '../ddl-reader/ddl-context.js'
import { readExternalClause } from './oracle-ddl-external.js'
import { readPartitioning } from './oracle-ddl-partitioning.js'
import { dataStatement } from '../ddl-reader/data-statement.js'
import { skipItem, skipRest, skipUntil } from '../ddl-reader/ddl-syntax.js'
import { applyConstraint, editColumn } from './oracle-ddl-table-edit.js'
import { objectTypeAttributes } from './oracle-ddl-types.js'
import { oracleLogicalType } from './oracle-types.js'
import { readSharing } from './oracle-ddl-sharing.js'

/** One entry of a table's parenthesised list: a column or an out-of-line constraint. */
export type TableElement = { readonly kind: 'column'; readonly spec: ColumnSpec } | { readonly kind: 'constraint'; readonly spec: ConstraintSpec }

/**
 * `( column | constraint, … )` of CREATE TABLE and ALTER TABLE ADD. Supplemental log groups and
 * periods are physical/temporal metadata, skipped with an info finding.
 */
export function readTableElements(ctx: DdlContext, table: QualifiedName): TableElement[] {
  const { c } = ctx
  c.expectOp('(')
  const elements: TableElement[] = []
  do {
    if (c.isWord('SUPPLEMENTAL') || c.isWords('PERIOD', 'FOR')) {
      addFinding(ctx, 'ORACLE_PHYSICAL_CLAUSE', 'info', objectLabel('TABLE', table), `${c.current.text} … clause skipped: no PostgreSQL equivalent`, c.location())
      skipUntil(c, () => false)
    } else if (isOutOfLineConstraintStart(c)) elements.push({ kind: 'constraint', spec: readOutOfLineConstraint(ctx) })
    else elements.push({ kind: 'column', spec: readColumnSpec(ctx, table) })
  } while (c.acceptOp(','))
  c.expectOp(')')
  return elements
}

/** Applies columns and constraints to a table, reporting what names a missing column. */
export function applyElements(ctx: DdlContext, table: TableDef, elements: readonly TableElement[], newColumns: boolean): TableDef {
  let result = table
  const constraints: ConstraintSpec[] = []
  for (const e of elements) {
    if (e.kind === 'constraint') {
      constraints.push(e.spec)
      continue
    }
    if (e.spec.statisticsOnly) continue
    if (newColumns) result = { ...result, columns: [...result.columns, columnFromSpec(ctx, table, e.spec)] }
    else {
      const edited = editColumn(result, e.spec.name, (col) => mergeColumnSpec(col, e.spec))
      if (!edited) {
        missingColumn(ctx, result, e.spec.name)
        continue
      }
      result = edited
    }
    constraints.push(...e.spec.constraints)
  }
  for (const spec of constraints) {
    result = applyConstraint(result, spec) ?? missingColumn(ctx, result, 'column' in spec ? spec.column : '?')
  }
  return result
}

function missingColumn(ctx: DdlContext, table: TableDef, column: string): TableDef {
  addFinding(ctx, 'DDL_UNKNOWN_COLUMN', 'warning', objectLabel('TABLE', table), `column ${column} is not defined on ${table.name}; the clause naming it was not applied`)
  return table
}

/** CREATE [GLOBAL TEMPORARY] TABLE … (after `CREATE`). */
export function readCreateTable(ctx: DdlContext): void {
  const { c } = ctx
  const at = statementLocation(c)
  let temporary: TableDef['temporary']
  if (c.acceptWords('GLOBAL', 'TEMPORARY')) temporary = { onCommit: 'delete' }
  else if (c.acceptWords('PRIVATE', 'TEMPORARY')) temporary = { onCommit: 'delete', scope: 'session' }
  const kinds: string[] = []
  while (['SHARDED', 'DUPLICATED', 'IMMUTABLE', 'BLOCKCHAIN'].some((w) => c.isWord(w))) kinds.push(c.next().value)
  c.expectWord('TABLE')
  c.acceptWords('IF', 'NOT', 'EXISTS')
  const name = readQualifiedName(ctx, 'table name')
  for (const kind of kinds) addFinding(ctx, kind === 'SHARDED' || kind === 'DUPLICATED' ? 'SHARDED_TABLE' : 'IMMUTABLE_TABLE', TABLE_KINDS[kind]!.severity, objectLabel('TABLE', name), `${kind} TABLE: ${TABLE_KINDS[kind]!.reason}`, at)
  readSharing(ctx, objectLabel('TABLE', name))
  let table: TableDef = { ...name, columns: [], uniques: [], checks: [], foreignKeys: [], at }
  if (c.acceptWord('OF')) {
    const ofType = readQualifiedName(ctx, 'type name')
    table = { ...table, ofType, columns: objectTableColumns(ctx, ofType) }
  }
  while (c.acceptWord('NOT') || c.acceptWord('SUBSTITUTABLE') || c.acceptWords('AT', 'ALL', 'LEVELS')) continue
  const elements = c.isOp('(') ? readTableElements(ctx, name) : []
  if (table.ofType) table = applyElements(ctx, table, elements, false)
  const tail = readTableTail(ctx, name)
  if (tail.asSelect && tail.organization === 'external') {
    // Oracle writes the query's rows into the LOCATION files (ORACLE_DATAPUMP unload; ET$ tables are Data Pump's own work tables).
    skipRest(c)
    const driver = tail.external?.driver ?? 'ORACLE_LOADER'
    addFinding(ctx, 'EXTERNAL_TABLE_UNLOAD', 'action', objectLabel('TABLE', name), `CREATE TABLE ${name.name} ORGANIZATION EXTERNAL (TYPE ${driver}) … AS SELECT unloads the query's rows into ${driver === 'ORACLE_DATAPUMP' ? 'Data Pump dump files' : 'files'} that only Oracle reads${/^ET\$/i.test(name.name) ? ' (an ET$ table is a work table of a Data Pump job, not part of the schema)' : ''}; PostgreSQL has no such unload: write the rows with COPY (SELECT …) TO a file, or psql \\copy, where they are needed`, at)
    return
  }
  if (tail.asSelect) {
    // Its columns come from the query: the converter runs it where the script does, once the tables it reads are loaded.
    const text = ctx.data && dataStatement(ctx.statement, /^CREATE\b/i)
    if (text) ctx.data!.push(text)
    else addFinding(ctx, 'CREATE_TABLE_AS_SELECT', 'action', objectLabel('TABLE', name), `CREATE TABLE ${name.name} AS SELECT: its columns come from the query; create it in PostgreSQL with CREATE TABLE … AS after the tables it reads are loaded`, at)
    skipRest(c)
    return
  }
  expectStatementEnd(c)
  if (!table.ofType) table = applyElements(ctx, table, elements, true)
  if (temporary) table = { ...table, temporary: tail.onCommit ? { ...temporary, onCommit: tail.onCommit } : temporary }
  if (tail.organization) table = { ...table, organization: tail.organization }
  if (tail.external) table = { ...table, external: tail.rejectLimit ? { ...tail.external, rejectLimit: tail.rejectLimit } : tail.external }
  if (tail.partitioning) table = { ...table, partitioning: tail.partitioning }
  ctx.catalog.tables.upsert(table)
}

/** CREATE <kind> TABLE: what the PostgreSQL table does not do. */
const TABLE_KINDS: Readonly<Record<string, { readonly severity: 'info' | 'warning'; readonly reason: string }>> = {
  SHARDED: { severity: 'info', reason: 'Oracle spreads its rows over the shards of a sharded database; the PostgreSQL table holds them all in one database (CONSISTENT HASH partitioning and TABLESPACE SET are left out)' },
  DUPLICATED: { severity: 'info', reason: 'Oracle copies it to every shard of a sharded database; the PostgreSQL table exists once' },
  IMMUTABLE: { severity: 'warning', reason: 'Oracle refuses UPDATE, and DELETE or DROP before the retention periods (NO DELETE / NO DROP UNTIL …) end; the PostgreSQL table accepts them: REVOKE UPDATE, DELETE and TRUNCATE from the roles that write, or add a trigger that raises' },
  BLOCKCHAIN: { severity: 'warning', reason: 'Oracle chains each row\'s hash to the previous one and refuses UPDATE and early DELETE or DROP; the PostgreSQL table keeps no hashes and accepts those changes: REVOKE UPDATE, DELETE and TRUNCATE, or add a trigger that raises' },
}

/** Table clauses that change which rows a query sees or keep their history: not storage, so reported. */
const ROW_CLAUSES: ReadonlyArray<{ readonly words: readonly string[]; readonly code: string; readonly reason: string }> = [
  { words: ['ROW', 'ARCHIVAL'], code: 'ROW_ARCHIVAL', reason: 'ROW ARCHIVAL hides the rows whose ORA_ARCHIVE_STATE is not 0 from queries (in-database archiving); the PostgreSQL table has no such column and shows every row: add the column and filter it in views where the application archives rows' },
  { words: ['FLASHBACK', 'ARCHIVE'], code: 'FLASHBACK_ARCHIVE', reason: 'FLASHBACK ARCHIVE keeps the history of every row for AS OF queries; PostgreSQL keeps none: a history table filled by triggers (or an extension such as temporal_tables) stands in' },
]

/** ROW ARCHIVAL or FLASHBACK ARCHIVE at the cursor (CREATE or ALTER TABLE): stepped over with a warning; false when neither is there. */
export function readRowClause(ctx: DdlContext, table: QualifiedName): boolean {
  const { c } = ctx
  const clause = ROW_CLAUSES.find((r) => c.isWords(...r.words))
  if (!clause) return false
  addFinding(ctx, clause.code, 'warning', objectLabel('TABLE', table), clause.reason, c.location())
  c.pos += clause.words.length
  return true
}

interface TableTail {
  asSelect?: boolean
  onCommit?: 'delete' | 'preserve'
  organization?: TableDef['organization']
  external?: ExternalTableDef
  rejectLimit?: string
  partitioning?: TableDef['partitioning']
}

/**
 * Everything after the column list. Physical clauses (TABLESPACE, STORAGE (…), PCTFREE, LOGGING,
 * COMPRESS, LOB … STORE AS …, NESTED TABLE … STORE AS, CACHE, PARALLEL, ROW MOVEMENT, SEGMENT
 * CREATION, …) are stepped over a word or a parenthesised group at a time; only what changes the
 * logical table is kept.
 */
function readTableTail(ctx: DdlContext, table: QualifiedName): TableTail {
  const { c } = ctx
  const tail: TableTail = {}
  while (!c.atEnd() && !c.isOp(';')) {
    // Sharded tables are partitioned across shards (CONSISTENT HASH …), which a single database does not do: stepped over (SHARDED_TABLE says so).
    if (c.isWords('PARTITION', 'BY') && !c.isWord('CONSISTENT', 2)) tail.partitioning = readPartitioning(c)
    else if (c.isWords('NO', 'FLASHBACK', 'ARCHIVE')) c.pos += 3
    else if (readRowClause(ctx, table)) continue
    else if (c.acceptWords('ON', 'COMMIT')) {
      // Private temporary tables: DROP DEFINITION ends the table with the transaction, as DELETE ROWS empties it.
      if (c.acceptWord('DELETE') || c.acceptWord('DROP')) tail.onCommit = 'delete'
      else if (c.acceptWord('PRESERVE')) tail.onCommit = 'preserve'
      else c.fail('expected DELETE or PRESERVE')
      if (!c.acceptWord('DEFINITION')) c.expectWord('ROWS')
    } else if (c.acceptWord('ORGANIZATION')) {
      if (c.acceptWord('INDEX')) tail.organization = 'index'
      else if (c.acceptWord('EXTERNAL')) {
        tail.organization = 'external'
        if (c.isOp('(')) tail.external = readExternalClause(c)
      }
      else if (c.acceptWord('HEAP')) tail.organization = 'heap'
      else c.fail('expected INDEX, HEAP or EXTERNAL')
    } else if (c.isWord('AS') && (c.isWord('SELECT', 1) || c.isWord('WITH', 1) || c.isOp('(', 1))) {
      tail.asSelect = true
      return tail
    } else if (c.acceptWords('REJECT', 'LIMIT')) tail.rejectLimit = c.next().value
    else if (c.acceptWords('STORE', 'AS') || c.acceptWords('RETURN', 'AS')) continue
    else skipItem(c)
  }
  return tail
}

/** An object table's columns are its type's attributes, supertypes' first. */
function objectTableColumns(ctx: DdlContext, ofType: QualifiedName): ColumnDef[] {
  const attributes = objectTypeAttributes(ctx.catalog, ofType)
  if (!attributes) {
    addFinding(ctx, 'DDL_UNKNOWN_TYPE', 'warning', objectLabel('TYPE', ofType), `type ${ofType.name} is not defined in the scripts read; the object table has no known columns`)
    return []
  }
  return attributes.map((a) => ({ name: a.name, nativeType: a.nativeType, type: oracleLogicalType(a.nativeType), nullable: true }))
}
