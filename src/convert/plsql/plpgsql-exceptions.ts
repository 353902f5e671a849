import { createHash } from 'node:crypto'

/**
 * Oracle's predefined exceptions → PL/pgSQL condition names (PostgreSQL Appendix A). VALUE_ERROR
 * (ORA-06502) covers conversion, truncation and overflow, which PostgreSQL reports in the
 * whole data_exception class (22xxx); INVALID_NUMBER is the narrower text→number failure.
 */
const PREDEFINED: Readonly<Record<string, string>> = {
  NO_DATA_FOUND: 'no_data_found',
  TOO_MANY_ROWS: 'too_many_rows',
  DUP_VAL_ON_INDEX: 'unique_violation',
  ZERO_DIVIDE: 'division_by_zero',
  VALUE_ERROR: 'data_exception',
  INVALID_NUMBER: 'invalid_text_representation',
  CURSOR_ALREADY_OPEN: 'duplicate_cursor',
  INVALID_CURSOR: 'invalid_cursor_name',
  CASE_NOT_FOUND: 'case_not_found',
  TIMEOUT_ON_RESOURCE: 'lock_not_available',
  OTHERS: 'OTHERS',
}

/** Oracle error numbers used with PRAGMA EXCEPTION_INIT that have a PostgreSQL counterpart. */
const ORACLE_ERRORS: Readonly<Record<number, string>> = {
  [-1]: 'unique_violation',
  [-1400]: 'not_null_violation',
  [-1407]: 'not_null_violation',
  [-2290]: 'check_violation',
  [-2291]: 'foreign_key_violation',
  [-2292]: 'foreign_key_violation',
  [-1476]: 'division_by_zero',
  [-1403]: 'no_data_found',
  [100]: 'no_data_found',
  [-1422]: 'too_many_rows',
  [-54]: 'lock_not_available',
  [-60]: 'deadlock_detected',
  [-1722]: 'invalid_text_representation',
  [-6502]: 'data_exception',
}

/** What an exception name stands for in PostgreSQL: a condition name, or an SQLSTATE of its own. */
export type PgException = { readonly condition: string } | { readonly sqlstate: string }

export function predefinedCondition(name: string): string | undefined {
  return PREDEFINED[name]
}

/** The handler form: `unique_violation` or `SQLSTATE 'U0205'`. */
export function handlerCondition(e: PgException): string {
  return 'condition' in e ? e.condition : `SQLSTATE '${e.sqlstate}'`
}

/**
 * The SQLSTATE for RAISE_APPLICATION_ERROR(-20nnn): class `U0` (unused by PostgreSQL) followed
 * by the three digits, so -20205 → U0205 and handlers can still tell application errors apart.
 */
export function applicationErrorState(code: number): string | undefined {
  const n = -code - 20000
  return Number.isInteger(n) && n >= 0 && n <= 999 ? `U${String(n).padStart(4, '0')}` : undefined
}

/** What PRAGMA EXCEPTION_INIT(e, code) makes `e`: an application error's SQLSTATE or a PostgreSQL condition. */
export function initializedException(code: number): PgException | undefined {
  const sqlstate = applicationErrorState(code)
  if (sqlstate) return { sqlstate }
  const condition = ORACLE_ERRORS[code]
  return condition ? { condition } : undefined
}

/**
 * A user-declared exception has no PostgreSQL declaration; it becomes its own SQLSTATE, derived
 * from its name so the unit that raises it and the unit that handles it agree (class `UE`).
 */
export function userExceptionState(name: string): string {
  const digest = createHash('sha256').update(name.toUpperCase()).digest()
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'
  return `UE${[0, 1, 2].map((i) => alphabet[digest[i]! % 36]).join('')}`
}
