import pg from 'pg'
import type { CdcCheckpoint } from '../postgres/control-schema-cdc.js'
import type { TargetTableMap } from '../postgres/pg-change-apply.js'

/**
 * The SQL of CDC apply on Redshift (src/engines/redshift/redshift-apply.ts): per table, a batch's
 * net changes are staged into a temporary table by multi-row INSERT, then applied set-based by
 * DELETE … USING and INSERT … SELECT, and the checkpoint row is written in the same transaction.
 *
 * Why DELETE + INSERT and not MERGE: Redshift's MERGE takes one WHEN MATCHED action (UPDATE or
 * DELETE, not both), so deletes need their own statement anyway; it fails when a target row
 * matches several source rows, and Redshift does not enforce primary keys, so a table that holds
 * a duplicated key (a retried load) would stop the stream — DELETE + INSERT removes every copy and
 * writes one. It is also plain SQL PostgreSQL runs, so it is tested here for real.
 *
 * Redshift rules followed: TRUNCATE commits the open transaction, so the stage is emptied and a
 * source TRUNCATE applied with DELETE; no ON CONFLICT (the checkpoint is UPDATE, then INSERT when
 * no row was there); no ctid; no OVERRIDING SYSTEM VALUE; a statement takes at most 32,767
 * parameters.
 */

const q = (s: string): string => pg.escapeIdentifier(s)

/** The stage's alias in statements that also name the target table. */
const S = 'gw_s'

/** Bind parameters per statement: the protocol's 16-bit count. */
const MAX_PARAMS = 32_767
/** Rows per multi-row INSERT, whatever the width: keeps one statement's bind message to a few MB. */
const MAX_ROWS_PER_INSERT = 2_000

export interface Statement {
  readonly text: string
  readonly values: readonly (string | null)[]
}

export const CHECKPOINT_TABLE = 'godwit.cdc_target_checkpoint'

/** The checkpoint in the target: types and syntax both Redshift and PostgreSQL accept. */
export const CHECKPOINT_DDL = [
  'CREATE SCHEMA IF NOT EXISTS godwit',
  `CREATE TABLE IF NOT EXISTS ${CHECKPOINT_TABLE} (
  stream_id      BIGINT NOT NULL,
  position       VARCHAR(64) NOT NULL,
  commit_time    TIMESTAMPTZ,
  tx_id          VARCHAR(64),
  partial_tx     VARCHAR(64),
  partial_events BIGINT NOT NULL,
  events         BIGINT NOT NULL,
  transactions   BIGINT NOT NULL,
  updated_at     TIMESTAMPTZ NOT NULL,
  restart_position VARCHAR(64),
  PRIMARY KEY (stream_id)
)`,
]

export function targetRef(t: TargetTableMap): string {
  return `${q(t.targetSchema)}.${q(t.targetName)}`
}

/** The target's columns a key column maps to, in key order. */
export function keyTargets(t: TargetTableMap): string[] {
  return (t.key ?? []).map((k) => t.columns.find((c) => c.source === k)!.target)
}

/** An empty temporary twin of the target with the apply's bookkeeping columns (op, patch group). */
export function createStageSql(stage: string, t: TargetTableMap): string {
  const cols = t.columns.map((c) => q(c.target)).join(', ')
  return `CREATE TEMP TABLE ${stage} AS SELECT CAST(NULL AS CHAR(1)) AS gw_op, CAST(NULL AS INTEGER) AS gw_grp, ${cols} FROM ${targetRef(t)} WHERE 1 = 0`
}

/** Empties the stage inside the transaction (TRUNCATE would commit it on Redshift). */
export function clearStageSql(stage: string): string {
  return `DELETE FROM ${stage}`
}

/**
 * One staged row: its op (keyed tables: D delete, U upsert, P patch; keyless tables: X delete one
 * equal row, I insert), patch group, then the target columns in order.
 */
export interface StagedRow {
  readonly op: 'D' | 'U' | 'P' | 'X' | 'I'
  readonly group: number
  readonly values: readonly (string | null)[]
}

/** Multi-row INSERTs of the staged rows, as few statements as the parameter limit allows. */
export function stageInserts(stage: string, t: TargetTableMap, rows: readonly StagedRow[]): Statement[] {
  const width = t.columns.length + 2
  const perStatement = Math.max(1, Math.min(MAX_ROWS_PER_INSERT, Math.floor(MAX_PARAMS / width)))
  const cols = ['gw_op', 'gw_grp', ...t.columns.map((c) => c.target)].map(q).join(', ')
  const out: Statement[] = []
  for (let i = 0; i < rows.length; i += perStatement) {
    const values: (string | null)[] = []
    const tuples = rows.slice(i, i + perStatement).map((r) => {
      const base = values.length
      values.push(r.op, String(r.group), ...r.values)
      return `(${Array.from({ length: width }, (_, j) => `$${base + j + 1}`).join(', ')})`
    })
    out.push({ text: `INSERT INTO ${stage} (${cols}) VALUES ${tuples.join(', ')}`, values })
  }
  return out
}

function keyMatch(t: TargetTableMap): string {
  return keyTargets(t)
    .map((k) => `${q(t.targetName)}.${q(k)} = ${S}.${q(k)}`)
    .join(' AND ')
}

/**
 * Removes every target row whose key is deleted or upserted in the batch — all copies, since
 * Redshift may hold a key twice. The target is referenced by its bare table name: Redshift's
 * DELETE takes no alias.
 */
export function deleteStagedKeysSql(stage: string, t: TargetTableMap): string {
  return `DELETE FROM ${targetRef(t)} USING ${stage} ${S} WHERE ${S}.gw_op IN ('D', 'U') AND ${keyMatch(t)}`
}

/** The staged rows of one op written to the target: upserts (after their keys were deleted), or a keyless table's inserts. */
export function insertStagedSql(stage: string, t: TargetTableMap, op: 'U' | 'I'): string {
  const cols = t.columns.map((c) => q(c.target)).join(', ')
  return `INSERT INTO ${targetRef(t)} (${cols}) SELECT ${cols} FROM ${stage} WHERE gw_op = '${op}'`
}

/** An UPDATE of the columns one patch group knows (the others were not sent: unchanged TOAST). */
export function patchSql(stage: string, t: TargetTableMap, group: number, targetColumns: readonly string[]): string {
  const set = targetColumns.map((c) => `${q(c)} = ${S}.${q(c)}`).join(', ')
  return `UPDATE ${targetRef(t)} SET ${set} FROM ${stage} ${S} WHERE ${S}.gw_op = 'P' AND ${S}.gw_grp = ${Math.trunc(group)} AND ${keyMatch(t)}`
}

/** An empty temporary twin of a keyless target: the copies of the rows a batch deletes from, kept aside. */
export function createKeptSql(kept: string, t: TargetTableMap): string {
  return `CREATE TEMP TABLE ${kept} AS SELECT ${t.columns.map((c) => q(c.target)).join(', ')} FROM ${targetRef(t)} WHERE 1 = 0`
}

/** All columns equal, NULL equal to NULL: how identical rows of a keyless table are found. */
function sameRow(t: TargetTableMap, a: string, b: string): string {
  return t.columns.map((c) => `(${a}.${q(c.target)} = ${b}.${q(c.target)} OR (${a}.${q(c.target)} IS NULL AND ${b}.${q(c.target)} IS NULL))`).join(' AND ')
}

/**
 * Deleting exactly n of m identical rows, without a row address (Redshift has no ctid), in four
 * set-based statements: keep aside every copy of each deleted row, delete them all, count the
 * deletions the target cannot serve (must be 0), put back m − n copies.
 */
export function keylessDeleteSql(stage: string, kept: string, t: TargetTableMap): { keep: string; remove: string; missing: string; restore: string } {
  const cols = t.columns.map((c) => q(c.target)).join(', ')
  const colsOf = (alias: string): string => t.columns.map((c) => `${alias}.${q(c.target)}`).join(', ')
  const target = q(t.targetName)
  const deleted = `(SELECT ${cols}, COUNT(*) AS gw_n FROM ${stage} WHERE gw_op = 'X' GROUP BY ${cols})`
  return {
    keep: `INSERT INTO ${kept} (${cols}) SELECT ${colsOf('t')} FROM ${targetRef(t)} t JOIN (SELECT DISTINCT ${cols} FROM ${stage} WHERE gw_op = 'X') ${S} ON ${sameRow(t, 't', S)}`,
    remove: `DELETE FROM ${targetRef(t)} USING ${stage} ${S} WHERE ${S}.gw_op = 'X' AND ${sameRow(t, target, S)}`,
    missing: `SELECT COALESCE(SUM(d.gw_n - COALESCE(k.gw_m, 0)), 0) AS missing FROM ${deleted} d LEFT JOIN (SELECT ${cols}, COUNT(*) AS gw_m FROM ${kept} GROUP BY ${cols}) k ON ${sameRow(t, 'd', 'k')} WHERE COALESCE(k.gw_m, 0) < d.gw_n`,
    restore: `INSERT INTO ${targetRef(t)} (${cols}) SELECT ${colsOf('k')} FROM (SELECT ${cols}, ROW_NUMBER() OVER (PARTITION BY ${cols} ORDER BY ${cols}) AS gw_rn FROM ${kept}) k JOIN ${deleted} d ON ${sameRow(t, 'k', 'd')} WHERE k.gw_rn > d.gw_n`,
  }
}

/** A source TRUNCATE: DELETE, which stays inside the transaction (identity counters are not reset). */
export function truncateSql(t: TargetTableMap): string {
  return `DELETE FROM ${targetRef(t)}`
}

/** A key-changing update whose new row is incomplete: the row moves in place. */
export function moveSql(t: TargetTableMap, values: Readonly<Record<string, string | null>>, oldKey: Readonly<Record<string, string | null>>): Statement {
  const set = t.columns.filter((c) => c.source in values)
  const key = t.key ?? []
  const where = key.map((k, i) => `${q(t.columns.find((c) => c.source === k)!.target)} = $${set.length + i + 1}`)
  return {
    text: `UPDATE ${targetRef(t)} SET ${set.map((c, i) => `${q(c.target)} = $${i + 1}`).join(', ')} WHERE ${where.join(' AND ')}`,
    values: [...set.map((c) => values[c.source] ?? null), ...key.map((k) => oldKey[k] ?? null)],
  }
}

export interface CheckpointRow extends CdcCheckpoint {
  readonly streamId: number
  readonly at: Date
}

function checkpointValues(c: CheckpointRow): (string | null)[] {
  return [String(c.streamId), c.position, c.commitTime?.toISOString() ?? null, c.txId ?? null, c.partialTx ?? null, String(c.partialEvents), String(c.events), String(c.transactions), c.at.toISOString(), c.restartPosition ?? null]
}

/** UPDATE first; when it touched no row (the stream's first batch) the caller runs checkpointInsert. */
export function checkpointUpdate(c: CheckpointRow): Statement {
  return {
    text: `UPDATE ${CHECKPOINT_TABLE} SET position = $2, commit_time = CAST($3 AS TIMESTAMPTZ), tx_id = $4, partial_tx = $5, partial_events = CAST($6 AS BIGINT), events = CAST($7 AS BIGINT), transactions = CAST($8 AS BIGINT), updated_at = CAST($9 AS TIMESTAMPTZ), restart_position = $10 WHERE stream_id = CAST($1 AS BIGINT)`,
    values: checkpointValues(c),
  }
}

export function checkpointInsert(c: CheckpointRow): Statement {
  return {
    text: `INSERT INTO ${CHECKPOINT_TABLE} (stream_id, position, commit_time, tx_id, partial_tx, partial_events, events, transactions, updated_at, restart_position) VALUES (CAST($1 AS BIGINT), $2, CAST($3 AS TIMESTAMPTZ), $4, $5, CAST($6 AS BIGINT), CAST($7 AS BIGINT), CAST($8 AS BIGINT), CAST($9 AS TIMESTAMPTZ), $10)`,
    values: checkpointValues(c),
  }
}

export const CHECKPOINT_SELECT = `SELECT position, commit_time, tx_id, partial_tx, partial_events, events, transactions, restart_position FROM ${CHECKPOINT_TABLE} WHERE stream_id = CAST($1 AS BIGINT)`
