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

/**
 * A table selection as `--tables` and the project file's include/exclude give it: globs to
 * include (none: every table) and, prefixed with `!`, globs to leave out.
 */
export function splitSelection(patterns: readonly string[]): { include: string[]; exclude: string[] } {
  return {
    include: patterns.filter((p) => !p.startsWith('!')),
    exclude: patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1)),
  }
}

/** Whether a selection takes this table; a glob may name it as `schema.table` or as `table`. */
export function selectsTable(schema: string | undefined, name: string, patterns: readonly string[]): boolean {
  const { include, exclude } = splitSelection(patterns)
  const names = schema === undefined ? [name] : [`${schema}.${name}`, name]
  return (include.length === 0 || names.some((n) => matchesAnyGlob(n, include))) && !names.some((n) => matchesAnyGlob(n, exclude))
}
