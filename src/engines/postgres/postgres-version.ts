import pg from 'pg'
import { NEWEST_POSTGRES, parseTargetVersion, type TargetDialect } from '../../convert/target.js'

/**
 * The target a live PostgreSQL server is: its major version (server_version_num), so
 * `load --create` writes for the server it creates objects on. A major newer than godwit knows
 * gets the newest rules; an older one than supported is a usage error naming the version.
 */
export async function detectTargetVersion(url: string): Promise<TargetDialect> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")
    return parseTargetVersion(Math.min(Math.floor(Number(rows[0]!.v) / 10000), NEWEST_POSTGRES))
  } finally {
    await client.end()
  }
}
