import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { abandonLoadRun } from '../../src/load/run-admin.js'
import { runLoad } from '../../src/load/run-load.js'
import { exec, sourceAndTarget, tableDigest, withClient } from './load-support.js'

/**
 * Chunks are cut in the source's key order; the target may order the same keys differently
 * (another collation) or hold rows before the run. Neither may lose or duplicate a row.
 */
describe('load: target order and prior contents', () => {
  let db: Awaited<ReturnType<typeof sourceAndTarget>>
  beforeAll(async () => {
    db = await sourceAndTarget('loadorder')
    const keys = `SELECT k FROM (SELECT chr(65 + g % 26) || chr(97 + (g / 26) % 26) || '-' || g AS k FROM generate_series(1, 4000) g
      UNION ALL SELECT lower(chr(65 + g % 26)) || '_' || g FROM generate_series(1, 1000) g) s`
    await exec(db.source, `CREATE TABLE mixed (k text COLLATE "C" PRIMARY KEY, v int); INSERT INTO mixed SELECT k, length(k) FROM (${keys}) x; ANALYZE mixed;
      CREATE TABLE parted (id int, v text) PARTITION BY RANGE (id); CREATE TABLE parted_a PARTITION OF parted FOR VALUES FROM (0) TO (100);
      CREATE TABLE parted_b PARTITION OF parted FOR VALUES FROM (100) TO (1000); INSERT INTO parted SELECT g, 'v' || g FROM generate_series(1, 300) g`)
    await exec(db.target, `CREATE TABLE mixed (k text COLLATE "en-x-icu" PRIMARY KEY, v int);
      CREATE TABLE parted (id int, v text) PARTITION BY RANGE (id); CREATE TABLE parted_a PARTITION OF parted FOR VALUES FROM (0) TO (100);
      CREATE TABLE parted_b PARTITION OF parted FOR VALUES FROM (100) TO (1000);
      INSERT INTO mixed VALUES ('left over', 0); INSERT INTO parted VALUES (5, 'left over')`)
    await exec(db.source, `CREATE TABLE indexed (id int PRIMARY KEY, v text); INSERT INTO indexed SELECT g, 'v' || g FROM generate_series(1, 500) g;
      CREATE TABLE narrow (id int PRIMARY KEY, v text); INSERT INTO narrow VALUES (1, 'much too long')`)
    await exec(db.target, `CREATE TABLE indexed (id int PRIMARY KEY, v text); CREATE INDEX indexed_v_ix ON indexed (v);
      CREATE TABLE narrow (id int PRIMARY KEY, v varchar(3))`)
  })
  afterAll(async () => db?.drop())

  it('a target that sorts text keys differently still gets every row exactly once, and what it held before is replaced', async () => {
    const r = await runLoad({ sourceUrl: db.source, targetUrl: db.target, tables: ['public.mixed'], chunkRows: 500, jobs: 2, truncate: true })
    expect(r.complete).toBe(true)
    expect(r.tables[0]!.chunks).toBeGreaterThan(4)
    expect(await tableDigest(db.target, 'mixed')).toEqual(await tableDigest(db.source, 'mixed'))
  })

  it('a partitioned table loaded whole (no key) is emptied and loaded like any other', async () => {
    const r = await runLoad({ sourceUrl: db.source, targetUrl: db.target, tables: ['public.parted'], jobs: 2, truncate: true })
    expect(r.complete).toBe(true)
    expect(await tableDigest(db.target, 'parted')).toEqual(await tableDigest(db.source, 'parted'))
    const counts = await withClient(db.target, (c) => c.query(`SELECT count(*)::int AS n FROM parted_a`))
    expect(counts.rows[0]).toEqual({ n: 99 })
  })

  it('indexes an unfinished --defer-indexes run took off are put back by the next run over the same tables', async () => {
    const indexExists = async () => (await withClient(db.target, (c) => c.query(`SELECT to_regclass('public.indexed_v_ix') IS NOT NULL AS present`))).rows[0].present
    const first = await runLoad({ sourceUrl: db.source, targetUrl: db.target, tables: ['public.indexed', 'public.narrow'], deferIndexes: true, jobs: 1 })
    expect(first.complete).toBe(false)
    expect(await indexExists()).toBe(false)
    // Another selection is another run: the first one, abandoned, left its index off.
    expect(await abandonLoadRun({ sourceUrl: db.source, targetUrl: db.target, tables: ['public.indexed', 'public.narrow'] })).toMatchObject({ runId: first.runId })
    const second = await runLoad({ sourceUrl: db.source, targetUrl: db.target, tables: ['public.indexed'], jobs: 1, truncate: true })
    expect(second.complete).toBe(true)
    expect(await indexExists()).toBe(true)
    expect(await tableDigest(db.target, 'indexed')).toEqual(await tableDigest(db.source, 'indexed'))
  })
})
