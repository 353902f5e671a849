import type { LogicalType } from '../../model/logical-type.js'
import { teradataName } from './teradata-catalog-queries.js'
import { selectExpression, tableRef, type TeradataStatement } from './teradata-extract-sql.js'

/**
 * The SQL of Teradata change capture. Teradata has no public log reader, so godwit offers two
 * modes, each a query per table per poll (docs/teradata-data.md, "Change capture"):
 *
 * - watermark: rows whose last-modified column is at or past the highest value already applied
 *   (`>=`, so rows stamped with that same value but committed after the previous poll are not
 *   lost; rows already sent with the same key and value are dropped in Node) and older than the
 *   source clock minus a settle time (a row stamped at statement start may commit later).
 *   Deletes are invisible unless rows are deleted softly.
 * - change table: statement triggers godwit creates write the keys of changed rows into
 *   `godwit_chg_<table>`; a poll claims the unclaimed rows with its poll number, reads the
 *   claimed keys joined to the table's current rows (a key with no row is a delete), and the
 *   rows are deleted once the target has applied that poll.
 */

export interface CaptureColumn {
  readonly name: string
  readonly type: LogicalType
}

export interface CaptureTable {
  readonly schema: string
  readonly name: string
  readonly columns: readonly CaptureColumn[]
  readonly key: readonly string[]
}

/** A table as its change table is made for it: with the catalog's type text of each column. */
export interface ChangeTableSource extends CaptureTable {
  /** Teradata type text, for the change table's key columns (`INTEGER`, `VARCHAR(20) CHARACTER SET UNICODE`). */
  readonly columns: readonly (CaptureColumn & { readonly nativeType: string })[]
}

export interface WatermarkOptions {
  readonly column: string
  /** Rows newer than the source clock minus this are left for the next poll. */
  readonly settleSeconds: number
  /** Re-read this far behind the watermark (clock skew between writers, long transactions). */
  readonly lookbackSeconds: number
  /** A condition on the row that marks it deleted (soft deletes), e.g. `"is_deleted" = 'Y'`. */
  readonly deletedWhen?: string
}

const WATERMARK_FORMAT = "'YYYY-MM-DD HH24:MI:SS.FF6'"

/** The watermark column as text; a zoned column as its UTC instant. */
export function watermarkText(column: string, type: LogicalType, qualifier?: string): string {
  const c = qualifier ? `${qualifier}.${teradataName(column)}` : teradataName(column)
  if (type.kind === 'timestamp') return type.tz === 'none' ? `TO_CHAR(${c}, ${WATERMARK_FORMAT})` : `TO_CHAR((${c} AT TIME ZONE INTERVAL '00:00' HOUR TO MINUTE), ${WATERMARK_FORMAT})`
  if (type.kind === 'date') return `TO_CHAR(${c}, 'YYYY-MM-DD')`
  throw new RangeError(`watermark column ${column} must be a TIMESTAMP or DATE, not ${type.kind}`)
}

/** A watermark text bound back as the column's type. */
function watermarkBound(type: LogicalType): string {
  if (type.kind === 'date') return `CAST(? AS DATE FORMAT 'YYYY-MM-DD')`
  return type.kind === 'timestamp' && type.tz !== 'none' ? `CAST(? || '+00:00' AS TIMESTAMP(6) WITH TIME ZONE)` : 'CAST(? AS TIMESTAMP(6))'
}

/**
 * One poll of a watermark table: its rows (select list in column order), then the watermark
 * text, then 1 where the row is soft-deleted. Without a previous watermark (first poll after a
 * load) `from` is the load's start.
 */
export function watermarkQuery(t: CaptureTable, o: WatermarkOptions, from: string): TeradataStatement {
  const mark = t.columns.find((c) => c.name === o.column)
  if (!mark) throw new RangeError(`${t.schema}.${t.name} has no watermark column ${o.column}`)
  const m = teradataName(o.column)
  const lookback = Math.max(0, Math.trunc(o.lookbackSeconds))
  const settle = Math.max(0, Math.trunc(o.settleSeconds))
  const lower = lookback > 0 ? `${watermarkBound(mark.type)} - INTERVAL '${lookback}' SECOND(4)` : watermarkBound(mark.type)
  const list = t.columns.map((c) => selectExpression(c.name, c.type)).join(', ')
  const deleted = o.deletedWhen ? `CASE WHEN ${o.deletedWhen} THEN 1 ELSE 0 END` : '0'
  return {
    sql:
      `SELECT ${list}, ${watermarkText(o.column, mark.type)}, ${deleted} FROM ${tableRef(t.schema, t.name)} ` +
      `WHERE ${m} >= ${lower} AND ${m} < CURRENT_TIMESTAMP(6) - INTERVAL '${settle}' SECOND(4)`,
    params: [from],
  }
}

/** Teradata names are at most 128 characters: a long table name is cut and made unique with a hash of the whole. */
export function changeTableName(table: string): string {
  const name = `godwit_chg_${table}`
  if (name.length <= 128) return name
  let h = 0
  for (const ch of table) h = (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0
  return `${name.slice(0, 119)}_${h.toString(16).padStart(8, '0')}`
}

function triggerName(kind: 'ins' | 'upd' | 'del', table: string): string {
  return changeTableName(table).replace(/^godwit_chg_/, `godwit_${kind}_`)
}

/** The change table and its three statement triggers, for the user (or `godwit cdc --setup`) to run. */
export function changeTableDdl(t: ChangeTableSource): string[] {
  const keyCols = t.key.map((k) => {
    const c = t.columns.find((x) => x.name === k)
    if (!c) throw new RangeError(`${t.schema}.${t.name}: key column ${k} is not a column`)
    return c
  })
  if (keyCols.length === 0) throw new RangeError(`${t.schema}.${t.name} has no key: change-table capture re-reads rows by key`)
  const chg = tableRef(t.schema, changeTableName(t.name))
  const base = tableRef(t.schema, t.name)
  const keys = keyCols.map((c) => teradataName(c.name)).join(', ')
  const insert = (op: string, from: string) => `INSERT INTO ${chg} (godwit_op, ${keys}) SELECT '${op}', ${keys} FROM ${from};`
  return [
    `CREATE MULTISET TABLE ${chg}, NO FALLBACK (\n` +
      `  godwit_seq BIGINT GENERATED ALWAYS AS IDENTITY (START WITH 1 INCREMENT BY 1 NO CYCLE),\n` +
      `  godwit_op CHAR(1) CHARACTER SET LATIN NOT NULL,\n` +
      `  godwit_at TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP(6) NOT NULL,\n` +
      `  godwit_poll BIGINT,\n` +
      keyCols.map((c) => `  ${teradataName(c.name)} ${c.nativeType} NOT NULL`).join(',\n') +
      `\n) PRIMARY INDEX (${keys})`,
    `CREATE TRIGGER ${tableRef(t.schema, triggerName('ins', t.name))} AFTER INSERT ON ${base} REFERENCING NEW_TABLE AS nt FOR EACH STATEMENT (${insert('I', 'nt')})`,
    // Old and new keys both: a key-changing update deletes the old key and upserts the new one.
    `CREATE TRIGGER ${tableRef(t.schema, triggerName('upd', t.name))} AFTER UPDATE ON ${base} REFERENCING OLD_TABLE AS ot NEW_TABLE AS nt FOR EACH STATEMENT (${insert('U', 'ot')} ${insert('U', 'nt')})`,
    `CREATE TRIGGER ${tableRef(t.schema, triggerName('del', t.name))} AFTER DELETE ON ${base} REFERENCING OLD_TABLE AS ot FOR EACH STATEMENT (${insert('D', 'ot')})`,
  ]
}

/** What removes them again (after cutover, or when capture is abandoned). */
export function changeTableDropDdl(t: Pick<CaptureTable, 'schema' | 'name'>): string[] {
  return [
    ...(['ins', 'upd', 'del'] as const).map((k) => `DROP TRIGGER ${tableRef(t.schema, triggerName(k, t.name))}`),
    `DROP TABLE ${tableRef(t.schema, changeTableName(t.name))}`,
  ]
}

/**
 * Claims for poll `poll` the rows no poll has taken, and (`reclaimAfter`, on the first poll
 * after a restart) the rows polls after the last applied one claimed but never got applied.
 * Waits for writers (no ACCESS lock): a trigger's row is visible only once its transaction commits.
 */
export function claimChangesStatement(t: Pick<CaptureTable, 'schema' | 'name'>, poll: bigint, reclaimAfter?: bigint): TeradataStatement {
  const table = tableRef(t.schema, changeTableName(t.name))
  if (reclaimAfter === undefined) return { sql: `UPDATE ${table} SET godwit_poll = ? WHERE godwit_poll IS NULL`, params: [poll.toString()] }
  return { sql: `UPDATE ${table} SET godwit_poll = ? WHERE godwit_poll IS NULL OR godwit_poll > ?`, params: [poll.toString(), reclaimAfter.toString()] }
}

/**
 * The claimed keys joined to the table's current rows: the key (from the change table), the
 * row (NULLs when it is gone), and 1 when it exists. The base table is read with a READ lock so
 * a row is seen only committed.
 */
export function claimedRowsQuery(t: CaptureTable, poll: bigint): TeradataStatement {
  const keyCols = t.key.map((k) => t.columns.find((c) => c.name === k)!)
  const join = keyCols.map((c) => `r.${teradataName(c.name)} = c.${teradataName(c.name)}`).join(' AND ')
  const keyList = keyCols.map((c) => selectExpression(c.name, c.type, 'c')).join(', ')
  const rowList = t.columns.map((c) => selectExpression(c.name, c.type, 'r')).join(', ')
  const distinctKeys = keyCols.map((c) => teradataName(c.name)).join(', ')
  return {
    sql:
      `SELECT ${keyList}, ${rowList}, CASE WHEN r.${teradataName(keyCols[0]!.name)} IS NULL THEN 0 ELSE 1 END ` +
      `FROM (SELECT DISTINCT ${distinctKeys} FROM ${tableRef(t.schema, changeTableName(t.name))} WHERE godwit_poll = ?) AS c ` +
      `LEFT JOIN ${tableRef(t.schema, t.name)} AS r ON ${join}`,
    params: [poll.toString()],
  }
}

/** One row when the table's change table exists. */
export function changeTablePresentQuery(t: Pick<CaptureTable, 'schema' | 'name'>): TeradataStatement {
  return { sql: `SELECT TableName FROM DBC.TablesV WHERE DatabaseName = ? AND TableName = ?`, params: [t.schema, changeTableName(t.name)] }
}

/** Removes the rows of polls the target has applied. */
export function purgeChangesStatement(t: Pick<CaptureTable, 'schema' | 'name'>, applied: bigint): TeradataStatement {
  return { sql: `DELETE FROM ${tableRef(t.schema, changeTableName(t.name))} WHERE godwit_poll <= ?`, params: [applied.toString()] }
}
