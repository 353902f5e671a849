import type { PartitionDef, PartitioningDef, TableDef } from '../../model/schema.js'
import { pgIdent } from '../../convert/naming.js'
import type { TranslateContext } from '../../convert/translate-context.js'
import { postgresBoundValue } from './partition-bounds.js'
import { namedIdent, note, objectLabel, pgLongIdent, renderObject, type DdlScope } from './postgres-ddl-scope.js'

type Method = 'range' | 'list' | 'hash'

/**
 * `PARTITION BY …` for a partitioned table, or '' when PostgreSQL has no matching method
 * (reference, system partitioning): the table is then created unpartitioned, with an action item.
 */
export function partitionClause(table: TableDef, ctx: TranslateContext): string {
  const p = table.partitioning
  if (!p) return ''
  if (!isPgMethod(p.method)) {
    note(ctx, 'action', 'PARTITIONING_UNSUPPORTED', `${p.method} partitioning has no PostgreSQL equivalent; the table is created unpartitioned`, table.at)
    return ''
  }
  if (p.interval !== undefined || p.automatic) {
    note(
      ctx,
      'warning',
      'INTERVAL_PARTITIONING',
      `${p.interval !== undefined ? `INTERVAL (${p.interval})` : 'AUTOMATIC list partitioning'}: PostgreSQL does not create partitions on demand; the listed partitions and a DEFAULT partition are created — add new partitions ahead of time (e.g. with pg_partman)`,
      table.at,
    )
  }
  return ` PARTITION BY ${p.method.toUpperCase()} (${p.columns.map(pgIdent).join(', ')})`
}

function isPgMethod(m: PartitioningDef['method']): m is Method {
  return m === 'range' || m === 'list' || m === 'hash'
}

/**
 * The partitions of a partitioned table, each a table of its own (`PARTITION OF`). PostgreSQL
 * partitions share the schema's namespace while Oracle's names are per table (SH's SALES and
 * COSTS both have SALES_Q1_1998), so a partition is named `<table>_<partition>`.
 */
export function renderPartitions(scope: DdlScope, table: TableDef, parentSql: string): void {
  const p = table.partitioning
  if (!p || !isPgMethod(p.method)) return
  // Only hash partitions can be made up (PARTITIONS n); a list or range table with none listed (AUTOMATIC) gets the DEFAULT one alone.
  const parts = p.partitions.length > 0 || p.method !== 'hash' ? p.partitions : unnamedHashPartitions(p.count ?? 1)
  const level: Level = { method: p.method, columns: p.columns, parentSql, unnamedPrefix: '', sub: p.subpartitioning }
  renderLevel(scope, table, level, parts)
  const hasDefault = parts.some((part) => part.values?.length === 1 && part.values[0]!.trim().toUpperCase() === 'DEFAULT')
  if (!hasDefault && (p.interval !== undefined || p.automatic || parts.length === 0)) {
    const name = `${table.name}_DEFAULT`
    renderObject(scope, 'pre-data', objectLabel('TABLE', { schema: table.schema, name }), { text: `-- default partition of ${table.name}` }, (ctx) => [
      `CREATE TABLE ${qualified(table, namedIdent(ctx, name, 'partition'))} PARTITION OF ${parentSql} DEFAULT;`,
    ])
  }
}

interface Level {
  readonly method: Method
  readonly columns: readonly string[]
  readonly parentSql: string
  /** Names partitions Oracle left unnamed (hash partitions by count). */
  readonly unnamedPrefix: string
  readonly sub?: PartitioningDef['subpartitioning']
}

function renderLevel(scope: DdlScope, table: TableDef, level: Level, parts: readonly PartitionDef[]): void {
  let previous: readonly string[] | undefined
  parts.forEach((part, i) => {
    const name = `${table.name}_${part.name ?? `${level.unnamedPrefix}P${i + 1}`}`
    const ident = pgLongIdent(name)
    const label = objectLabel('TABLE', { schema: table.schema, name })
    const lower = previous
    previous = part.values
    renderObject(scope, 'pre-data', label, { text: oracleSketch(level.method, part), at: table.at }, (ctx) => {
      if (ident.truncated) note(ctx, 'info', 'NAME_TRUNCATED', `partition name ${name} is longer than 63 bytes; written as ${ident.sql}`)
      const sql = qualified(table, ident.sql)
      const bound = boundSpec(level, part, lower, i, parts.length, scope, ctx)
      const sub = level.sub ? ` PARTITION BY ${level.sub.method.toUpperCase()} (${level.sub.columns.map(pgIdent).join(', ')})` : ''
      return [`CREATE TABLE ${sql} PARTITION OF ${level.parentSql} ${bound}${sub};`]
    })
    if (level.sub) {
      const partName = part.name ?? `P${i + 1}`
      const subParts = part.subpartitions?.length ? part.subpartitions : defaultSubpartitions(level.sub, partName)
      const subLevel: Level = { method: level.sub.method, columns: level.sub.columns, parentSql: qualified(table, ident.sql), unnamedPrefix: `${partName}_` }
      renderLevel(scope, table, subLevel, subParts)
    }
  })
}

function boundSpec(level: Level, part: PartitionDef, lower: readonly string[] | undefined, index: number, count: number, scope: DdlScope, ctx: TranslateContext): string {
  const values = part.values ?? []
  const value = (v: string) => postgresBoundValue(v, scope.translator, ctx)
  if (level.method === 'hash') return `FOR VALUES WITH (MODULUS ${count}, REMAINDER ${index})`
  if (values.length === 1 && values[0]!.trim().toUpperCase() === 'DEFAULT') return 'DEFAULT'
  if (level.method === 'list') return `FOR VALUES IN (${values.map(value).join(', ')})`
  const from = lower ? lower.map(value) : level.columns.map(() => 'MINVALUE')
  return `FOR VALUES FROM (${from.join(', ')}) TO (${values.map(value).join(', ')})`
}

function unnamedHashPartitions(count: number): PartitionDef[] {
  return Array.from({ length: count }, () => ({}))
}

/**
 * Oracle gives a partition without listed subpartitions one that takes every row (a DEFAULT
 * subpartition, or as many hash subpartitions as the template says); PostgreSQL needs it spelled out.
 */
function defaultSubpartitions(sub: NonNullable<PartitioningDef['subpartitioning']>, partName: string): PartitionDef[] {
  if (sub.method === 'hash') return unnamedHashPartitions(sub.count ?? 1).map((_, i) => ({ name: `${partName}_SP${i + 1}` }))
  return [{ name: `${partName}_DEFAULT`, values: ['DEFAULT'] }]
}

function qualified(table: TableDef, ident: string): string {
  return table.schema ? `${pgIdent(table.schema)}.${ident}` : ident
}

/** The partition as Oracle wrote it, to keep when it cannot be rendered. */
function oracleSketch(method: Method, part: PartitionDef): string {
  const values = (part.values ?? []).join(', ')
  const clause = method === 'range' ? `VALUES LESS THAN (${values})` : method === 'list' ? `VALUES (${values})` : ''
  return `PARTITION ${part.name ?? ''} ${clause}`.trim()
}
