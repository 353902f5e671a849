import type { DictionaryFamily } from './oracle-catalog-queries.js'
import { quoteOracleName } from './oracle-extract-sql.js'

/**
 * The SQL `godwit cutover` runs on an Oracle source (docs/cutover.md, "Oracle sources").
 *
 * Freeze: `ALTER TABLE … READ ONLY` per cutover table (11g+, COMPATIBLE ≥ 11.1; needs ALTER on the
 * table or ALTER ANY TABLE). It is DDL: it waits, up to the session's DDL_LOCK_TIMEOUT, for every
 * transaction holding a lock on the table to commit or roll back, and fails with ORA-00054 if one
 * is still open then — open transactions are never killed. Once it returned, no transaction can
 * change the table (DML, SELECT … FOR UPDATE and TRUNCATE fail with ORA-12081), so every write
 * to it is committed at an SCN below the current one. `ALTER TABLE … READ WRITE` undoes it.
 */
export const TABLE_READ_ONLY = `SELECT READ_ONLY FROM ALL_TABLES WHERE OWNER = :owner AND TABLE_NAME = :name`

/** How long each ALTER TABLE waits for open transactions on its table (seconds). */
export const FREEZE_LOCK_TIMEOUT_S = 30

export const SET_DDL_LOCK_TIMEOUT = `ALTER SESSION SET DDL_LOCK_TIMEOUT = ${FREEZE_LOCK_TIMEOUT_S}`

export function alterReadOnly(table: string, readOnly: boolean): string {
  return `ALTER TABLE ${quoteQualified(table)} ${readOnly ? 'READ ONLY' : 'READ WRITE'}`
}

/** `OWNER.TABLE` as recorded by the load (dictionary case), quoted. */
export function quoteQualified(table: string): string {
  const dot = table.indexOf('.')
  return `${quoteOracleName(table.slice(0, dot))}.${quoteOracleName(table.slice(dot + 1))}`
}

/**
 * Sequences of one owner with the identity column each numbers (12c+: *_TAB_IDENTITY_COLS names
 * the ISEQ$$_n sequence behind an identity column). DBA_* lists every sequence (SELECT_CATALOG_ROLE);
 * ALL_* only those the user may use, so a sequence it cannot see is not moved (docs/cutover.md).
 *
 * LAST_NUMBER is the number written to disk: with CACHE n the end of the range the instances
 * took into memory, without a cache the next value. Every value handed out so far is below it
 * (above it for a descending sequence), also on RAC where each instance caches its own range,
 * so it is a safe bound to set the target past, at the cost of a gap up to the cache size.
 * Read with the source frozen, no value beyond it can reach a migrated table.
 * SCALE_FLAG (18c+): a scalable sequence prefixes its values with instance and session digits,
 * so they lie far above LAST_NUMBER; the query without it serves older releases.
 */
export function sequencesQuery(family: DictionaryFamily, withScaleFlag: boolean): string {
  return `SELECT S.SEQUENCE_OWNER, S.SEQUENCE_NAME, TO_CHAR(S.LAST_NUMBER) AS LAST_NUMBER, TO_CHAR(S.INCREMENT_BY) AS INCREMENT_BY, ${withScaleFlag ? 'S.SCALE_FLAG' : `'N' AS SCALE_FLAG`}, I.TABLE_NAME, I.COLUMN_NAME
  FROM ${family}_SEQUENCES S
  LEFT JOIN ${family}_TAB_IDENTITY_COLS I ON I.OWNER = S.SEQUENCE_OWNER AND I.SEQUENCE_NAME = S.SEQUENCE_NAME
 WHERE S.SEQUENCE_OWNER = :owner
 ORDER BY S.SEQUENCE_NAME`
}

export interface SequenceRow {
  readonly SEQUENCE_OWNER: string
  readonly SEQUENCE_NAME: string
  readonly LAST_NUMBER: string
  readonly INCREMENT_BY: string
  readonly SCALE_FLAG: string | null
  readonly TABLE_NAME: string | null
  readonly COLUMN_NAME: string | null
}
