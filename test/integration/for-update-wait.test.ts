import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { translateDataStatement } from '../../src/convert/sql/translate-sql.js'
import { useDatabase } from '../support/database.js'
import { testContext } from '../unit/convert/sql/context.js'

/**
 * `SELECT … FOR UPDATE WAIT n` at the top level: PostgreSQL has no per-statement wait, so the
 * session's lock_timeout is set around the query and put back after it. Run on 14 and 17
 * against a row another session holds: the query gives up after about n seconds with
 * lock_not_available, and the session's own lock_timeout is what it was before.
 */
describe.each([14, 17] as const)('FOR UPDATE WAIT n on PostgreSQL %i', (major) => {
  const db = useDatabase(`for_update_wait_${major}`, major)

  it('waits n seconds for a held row, then raises lock_not_available, and restores lock_timeout', async () => {
    const ctx = testContext()
    const out = translateDataStatement({ text: 'SELECT id FROM accounts WHERE id = 1 FOR UPDATE WAIT 1', at: { file: 'app.sql', line: 1, column: 1 } }, ctx)
    expect(out).toHaveLength(3)
    expect(out[1]).toBe('SELECT id FROM accounts WHERE id = 1 FOR UPDATE')
    expect(ctx.findings.map((f) => f.code)).toEqual(['LOCK_WAIT'])

    await db.client.query('CREATE TABLE accounts (id int PRIMARY KEY); INSERT INTO accounts VALUES (1), (2)')
    const holder = new pg.Client({ connectionString: db.url })
    await holder.connect()
    try {
      await holder.query('BEGIN; SELECT * FROM accounts WHERE id = 1 FOR UPDATE')
      await db.client.query("SET lock_timeout = '7min'")
      await db.client.query(out[0]!)
      const started = Date.now()
      const error = await db.client.query(out[1]!).then(() => undefined, (e: { code?: string }) => e)
      const waited = Date.now() - started
      expect(error?.code).toBe('55P03')
      expect(waited).toBeGreaterThanOrEqual(900)
      await db.client.query(out[2]!)
      expect((await db.client.query('SHOW lock_timeout')).rows[0].lock_timeout).toBe('7min')
      // A free row is locked at once.
      const free = translateDataStatement({ text: 'SELECT id FROM accounts WHERE id = 2 FOR UPDATE WAIT 1', at: { file: 'app.sql', line: 2, column: 1 } }, testContext())
      const rows = []
      for (const sql of free) rows.push((await db.client.query(sql)).rows)
      expect(rows[1]).toEqual([{ id: 2 }])
    } finally {
      await holder.end()
    }
  })
})
