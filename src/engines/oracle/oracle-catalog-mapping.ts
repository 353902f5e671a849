import { SqlSyntaxError } from '../../core/errors.js'
import { TokenCursor } from '../../convert/sql/cursor.js'
import { tokenize } from '../../convert/sql/tokenizer.js'
import type {
  CheckDef, CodeObjectDef, ColumnDef, ConstraintState, ForeignKeyDef, GrantDef, IdentitySpec, IndexDef, IndexKey, KeyDef,
  NativeType, PartitionDef, PartitioningDef, QualifiedName, SchemaModel, SequenceDef, SynonymDef, TableDef, TypeAttributeDef,
  TypeDef, ViewDef,
} from '../../model/schema.js'
import { objectFilter, type ObjectPatterns } from './object-filter.js'
import type {
  ColumnRow, ConstraintRow, IdentityColumnRow, IndexRow, OracleCatalogRows, PartTableRow, SequenceRow, TableRow, TypeRow,
} from './oracle-catalog-queries.js'
import { oracleLogicalType, parseNativeType } from './oracle-types.js'

/**
 * Oracle dictionary rows → the schema model, the same model the DDL reader builds from files
 * (docs/oracle-catalog.md lists the rules). Pure: no driver, no I/O, so every rule is tested
 * from JSON fixtures. Where the catalog stores a fact that DDL usually states only when it
 * differs from Oracle's default (BYTE semantics, ENABLE VALIDATE, identity START WITH 1…), the
 * default is left out, as the DDL path leaves it out; sequence CACHE and CYCLE are always kept,
 * as exported and hand-written sequence DDL always states them.
 */
export interface CatalogSelection extends ObjectPatterns {
  /** Owners to keep, as stored (upper case); empty keeps every owner the rows mention. */
  readonly schemas: readonly string[]
}

export function mapOracleCatalog(rows: OracleCatalogRows, selection: CatalogSelection): SchemaModel {
  const wanted = objectFilter(selection)
  const owners = new Set(selection.schemas)
  const keep = (owner: string, name: string): boolean => (owners.size === 0 || owners.has(owner)) && wanted(name)
  const ctx = new CatalogIndex(rows)
  const mviewNames = new Set(rows.mviews.map((m) => key(m.OWNER, m.MVIEW_NAME)))

  const tables = rows.tables
    // A materialized view's container table is the view's storage, not a table of its own.
    .filter((t) => keep(t.OWNER, t.TABLE_NAME) && !mviewNames.has(key(t.OWNER, t.TABLE_NAME)))
    .map((t) => mapTable(t, ctx))
  const tableKeys = new Set(tables.map((t) => key(t.schema!, t.name)))

  return {
    engine: 'oracle',
    ...(rows.capturedAt === undefined ? {} : { capturedAt: rows.capturedAt }),
    types: rows.types.filter((t) => keep(t.OWNER, t.TYPE_NAME)).map((t) => mapType(t, ctx)),
    sequences: rows.sequences.filter((s) => keep(s.SEQUENCE_OWNER, s.SEQUENCE_NAME)).map(mapSequence),
    tables,
    indexes: rows.indexes
      .filter((i) => tableKeys.has(key(i.TABLE_OWNER, i.TABLE_NAME)) && !backsConstraint(i, ctx))
      .map((i) => mapIndex(i, ctx)),
    views: [
      ...rows.views.filter((v) => keep(v.OWNER, v.VIEW_NAME)).map((v) => mapView(v.OWNER, v.VIEW_NAME, v.TEXT, false, ctx)),
      ...rows.mviews.filter((m) => keep(m.OWNER, m.MVIEW_NAME)).map((m) => mapView(m.OWNER, m.MVIEW_NAME, m.QUERY, true, ctx)),
    ],
    code: mapCode(rows, keep),
    synonyms: mapSynonyms(rows, keep),
    grants: mapGrants(rows, keep),
  }
}

// ---------------------------------------------------------------------------------------------
// Native types

/** One type as the dictionary describes it (ALL_TAB_COLS, ALL_TYPE_ATTRS, ALL_COLL_TYPES). */
export interface CatalogTypeSpec {
  readonly dataType: string
  /** REF for object references. */
  readonly modifier?: string | null
  readonly owner?: string | null
  /** Length in bytes (BYTE semantics, RAW). */
  readonly length?: number | null
  /** Length in characters (CHAR semantics, NCHAR/NVARCHAR2). */
  readonly charLength?: number | null
  readonly charUsed?: 'B' | 'C' | null
  readonly precision?: number | null
  readonly scale?: number | null
}

/**
 * Builds the NativeType by writing the type as DDL would and parsing it with the DDL path's own
 * `parseNativeType`, so both paths agree on names, fields and `text` by construction.
 * `contextOwner` is the schema of the table/type using it: a type of that same schema is written
 * unqualified, as it is in that schema's DDL.
 */
export function catalogNativeType(spec: CatalogTypeSpec, contextOwner?: string): NativeType {
  const text = catalogTypeText(spec, contextOwner)
  try {
    const c = new TokenCursor(tokenize(text), text, '<catalog>')
    const parsed = parseNativeType(c)
    if (c.atEnd()) return parsed
  } catch (e) {
    if (!(e instanceof SqlSyntaxError)) throw e
  }
  // A type this release's parser does not know (VECTOR, UNDEFINED…): kept by name, mapped as unsupported.
  return { name: spec.dataType, text: spec.dataType }
}

function catalogTypeText(s: CatalogTypeSpec, contextOwner?: string): string {
  if (s.owner && s.owner !== 'PUBLIC') {
    const name = s.owner === contextOwner ? oracleIdent(s.dataType) : `${oracleIdent(s.owner)}.${oracleIdent(s.dataType)}`
    return s.modifier === 'REF' ? `REF ${name}` : name
  }
  const p = s.precision ?? undefined
  const sc = s.scale ?? undefined
  switch (s.dataType) {
    case 'NUMBER':
      if (p === undefined) {
        // The dictionary stores INTEGER/INT/SMALLINT as NUMBER with scale 0 and no precision.
        if (sc === undefined) return 'NUMBER'
        return sc === 0 ? 'INTEGER' : `NUMBER(*,${sc})`
      }
      return sc === undefined || sc === 0 ? `NUMBER(${p})` : `NUMBER(${p},${sc})`
    case 'FLOAT':
      // 126 binary digits is FLOAT's default precision: plain FLOAT in DDL.
      return p === undefined || p === 126 ? 'FLOAT' : `FLOAT(${p})`
    case 'VARCHAR2':
    case 'CHAR':
      return s.charUsed === 'C' ? `${s.dataType}(${s.charLength ?? s.length} CHAR)` : `${s.dataType}(${s.length})`
    case 'NVARCHAR2':
    case 'NCHAR':
      return `${s.dataType}(${s.charLength ?? s.length})`
    case 'RAW':
      return `RAW(${s.length})`
    default:
      return s.dataType
  }
}

/** An Oracle name as DDL writes it: bare when Oracle would fold it to itself, else quoted. */
function oracleIdent(name: string): string {
  return /^[A-Z][A-Z0-9_$#]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`
}

// ---------------------------------------------------------------------------------------------
// Lookups over the row sets, built once

function key(owner: string, name: string): string {
  return `${owner}\u0000${name}`
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>()
  for (const item of items) {
    const k = keyOf(item)
    const list = out.get(k)
    if (list) list.push(item)
    else out.set(k, [item])
  }
  return out
}

class CatalogIndex {
  readonly columns: Map<string, ColumnRow[]>
  readonly identity: Map<string, IdentityColumnRow>
  readonly constraintsByTable: Map<string, ConstraintRow[]>
  readonly constraintByName: Map<string, ConstraintRow>
  readonly constraintColumns: Map<string, string[]>
  /** Constraint → its table, from ALL_CONS_COLUMNS, which also covers keys in schemas not read. */
  readonly constraintTable: Map<string, string>
  readonly indexColumns: Map<string, IndexKey[]>
  readonly indexLocality: Map<string, 'local' | 'global'>
  readonly partTables: Map<string, PartTableRow>
  readonly partKeys: Map<string, string[]>
  readonly subpartKeys: Map<string, string[]>
  readonly partitions: Map<string, OracleCatalogRows['tabPartitions'][number][]>
  readonly tableComments: Map<string, string>
  readonly columnComments: Map<string, Map<string, string>>
  readonly typeAttributes: Map<string, OracleCatalogRows['typeAttributes'][number][]>
  readonly collections: Map<string, OracleCatalogRows['collectionTypes'][number]>
  readonly typeSource: Map<string, string>

  constructor(rows: OracleCatalogRows) {
    const byColumnOrder = (a: ColumnRow, b: ColumnRow) =>
      (a.COLUMN_ID ?? Number.MAX_SAFE_INTEGER) - (b.COLUMN_ID ?? Number.MAX_SAFE_INTEGER) || a.INTERNAL_COLUMN_ID - b.INTERNAL_COLUMN_ID
    this.columns = groupBy([...rows.columns].sort(byColumnOrder), (c) => key(c.OWNER, c.TABLE_NAME))
    this.identity = new Map(rows.identityColumns.map((r) => [key(r.OWNER, `${r.TABLE_NAME}.${r.COLUMN_NAME}`), r]))
    this.constraintsByTable = groupBy(rows.constraints, (c) => key(c.OWNER, c.TABLE_NAME))
    this.constraintByName = new Map(rows.constraints.map((c) => [key(c.OWNER, c.CONSTRAINT_NAME), c]))
    this.constraintColumns = mapValues(
      groupBy([...rows.constraintColumns].sort((a, b) => (a.POSITION ?? 0) - (b.POSITION ?? 0)), (c) => key(c.OWNER, c.CONSTRAINT_NAME)),
      (cols) => cols.map((c) => c.COLUMN_NAME),
    )
    this.constraintTable = new Map(rows.constraintColumns.map((c) => [key(c.OWNER, c.CONSTRAINT_NAME), c.TABLE_NAME]))
    this.indexColumns = indexKeys(rows)
    this.indexLocality = new Map(rows.partIndexes.map((p) => [key(p.OWNER, p.INDEX_NAME), p.LOCALITY === 'LOCAL' ? 'local' : 'global']))
    this.partTables = new Map(rows.partTables.map((p) => [key(p.OWNER, p.TABLE_NAME), p]))
    const keyColumns = (list: OracleCatalogRows['partKeyColumns']) =>
      mapValues(groupBy([...list].sort((a, b) => a.COLUMN_POSITION - b.COLUMN_POSITION), (k) => key(k.OWNER, k.NAME)), (ks) => ks.map((k) => k.COLUMN_NAME))
    this.partKeys = keyColumns(rows.partKeyColumns)
    this.subpartKeys = keyColumns(rows.subpartKeyColumns)
    this.partitions = groupBy(
      [...rows.tabPartitions].sort((a, b) => a.PARTITION_POSITION - b.PARTITION_POSITION),
      (p) => key(p.TABLE_OWNER, p.TABLE_NAME),
    )
    this.tableComments = new Map(rows.tableComments.flatMap((c) => (c.COMMENTS === null ? [] : [[key(c.OWNER, c.TABLE_NAME), c.COMMENTS]])))
    this.columnComments = new Map()
    for (const c of rows.columnComments) {
      if (c.COMMENTS === null) continue
      const k = key(c.OWNER, c.TABLE_NAME)
      const m = this.columnComments.get(k) ?? new Map<string, string>()
      m.set(c.COLUMN_NAME, c.COMMENTS)
      this.columnComments.set(k, m)
    }
    this.typeAttributes = groupBy([...rows.typeAttributes].sort((a, b) => a.ATTR_NO - b.ATTR_NO), (a) => key(a.OWNER, a.TYPE_NAME))
    this.collections = new Map(rows.collectionTypes.map((c) => [key(c.OWNER, c.TYPE_NAME), c]))
    this.typeSource = new Map(
      [...groupSource(rows)].filter(([, s]) => s.type === 'TYPE').map(([, s]) => [key(s.owner, s.name), s.text]),
    )
  }

  columnsOf(owner: string, name: string): ColumnRow[] {
    return this.columns.get(key(owner, name)) ?? []
  }

  constraintsOf(owner: string, name: string): ConstraintRow[] {
    return this.constraintsByTable.get(key(owner, name)) ?? []
  }

  constraintColumnsOf(owner: string, name: string): string[] {
    return this.constraintColumns.get(key(owner, name)) ?? []
  }
}

function mapValues<A, B>(m: Map<string, A>, f: (a: A) => B): Map<string, B> {
  return new Map([...m].map(([k, v]) => [k, f(v)]))
}

// ---------------------------------------------------------------------------------------------
// Tables

function mapTable(t: TableRow, ctx: CatalogIndex): TableDef {
  const constraints = ctx.constraintsOf(t.OWNER, t.TABLE_NAME)
  const columnComments = ctx.columnComments.get(key(t.OWNER, t.TABLE_NAME))
  const columns = ctx.columnsOf(t.OWNER, t.TABLE_NAME).map((c) => mapColumn(c, ctx, columnComments?.get(c.COLUMN_NAME)))
  const columnNames = new Set(columns.map((c) => c.name))
  const pk = constraints.find((c) => c.CONSTRAINT_TYPE === 'P')
  const comment = ctx.tableComments.get(key(t.OWNER, t.TABLE_NAME))
  const partitioning = t.PARTITIONED === 'YES' ? mapPartitioning(t, ctx) : undefined
  return {
    schema: t.OWNER,
    name: t.TABLE_NAME,
    columns,
    ...(pk ? { primaryKey: mapKey(pk, ctx) } : {}),
    uniques: constraints.filter((c) => c.CONSTRAINT_TYPE === 'U').map((c) => mapKey(c, ctx)),
    checks: constraints.filter((c) => c.CONSTRAINT_TYPE === 'C' && !isNotNullCheck(c, columnNames)).map(mapCheck),
    foreignKeys: constraints.filter((c) => c.CONSTRAINT_TYPE === 'R').map((c) => mapForeignKey(c, ctx)),
    ...(partitioning ? { partitioning } : {}),
    ...(t.TEMPORARY === 'Y' ? { temporary: { onCommit: t.DURATION === 'SYS$SESSION' ? 'preserve' : 'delete' } } : {}),
    ...(comment === undefined ? {} : { comment }),
    ...(t.IOT_TYPE === 'IOT' ? { organization: 'index' } : {}),
    ...(t.NUM_ROWS === null ? {} : { stats: { rows: t.NUM_ROWS } }),
  }
}

function mapColumn(c: ColumnRow, ctx: CatalogIndex, comment: string | undefined): ColumnDef {
  const nativeType = catalogNativeType(
    {
      dataType: c.DATA_TYPE, modifier: c.DATA_TYPE_MOD, owner: c.DATA_TYPE_OWNER, length: c.DATA_LENGTH,
      charLength: c.CHAR_LENGTH, charUsed: c.CHAR_USED, precision: c.DATA_PRECISION, scale: c.DATA_SCALE,
    },
    c.OWNER,
  )
  const expr = c.DATA_DEFAULT?.trim() || undefined
  const identityRow = c.IDENTITY_COLUMN === 'YES' ? ctx.identity.get(key(c.OWNER, `${c.TABLE_NAME}.${c.COLUMN_NAME}`)) : undefined
  const isVirtual = c.VIRTUAL_COLUMN === 'YES'
  return {
    name: c.COLUMN_NAME,
    nativeType,
    type: oracleLogicalType(nativeType),
    nullable: c.NULLABLE === 'Y',
    // An identity column's DATA_DEFAULT is the hidden ISEQ$$ sequence's NEXTVAL, not a user default.
    ...(expr && !isVirtual && c.IDENTITY_COLUMN !== 'YES' ? { defaultExpr: { text: expr } } : {}),
    ...(identityRow ? { identity: mapIdentity(identityRow, c.DEFAULT_ON_NULL === 'YES') } : {}),
    ...(expr && isVirtual ? { virtualExpr: { text: expr } } : {}),
    ...(c.HIDDEN_COLUMN === 'YES' ? { invisible: true } : {}),
    ...(comment === undefined ? {} : { comment }),
  }
}

function mapIdentity(r: IdentityColumnRow, onNull: boolean): IdentitySpec {
  const option = (label: string) => new RegExp(`${label}: (-?\\d+)`).exec(r.IDENTITY_OPTIONS)?.[1]
  const start = option('START WITH')
  const increment = option('INCREMENT BY')
  return {
    always: r.GENERATION_TYPE === 'ALWAYS',
    ...(onNull ? { onNull: true } : {}),
    ...(start !== undefined && start !== '1' ? { start } : {}),
    ...(increment !== undefined && increment !== '1' ? { increment } : {}),
  }
}

// ---------------------------------------------------------------------------------------------
// Constraints

/** Only states that differ from Oracle's default (ENABLE VALIDATE NOT DEFERRABLE) are recorded. */
function constraintState(c: ConstraintRow): ConstraintState {
  return {
    ...(c.STATUS === 'DISABLED' ? { enabled: false } : {}),
    ...(c.VALIDATED === 'NOT VALIDATED' ? { validated: false } : {}),
    ...(c.DEFERRABLE === 'DEFERRABLE' ? { deferrable: true } : {}),
    ...(c.DEFERRED === 'DEFERRED' ? { initiallyDeferred: true } : {}),
  }
}

/** System names (SYS_C0012345) were never written by anyone: the model leaves them unnamed. */
function constraintName(c: ConstraintRow): { name?: string } {
  return c.GENERATED === 'GENERATED NAME' ? {} : { name: c.CONSTRAINT_NAME }
}

function mapKey(c: ConstraintRow, ctx: CatalogIndex): KeyDef {
  return { ...constraintName(c), columns: ctx.constraintColumnsOf(c.OWNER, c.CONSTRAINT_NAME), ...constraintState(c) }
}

const NOT_NULL_CHECK = /^\s*"((?:[^"]|"")+)"\s+IS\s+NOT\s+NULL\s*$/i

/**
 * `NOT NULL` on a column is stored as a check `"COL" IS NOT NULL` (named when the DDL named it);
 * the column's NULLABLE already says it, and the DDL path folds it into the column the same way.
 */
function isNotNullCheck(c: ConstraintRow, columnNames: ReadonlySet<string>): boolean {
  const m = NOT_NULL_CHECK.exec(c.SEARCH_CONDITION ?? '')
  return m !== null && columnNames.has(m[1]!.replace(/""/g, '"'))
}

function mapCheck(c: ConstraintRow): CheckDef {
  return { ...constraintName(c), expr: { text: (c.SEARCH_CONDITION ?? '').trim() }, ...constraintState(c) }
}

const DELETE_RULES: Readonly<Record<string, ForeignKeyDef['onDelete']>> = { CASCADE: 'cascade', 'SET NULL': 'set null' }

/**
 * The referenced key may live in a schema that is not read; its ALL_CONS_COLUMNS rows are fetched
 * anyway (constraintColumnsQuery) and name its table. A key the user cannot see at all is
 * referenced by its constraint name, so the gap shows in the converted DDL instead of vanishing.
 */
function mapForeignKey(c: ConstraintRow, ctx: CatalogIndex): ForeignKeyDef {
  const rOwner = c.R_OWNER ?? c.OWNER
  const rName = c.R_CONSTRAINT_NAME ?? ''
  const references: QualifiedName = { schema: rOwner, name: ctx.constraintTable.get(key(rOwner, rName)) ?? rName }
  const refColumns = ctx.constraintColumnsOf(rOwner, rName)
  const onDelete = DELETE_RULES[c.DELETE_RULE ?? '']
  return {
    ...constraintName(c),
    columns: ctx.constraintColumnsOf(c.OWNER, c.CONSTRAINT_NAME),
    references,
    ...(refColumns.length > 0 ? { refColumns } : {}),
    ...(onDelete ? { onDelete } : {}),
    ...constraintState(c),
  }
}

// ---------------------------------------------------------------------------------------------
// Indexes

const INDEX_KINDS: Readonly<Record<string, IndexDef['kind']>> = {
  NORMAL: 'btree', 'NORMAL/REV': 'reverse', BITMAP: 'bitmap', DOMAIN: 'domain',
}

/**
 * Oracle creates an index for each primary key and unique constraint, named after it; the
 * constraint already implies that index (the DDL path has no CREATE INDEX for it), so the
 * model does not list it twice.
 */
function backsConstraint(i: IndexRow, ctx: CatalogIndex): boolean {
  const c = ctx.constraintByName.get(key(i.TABLE_OWNER, i.INDEX_NAME))
  if (!c || (c.CONSTRAINT_TYPE !== 'P' && c.CONSTRAINT_TYPE !== 'U') || c.INDEX_NAME !== i.INDEX_NAME) return false
  const keys = ctx.indexColumns.get(key(i.OWNER, i.INDEX_NAME)) ?? []
  const columns = ctx.constraintColumnsOf(c.OWNER, c.CONSTRAINT_NAME)
  return keys.length === columns.length && keys.every((k, n) => k.column === columns[n] && !k.descending && !k.expr)
}

function mapIndex(i: IndexRow, ctx: CatalogIndex): IndexDef {
  const locality = i.PARTITIONED === 'YES' ? ctx.indexLocality.get(key(i.OWNER, i.INDEX_NAME)) : undefined
  return {
    schema: i.OWNER,
    name: i.INDEX_NAME,
    table: { schema: i.TABLE_OWNER, name: i.TABLE_NAME },
    unique: i.UNIQUENESS === 'UNIQUE',
    kind: INDEX_KINDS[i.INDEX_TYPE.replace(/^FUNCTION-BASED /, '')] ?? 'btree',
    keys: ctx.indexColumns.get(key(i.OWNER, i.INDEX_NAME)) ?? [],
    ...(locality ? { partitioned: locality } : {}),
    ...(i.ITYP_NAME ? { indexType: i.ITYP_OWNER ? `${i.ITYP_OWNER}.${i.ITYP_NAME}` : i.ITYP_NAME } : {}),
  }
}

const QUOTED_COLUMN = /^"((?:[^"]|"")+)"$/

/**
 * Function-based and DESC keys show up as hidden SYS_NC…$ columns whose expression sits in
 * ALL_IND_EXPRESSIONS; a DESC key on a plain column is the expression `"COL"`, which is turned
 * back into that column.
 */
function indexKeys(rows: OracleCatalogRows): Map<string, IndexKey[]> {
  const expressions = new Map(rows.indexExpressions.map((e) => [key(e.INDEX_OWNER, `${e.INDEX_NAME}#${e.COLUMN_POSITION}`), e.COLUMN_EXPRESSION]))
  const sorted = [...rows.indexColumns].sort((a, b) => a.COLUMN_POSITION - b.COLUMN_POSITION)
  return mapValues(groupBy(sorted, (c) => key(c.INDEX_OWNER, c.INDEX_NAME)), (cols) =>
    cols.map((c): IndexKey => {
      const desc = c.DESCEND === 'DESC' ? { descending: true } : {}
      const expr = expressions.get(key(c.INDEX_OWNER, `${c.INDEX_NAME}#${c.COLUMN_POSITION}`))?.trim()
      if (expr === undefined) return { column: c.COLUMN_NAME, ...desc }
      const plain = QUOTED_COLUMN.exec(expr)
      return plain ? { column: plain[1]!.replace(/""/g, '"'), ...desc } : { expr: { text: expr }, ...desc }
    }),
  )
}

// ---------------------------------------------------------------------------------------------
// Partitioning

const PARTITION_METHODS: Readonly<Record<string, PartitioningDef['method']>> = {
  RANGE: 'range', LIST: 'list', HASH: 'hash', REFERENCE: 'reference', SYSTEM: 'system',
}
const SYSTEM_PARTITION_NAME = /^SYS_P\d+$/

function mapPartitioning(t: TableRow, ctx: CatalogIndex): PartitioningDef | undefined {
  const p = ctx.partTables.get(key(t.OWNER, t.TABLE_NAME))
  const method = p && PARTITION_METHODS[p.PARTITIONING_TYPE]
  if (!p || !method) return undefined
  // Partitions Oracle added on demand under INTERVAL are re-created by the interval itself.
  const parts = (ctx.partitions.get(key(t.OWNER, t.TABLE_NAME)) ?? []).filter((r) => r.INTERVAL !== 'YES')
  const unnamedHash = method === 'hash' && parts.length > 0 && parts.every((r) => SYSTEM_PARTITION_NAME.test(r.PARTITION_NAME))
  const subMethod = PARTITION_METHODS[p.SUBPARTITIONING_TYPE]
  const interval = p.INTERVAL?.trim()
  return {
    method,
    columns: ctx.partKeys.get(key(t.OWNER, t.TABLE_NAME)) ?? [],
    ...(interval ? { interval } : {}),
    partitions: unnamedHash
      ? []
      : parts.map((r): PartitionDef => ({
          name: r.PARTITION_NAME,
          ...(method === 'range' || method === 'list' ? { values: splitTopLevel(r.HIGH_VALUE ?? '') } : {}),
        })),
    ...(subMethod === 'range' || subMethod === 'list' || subMethod === 'hash'
      ? {
          subpartitioning: {
            method: subMethod,
            columns: ctx.subpartKeys.get(key(t.OWNER, t.TABLE_NAME)) ?? [],
            ...(subMethod === 'hash' && p.DEF_SUBPARTITION_COUNT ? { count: p.DEF_SUBPARTITION_COUNT } : {}),
          },
        }
      : {}),
    ...(unnamedHash ? { count: p.PARTITION_COUNT } : {}),
  }
}

/** HIGH_VALUE `TO_DATE('…', '…'), MAXVALUE` → its items, splitting on commas outside quotes and parentheses. */
export function splitTopLevel(text: string): string[] {
  const items: string[] = []
  let depth = 0
  let quoted = false
  let start = 0
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (ch === "'") quoted = !quoted
    else if (quoted) continue
    else if (ch === '(') depth++
    else if (ch === ')') depth--
    else if (ch === ',' && depth === 0) {
      items.push(text.slice(start, i).trim())
      start = i + 1
    }
  }
  const last = text.slice(start).trim()
  if (last !== '' || items.length > 0) items.push(last)
  return items
}

// ---------------------------------------------------------------------------------------------
// Sequences, views, types, code, synonyms, grants

const ASCENDING_MAX = '9999999999999999999999999999'

function mapSequence(s: SequenceRow): SequenceDef {
  const ascending = !s.INCREMENT_BY.startsWith('-')
  const defaultMin = ascending ? '1' : undefined
  const defaultMax = ascending ? ASCENDING_MAX : '-1'
  return {
    schema: s.SEQUENCE_OWNER,
    name: s.SEQUENCE_NAME,
    start: s.LAST_NUMBER,
    increment: s.INCREMENT_BY,
    ...(s.MIN_VALUE !== defaultMin ? { min: s.MIN_VALUE } : {}),
    ...(s.MAX_VALUE !== defaultMax ? { max: s.MAX_VALUE } : {}),
    // NOCACHE is stored as 0; the model says it as 1, PostgreSQL's "no cache" (as the DDL path does).
    cache: s.CACHE_SIZE === 0 ? 1 : s.CACHE_SIZE,
    cycle: s.CYCLE_FLAG === 'Y',
  }
}

/** Some releases keep the view's trailing WITH … clause in TEXT; it is a constraint (V/O) instead. */
const VIEW_OPTION_TAIL = /\s+WITH\s+(READ\s+ONLY|CHECK\s+OPTION)(\s+CONSTRAINT\s+\S+)?\s*$/i

function mapView(owner: string, name: string, text: string, materialized: boolean, ctx: CatalogIndex): ViewDef {
  const constraints = ctx.constraintsOf(owner, name)
  const comment = ctx.tableComments.get(key(owner, name))
  const columnComments = ctx.columnComments.get(key(owner, name))
  return {
    schema: owner,
    name,
    query: { text: text.trim().replace(VIEW_OPTION_TAIL, '') },
    ...(materialized ? { materialized: true } : {}),
    ...(constraints.some((c) => c.CONSTRAINT_TYPE === 'V') ? { withCheckOption: true } : {}),
    ...(constraints.some((c) => c.CONSTRAINT_TYPE === 'O') ? { readOnly: true } : {}),
    ...(comment === undefined ? {} : { comment }),
    ...(columnComments ? { columnComments: Object.fromEntries(columnComments) } : {}),
  }
}

function mapType(t: TypeRow, ctx: CatalogIndex): TypeDef {
  const k = key(t.OWNER, t.TYPE_NAME)
  const source = { text: ctx.typeSource.get(k) ?? '' }
  const collection = ctx.collections.get(k)
  if (t.INCOMPLETE === 'YES') return { schema: t.OWNER, name: t.TYPE_NAME, kind: 'forward', source }
  if (collection) {
    const nativeType = catalogNativeType(
      {
        dataType: collection.ELEM_TYPE_NAME, modifier: collection.ELEM_TYPE_MOD, owner: collection.ELEM_TYPE_OWNER,
        length: collection.LENGTH, charUsed: collection.CHAR_USED, precision: collection.PRECISION, scale: collection.SCALE,
      },
      t.OWNER,
    )
    const isVarray = collection.COLL_TYPE === 'VARYING ARRAY'
    return {
      schema: t.OWNER,
      name: t.TYPE_NAME,
      kind: isVarray ? 'varray' : 'nested-table',
      element: { nativeType, type: oracleLogicalType(nativeType) },
      ...(isVarray && collection.UPPER_BOUND !== null ? { limit: collection.UPPER_BOUND } : {}),
      source,
    }
  }
  // A subtype's inherited attributes are declared on its supertype, not in its own CREATE TYPE.
  const attributes = (ctx.typeAttributes.get(k) ?? []).filter((a) => a.INHERITED !== 'YES').map((a): TypeAttributeDef => {
    const nativeType = catalogNativeType(
      {
        dataType: a.ATTR_TYPE_NAME, modifier: a.ATTR_TYPE_MOD, owner: a.ATTR_TYPE_OWNER, length: a.LENGTH,
        charUsed: a.CHAR_USED, precision: a.PRECISION, scale: a.SCALE,
      },
      t.OWNER,
    )
    return { name: a.ATTR_NAME, nativeType, type: oracleLogicalType(nativeType) }
  })
  return {
    schema: t.OWNER,
    name: t.TYPE_NAME,
    kind: 'object',
    attributes,
    ...(t.SUPERTYPE_NAME ? { under: { schema: t.SUPERTYPE_OWNER ?? t.OWNER, name: t.SUPERTYPE_NAME } } : {}),
    ...(t.FINAL === 'NO' ? { final: false } : {}),
    ...(t.INSTANTIABLE === 'NO' ? { instantiable: false } : {}),
    source,
  }
}

interface StoredSource {
  readonly owner: string
  readonly name: string
  readonly type: string
  readonly text: string
}

/** ALL_SOURCE holds each unit as numbered lines starting `PROCEDURE x …`; rejoined into its CREATE statement. */
function groupSource(rows: OracleCatalogRows): Map<string, StoredSource> {
  const grouped = groupBy([...rows.source].sort((a, b) => a.LINE - b.LINE), (s) => key(s.OWNER, `${s.TYPE}#${s.NAME}`))
  return mapValues(grouped, (lines) => ({
    owner: lines[0]!.OWNER,
    name: lines[0]!.NAME,
    type: lines[0]!.TYPE,
    text: `CREATE OR REPLACE ${lines.map((l) => l.TEXT).join('').trimEnd()}`,
  }))
}

const CODE_KINDS: Readonly<Record<string, CodeObjectDef['kind']>> = {
  FUNCTION: 'function', PROCEDURE: 'procedure', PACKAGE: 'package', 'PACKAGE BODY': 'package-body',
  TRIGGER: 'trigger', 'TYPE BODY': 'type-body',
}

function mapCode(rows: OracleCatalogRows, keep: (owner: string, name: string) => boolean): CodeObjectDef[] {
  const triggers = new Map(rows.triggers.map((t) => [key(t.OWNER, t.TRIGGER_NAME), t]))
  const out: CodeObjectDef[] = []
  for (const s of groupSource(rows).values()) {
    const kind = CODE_KINDS[s.type]
    if (!kind || !keep(s.owner, s.name)) continue
    const trigger = kind === 'trigger' ? triggers.get(key(s.owner, s.name)) : undefined
    out.push({
      schema: s.owner,
      name: s.name,
      kind,
      ...(trigger?.TABLE_NAME ? { table: { schema: trigger.TABLE_OWNER ?? s.owner, name: trigger.TABLE_NAME } } : {}),
      source: { text: s.text },
    })
  }
  return out
}

/** A public synonym belongs to the schema it points into. */
function mapSynonyms(rows: OracleCatalogRows, keep: (owner: string, name: string) => boolean): SynonymDef[] {
  return rows.synonyms
    .filter((s) => keep(s.OWNER === 'PUBLIC' ? (s.TABLE_OWNER ?? '') : s.OWNER, s.SYNONYM_NAME))
    .map((s) => ({
      ...(s.OWNER === 'PUBLIC' ? {} : { schema: s.OWNER }),
      name: s.SYNONYM_NAME,
      public: s.OWNER === 'PUBLIC',
      target: s.TABLE_OWNER ? { schema: s.TABLE_OWNER, name: s.TABLE_NAME } : { name: s.TABLE_NAME },
      ...(s.DB_LINK ? { dbLink: s.DB_LINK } : {}),
    }))
}

/** One row per privilege in the catalog; one grant per object, grantee and grant option in the model. */
function mapGrants(rows: OracleCatalogRows, keep: (owner: string, name: string) => boolean): GrantDef[] {
  const grouped = groupBy(
    rows.tablePrivileges.filter((p) => keep(p.TABLE_SCHEMA, p.TABLE_NAME)),
    (p) => [p.TABLE_SCHEMA, p.TABLE_NAME, p.GRANTEE, p.GRANTABLE].join('\u0000'),
  )
  return [...grouped.values()].map((privs) => {
    const p = privs[0]!
    return {
      privileges: privs.map((x) => x.PRIVILEGE),
      on: { schema: p.TABLE_SCHEMA, name: p.TABLE_NAME },
      to: [p.GRANTEE],
      ...(p.GRANTABLE === 'YES' ? { withGrantOption: true } : {}),
    }
  })
}
