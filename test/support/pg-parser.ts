import { loadModule, parseSync } from 'libpg-query'

await loadModule()

/**
 * Checks SQL with PostgreSQL's own parser (libpg-query). Returns the parser's error message, or
 * undefined when the text parses. Parsing is syntax only: names and types are not resolved.
 */
export function postgresSyntaxError(sql: string): string | undefined {
  try {
    parseSync(sql)
    return undefined
  } catch (e) {
    return (e as Error).message
  }
}

/** Number of statements PostgreSQL's parser finds in `sql`; throws on a syntax error. */
export function postgresStatementCount(sql: string): number {
  const tree = parseSync(sql) as { stmts?: unknown[] }
  return tree.stmts?.length ?? 0
}
