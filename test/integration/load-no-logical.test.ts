import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmbeddedPostgres, type EmbeddedServer } from '../../src/engines/postgres/embedded-server.js'
import { runLoad } from '../../src/load/run-load.js'
import { freshDatabase } from '../support/database.js'
import { exec, tableDigest, withClient } from './load-support.js'

describe('load from a PostgreSQL source without wal_level=logical', () => {
  let server: EmbeddedServer
  let source: string
  let target: Awaited<ReturnType<typeof freshDatabase>>
  beforeAll(async () => {
    server = await startEmbeddedPostgres({ logical: false })
    source = await server.createDatabase('plain_source')
    target = await freshDatabase('loadplain_tgt')
    await exec(source, `CREATE TABLE t (id int PRIMARY KEY, v text); INSERT INTO t SELECT g, md5(g::text) FROM generate_series(1, 5000) g; ANALYZE t`)
    await exec(target.url, `CREATE TABLE t (id int PRIMARY KEY, v text)`)
  })
  afterAll(async () => {
    await target?.drop()
    await server?.stop()
  })

  it('still loads at one exported snapshot, records no slot, and warns that CDC cannot start from it', async () => {
    const result = await runLoad({ sourceUrl: source, targetUrl: target.url, chunkRows: 1000 })
    expect(result.complete).toBe(true)
    expect(result.position.slot).toBeUndefined()
    expect(result.position).toMatchObject({ engine: 'postgres', snapshot: expect.any(String), lsn: expect.any(String) })
    expect(result.warnings.join('\n')).toMatch(/wal_level.*CDC cannot start from this load/)
    expect(await tableDigest(target.url, 't')).toEqual(await tableDigest(source, 't'))
    const slots = await withClient(source, (c) => c.query('SELECT count(*)::int AS n FROM pg_replication_slots'))
    expect(slots.rows[0]).toEqual({ n: 0 })
  })
})
