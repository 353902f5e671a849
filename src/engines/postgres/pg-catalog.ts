import type pg from 'pg'
import { GodwitError } from '../../core/errors.js'
import { EXIT } from '../../core/exit-codes.js'
import type { LogicalType } from '../../model/logical-type.js'
import { selectsTable } from '../../core/glob.js'

/**
 * PostgreSQL's catalog read as the data phases need it (load, validate): tables with their
 * columns, logical types, keys and size estimates. PostgreSQL is both the target and our
 * stand-in source, so this serves either side.
 */
export interface PgColumn {
  readonly name: string
  /** `format_type()` text, e.g. `numeric(12,2)`: what the column is, exactly, on this server. */
  readonly pgType: string
  readonly typeOid: number
  readonly type: LogicalType
  readonly nullable: boolean
}

export interface PgTableInfo {
  readonly schema: string
  readonly name: string
  readonly columns: readonly PgColumn[]
  readonly primaryKey?: readonly string[]
  readonly uniqueKeys: readonly (readonly string[])[]
  /** pg_class.reltuples: -1 when the table was never analyzed or vacuumed. */
  readonly estimatedRows: number
  readonly totalBytes: number
}

/** Schemas that never hold user data to move or compare. */
const SYSTEM_SCHEMAS = ['pg_catalog', 'information_schema', 'pg_toast', 'godwit']

const TABLES_SQL = `
SELECT n.nspname AS schema, c.relname AS name, c.reltuples::float8 AS reltuples,
       pg_total_relation_size(c.oid)::float8 AS total_bytes,
       (SELECT json_agg(json_build_object('name', a.attname, 'pgType', format_type(a.atttypid, a.atttypmod),
                 'typeOid', a.atttypid::int, 'typname', t.typname, 'typtype', t.typtype, 'typmod', a.atttypmod,
                 'nullable', NOT a.attnotnull) ORDER BY a.attnum)
          FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
         WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns,
       (SELECT json_agg(json_build_object('primary', x.indisprimary,
                 'columns', (SELECT json_agg(a.attname ORDER BY k.ord) FROM unnest(x.indkey) WITH ORDINALITY AS k(attnum, ord)
                               JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum)))
          FROM pg_index x
         WHERE x.indrelid = c.oid AND x.indisunique AND x.indisvalid AND x.indpred IS NULL AND x.indexprs IS NULL) AS keys
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
   AND n.nspname <> ALL ($1::text[]) AND n.nspname NOT LIKE 'pg_temp%'
   AND ($2::text IS NULL OR n.nspname = $2) AND ($3::text IS NULL OR c.relname = $3)
 ORDER BY 1, 2`

interface ColumnRow {
  name: string
  pgType: string
  typeOid: number
  typname: string
  typtype: string
  typmod: number
  nullable: boolean
}

interface TableRow {
  schema: string
  name: string
  reltuples: number
  total_bytes: number
  columns: ColumnRow[] | null
  keys: { primary: boolean; columns: string[] }[] | null
}

/** User tables (partitioned parents, not their partitions) whose `schema.table` matches a glob; all when none is given. */
export async function listPgTables(client: pg.ClientBase, patterns: readonly string[] = []): Promise<PgTableInfo[]> {
  const { rows } = await client.query<TableRow>(TABLES_SQL, [SYSTEM_SCHEMAS, null, null])
  return rows.map(toTableInfo).filter((t) => selectsTable(t.schema, t.name, patterns))
}

export class PgTableNotFoundError extends GodwitError {
  constructor(schema: string, name: string, exitCode: typeof EXIT.source | typeof EXIT.target) {
    super('TABLE_NOT_FOUND', `table ${schema}.${name} does not exist`, exitCode, {
      object: `${schema}.${name}`,
      hint: exitCode === EXIT.target ? 'Create it first: godwit convert, then apply the generated SQL (or load --create).' : 'Check the table name and the source URL.',
    })
  }
}

/** One table by its stored (case-exact) schema and name; `side` says which exit code a missing table gets. */
export async function readPgTable(client: pg.ClientBase, schema: string, name: string, side: 'source' | 'target' = 'source'): Promise<PgTableInfo> {
  const { rows } = await client.query<TableRow>(TABLES_SQL, [SYSTEM_SCHEMAS, schema, name])
  if (rows.length === 0) throw new PgTableNotFoundError(schema, name, side === 'source' ? EXIT.source : EXIT.target)
  return toTableInfo(rows[0]!)
}

/** The key to chunk or segment by: the primary key, else the first unique key whose columns are all NOT NULL. */
export function usableKey(t: PgTableInfo): readonly string[] | undefined {
  if (t.primaryKey) return t.primaryKey
  const notNull = new Set(t.columns.filter((c) => !c.nullable).map((c) => c.name))
  return t.uniqueKeys.find((k) => k.every((c) => notNull.has(c)))
}

function toTableInfo(r: TableRow): PgTableInfo {
  const keys = r.keys ?? []
  const primary = keys.find((k) => k.primary)
  return {
    schema: r.schema,
    name: r.name,
    columns: (r.columns ?? []).map((c) => ({ name: c.name, pgType: c.pgType, typeOid: c.typeOid, type: logicalTypeOf(c), nullable: c.nullable })),
    primaryKey: primary?.columns,
    uniqueKeys: keys.filter((k) => !k.primary).map((k) => k.columns),
    estimatedRows: r.reltuples,
    totalBytes: r.total_bytes,
  }
}

/** Interval typmod range bits (PostgreSQL's datetime.h): MONTH = 1 << 1, YEAR = 1 << 2. */
const YEAR_MONTH_RANGES = new Set([1 << 1, 1 << 2, (1 << 1) | (1 << 2)])

/**
 * The engine-neutral type of a PostgreSQL column, from its type name and typmod (the numbers
 * format_type() renders). Types outside the logical set (uuid, arrays…) are `unsupported`:
 * the load can still pass them through unchanged when both sides agree.
 */
export function logicalTypeOf(c: Pick<ColumnRow, 'typname' | 'typtype' | 'typmod' | 'pgType'>): LogicalType {
  const mod = c.typmod
  switch (c.typname) {
    case 'int2': return { kind: 'int', bytes: 2 }
    case 'int4': return { kind: 'int', bytes: 4 }
    case 'int8': return { kind: 'int', bytes: 8 }
    case 'numeric':
      return mod < 0 ? { kind: 'decimal' } : { kind: 'decimal', precision: ((mod - 4) >> 16) & 0xffff, scale: (mod - 4) & 0xffff }
    case 'float4': return { kind: 'float', bytes: 4 }
    case 'float8': return { kind: 'float', bytes: 8 }
    case 'bpchar': return { kind: 'text', fixed: true, maxChars: mod < 0 ? undefined : mod - 4 }
    case 'varchar': return { kind: 'text', fixed: false, maxChars: mod < 0 ? undefined : mod - 4 }
    case 'text': return { kind: 'text', fixed: false }
    case 'bytea': return { kind: 'binary' }
    case 'date': return { kind: 'date' }
    case 'timestamp': return { kind: 'timestamp', tz: 'none', precision: mod < 0 ? undefined : mod }
    case 'timestamptz': return { kind: 'timestamp', tz: 'utc', precision: mod < 0 ? undefined : mod }
    case 'time': return { kind: 'time', tz: false, precision: mod < 0 ? undefined : mod }
    case 'timetz': return { kind: 'time', tz: true, precision: mod < 0 ? undefined : mod }
    case 'interval': {
      const range = mod < 0 ? 0x7fff : (mod >> 16) & 0x7fff
      const precision = mod < 0 || (mod & 0xffff) === 0xffff ? undefined : mod & 0xffff
      return YEAR_MONTH_RANGES.has(range) ? { kind: 'interval', fields: 'year-month' } : { kind: 'interval', fields: 'day-second', precision }
    }
    case 'bool': return { kind: 'boolean' }
    case 'json':
    case 'jsonb': return { kind: 'json' }
    case 'xml': return { kind: 'xml' }
    default:
      return c.typtype === 'e' || c.typtype === 'c' || c.typtype === 'd'
        ? { kind: 'user-defined', name: c.typname }
        : { kind: 'unsupported', native: c.pgType }
  }
}
