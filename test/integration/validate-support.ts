import pg from 'pg'

/** Runs SQL (one or more statements) on a database with a client of its own, and returns the last result's rows. */
export async function sqlOn<T extends pg.QueryResultRow = pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    const result = (await c.query<T>(text)) as pg.QueryResult<T> | Array<pg.QueryResult<T>>
    return Array.isArray(result) ? (result.at(-1)?.rows ?? []) : result.rows
  } finally {
    await c.end()
  }
}
