import { ORACLE_EXTRACT_SESSION } from './oracle-extract-sql.js'

/**
 * The SQL and PL/SQL godwit runs for Oracle LogMiner capture (19c+, no CONTINUOUS_MINE: each
 * mining session adds its log files explicitly). Online catalog as the dictionary (the tables'
 * current definitions; a DDL on a captured table stops cdc before the change), SCN windows
 * bounded by the current SCN, committed data assembled by godwit (not COMMITTED_DATA_ONLY, which
 * buffers whole transactions in the Oracle session's PGA).
 */

/** Extraction's session settings plus fixed datetime formats: SQL_REDO literals are then parseable and canonical (ISO dates, '.' decimals, UTC). */
export const LOGMINER_SESSION = [
  ...ORACLE_EXTRACT_SESSION,
  `ALTER SESSION SET NLS_DATE_FORMAT = 'YYYY-MM-DD HH24:MI:SS'`,
  `ALTER SESSION SET NLS_TIMESTAMP_FORMAT = 'YYYY-MM-DD HH24:MI:SS.FF6'`,
  `ALTER SESSION SET NLS_TIMESTAMP_TZ_FORMAT = 'YYYY-MM-DD HH24:MI:SS.FF6 TZH:TZM'`,
] as const

/** Preflight: archive log mode, database-level supplemental logging, the current SCN. */
export const DATABASE_CHECK = `SELECT LOG_MODE, SUPPLEMENTAL_LOG_DATA_MIN, SUPPLEMENTAL_LOG_DATA_PK, SUPPLEMENTAL_LOG_DATA_ALL, TO_CHAR(CURRENT_SCN) AS CURRENT_SCN FROM V$DATABASE`

/** Preflight: table-level supplemental log groups of the captured tables (binds :owner). */
export const TABLE_LOG_GROUPS = `SELECT OWNER, TABLE_NAME, LOG_GROUP_TYPE FROM ALL_LOG_GROUPS WHERE OWNER = :owner`

/** Preflight: what the session may do (privileges and roles, including those granted through roles). */
export const SESSION_PRIVILEGES = `SELECT PRIVILEGE AS NAME FROM SESSION_PRIVS UNION ALL SELECT ROLE FROM SESSION_ROLES`

export const CURRENT_SCN = `SELECT TO_CHAR(CURRENT_SCN) AS SCN FROM V$DATABASE`

/**
 * Log files holding redo after :scn — online logs not yet archived, and archived logs (first
 * destination) — ordered so each sequence appears once. ORA-01291 (missing log) on START_LOGMNR
 * means one of them was deleted meanwhile: the window is retried with a fresh list.
 */
export const LOGS_FOR_WINDOW = `
SELECT MIN(NAME) AS NAME, SEQUENCE#, FIRST_CHANGE#, 'ARCHIVED' AS KIND FROM V$ARCHIVED_LOG
 WHERE NEXT_CHANGE# > :scn AND STATUS = 'A' AND DELETED = 'NO' AND STANDBY_DEST = 'NO'
   AND SEQUENCE# NOT IN (SELECT SEQUENCE# FROM V$LOG WHERE STATUS IN ('CURRENT', 'ACTIVE') OR ARCHIVED = 'NO')
 GROUP BY SEQUENCE#, FIRST_CHANGE#
UNION ALL
SELECT MIN(F.MEMBER), L.SEQUENCE#, L.FIRST_CHANGE#, 'ONLINE' FROM V$LOG L JOIN V$LOGFILE F ON F.GROUP# = L.GROUP#
 WHERE (L.STATUS IN ('CURRENT', 'ACTIVE') OR L.ARCHIVED = 'NO') AND (L.NEXT_CHANGE# > :scn OR L.STATUS = 'CURRENT')
 GROUP BY L.SEQUENCE#, L.FIRST_CHANGE#
ORDER BY 2`

/** The oldest SCN any log still on disk holds: a resume SCN older than this cannot be mined any more. */
export const OLDEST_AVAILABLE_SCN = `SELECT TO_CHAR(MIN(FIRST_CHANGE#)) AS SCN FROM (SELECT FIRST_CHANGE# FROM V$ARCHIVED_LOG WHERE DELETED = 'NO' AND STATUS = 'A' UNION ALL SELECT FIRST_CHANGE# FROM V$LOG)`

export function addLogfile(first: boolean): string {
  return `BEGIN SYS.DBMS_LOGMNR.ADD_LOGFILE(LOGFILENAME => :name, OPTIONS => ${first ? 'SYS.DBMS_LOGMNR.NEW' : 'SYS.DBMS_LOGMNR.ADDFILE'}); END;`
}

export const START_LOGMNR = `BEGIN SYS.DBMS_LOGMNR.START_LOGMNR(STARTSCN => :lo, ENDSCN => :hi, OPTIONS => SYS.DBMS_LOGMNR.DICT_FROM_ONLINE_CATALOG + SYS.DBMS_LOGMNR.NO_ROWID_IN_STMT); END;`

/** ORA-01307 (no session active) is ignored by the caller. */
export const END_LOGMNR = `BEGIN SYS.DBMS_LOGMNR.END_LOGMNR(); END;`

export const CONTENTS_COLUMNS = ['SCN', 'XID', 'OPERATION_CODE', 'CSF', 'SEG_OWNER', 'TABLE_NAME', 'ROW_ID', 'ROLLBACK', 'STATUS', 'INFO', 'TIMESTAMP', 'SQL_REDO'] as const

/**
 * The window's rows in SCN order: transaction control for every transaction (a transaction may
 * touch captured tables only after its START), changes and DDL only for the captured tables.
 * Table names are bound, never inlined. `tables` are 'OWNER.TABLE'.
 */
export function contentsQuery(tables: readonly string[]): { text: string; binds: Record<string, string> } {
  const binds: Record<string, string> = {}
  const pairs = tables.map((t, i) => {
    const [owner, name] = t.split('.') as [string, string]
    binds[`o${i}`] = owner
    binds[`t${i}`] = name
    return `(SEG_OWNER = :o${i} AND TABLE_NAME = :t${i})`
  })
  const text = `SELECT TO_CHAR(SCN) AS SCN, RAWTOHEX(XID) AS XID, OPERATION_CODE, CSF, SEG_OWNER, TABLE_NAME, ROW_ID, ROLLBACK, STATUS, INFO, TIMESTAMP, SQL_REDO
  FROM V$LOGMNR_CONTENTS
 WHERE SCN > :lo AND SCN <= :hi
   AND (OPERATION_CODE IN (6, 7, 36) OR (OPERATION_CODE IN (1, 2, 3, 5) AND (${pairs.join(' OR ') || '1 = 0'})))
 ORDER BY SCN, RS_ID, SSN`
  return { text, binds }
}

/** Heartbeat on an Oracle source: a godwit-owned table inside the captured set (needs CREATE TABLE once, then INSERT/UPDATE on it). */
export const HEARTBEAT_DDL = `CREATE TABLE GODWIT_HEARTBEAT (ID NUMBER(1) PRIMARY KEY, TS TIMESTAMP NOT NULL)`
export const HEARTBEAT_MERGE = `MERGE INTO GODWIT_HEARTBEAT H USING DUAL ON (H.ID = 1)
  WHEN MATCHED THEN UPDATE SET TS = SYSTIMESTAMP WHEN NOT MATCHED THEN INSERT (ID, TS) VALUES (1, SYSTIMESTAMP)`

/** The next window: from the resume SCN to the current SCN, at most `maxSpan` SCNs wide. */
export function nextWindow(from: string, current: string, maxSpan: bigint): { lo: string; hi: string } | undefined {
  const lo = BigInt(from)
  const cur = BigInt(current)
  if (cur <= lo) return undefined
  const hi = cur - lo > maxSpan ? lo + maxSpan : cur
  return { lo: lo.toString(), hi: hi.toString() }
}
