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

describe('PostgreSQL source position', () => {
  let db: Awaited<ReturnType<typeof sourceAndTarget>>
  let engine: PgSourceEngine
  beforeAll(async () => {
    db = await sourceAndTarget('loadpos')
    await exec(db.source, `CREATE TABLE t (id int PRIMARY KEY, v text); INSERT INTO t VALUES (1, 'one'), (2, 'two'), (3, 'three')`)
    engine = new PgSourceEngine(db.source, 2)
  })
  afterAll(async () => {
    await engine?.close()
    await db?.drop()
  })

  it('reads every chunk at the exported snapshot of the slot, not the changes committed after it', async () => {
    const held = await engine.openPosition('test_snapshot')
    try {
      expect(held.warning).toBeUndefined()
      expect(held.position).toMatchObject({ slot: 'godwit_test_snapshot', lsn: expect.stringMatching(/^[0-9A-F]+\/[0-9A-F]+$/), snapshot: expect.any(String) })
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
  })

  it('when the run snapshot has died (its session ended), reads at a fresh snapshot and says so', async () => {
    const held = await engine.openPosition('test_dead')
    await held.close()
    await expect(engine.copyOut(whole, columns, held.position, 'text')).rejects.toMatchObject({ code: 'SOURCE_SNAPSHOT_GONE', retryable: true })
    const at = await engine.readPosition(held.position)
    expect(at.snapshot).toBeDefined()
    expect(at.snapshot).not.toBe(held.position.snapshot)
    expect(at.slot).toBeUndefined()
    const text = await buffer((await engine.copyOut(whole, columns, at, 'text')).stream)
    expect(text.toString().split('\n')).toContain('4\tfour')
    // The transcoding path marks a dead snapshot the same way.
    const other = await engine.openPosition('test_dead_rows')
    await other.close()
    const read = async () => {
      for await (const batch of engine.readChunkRows(whole, columns, other.position)) void batch
    }
    await expect(read()).rejects.toMatchObject({ code: 'SOURCE_SNAPSHOT_GONE' })
    expect((await engine.readPosition(other.position)).snapshot).not.toBe(other.position.snapshot)
  })
})
