import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runLoad } from '../../src/load/run-load.js'
import { exec, sourceAndTarget, tableDigest, withClient } from './load-support.js'

describe('load: transcoding path and rejected rows', () => {
  let db: Awaited<ReturnType<typeof sourceAndTarget>>
  beforeAll(async () => {
    db = await sourceAndTarget('loadcodec')
    await exec(
      db.source,
      `CREATE TABLE people (id int PRIMARY KEY, name text, amount numeric, born date, seen timestamptz, photo bytea, ok boolean);
       INSERT INTO people SELECT g, 'n' || g, g / 8.0, date '1990-01-01' + g, timestamptz '2024-03-01 12:00:00+00' + g * interval '1 second',
              decode(md5(g::text), 'hex'), g % 2 = 0 FROM generate_series(1, 3000) g;
       UPDATE people SET name = 'much too long a name' WHERE id IN (17, 2500);
       UPDATE people SET amount = 123456.5 WHERE id = 900;
       CREATE TABLE same (id int PRIMARY KEY, v text, d numeric(10,2));
       INSERT INTO same SELECT g, E'line\\n' || g, g FROM generate_series(1, 2000) g;
       ANALYZE`,
    )
    await exec(
      db.target,
      `CREATE TABLE people (id int PRIMARY KEY, name varchar(10), amount numeric(8,3), born date, seen timestamptz, photo bytea, ok boolean);
       CREATE TABLE same (id int PRIMARY KEY, v text, d numeric(10,2))`,
    )
  })
  afterAll(async () => db?.drop())

  it('--transcode moves rows through the value codec with the same result as passthrough', async () => {
    const result = await runLoad({ sourceUrl: db.source, targetUrl: db.target, tables: ['public.same'], transcode: true, chunkRows: 500 })
    expect(result.tables).toEqual([expect.objectContaining({ name: 'public.same', rows: 2000, transfer: 'transcode', chunking: 'key-range' })])
    expect(await tableDigest(db.target, 'same')).toEqual(await tableDigest(db.source, 'same'))
  })

  it('with --max-rejects 0 the first bad row fails its table, naming the row, and nothing of its chunk is written', async () => {
    const result = await runLoad({ sourceUrl: db.source, targetUrl: db.target, tables: ['public.people'], chunkRows: 100_000, retry: { attempts: 1, baseMs: 1 } })
    expect(result.complete).toBe(false)
    const [people] = result.tables
    expect(people).toMatchObject({ name: 'public.people', transfer: 'transcode', chunksDone: 0 })
    expect(people!.error).toMatch(/table public\.people: row \(id=17\) column name: .*exceed --max-rejects 0/)
    expect((await tableDigest(db.target, 'people')).rows).toBe(0)
    await exec(db.target, `DELETE FROM godwit.load_runs`)
  })

  it('with --max-rejects N bad rows go to the rejects file and every other row loads', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'godwit-rejects-'))
    const result = await runLoad({ sourceUrl: db.source, targetUrl: db.target, tables: ['public.people'], chunkRows: 1000, maxRejects: 5, rejectsDir: dir })
    expect(result.complete).toBe(true)
    expect(result.tables[0]).toMatchObject({ rows: 2997, rejected: 3, status: 'ok, 3 rejected' })
    const csv = await readFile(result.tables[0]!.rejectsFile!, 'utf8')
    expect(csv.split('\n').filter(Boolean)).toHaveLength(4)
    expect(csv).toMatch(/"?\{""id"":""17""\}"?,name,much too long a name/)
    expect(csv).toMatch(/900.*amount/)
    const loaded = await withClient(db.target, (c) => c.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE id IN (17, 900, 2500))::int AS bad FROM people`))
    expect(loaded.rows[0]).toEqual({ n: 2997, bad: 0 })
    // The control schema holds the same rows, committed with their chunks.
    const kept = await withClient(db.target, (c) =>
      c.query(`SELECT r->'key'->>'id' AS id, r->>'column' AS col FROM godwit.load_chunks, jsonb_array_elements(rejects) r WHERE run_id = $1 ORDER BY 1`, [result.runId]),
    )
    expect(kept.rows).toEqual([{ id: '17', col: 'name' }, { id: '2500', col: expect.any(String) }, { id: '900', col: 'amount' }])
    const same = await withClient(db.target, (c) =>
      c.query(`SELECT name, amount::text, born::text, photo = decode(md5(id::text), 'hex') AS photo, ok FROM people WHERE id = 8`),
    )
    expect(same.rows[0]).toEqual({ name: 'n8', amount: '1.000', born: '1990-01-09', photo: true, ok: true })
  })
})
