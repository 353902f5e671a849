import type { NativeType } from '../../../model/schema.js'
import type { Expr } from '../ast.js'
import { str } from './build.js'
import { columnType, findTable, type RewriteContext } from './scope.js'

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']

/**
 * The year Oracle's RR format element gives a two-digit year in `currentYear`: the century is
 * chosen so that 00-49 and 50-99 split around the current year's own half-century.
 */
export function rrYear(twoDigits: number, currentYear: number): number {
  const century = Math.floor(currentYear / 100) * 100
  if (currentYear % 100 < 50) return twoDigits < 50 ? century + twoDigits : century - 100 + twoDigits
  return twoDigits < 50 ? century + 100 + twoDigits : century + twoDigits
}

/**
 * A text literal stored in a DATE or TIMESTAMP column: Oracle converts it with NLS_DATE_FORMAT
 * (default DD-MON-RR), PostgreSQL with its own rules, which read '02-MAR-53' as 2053 where
 * Oracle reads 1953 (OE's customers.date_of_birth). A literal in that format becomes the ISO
 * date Oracle would store today, with a warning (a session may have had another format).
 */
export function implicitDateValue(value: Expr, column: NativeType | undefined, rc: RewriteContext, currentYear = new Date().getUTCFullYear()): Expr {
  if (value.kind !== 'string' || !column || !(column.name === 'DATE' || column.name.startsWith('TIMESTAMP'))) return value
  const m = /^\s*(\d{1,2})-([A-Za-z]{3})-(\d{2}|\d{4})\s*$/.exec(value.value)
  const month = m ? MONTHS.indexOf(m[2]!.toUpperCase()) + 1 : 0
  if (!m || month === 0) return value
  const year = m[3]!.length === 4 ? Number(m[3]) : rrYear(Number(m[3]), currentYear)
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${m[1]!.padStart(2, '0')}`
  rc.g.findings.push({
    code: 'NLS_DATE_FORMAT',
    severity: 'warning',
    object: rc.g.object,
    message: `'${value.value}' is read with Oracle's default NLS_DATE_FORMAT (DD-MON-RR) as ${iso}; PostgreSQL's own reading of such text differs`,
  })
  return str(iso)
}

/** The type of each value's target column in `INSERT INTO table [(columns)] VALUES (…)`. */
export function insertColumnTypes(table: readonly string[], columns: readonly string[] | undefined, rc: RewriteContext): ReadonlyArray<NativeType | undefined> {
  if (columns) return columns.map((c) => columnType([c], rc))
  return findTable(table, rc.g)?.columns.map((c) => c.nativeType) ?? []
}
