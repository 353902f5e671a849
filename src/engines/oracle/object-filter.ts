import { globToRegExp } from '../../core/glob.js'

/**
 * Which source objects a run covers, by name: `--include EMP*` / `--exclude *_LOG`.
 * Patterns are globs (`*` any run of characters, `?` one character) matched against the whole
 * object name, case-insensitively because users type `emp*` for Oracle's folded `EMPLOYEES`.
 * An object must match some include pattern (when there are any) and no exclude pattern:
 * exclude wins, so `--include 'EMP*' --exclude '*_HIST'` leaves EMP_HIST out.
 */
export interface ObjectPatterns {
  readonly include?: readonly string[]
  readonly exclude?: readonly string[]
}

export type ObjectFilter = (name: string) => boolean

export function objectFilter(patterns: ObjectPatterns): ObjectFilter {
  const include = (patterns.include ?? []).map(globToRegExp)
  const exclude = (patterns.exclude ?? []).map(globToRegExp)
  return (name) => (include.length === 0 || include.some((re) => re.test(name))) && !exclude.some((re) => re.test(name))
}
