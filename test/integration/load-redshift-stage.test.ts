import { readdir, readFile, stat } from 'node:fs/promises'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { from as copyFrom } from 'pg-copy-streams'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runLoad, type LoadOptions } from '../../src/load/run-load.js'
import { startLocalS3, type LocalS3 } from '../support/s3-server.js'
import { exec, sourceAndTarget, withClient } from './load-support.js'

const REDSHIFT = 'redshift://admin@cluster.example.invalid:5439/dev'

/** Values CSV gets wrong when a writer is careless, with the two Redshift cannot hold (ids 90, 91). */
const AWKWARD = `
CREATE TABLE awkward (id int PRIMARY KEY, t text, v varchar(20), n numeric(38,0), d numeric(20,5), ts timestamp, tz timestamptz, dt date, b boolean, f float8, j jsonb, bin bytea);
INSERT INTO awkward VALUES
 (1, E'tab\\there', 'a', 99999999999999999999999999999999999999, 1.5, '1999-12-31 23:59:59.999999', '2024-03-01 12:34:56.123456+05:30', '0001-01-01', true, 0.1, '{"a": [1, "x,y"]}', '\\x00ff'),
 (2, E'line\\nbreak\\r\\nwindows', 'b', -99999999999999999999999999999999999999, -0.00001, '2000-01-01 00:00:00', '1970-01-01 00:00:00+00', '9999-12-31', false, 1e300, '"q\\"uote"', ''),
 (3, 'quote " and "" doubled', '', 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
 (4, 'comma, here', NULL, 1, 123456789012345.12345, '2024-02-29 12:00:00.5', '2024-06-30 23:59:59.999999-07', '2024-02-29', true, -2.5e-300, 'null', '\\x5c4e'),
 (5, E'back\\\\slash \\\\N and \\\\.', 'c', 2, 2, '1900-01-01 00:00:00', '1900-01-01 00:00:00+00', '1900-01-01', false, 0, '[]', NULL),
 (6, 'unicode ü 🎉 中文 ῼ', 'ü🎉', 3, 3, NULL, NULL, NULL, NULL, NULL, '{"k": "ü"}', NULL),
 (7, '', '', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
 (8, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
 (9, E'\\\\.', ' lead and trail ', 4, 4, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
 (10, '"', ',', 5, 5, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
 (90, 'too old', 'x', 1, 1, NULL, NULL, '0044-03-15 BC', NULL, NULL, NULL, NULL),
 (91, repeat('x', 70000), 'x', 1, 1, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
ANALYZE awkward`

/** The same columns as PostgreSQL reads the CSV back: bytea arrives as Redshift's VARBYTE hex. */
const CHECK_TABLE = `CREATE TABLE IF NOT EXISTS check_awkward (id int, t text, v varchar(20), n numeric(38,0), d numeric(20,5), ts timestamp, tz timestamptz, dt date, b boolean, f float8, j jsonb, bin text)`

const ROWS_SQL = (table: string, bin: string) =>
  `SELECT id, t, v, n::text, d::text, ts::text, tz::text, dt::text, b, f::text, j::text, ${bin} AS bin FROM ${table} ORDER BY id`

describe('load into Redshift: staged gzip CSV parts reproduce the rows exactly', () => {
  let db: Awaited<ReturnType<typeof sourceAndTarget>>
  let s3: LocalS3
  let rejectsDir: string
  beforeAll(async () => {
    db = await sourceAndTarget('rsstage')
    s3 = await startLocalS3()
    rejectsDir = await mkdtemp(join(tmpdir(), 'godwit-rs-rejects-'))
    await exec(db.source, AWKWARD)
  })
  afterAll(async () => {
    await s3?.stop()
    await db?.drop()
  })

  const base = (stage: string, o: Partial<LoadOptions> = {}): LoadOptions => ({
    sourceUrl: db.source,
    targetUrl: REDSHIFT,
    stateUrl: db.target,
    tables: ['public.awkward'],
    chunkRows: 4,
    maxRejects: 2,
    rejectsDir,
    staging: { stage, stageOnly: true, slices: 3, s3Endpoint: s3.endpoint },
    ...o,
  })

  /** Loads CSV text into the check table with PostgreSQL's COPY … (FORMAT csv), the rules Redshift's COPY CSV follows. */
  async function copyCsv(csv: Buffer): Promise<void> {
    await withClient(db.target, async (c) => {
      await c.query(CHECK_TABLE)
      await c.query('TRUNCATE check_awkward')
      await new Promise<void>((resolve, reject) => {
        const sink = c.query(copyFrom('COPY check_awkward FROM STDIN (FORMAT csv)'))
        sink.on('finish', resolve).on('error', reject)
        sink.end(csv)
      })
    })
  }

  async function expectSameRows(): Promise<void> {
    const zone = `SET TimeZone = 'UTC'; SET extra_float_digits = 1`
    const source = await withClient(db.source, async (c) => (await c.query(`${zone}; ${ROWS_SQL('awkward WHERE id < 90', "encode(bin, 'hex')")}`) as unknown as { rows: unknown[] }[])[2]!.rows)
    const staged = await withClient(db.target, async (c) => (await c.query(`${zone}; ${ROWS_SQL('check_awkward', 'bin')}`) as unknown as { rows: unknown[] }[])[2]!.rows)
    expect(staged).toHaveLength(10)
    expect(staged).toEqual(source)
  }

  it('--stage file:// --stage-only writes 3 parts per chunk, a manifest and copy.sql; the parts load back to the same rows', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'godwit-rs-stage-'))
    const result = await runLoad(base(`file://${dir}`))
    expect(result.complete).toBe(true)
    expect(result.tables[0]).toMatchObject({ name: 'public.awkward', rows: 10, rejected: 2, transfer: 'transcode' })
    const [runDir] = (await readdir(dir)).filter((d) => d.startsWith(`run-${result.runId}-`))
    const manifest = JSON.parse(await readFile(join(dir, runDir!, 'public.awkward.manifest'), 'utf8')) as { entries: { url: string; mandatory: boolean; meta: { content_length: number } }[] }
    const chunks = result.tables[0]!.chunks
    expect(chunks).toBeGreaterThan(1)
    expect(manifest.entries).toHaveLength(chunks * 3)
    const parts = await Promise.all(manifest.entries.map(async (e) => {
      expect(e.url).toMatch(new RegExp(`^file://${dir}/${runDir}/public\\.awkward/c\\d+/part-000[0-2]\\.csv\\.gz$`))
      expect(e.mandatory).toBe(true)
      const gz = await readFile(e.url.slice('file://'.length))
      expect(gz.length).toBe(e.meta.content_length)
      return gunzipSync(gz)
    }))
    const csv = Buffer.concat(parts)
    expect(csv.toString()).not.toMatch(/^id,/) // no header
    await copyCsv(csv)
    await expectSameRows()

    const sql = await readFile(join(dir, runDir!, 'copy.sql'), 'utf8')
    expect(sql).toContain(`COPY "public"."awkward" ("id", "t", "v", "n", "d", "ts", "tz", "dt", "b", "f", "j", "bin")\nFROM 'file://${dir}/${runDir}/public.awkward.manifest'\nIAM_ROLE default\nMANIFEST CSV GZIP EMPTYASNULL`)
    expect(sql).toMatch(/BEGIN;\nLOCK godwit\.load_copies;\nCOPY [^;]+;\nINSERT INTO godwit\.load_copies \(manifest, target_table, rows\) VALUES \('file:[^']+', 'public\.awkward', 10\);\nCOMMIT;/)

    const rejects = await readFile(result.tables[0]!.rejectsFile!, 'utf8')
    expect(rejects).toMatch(/90.*,dt,.*outside the years 1 to 9999/)
    expect(rejects).toMatch(/91.*,t,.*70000 bytes: Redshift character varying\(65535\) holds at most 65535 bytes/)
  })

  it('a rerun after the state lost its done marks reuses the staged chunks: no part is written again', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'godwit-rs-resume-'))
    const first = await runLoad(base(`file://${dir}`, { restart: true }))
    const [runDir] = (await readdir(dir)).filter((d) => d.startsWith(`run-${first.runId}-`))
    const partFile = join(dir, runDir!, 'public.awkward', 'c1', 'part-0000.csv.gz')
    const before = (await stat(partFile)).mtimeMs
    // As if every chunk's state update had been lost after its files were staged.
    await exec(db.target, `UPDATE godwit.load_chunks SET state = 'pending', rows = NULL, bytes = NULL, rejected = 0, rejects = NULL WHERE run_id = ${first.runId};
                           UPDATE godwit.load_runs SET state = 'running', finished_at = NULL WHERE id = ${first.runId}`)
    const again = await runLoad(base(`file://${dir}`))
    expect(again).toMatchObject({ runId: first.runId, resumed: true, complete: true })
    expect(again.tables[0]).toMatchObject({ rows: 10, rejected: 2 })
    expect((await stat(partFile)).mtimeMs).toBe(before)
  })

  it('--stage s3:// puts the same parts and manifest on an S3 server, with s3:// URLs COPY can read', async () => {
    const result = await runLoad(base(`s3://${s3.bucket}/exports/shop`, { restart: true, staging: { stage: `s3://${s3.bucket}/exports/shop`, stageOnly: true, slices: 2, s3Endpoint: s3.endpoint } }))
    expect(result.complete).toBe(true)
    const client = new S3Client({ region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true })
    try {
      const get = async (key: string) => {
        const r = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }))
        return Buffer.from(await r.Body!.transformToByteArray())
      }
      const runDir = (await readdir(join(s3.directory, s3.bucket, 'exports', 'shop'))).find((d) => d.startsWith(`run-${result.runId}-`))!
      const manifest = JSON.parse((await get(`exports/shop/${runDir}/public.awkward.manifest`)).toString()) as { entries: { url: string }[] }
      expect(manifest.entries).toHaveLength(result.tables[0]!.chunks * 2)
      const prefix = `s3://${s3.bucket}/exports/shop/${runDir}/public.awkward/`
      for (const e of manifest.entries) expect(e.url.startsWith(prefix)).toBe(true)
      const parts = await Promise.all(manifest.entries.map((e) => get(e.url.slice(`s3://${s3.bucket}/`.length))))
      await copyCsv(Buffer.concat(parts.map((p) => gunzipSync(p))))
      await expectSameRows()
      const sql = (await get(`exports/shop/${runDir}/copy.sql`)).toString()
      expect(sql).toContain(`FROM 's3://${s3.bucket}/exports/shop/${runDir}/public.awkward.manifest'`)
    } finally {
      client.destroy()
    }
  })

  it('a part above the multipart threshold goes up as a multipart upload and comes back whole', async () => {
    // ~20 MB of hex text, which gzip halves: one part well above the 8 MiB part size.
    await exec(db.source, `CREATE TABLE big (id int PRIMARY KEY, payload text);
      INSERT INTO big SELECT g, (SELECT string_agg(md5(random()::text || g || i), '') FROM generate_series(1, 125) i) FROM generate_series(1, 5000) g; ANALYZE big`)
    const stage = `s3://${s3.bucket}/multi`
    const result = await runLoad(base(stage, { tables: ['public.big'], chunkRows: 1_000_000, staging: { stage, stageOnly: true, slices: 1, s3Endpoint: s3.endpoint } }))
    expect(result.tables[0]).toMatchObject({ rows: 5000, chunks: 1 })
    const client = new S3Client({ region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true })
    try {
      const runDir = (await readdir(join(s3.directory, s3.bucket, 'multi'))).find((d) => d.startsWith(`run-${result.runId}-`))!
      const key = `multi/${runDir}/public.big/c${result.tables[0]!.chunks === 1 ? await onlyChunk(join(s3.directory, s3.bucket, 'multi', runDir, 'public.big')) : ''}/part-0000.csv.gz`
      const head = await client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: key }))
      expect(head.ContentLength).toBeGreaterThan(8 * 1024 * 1024)
      const uploads = s3.requests.filter((r) => r.includes(key) && /[?&]partNumber=\d+/.test(r))
      expect(uploads.length).toBeGreaterThanOrEqual(2)
      const body = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }))
      const lines = gunzipSync(Buffer.from(await body.Body!.transformToByteArray())).toString().split('\n').filter(Boolean)
      expect(lines).toHaveLength(5000)
      const sample = await withClient(db.source, (c) => c.query(`SELECT id, payload FROM big WHERE id = 4321`))
      expect(lines).toContain(`4321,"${(sample.rows[0] as { payload: string }).payload}"`)
    } finally {
      client.destroy()
    }
  })
})

async function onlyChunk(dir: string): Promise<string> {
  const [c] = (await readdir(dir)).filter((d) => /^c\d+$/.test(d))
  return c!.slice(1)
}
