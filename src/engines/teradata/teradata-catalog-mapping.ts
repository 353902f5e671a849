import type { CodeObjectDef, ColumnDef, ForeignKeyDef, IdentitySpec, IndexDef, KeyDef, PartitioningDef, SchemaModel, TableDef, ViewDef } from '../../model/schema.js'
import { nativeTypeOfColumn } from './teradata-catalog-column-type.js'
import type {
  CatalogRecord, COLUMNS_QUERY, DATABASES_QUERY, INDICES_QUERY, PARTITIONING_QUERY, RI_CHILDREN_QUERY, TABLE_STATS_QUERY, TABLES_QUERY,
} from './teradata-catalog-queries.js'
import { teradataLogicalType } from './teradata-types.js'

/** Rows of the DBC views (teradata-catalog-queries.ts), keyed by their column names, plus the SHOW text of views and code. */
export interface TeradataCatalogRows {
  readonly capturedAt?: string
  readonly databases: readonly CatalogRecord<typeof DATABASES_QUERY>[]
  readonly tables: readonly CatalogRecord<typeof TABLES_QUERY>[]
  readonly columns: readonly CatalogRecord<typeof COLUMNS_QUERY>[]
  readonly indices: readonly CatalogRecord<typeof INDICES_QUERY>[]
  readonly partitioning: readonly CatalogRecord<typeof PARTITIONING_QUERY>[]
  readonly riChildren: readonly CatalogRecord<typeof RI_CHILDREN_QUERY>[]
  readonly stats: readonly CatalogRecord<typeof TABLE_STATS_QUERY>[]
  /** `db.name` (as TablesV spells them) → the text SHOW VIEW/MACRO/PROCEDURE/FUNCTION/TRIGGER returned. */
  readonly shows: Readonly<Record<string, string>>
}

/**
 * Teradata dictionary rows → the schema model, the same model the DDL reader builds from
 * `SHOW TABLE` output. Pure: no driver, no I/O; every rule is tested from recorded fixtures.
 * Names are kept as the dictionary stores them (Teradata keeps the case they were created with
 * and compares them case-blind).
 */
export function mapTeradataCatalog(rows: TeradataCatalogRows): SchemaModel {
  const at = new CatalogIndex(rows)
  const tableRows = rows.tables.filter((t) => ['T', 'O', 'Q'].includes(kindOf(t)))
  return {
    engine: 'teradata',
    ...(rows.capturedAt === undefined ? {} : { capturedAt: rows.capturedAt }),
    types: [],
    sequences: [],
    tables: tableRows.map((t) => mapTable(t, at)),
    indexes: tableRows.flatMap((t) => secondaryIndexes(str(t.DataBaseName), str(t.TableName), at)),
    views: rows.tables.filter((t) => kindOf(t) === 'V').map((t) => mapView(str(t.DataBaseName), str(t.TableName), at)),
    code: rows.tables.flatMap((t) => mapCode(t, at)),
    synonyms: [],
    grants: [],
  }
}

function str(v: unknown): string {
  return v === null || v === undefined ? '' : String(v).trim()
}

function kindOf(t: CatalogRecord<typeof TABLES_QUERY>): string {
  return str(t.TableKind).toUpperCase()
}

function key(db: unknown, name: unknown): string {
  return `${str(db).toUpperCase()}.${str(name).toUpperCase()}`
}

function groupBy<R>(rows: readonly R[], k: (r: R) => string): Map<string, R[]> {
  const m = new Map<string, R[]>()
  for (const r of rows) {
    const g = m.get(k(r))
    if (g) g.push(r)
    else m.set(k(r), [r])
  }
  return m
}

type IndexRow = CatalogRecord<typeof INDICES_QUERY>

/** One index of IndicesV (its rows, one per column, in ColumnPosition order). */
interface TdIndex {
  readonly number: number
  readonly type: string
  readonly unique: boolean
  readonly name?: string
  readonly columns: string[]
}

class CatalogIndex {
  readonly columns: Map<string, CatalogRecord<typeof COLUMNS_QUERY>[]>
  readonly indexes: Map<string, TdIndex[]>
  readonly partitioning: Map<string, CatalogRecord<typeof PARTITIONING_QUERY>>
  readonly foreignKeys: Map<string, CatalogRecord<typeof RI_CHILDREN_QUERY>[]>
  readonly rowCounts: Map<string, number>
  readonly shows: Map<string, string>

  constructor(rows: TeradataCatalogRows) {
    this.columns = groupBy(rows.columns, (c) => key(c.DatabaseName, c.TableName))
    this.indexes = new Map([...groupBy(rows.indices, (i) => key(i.DatabaseName, i.TableName))].map(([k, rs]) => [k, indexesOf(rs)]))
    this.partitioning = new Map(rows.partitioning.map((p) => [key(p.DatabaseName, p.TableName), p]))
    this.foreignKeys = groupBy(rows.riChildren, (r) => key(r.ChildDB, r.ChildTable))
    this.rowCounts = new Map(rows.stats.map((s) => [key(s.DatabaseName, s.TableName), Number(s.RowCount)]))
    this.shows = new Map(Object.entries(rows.shows).map(([k, v]) => [k.toUpperCase(), v]))
  }
}

function indexesOf(rows: readonly IndexRow[]): TdIndex[] {
  const byNumber = groupBy(rows, (r) => String(r.IndexNumber))
  return [...byNumber.values()].map((rs) => {
    const first = rs[0]!
    const sorted = [...rs].sort((a, b) => Number(a.ColumnPosition) - Number(b.ColumnPosition))
    const name = str(first.IndexName)
    return {
      number: Number(first.IndexNumber),
      type: str(first.IndexType).toUpperCase(),
      unique: str(first.UniqueFlag).toUpperCase() === 'Y',
      ...(name ? { name } : {}),
      columns: sorted.map((r) => str(r.ColumnName)),
    }
  }).sort((a, b) => a.number - b.number)
}

function mapTable(t: CatalogRecord<typeof TABLES_QUERY>, at: CatalogIndex): TableDef {
  const db = str(t.DataBaseName)
  const name = str(t.TableName)
  const k = key(db, name)
  const indexes = at.indexes.get(k) ?? []
  const pk = indexes.find((i) => i.type === 'K')
  const primaryIndex = indexes.find((i) => i.type === 'P' || i.type === 'Q')
  const comment = str(t.CommentString)
  const rows = at.rowCounts.get(k)
  const partitioning = at.partitioning.get(k)
  // A PRIMARY KEY declared without a PRIMARY INDEX becomes the table's unique primary index.
  const distribution: TableDef['distribution'] =
    kindOf(t) === 'O' ? { kind: 'none' } : primaryIndex ? { kind: 'primary-index', columns: primaryIndex.columns, unique: primaryIndex.unique } : pk ? { kind: 'primary-index', columns: pk.columns, unique: true } : undefined
  return {
    schema: db,
    name,
    columns: (at.columns.get(k) ?? []).map(mapColumn),
    ...(pk ? { primaryKey: keyDef(pk) } : {}),
    uniques: indexes.filter((i) => i.type === 'U').map(keyDef),
    checks: [],
    foreignKeys: foreignKeys(at.foreignKeys.get(k) ?? []),
    ...(partitioning ? { partitioning: mapPartitioning(str(partitioning.ConstraintText)) } : {}),
    ...(comment ? { comment } : {}),
    ...(rows !== undefined && Number.isFinite(rows) ? { stats: { rows } } : {}),
    ...(distribution ? { distribution } : {}),
    ...(str(t.CheckOpt).toUpperCase() === 'Y' ? { rejectsDuplicateRows: true } : {}),
  }
}

function keyDef(i: TdIndex): KeyDef {
  return { ...(i.name ? { name: i.name } : {}), columns: i.columns }
}

/** UpperCaseFlag: C CASESPECIFIC, N NOT CASESPECIFIC, U UPPERCASE (not case-specific), B UPPERCASE CASESPECIFIC. */
function caseSpecific(flag: string, characterColumn: boolean): boolean | undefined {
  if (!characterColumn) return undefined
  if (flag === 'C' || flag === 'B') return true
  if (flag === 'N' || flag === 'U') return false
  return undefined
}

function mapColumn(c: CatalogRecord<typeof COLUMNS_QUERY>): ColumnDef {
  const nativeType = nativeTypeOfColumn(c)
  const type = teradataLogicalType(nativeType)
  const defaultText = str(c.DefaultValue)
  const comment = str(c.CommentString)
  const id = str(c.IdColType).toUpperCase()
  const identity: IdentitySpec | undefined = id === 'GA' ? { always: true } : id === 'GD' ? { always: false } : undefined
  const cs = caseSpecific(str(c.UpperCaseFlag).toUpperCase(), type.kind === 'text')
  return {
    name: str(c.ColumnName),
    nativeType,
    type,
    nullable: str(c.Nullable).toUpperCase() !== 'N',
    ...(defaultText ? { defaultExpr: { text: defaultText } } : {}),
    ...(identity ? { identity } : {}),
    ...(comment ? { comment } : {}),
    ...(cs === undefined ? {} : { caseSpecific: cs }),
  }
}

/** Secondary indexes (unique or not) as indexes; primary indexes, keys and join/hash indexes are described elsewhere. */
function secondaryIndexes(db: string, table: string, at: CatalogIndex): IndexDef[] {
  return (at.indexes.get(key(db, table)) ?? [])
    .filter((i) => ['S', 'V', 'H', 'O'].includes(i.type))
    .map((i) => ({
      schema: db,
      name: i.name ?? `${table}_sidx${i.number}`,
      table: { schema: db, name: table },
      unique: i.unique,
      kind: 'btree' as const,
      keys: i.columns.map((column) => ({ column })),
    }))
}

function foreignKeys(rows: readonly CatalogRecord<typeof RI_CHILDREN_QUERY>[]): ForeignKeyDef[] {
  return [...groupBy(rows, (r) => String(r.IndexID)).values()].map((rs) => {
    const first = rs[0]!
    const name = str(first.IndexName)
    return {
      ...(name ? { name } : {}),
      columns: rs.map((r) => str(r.ChildKeyColumn)),
      references: { schema: str(first.ParentDB), name: str(first.ParentTable) },
      refColumns: rs.map((r) => str(r.ParentKeyColumn)),
    }
  })
}

/**
 * The partitioning CHECK constraint (`CHECK (/*02 08 00*\/ RANGE_N(o_orderdate BETWEEN … ) IS NOT
 * NULL AND CASE_N(…) IS NOT NULL)`) → the method of its first level and the columns each level
 * partitions on. Range bounds are not carried: the model's partition list is Oracle-shaped.
 */
export function mapPartitioning(constraintText: string): PartitioningDef {
  const levels = [...constraintText.matchAll(/\b(RANGE_N|CASE_N)\s*\(/gi)]
  const columns: string[] = []
  for (const m of levels) {
    const body = constraintText.slice(m.index + m[0].length)
    const column = /^\s*("(?:[^"]|"")+"|[A-Za-z_$#][\w$#]*)/.exec(body)?.[1]
    if (column && m[1]!.toUpperCase() === 'RANGE_N') {
      const plain = column.startsWith('"') ? column.slice(1, -1).replace(/""/g, '"') : column
      if (!columns.includes(plain)) columns.push(plain)
    }
  }
  const method = levels[0]?.[1]?.toUpperCase() === 'CASE_N' ? 'list' : 'range'
  return { method, columns, partitions: [] }
}

const VIEW_HEADER = /^\s*(?:CREATE|REPLACE)\s+(?:RECURSIVE\s+)?VIEW\s+(?:"(?:[^"]|"")+"|[\w$#]+)(?:\s*\.\s*(?:"(?:[^"]|"")+"|[\w$#]+))?\s*(\(([^()]*)\))?\s*AS\s+/i

function mapView(db: string, name: string, at: CatalogIndex): ViewDef {
  const text = at.shows.get(key(db, name)) ?? ''
  const header = VIEW_HEADER.exec(text)
  const columns = header?.[2]?.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1')).filter(Boolean)
  return {
    schema: db,
    name,
    ...(columns && columns.length > 0 ? { columns } : {}),
    query: { text: (header ? text.slice(header[0].length) : text).trim().replace(/;\s*$/, ''), at: { file: `${db}.${name}`, line: 1, column: 1 } },
  }
}

const CODE_KINDS: Readonly<Record<string, CodeObjectDef['kind']>> = {
  // A macro is a named, parameterised request run with EXEC: the model's nearest kind is a procedure.
  M: 'procedure',
  P: 'procedure',
  E: 'procedure',
  F: 'function',
  G: 'trigger',
}

function mapCode(t: CatalogRecord<typeof TABLES_QUERY>, at: CatalogIndex): CodeObjectDef[] {
  const kind = CODE_KINDS[kindOf(t)]
  if (!kind) return []
  const db = str(t.DataBaseName)
  const name = str(t.TableName)
  const text = at.shows.get(key(db, name))
  if (text === undefined) return []
  return [{ schema: db, name, kind, source: { text: text.trim(), at: { file: `${db}.${name}`, line: 1, column: 1 } } }]
}

/** What SHOW statement returns an object's text, by TableKind. */
export function showKindOf(tableKind: string): 'VIEW' | 'MACRO' | 'PROCEDURE' | 'FUNCTION' | 'TRIGGER' | undefined {
  switch (tableKind.trim().toUpperCase()) {
    case 'V': return 'VIEW'
    case 'M': return 'MACRO'
    case 'P':
    case 'E': return 'PROCEDURE'
    case 'F': return 'FUNCTION'
    case 'G': return 'TRIGGER'
    default: return undefined
  }
}
