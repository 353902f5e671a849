import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { freshDatabase } from '../support/database.js'

describe('test PostgreSQL', () => {
  const dbs: Array<() => Promise<void>> = []
  afterAll(async () => {
    for (const drop of dbs) await drop()
  })

  it('is a real server with logical decoding available for the CDC tests', async () => {
    const db = await freshDatabase('harness')
    dbs.push(db.drop)
    const client = new pg.Client({ connectionString: db.url })
    await client.connect()
    try {
      const { rows } = await client.query<{ wal_level: string; v: number }>(
        "SELECT current_setting('wal_level') AS wal_level, current_setting('server_version_num')::int AS v",
      )
      expect(rows[0]?.v).toBeGreaterThanOrEqual(150000)
      if (!process.env.TEST_DATABASE_URL) expect(rows[0]?.wal_level).toBe('logical')
    } finally {
      await client.end()
    }
  })
})
