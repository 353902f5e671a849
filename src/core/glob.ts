/**
 * Name patterns as users type them on the command line: `*` any run of characters, `?` one
 * character, matched against the whole name, case-insensitively (users type `emp*` for Oracle's
 * folded `EMPLOYEES`).
 */
export function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('')
    .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
    .join('')
  return new RegExp(`^${body}$`, 'i')
}

export function matchesAnyGlob(name: string, globs: readonly string[]): boolean {
  return globs.some((g) => globToRegExp(g).test(name))
}
