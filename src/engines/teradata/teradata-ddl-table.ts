import type { TokenCursor } from '../../convert/sql/cursor.js'
import type { IndexDef, QualifiedName, TableDef } from '../../model/schema.js'
import { addFinding, expectStatementEnd, objectLabel, readQualifiedName, sqlTextBetween, statementLocation } from '../ddl-reader/ddl-context.js'
import type { TeradataDdlContext } from './teradata-ddl-context.js'
import { identifierList, skipItem } from '../ddl-reader/ddl-syntax.js'
import { isTableConstraintStart, readTableConstraint, readTeradataColumn, type TeradataColumn, type TeradataConstraint } from './teradata-ddl-columns.js'
import { readTeradataPartitioning } from './teradata-ddl-partitioning.js'

type MutableTable = { -readonly [K in keyof TableDef]: TableDef[K] }

/**
 * CREATE [SET|MULTISET] [GLOBAL TEMPORARY|VOLATILE] TABLE name [, option …] (columns and
 * constraints) [[UNIQUE] PRIMARY INDEX [name] (…) | NO PRIMARY INDEX] [PARTITION BY …]
 * [[UNIQUE] INDEX [name] (…) …] [ON COMMIT … ROWS] (after `CREATE`), and CREATE TABLE … AS
 * table|(query) WITH [NO] DATA. Storage options (FALLBACK, JOURNAL, CHECKSUM, MERGEBLOCKRATIO,
 * MAP, DATABLOCKSIZE, FREESPACE, BLOCKCOMPRESSION, LOG …) have no PostgreSQL counterpart and
 * are reported once per table.
 */
export function readCreateTable(ctx: TeradataDdlContext): void {
  const { c } = ctx
  const at = statementLocation(c)
  let rejectsDuplicateRows: boolean | undefined
  let temporary: TableDef['temporary']
  for (;;) {
    if (c.acceptWord('SET')) rejectsDuplicateRows = true
    else if (c.acceptWord('MULTISET')) rejectsDuplicateRows = false
    else if (c.acceptWords('GLOBAL', 'TEMPORARY', 'TRACE') || c.acceptWords('GLOBAL', 'TEMPORARY')) temporary = { onCommit: 'delete' }
    else if (c.acceptWord('VOLATILE')) temporary = { onCommit: 'delete', scope: 'session' }
    else break
  }
  c.expectWord('TABLE')
  const name = readQualifiedName(ctx, 'table name')
  const label = objectLabel('TABLE', name)
  const options = readTableOptions(c)
  if (options.length) addFinding(ctx, 'TERADATA_TABLE_OPTIONS', 'info', label, `${options.join(', ')}: Teradata storage options with no PostgreSQL counterpart`, at)
  const table: MutableTable = { ...name, columns: [], uniques: [], checks: [], foreignKeys: [], at }
  if (rejectsDuplicateRows !== undefined) table.rejectsDuplicateRows = rejectsDuplicateRows
  if (c.acceptWord('AS')) {
    readCreateTableAs(ctx, table, temporary)
    return
  }
  const columns = readElements(ctx, table)
  readTail(ctx, table)
  table.distribution = table.distribution ?? impliedPrimaryIndex(table)
  // ON COMMIT in the tail says what happens to the rows; the prefix says how long the table lives.
  if (temporary) table.temporary = { ...temporary, ...table.temporary }
  expectStatementEnd(c)
  reportColumnPhrases(ctx, label, columns)
  reportSoftReferences(ctx, label, table)
  ctx.catalog.tables.upsert(table)
}

/**
 * Without a PRIMARY INDEX clause Teradata makes the primary key, else the first UNIQUE
 * constraint, the unique primary index (SHOW TABLE then shows only the key). Without either the
 * system's PrimaryIndexDefault decides (first column, or no primary index): left unknown.
 */
function impliedPrimaryIndex(table: TableDef): TableDef['distribution'] {
  const key = table.primaryKey ?? table.uniques[0]
  return key && { kind: 'primary-index', columns: key.columns, unique: true }
}

/** `, FALLBACK, NO BEFORE JOURNAL, CHECKSUM = DEFAULT …` up to the column list: each option as written. */
function readTableOptions(c: TokenCursor): string[] {
  const options: string[] = []
  while (c.acceptOp(',')) {
    const from = c.pos
    while (!c.atEnd() && !c.isOp(',') && !c.isOp('(') && !c.isWord('AS')) c.next()
    options.push(c.textBetween(from).toUpperCase().replace(/\s+/g, ' '))
  }
  return options
}

function readElements(ctx: TeradataDdlContext, table: MutableTable): TeradataColumn[] {
  const { c } = ctx
  const columns: TeradataColumn[] = []
  c.expectOp('(')
  do {
    if (c.isWords('PERIOD', 'FOR')) {
      addFinding(ctx, 'TERADATA_PERIOD_FOR', 'warning', objectLabel('TABLE', table), 'PERIOD FOR … (a temporal period over two columns) is not kept: PostgreSQL has no temporal tables; the two columns are', c.location())
      while (!c.atEnd() && !c.isOp(',') && !c.isOp(')')) skipItem(c)
    } else if (isTableConstraintStart(c)) applyConstraint(table, readTableConstraint(ctx))
    else {
      const col = readTeradataColumn(ctx)
      table.columns = [...table.columns, col.column]
      for (const k of col.constraints) applyConstraint(table, k)
      columns.push(col)
    }
  } while (c.acceptOp(','))
  c.expectOp(')')
  return columns
}

export function applyConstraint(table: MutableTable, k: TeradataConstraint): void {
  switch (k.kind) {
    case 'primary-key':
      table.primaryKey = k.key
      return
    case 'unique':
      table.uniques = [...table.uniques, k.key]
      return
    case 'check':
      table.checks = [...table.checks, k.check]
      return
    case 'foreign-key':
      table.foreignKeys = [...table.foreignKeys, k.fk]
  }
}

/** Index, partitioning and ON COMMIT clauses after the column list, in any order. */
function readTail(ctx: TeradataDdlContext, table: MutableTable): void {
  const { c } = ctx
  let unnamed = 0
  while (!c.atEnd() && !c.isOp(';')) {
    if (c.acceptWords('NO', 'PRIMARY', 'INDEX')) table.distribution = { kind: 'none' }
    else if (c.isWords('PRIMARY', 'INDEX') || c.isWords('UNIQUE', 'PRIMARY', 'INDEX') || c.isWords('PRIMARY', 'AMP')) {
      const unique = c.acceptWord('UNIQUE')
      c.expectWord('PRIMARY')
      if (!c.acceptWord('INDEX')) {
        c.expectWord('AMP')
        c.acceptWord('INDEX')
      }
      if (!c.isOp('(')) c.identifier('index name')
      table.distribution = { kind: 'primary-index', columns: identifierList(c), unique }
    } else if (c.isWords('PARTITION', 'BY')) {
      const partitioning = readTeradataPartitioning(ctx, table)
      if (partitioning) table.partitioning = partitioning
    } else if (c.isWord('INDEX') || c.isWords('UNIQUE', 'INDEX')) {
      ctx.catalog.indexes.upsert(readTableIndex(ctx, table, ++unnamed))
    } else if (c.acceptWords('ON', 'COMMIT')) {
      const onCommit = c.acceptWord('PRESERVE') ? 'preserve' : (c.expectWord('DELETE'), 'delete')
      c.expectWord('ROWS')
      table.temporary = { onCommit }
    } else if (c.acceptWords('WITH', 'DATA') || c.acceptWords('WITH', 'NO', 'DATA') || c.acceptWords('AND', 'STATISTICS') || c.acceptWords('AND', 'STATS') || c.acceptWords('AND', 'NO', 'STATISTICS')) continue
    else if (c.acceptWord('NO') || c.acceptWord('LOG')) continue
    else c.fail('unexpected text after the column list')
  }
}

/** `[UNIQUE] INDEX [name] [ALL] (cols) [ORDER BY [VALUES|HASH] [(col)]]`: a secondary index of the table. */
function readTableIndex(ctx: TeradataDdlContext, table: QualifiedName, n: number): IndexDef {
  const { c } = ctx
  const at = c.location()
  const unique = c.acceptWord('UNIQUE')
  c.expectWord('INDEX')
  const name = c.isIdentifier() && !c.isWord('ALL') ? c.identifier('index name') : `${table.name}_IX${n}`
  c.acceptWord('ALL')
  const columns = identifierList(c)
  if (c.acceptWords('ORDER', 'BY')) {
    if (!c.acceptWord('VALUES')) c.acceptWord('HASH')
    if (c.isOp('(')) c.skipParens()
  }
  return { ...(table.schema !== undefined && { schema: table.schema }), name, table, unique, kind: 'btree', keys: columns.map((column) => ({ column })), at }
}

/**
 * CREATE TABLE t AS source WITH [NO] DATA: the source table's columns and keys (known from the
 * scripts), plus `INSERT INTO t SELECT * FROM source` as a data statement WITH DATA.
 * CREATE TABLE t AS (query): its columns come from the query, an action item.
 */
function readCreateTableAs(ctx: TeradataDdlContext, table: MutableTable, temporary: TableDef['temporary']): void {
  const { c } = ctx
  const label = objectLabel('TABLE', table)
  if (c.isOp('(')) {
    c.skipParens()
    while (!c.atEnd() && !c.isOp(';')) skipItem(c)
    expectStatementEnd(c)
    addFinding(ctx, 'CREATE_TABLE_AS_SELECT', 'action', label, `CREATE TABLE ${table.name} AS (query): its columns come from the query; create it in PostgreSQL with CREATE TABLE … AS after the tables it reads are loaded`)
    return
  }
  const sourceFrom = c.pos
  const source = readQualifiedName(ctx, 'source table')
  const sourceText = sqlTextBetween(c, sourceFrom)
  const withData = c.acceptWords('WITH', 'DATA')
  if (!withData) {
    c.expectWord('WITH')
    c.expectWord('NO')
    c.expectWord('DATA')
  }
  const known = ctx.catalog.tables.find(source)
  readTail(ctx, table)
  expectStatementEnd(c)
  if (!known) {
    addFinding(ctx, 'CREATE_TABLE_AS_UNKNOWN', 'action', label, `CREATE TABLE ${table.name} AS ${sourceText.text}: ${sourceText.text} is not defined in the scripts read, so the columns are unknown; convert the source table too or create this one by hand`)
    return
  }
  const copy: TableDef = {
    ...known,
    ...table,
    columns: known.columns,
    // Constraint names are unique per schema in PostgreSQL: the copy's keys go unnamed.
    primaryKey: known.primaryKey && { ...known.primaryKey, name: undefined },
    uniques: known.uniques.map((u) => ({ ...u, name: undefined })),
    checks: known.checks.map((k) => ({ ...k, name: undefined })),
    foreignKeys: [],
    distribution: table.distribution ?? known.distribution,
    ...(temporary && { temporary: table.temporary ?? temporary }),
  }
  ctx.catalog.tables.upsert(copy)
  if (withData) ctx.data.push({ text: `INSERT INTO ${qualifiedText(table)} SELECT * FROM ${sourceText.text}`, at: statementLocation(c) })
}

function qualifiedText(q: QualifiedName): string {
  const part = (s: string) => (/^[A-Z_][A-Z0-9_$#]*$/.test(s) ? s : `"${s.replace(/"/g, '""')}"`)
  return q.schema ? `${part(q.schema)}.${part(q.name)}` : part(q.name)
}

/** One finding per table and phrase kind: which columns carry it and why PostgreSQL does without. */
function reportColumnPhrases(ctx: TeradataDdlContext, label: string, columns: readonly TeradataColumn[]): void {
  const withPhrase = (has: (col: TeradataColumn) => boolean) => columns.filter(has).map((col) => col.column.name)
  const compressed = withPhrase((col) => col.phrases.compress === true)
  const formatted = withPhrase((col) => col.phrases.format !== undefined)
  const uppercase = withPhrase((col) => col.phrases.uppercase === true)
  if (compressed.length) addFinding(ctx, 'TERADATA_COMPRESS', 'info', label, `COMPRESS on ${compressed.join(', ')}: Teradata's value-list compression is storage only; PostgreSQL compresses long values itself (TOAST), values are unchanged`)
  if (formatted.length) {
    const formats = columns.filter((col) => col.phrases.format !== undefined).map((col) => `${col.column.name} '${col.phrases.format}'`)
    addFinding(ctx, 'TERADATA_FORMAT', 'info', label, `FORMAT on ${formats.join(', ')}: a display and conversion format; PostgreSQL types have none, so values convert to and from text in ISO form — code that relies on the format needs to_char/to_date`)
  }
  if (uppercase.length) addFinding(ctx, 'TERADATA_UPPERCASE', 'warning', label, `UPPERCASE on ${uppercase.join(', ')}: Teradata stores these values upper-cased; PostgreSQL stores what is inserted (loaded rows are already upper case; add upper() in code that writes them, or a CHECK)`)
}

/** WITH NO CHECK OPTION references, one finding per table. */
function reportSoftReferences(ctx: TeradataDdlContext, label: string, table: TableDef): void {
  const soft = table.foreignKeys.filter((fk) => fk.validated === false).map((fk) => fk.name ?? `(${fk.columns.join(', ')})`)
  if (soft.length === 0) return
  addFinding(ctx, 'TERADATA_SOFT_REFERENCE', 'info', label, `${soft.join(', ')}: REFERENCES WITH NO CHECK OPTION, never checked by Teradata; created NOT VALID, so loaded rows are not checked but PostgreSQL checks new ones`)
}
