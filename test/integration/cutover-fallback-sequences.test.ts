import { describe, expect, it } from 'vitest'
import { runCdc } from '../../src/cdc/run-cdc.js'
import { runCutover } from '../../src/cutover/run-cutover.js'
import { exec, withClient } from './load-support.js'
import { streamingMigration } from './cutover-support.js'

/**
 * Going back after a GO: the application wrote on the target (new ids from the target's
 * sequences); `godwit cdc --reverse` brings the rows back and, once it stops, moves the source's
 * sequences past the target's, so the application restarted on the source draws no id twice.
 */
describe('fall-back: cdc --reverse carries sequences back when it stops', () => {
  const fixture = streamingMigration('cutback')

  it('after the switch the target hands out ids; the reverse run applies the rows and sets the source sequences past them', async () => {
    const { m } = fixture
    const r = await runCutover({ sourceUrl: m.source, targetUrl: m.target, freezeRole: m.role, maxLagMs: 1000, drainTimeoutMs: 10_000 })
    expect(r).toMatchObject({ decision: 'GO', fallback: { reverseReplication: 'ready' } })
    expect(r.fallback.commands.join('\n')).toMatch(/when it stops it also sets the source's sequences past the target's/)
    await exec(m.target, `INSERT INTO orders (customer, amount) SELECT 'new ' || g, g FROM generate_series(1, 30) g;
                          INSERT INTO notes (body) SELECT 'new note ' || g FROM generate_series(1, 5) g;`)
    const targetLast = await withClient(m.target, async (c) => (await c.query(`SELECT (SELECT max(id) FROM orders)::int AS o, (SELECT max(id) FROM notes)::int AS n`)).rows[0] as { o: number; n: number })
    const sourceBefore = await withClient(m.source, async (c) => (await c.query(`SELECT last_value::int AS v FROM orders_id_seq`)).rows[0] as { v: number })
    expect(sourceBefore.v).toBeLessThan(targetLast.o)

    const back = await runCdc({ sourceUrl: m.target, targetUrl: m.source, untilCaughtUp: true, maxLagMs: 2000, maxDurationSeconds: 60 })
    expect(back).toMatchObject({ reason: 'caught-up', exitCode: 0 })
    expect(back.sequencesMovedBack?.map((s) => [s.ownedBy, s.action, s.targetAfter])).toEqual([
      ['public.notes.id', 'set', String(targetLast.n)],
      ['public.orders.id', 'set', String(targetLast.o)],
    ])
    // Back on the source (as the admin user: the application role is still frozen), new ids come after every row the target wrote.
    const next = await withClient(m.source, async (c) => (await c.query(`INSERT INTO orders (customer) VALUES ('back on source') RETURNING id`)).rows[0] as { id: number })
    expect(next.id).toBe(targetLast.o + 1)
    expect(await withClient(m.source, async (c) => (await c.query(`SELECT count(*)::int AS n FROM orders WHERE customer LIKE 'new %'`)).rows[0])).toEqual({ n: 30 })
    const noteNext = await withClient(m.source, async (c) => (await c.query(`INSERT INTO notes (body) VALUES ('back') RETURNING id`)).rows[0] as { id: number })
    expect(Number(noteNext.id)).toBe(targetLast.n + 1)

    // Run again with nothing new: applies nothing and moves nothing back (never below the source's own values).
    const again = await runCdc({ sourceUrl: m.target, targetUrl: m.source, untilCaughtUp: true, maxLagMs: 2000, maxDurationSeconds: 60 })
    expect(again.sequencesMovedBack?.map((s) => s.action)).toEqual(['already-past', 'already-past'])
    // The fall-back slot keeps WAL on the target until dropped (and a database with a slot cannot be dropped).
    await withClient(m.target, (c) => c.query(`SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name LIKE 'godwit_fallback_%'`))
  }, 120_000)
})
