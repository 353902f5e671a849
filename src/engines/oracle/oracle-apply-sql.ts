import type { CdcCheckpoint } from '../postgres/control-schema-cdc.js'
import type { TargetTableMap } from '../postgres/pg-change-apply.js'
import { bindExpression, columnRef, type OracleApplyColumn } from './oracle-apply-values.js'
import { quoteQualified } from './oracle-cutover-sql.js'
import type { DriverBindValue } from './oracle-driver.js'

/**
 * The SQL of CDC apply into Oracle (cdc --reverse, src/engines/oracle/oracle-apply.ts). Per batch
 * one transaction: SET CONSTRAINTS ALL DEFERRED, then per table deletes by key, upserts as an
 * UPDATE by key followed by an INSERT of the keys it did not find, updates of the known columns
 * by key, and last the checkpoint MERGE — all DML, nothing that commits on its own (Oracle's
 * TRUNCATE and DDL do: a source TRUNCATE becomes DELETE). Statements that run per row go
 * through executeMany, one round trip for the table's rows.
 *
 * Why UPDATE-then-INSERT and not DELETE + INSERT as on Redshift: the old source keeps its
 * foreign keys, and deleting a parent row that has children fails (ORA-02292) or cascades.
 */

export type OracleBinds = Record<string, DriverBindValue>

export interface OracleApplyStatement {
  readonly sql: string
  /** Bind name → the column whose value it takes (`c<i>`: the table's i-th column). */
  readonly binds: readonly { readonly name: string; readonly column: OracleApplyColumn }[]
}

/** A target table resolved against the Oracle dictionary: its columns in map order, its key. */
export interface OracleApplyTable {
  readonly map: TargetTableMap
  /** Same order as map.columns. */
  readonly columns: readonly OracleApplyColumn[]
  /** Indexes into columns; undefined for a keyless table. */
  readonly key?: readonly number[]
}

export const CHECKPOINT_TABLE = 'GODWIT_CDC_CHECKPOINT'

/** Whether the checkpoint table is there, in the connected user's schema. */
export const CHECKPOINT_EXISTS = `SELECT TABLE_NAME FROM USER_TABLES WHERE TABLE_NAME = '${CHECKPOINT_TABLE}'`

/**
 * The checkpoint in the Oracle schema godwit connects as (docs/cdc.md, "Into Oracle"). Created
 * when missing; a DBA may create it beforehand with exactly this statement.
 */
export const CHECKPOINT_DDL = `CREATE TABLE ${CHECKPOINT_TABLE} (
  STREAM_ID        NUMBER(19) NOT NULL,
  POSITION         VARCHAR2(64) NOT NULL,
  COMMIT_TIME      TIMESTAMP(6) WITH TIME ZONE,
  TX_ID            VARCHAR2(64),
  PARTIAL_TX       VARCHAR2(64),
  PARTIAL_EVENTS   NUMBER(19) NOT NULL,
  EVENTS           NUMBER(19) NOT NULL,
  TRANSACTIONS     NUMBER(19) NOT NULL,
  UPDATED_AT       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  RESTART_POSITION VARCHAR2(64),
  CONSTRAINT GODWIT_CDC_CHECKPOINT_PK PRIMARY KEY (STREAM_ID)
)`

const ISO_UTC = `'YYYY-MM-DD"T"HH24:MI:SS.FF6"Z"'`

export const CHECKPOINT_SELECT = `SELECT POSITION AS "position", TO_CHAR(SYS_EXTRACT_UTC(COMMIT_TIME), ${ISO_UTC}) AS "commit_time", TX_ID AS "tx_id", PARTIAL_TX AS "partial_tx", TO_CHAR(PARTIAL_EVENTS) AS "partial_events", TO_CHAR(EVENTS) AS "events", TO_CHAR(TRANSACTIONS) AS "transactions", RESTART_POSITION AS "restart_position" FROM ${CHECKPOINT_TABLE} WHERE STREAM_ID = TO_NUMBER(:stream_id)`

const TS = (b: string): string => `FROM_TZ(TO_TIMESTAMP(:${b}, 'YYYY-MM-DD"T"HH24:MI:SS.FF3"Z"'), 'UTC')`

/** Inserted or updated in the batch's transaction: the batch and its checkpoint commit together. */
export const CHECKPOINT_MERGE = `MERGE INTO ${CHECKPOINT_TABLE} c USING (SELECT TO_NUMBER(:stream_id) AS STREAM_ID FROM DUAL) s ON (c.STREAM_ID = s.STREAM_ID)
WHEN MATCHED THEN UPDATE SET c.POSITION = :position, c.COMMIT_TIME = ${TS('commit_time')}, c.TX_ID = :tx_id, c.PARTIAL_TX = :partial_tx, c.PARTIAL_EVENTS = TO_NUMBER(:partial_events), c.EVENTS = TO_NUMBER(:events), c.TRANSACTIONS = TO_NUMBER(:transactions), c.UPDATED_AT = SYSTIMESTAMP, c.RESTART_POSITION = :restart_position
WHEN NOT MATCHED THEN INSERT (STREAM_ID, POSITION, COMMIT_TIME, TX_ID, PARTIAL_TX, PARTIAL_EVENTS, EVENTS, TRANSACTIONS, UPDATED_AT, RESTART_POSITION) VALUES (s.STREAM_ID, :position, ${TS('commit_time')}, :tx_id, :partial_tx, TO_NUMBER(:partial_events), TO_NUMBER(:events), TO_NUMBER(:transactions), SYSTIMESTAMP, :restart_position)`

export function checkpointBinds(streamId: number, c: CdcCheckpoint): OracleBinds {
  return {
    stream_id: String(streamId),
    position: c.position,
    commit_time: c.commitTime?.toISOString() ?? null,
    tx_id: c.txId ?? null,
    partial_tx: c.partialTx ?? null,
    partial_events: String(c.partialEvents),
    events: String(c.events),
    transactions: String(c.transactions),
    restart_position: c.restartPosition ?? null,
  }
}

/** Foreign keys declared DEFERRABLE are checked at commit, so the order of a batch's tables does not matter for them. */
export const DEFER_CONSTRAINTS = 'SET CONSTRAINTS ALL DEFERRED'

/** The columns of the tables cdc --reverse writes, as the dictionary types them. */
export const COLUMNS_SQL = `SELECT COLUMN_NAME, DATA_TYPE, DATA_TYPE_OWNER, DATA_LENGTH, CHAR_LENGTH, CHAR_USED, DATA_PRECISION, DATA_SCALE FROM ALL_TAB_COLUMNS WHERE OWNER = :owner AND TABLE_NAME = :name ORDER BY COLUMN_ID`

function tableRef(t: OracleApplyTable): string {
  return quoteQualified(`${t.map.targetSchema}.${t.map.targetName}`)
}

const bind = (i: number): string => `c${i}`

function keyCondition(t: OracleApplyTable): { sql: string; binds: OracleApplyStatement['binds'] } {
  const key = t.key!
  return {
    sql: key.map((i) => `${columnRef(t.columns[i]!)} = ${bindExpression(bind(i), t.columns[i]!)}`).join(' AND '),
    binds: key.map((i) => ({ name: bind(i), column: t.columns[i]! })),
  }
}

export function deleteByKeySql(t: OracleApplyTable): OracleApplyStatement {
  const where = keyCondition(t)
  return { sql: `DELETE FROM ${tableRef(t)} WHERE ${where.sql}`, binds: where.binds }
}

export function insertSql(t: OracleApplyTable): OracleApplyStatement {
  const cols = t.columns.map((c) => columnRef(c)).join(', ')
  const values = t.columns.map((c, i) => bindExpression(bind(i), c)).join(', ')
  return { sql: `INSERT INTO ${tableRef(t)} (${cols}) VALUES (${values})`, binds: t.columns.map((c, i) => ({ name: bind(i), column: c })) }
}

/**
 * UPDATE of the given columns (indexes) by key. A key-only table sets its first key column to
 * itself, so the statement still tells whether the row is there.
 */
export function updateByKeySql(t: OracleApplyTable, set: readonly number[]): OracleApplyStatement {
  const key = new Set(t.key)
  const assigned = set.filter((i) => !key.has(i))
  const where = keyCondition(t)
  const first = t.columns[t.key![0]!]!
  const setSql = assigned.length > 0 ? assigned.map((i) => `${columnRef(t.columns[i]!)} = ${bindExpression(bind(i), t.columns[i]!)}`).join(', ') : `${columnRef(first)} = ${columnRef(first)}`
  return { sql: `UPDATE ${tableRef(t)} SET ${setSql} WHERE ${where.sql}`, binds: [...assigned.map((i) => ({ name: bind(i), column: t.columns[i]! })), ...where.binds] }
}

/** A key-changing update whose new row lacks unchanged values: SET the known columns (key included) WHERE the old key. */
export function moveSql(t: OracleApplyTable, set: readonly number[]): OracleApplyStatement {
  const where = t.key!.map((i) => `${columnRef(t.columns[i]!)} = ${bindExpression(`k${i}`, t.columns[i]!)}`).join(' AND ')
  return {
    sql: `UPDATE ${tableRef(t)} SET ${set.map((i) => `${columnRef(t.columns[i]!)} = ${bindExpression(bind(i), t.columns[i]!)}`).join(', ')} WHERE ${where}`,
    binds: [...set.map((i) => ({ name: bind(i), column: t.columns[i]! })), ...t.key!.map((i) => ({ name: `k${i}`, column: t.columns[i]! }))],
  }
}

/**
 * Keyless table: n of the identical rows equal to one deleted row (NULL equal to NULL), by
 * ROWNUM; the caller checks that exactly n went. `:n` is the count.
 */
export function keylessDeleteSql(t: OracleApplyTable): OracleApplyStatement {
  const same = t.columns.map((c, i) => `(${columnRef(c)} = ${bindExpression(bind(i), c)} OR (${columnRef(c)} IS NULL AND :${bind(i)} IS NULL))`)
  return { sql: `DELETE FROM ${tableRef(t)} WHERE ${same.join(' AND ')} AND ROWNUM <= TO_NUMBER(:n)`, binds: t.columns.map((c, i) => ({ name: bind(i), column: c })) }
}

/** A source TRUNCATE: DELETE, which stays in the transaction (TRUNCATE would commit it). */
export function truncateSql(t: OracleApplyTable): string {
  return `DELETE FROM ${tableRef(t)}`
}
