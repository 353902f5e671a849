import { buffer } from 'node:stream/consumers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PgSourceEngine } from '../../src/engines/postgres/pg-source-engine.js'
import type { LoadColumn, LoadChunk } from '../../src/load/load-source.js'
import { exec, sourceAndTarget, withClient } from './load-support.js'

const columns: LoadColumn[] = [
  { name: 'id', targetName: 'id', type: { kind: 'int', bytes: 4 }, pgType: 'integer' },
  { name: 'v', targetName: 'v', type: { kind: 'text', fixed: false }, pgType: 'text' },
]
const whole: LoadChunk = { schema: 'public', table: 't', seq: 0, key: ['id'], estimatedRows: 3 }
const tables = [{ schema: 'public', name: 't', columns: [], estimatedRows: 3 }]

describe('PostgreSQL source position', () => {
  let db: Awaited<ReturnType<typeof sourceAndTarget>>
  let engine: PgSourceEngine
  beforeAll(async () => {
    db = await sourceAndTarget('loadpos')
    await exec(db.source, `CREATE TABLE t (id int PRIMARY KEY, v text); INSERT INTO t VALUES (1, 'one'), (2, 'two'), (3, 'three'); CREATE TABLE other (id int)`)
    engine = new PgSourceEngine(db.source, 2)
  })
  afterAll(async () => {
    await engine?.close()
    await db?.drop()
  })

  it('reads every chunk at the exported snapshot of the slot, not the changes committed after it', async () => {
    const held = await engine.openPosition({ name: 'godwit_test_snapshot', tables })
    try {
      expect(held.warning).toBeUndefined()
      expect(held.position).toMatchObject({
        engine: 'postgres',
        slot: 'godwit_test_snapshot',
        publication: 'godwit_test_snapshot',
        lsn: expect.stringMatching(/^[0-9A-F]+\/[0-9A-F]+$/),
        snapshot: expect.any(String),
      })
      await exec(db.source, `UPDATE t SET v = 'changed'; INSERT INTO t VALUES (4, 'four')`)
      const at = await engine.readPosition(held.position)
      expect(at).toEqual(held.position)
      const text = await buffer((await engine.copyOut(whole, columns, at, 'text')).stream)
      expect(text.toString()).toBe('1\tone\n2\ttwo\n3\tthree\n')
      const rows = []
      for await (const batch of engine.readChunkRows(whole, columns, at)) rows.push(...batch.map((r) => r.map((f) => (f instanceof Uint8Array ? Buffer.from(f).toString() : f))))
      expect(rows).toEqual([[1, 'one'], [2, 'two'], [3, 'three']])
    } finally {
      await held.close()
    }
    const slot = await withClient(db.source, (c) => c.query(`SELECT slot_type, plugin FROM pg_replication_slots WHERE slot_name = 'godwit_test_snapshot'`))
    expect(slot.rows).toEqual([{ slot_type: 'logical', plugin: 'pgoutput' }])
    // The publication holds exactly the selected tables (not `other`), for pgoutput to stream.
    const published = await withClient(db.source, (c) => c.query(`SELECT schemaname, tablename FROM pg_publication_tables WHERE pubname = 'godwit_test_snapshot'`))
    expect(published.rows).toEqual([{ schemaname: 'public', tablename: 't' }])
  })

  it('replaces the unused slot and publication of the same name, and drops them idempotently', async () => {
    for (let i = 0; i < 3; i++) await (await engine.openPosition({ name: 'godwit_test_replace', tables })).close()
    const count = () => withClient(db.source, (c) => c.query(`SELECT (SELECT count(*)::int FROM pg_replication_slots WHERE slot_name = 'godwit_test_replace') AS slots,
      (SELECT count(*)::int FROM pg_publication WHERE pubname = 'godwit_test_replace') AS publications`))
    expect((await count()).rows[0]).toEqual({ slots: 1, publications: 1 })
    expect(await engine.dropRetained('godwit_test_replace')).toEqual({ slot: 'godwit_test_replace', publication: 'godwit_test_replace' })
    expect(await engine.dropRetained('godwit_test_replace')).toEqual({})
    expect((await count()).rows[0]).toEqual({ slots: 0, publications: 0 })
  })

  it('falls back to a plain snapshot, saying CDC cannot start, when the user may not create the publication', async () => {
    await exec(db.source, `DO $$ BEGIN CREATE ROLE godwit_lowly LOGIN REPLICATION PASSWORD 'lowly'; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
      GRANT SELECT ON t TO godwit_lowly`)
    const url = new URL(db.source)
    url.username = 'godwit_lowly'
    url.password = 'lowly'
    const lowly = new PgSourceEngine(url.toString(), 1)
    try {
      const held = await lowly.openPosition({ name: 'godwit_test_lowly', tables })
      await held.close()
      expect(held.position.slot).toBeUndefined()
      expect(held.position.snapshot).toEqual(expect.any(String))
      expect(held.warning).toMatch(/creating publication godwit_test_lowly failed .*CDC cannot start from this load.*CREATE on the source database and ownership/)
      const slots = await withClient(db.source, (c) => c.query(`SELECT count(*)::int AS n FROM pg_replication_slots WHERE slot_name = 'godwit_test_lowly'`))
      expect(slots.rows[0]).toEqual({ n: 0 })
    } finally {
      await lowly.close()
    }
  })

  it('when the run snapshot has died (its session ended), reads at a fresh snapshot and says so', async () => {
    const held = await engine.openPosition({ name: 'godwit_test_dead', tables })
    await held.close()
    await expect(engine.copyOut(whole, columns, held.position, 'text')).rejects.toMatchObject({ code: 'SOURCE_SNAPSHOT_GONE', retryable: true })
    const at = await engine.readPosition(held.position)
    expect(at.snapshot).toBeDefined()
    expect(at.snapshot).not.toBe(held.position.snapshot)
    expect(at.slot).toBeUndefined()
    const text = await buffer((await engine.copyOut(whole, columns, at, 'text')).stream)
    expect(text.toString().split('\n')).toContain('4\tfour')
    // The transcoding path marks a dead snapshot the same way.
    const other = await engine.openPosition({ name: 'godwit_test_dead_rows', tables })
    await other.close()
    const read = async () => {
      for await (const batch of engine.readChunkRows(whole, columns, other.position)) void batch
    }
    await expect(read()).rejects.toMatchObject({ code: 'SOURCE_SNAPSHOT_GONE' })
    expect((await engine.readPosition(other.position)).snapshot).not.toBe(other.position.snapshot)
  })
})
