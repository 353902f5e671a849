import type pg from 'pg'
import type { LoadColumn } from '../../load/load-source.js'
import type { TargetTable } from '../../load/load-target.js'
import type { SourceTable } from '../../load/source-engine.js'
import type { LogicalType } from '../../model/logical-type.js'
import { pgTargetType } from '../../values/pg-target-type.js'
import { REDSHIFT_MAX_VARBYTE_BYTES, REDSHIFT_MAX_VARCHAR_BYTES, type CsvColumn } from './redshift-csv-values.js'

/** A column row of SVV_COLUMNS (Redshift's information_schema.columns, which also covers late-binding and external tables). */
export interface RedshiftColumnRow {
  readonly column_name: string
  readonly data_type: string
  readonly character_maximum_length: number | null
  readonly numeric_precision: number | null
  readonly numeric_scale: number | null
  readonly is_nullable: string
}

const COLUMNS_SQL = `SELECT column_name, data_type, character_maximum_length, numeric_precision, numeric_scale, is_nullable
  FROM svv_columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`

/** The type text of a column row, as format_type() would write it (`character varying(300)`, `numeric(38,2)`). */
export function redshiftTypeText(r: RedshiftColumnRow): string {
  const t = r.data_type.toLowerCase()
  if ((t === 'character varying' || t === 'character' || t === 'binary varying' || t === 'varbyte') && r.character_maximum_length) {
    return `${t === 'binary varying' ? 'varbyte' : t}(${r.character_maximum_length})`
  }
  if (t === 'numeric' && r.numeric_precision) return `numeric(${r.numeric_precision},${r.numeric_scale ?? 0})`
  return t
}

/** The encoder's view of a Redshift column type: lengths in bytes (VARCHAR(n) holds n bytes, not characters). */
export function redshiftCsvColumn(c: Pick<LoadColumn, 'targetName' | 'pgType'>): CsvColumn {
  const text = c.pgType.trim().toLowerCase()
  const n = /\((\d+)\)/.exec(text)?.[1]
  const base = text.replace(/\(.*$/, '').trim()
  const column = { name: c.targetName, typeName: c.pgType }
  switch (base) {
    case 'super':
      return { ...column, type: { kind: 'json' }, maxBytes: REDSHIFT_MAX_VARCHAR_BYTES }
    case 'varbyte':
    case 'varbinary':
    case 'binary varying':
      return { ...column, type: { kind: 'binary' }, maxBytes: n ? Number(n) : REDSHIFT_MAX_VARBYTE_BYTES }
    case 'character varying':
    case 'varchar':
    case 'nvarchar':
    case 'text':
      // Redshift's TEXT is VARCHAR(256).
      return { ...column, type: { kind: 'text', fixed: false }, maxBytes: n ? Number(n) : base === 'text' ? 256 : REDSHIFT_MAX_VARCHAR_BYTES }
    case 'character':
    case 'char':
    case 'nchar':
    case 'bpchar':
      return { ...column, type: { kind: 'text', fixed: true }, maxBytes: n ? Number(n) : 1 }
    default:
      return { ...column, type: pgTargetType(c.pgType) }
  }
}

/**
 * The widest Redshift type of each logical kind: what `--stage-only` checks values against when
 * no cluster is connected to read the real columns from (the DDL's own choices are narrower).
 */
export function stagedTypeText(t: LogicalType): string {
  switch (t.kind) {
    case 'int':
      return t.bytes === 8 ? 'bigint' : t.bytes === 4 ? 'integer' : 'smallint'
    case 'decimal':
      return t.precision ? `numeric(${t.precision},${t.scale ?? 0})` : 'numeric'
    case 'float':
      return t.bytes === 4 ? 'real' : 'double precision'
    case 'json':
      return 'super'
    case 'binary':
      return `varbyte(${REDSHIFT_MAX_VARBYTE_BYTES})`
    case 'boolean':
      return 'boolean'
    case 'date':
      return 'date'
    case 'timestamp':
      return t.tz === 'none' ? 'timestamp without time zone' : 'timestamp with time zone'
    case 'time':
      return t.tz ? 'time with time zone' : 'time without time zone'
    case 'text':
    case 'clob':
    case 'xml':
    case 'rowid':
    case 'interval':
    case 'user-defined':
    case 'unsupported':
      return `character varying(${REDSHIFT_MAX_VARCHAR_BYTES})`
  }
}

/** `--stage-only`: the target table a source table becomes in Redshift, named as Redshift folds names (lower case). */
export function stagedTable(s: SourceTable): TargetTable {
  return {
    schema: s.schema.toLowerCase(),
    name: s.name.toLowerCase(),
    columns: s.columns.map((c) => ({ name: c.name.toLowerCase(), pgType: stagedTypeText(c.type), typeOid: 0, type: c.type, nullable: true })),
    uniqueKeys: [],
    estimatedRows: -1,
    totalBytes: 0,
  }
}

export function tableOfColumns(schema: string, name: string, rows: readonly RedshiftColumnRow[]): TargetTable {
  return {
    schema,
    name,
    columns: rows.map((r) => {
      const pgType = redshiftTypeText(r)
      return { name: r.column_name, pgType, typeOid: 0, type: redshiftCsvColumn({ targetName: r.column_name, pgType }).type, nullable: r.is_nullable === 'YES' }
    }),
    uniqueKeys: [],
    estimatedRows: -1,
    totalBytes: 0,
  }
}

/** The table as the cluster has it, or undefined when it has none of that name. */
export async function readRedshiftTable(c: pg.ClientBase, schema: string, name: string): Promise<TargetTable | undefined> {
  const r = await c.query<RedshiftColumnRow>(COLUMNS_SQL, [schema, name])
  return r.rows.length === 0 ? undefined : tableOfColumns(schema, name, r.rows)
}

/** Whether the table has an IDENTITY column (its default is Redshift's `"identity"(…)` call). */
export async function hasIdentityColumn(c: pg.ClientBase, schema: string, name: string): Promise<boolean> {
  const r = await c.query(`SELECT 1 FROM svv_columns WHERE table_schema = $1 AND table_name = $2 AND column_default LIKE '"identity"%' LIMIT 1`, [schema, name])
  return (r.rowCount ?? 0) > 0
}

/** The cluster's slice count: COPY reads one file per slice at a time, so parts come in multiples of it. */
export async function readSliceCount(c: pg.ClientBase): Promise<number> {
  const r = await c.query<{ n: string }>('SELECT count(*) AS n FROM stv_slices')
  return Math.max(1, Number(r.rows[0]?.n ?? 1))
}
