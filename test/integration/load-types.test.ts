import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SourceError } from '../../src/core/errors.js'
import { readPgTable } from '../../src/engines/postgres/pg-catalog.js'
import { PgRowSource } from '../../src/engines/postgres/pg-row-source.js'
import { openRejectsFile } from '../../src/load/rejects-file.js'
import type { LoadChunk, LoadColumn, SourcePosition } from '../../src/load/load-source.js'
import { transcodeToCopyBinary, type RejectedRow } from '../../src/values/transcode.js'
import { freshDatabase } from '../support/database.js'

/**
 * The transcoding path end to end on real PostgreSQL: source rows read by PgRowSource (COPY text
 * decoded into godwit values), encoded by godwit's codec as binary COPY, loaded with COPY FROM
 * into the target; then both tables are compared row by row as PostgreSQL prints them.
 */

// Every PostgreSQL type docs/type-mapping.md produces from Oracle, plus date (an override target)
// and the times Teradata columns become.
const ALL_TYPES_DDL = `CREATE TABLE all_types (
  id integer PRIMARY KEY,
  i2 smallint, i4 integer, i8 bigint,
  n38 numeric(38), n152 numeric(15,2), n numeric,
  f4 real, f8 double precision,
  c5 char(5), v10 varchar(10), t text,
  b bytea,
  d date, ts0 timestamp(0), ts6 timestamp(6), tstz timestamptz(6), tstz3 timestamptz(3),
  iym interval year to month, ids interval day to second(6),
  bo boolean, j jsonb, x xml, rid text,
  tm time(6), tmz timetz
)`

const EDGE_ROWS = `INSERT INTO all_types VALUES
 (1, 32767, 2147483647, 9223372036854775807, 99999999999999999999999999999999999999, 9999999999999.99, 1.50,
  3.4028235e38, 1.7976931348623157e308, 'ab', 'ünï😀', 'emoji 😀 and supplementary 𝄞 中文 ✓',
  (SELECT string_agg(set_byte('\\x00'::bytea, 0, g), ''::bytea ORDER BY g) FROM generate_series(0, 255) g),
  '2024-02-29', '2024-02-29 23:59:59', '2024-02-29 23:59:59.999999', '2024-03-10 02:30:00.123456+05:30', '1999-12-31 23:59:59.999+00',
  '178000000 years 11 mons', '3 days 04:05:06.789012', true, '{"a":[1,2,{"b":null}],"é":"😀","n":1.50}', '<a b="1">text &amp; more</a>', 'AAAR3sAAEAAAACXAAA', '23:59:59.999999', '12:34:56.5+05:30'),
 (2, -32768, -2147483648, -9223372036854775808, -99999999999999999999999999999999999999, -9999999999999.99, -0.000000000000000000000000000001,
  -1.4e-45, -4.9e-324, '', '', '', '\\x',
  '4714-11-24 BC', '4713-01-01 00:00:00 BC', '0001-01-01 00:00:00.000001', '1969-12-31 23:59:59.999999+00', '1970-01-01 00:00:00.001+00',
  '-178000000 years -11 mons', '-2 days +01:00:00.000001', false, '[]', '<e/>', '', '00:00:00', '00:00:00-14'),
 (3, 0, 0, 0, 0, 0, 'NaN',
  'NaN', 'NaN', '     ', ' lead tail ', E'tab\\there\\nnew line\\r\\\\back\\\\slash\\b\\f\\v', '\\x5c6e09',
  '5874897-12-31', '294276-12-31 23:59:59', '294276-12-31 23:59:59.999999', 'infinity', '-infinity',
  '0 months', '2562047788:00:54.775807', NULL, 'null', NULL, NULL, '24:00:00', '23:59:59+15:59'),
 (4, NULL, NULL, NULL, NULL, NULL, 123456789012345678901234567890.123456789012345678901234567890,
  'Infinity', '-Infinity', NULL, NULL, NULL, NULL,
  'infinity', 'infinity', '-infinity', '2000-01-01 00:00:00+00', NULL,
  NULL, '-2562047788:00:54.775807', NULL, NULL, NULL, NULL, NULL, NULL),
 (5, 1, 1, 4503599627370497, 1, 0.01, 1e-20, '-Infinity', '-0', 'x', NULL, repeat('€', 349526), '\\xdeadbeef',
  '1970-01-01', '1999-12-31 23:59:59', '2000-01-01 00:00:00.000001', '2000-01-01 00:00:00.5-00:30', '2038-01-19 03:14:07.999+00',
  '1 mon', '-00:00:00.000001', true, '"text"', '<?xml version="1.0"?><r/>', NULL, '12:00', '12:00:00.000001-00:30'),
 (6, 2, 2, 9007199254740993, 10000000000000000000, -0.01, 0.1, 0.1, 0.1, 'abcde', 'abcdefghij', repeat('x', 1048576), NULL,
  '2000-02-29', '1900-02-28 12:00:00', '1582-10-04 23:59:59.999999', '1582-10-15 00:00:00+00', '9999-12-31 23:59:59.999+00',
  '-1 year', '100000000 days', false, '{"deep":{"deeper":[true,false,null,-1e-7]}}', NULL, NULL, '01:02:03.04', '01:02:03+00')`

describe('transcoding path: PostgreSQL source → godwit codec → binary COPY → PostgreSQL target', () => {
  let source: { url: string; drop: () => Promise<void> }
  let target: { url: string; drop: () => Promise<void> }
  let src: pg.Client
  let tgt: pg.Client
  let rowSource: PgRowSource

  beforeAll(async () => {
    source = await freshDatabase('godwit_types_src')
    target = await freshDatabase('godwit_types_tgt')
    src = new pg.Client({ connectionString: source.url })
    tgt = new pg.Client({ connectionString: target.url })
    await src.connect()
    await tgt.connect()
    await src.query(ALL_TYPES_DDL)
    await src.query(EDGE_ROWS)
    await tgt.query(ALL_TYPES_DDL)
    rowSource = new PgRowSource(source.url, 2)
  })

  afterAll(async () => {
    await rowSource?.close()
    await src?.end()
    await tgt?.end()
    await source?.drop()
    await target?.drop()
  })

  /** Runs the whole path for one table at an exported snapshot; returns the rejected rows. */
  async function transcode(table: string, targetTable: string, key: readonly string[]): Promise<RejectedRow[]> {
    const s = await readPgTable(src, 'public', table)
    const t = await readPgTable(tgt, 'public', targetTable, 'target')
    const columns: LoadColumn[] = s.columns.map((c) => {
      const tc = t.columns.find((x) => x.name === c.name)!
      return { name: c.name, targetName: tc.name, type: c.type, pgType: tc.pgType }
    })
    const holder = new pg.Client({ connectionString: source.url })
    await holder.connect()
    try {
      await holder.query('BEGIN ISOLATION LEVEL REPEATABLE READ')
      const snapshot = (await holder.query<{ s: string }>('SELECT pg_export_snapshot() AS s')).rows[0]!.s
      const at: SourcePosition = { engine: 'postgres', snapshot }
      const chunk: LoadChunk = { schema: 'public', table, seq: 0, key, estimatedRows: 10 }
      const rejects: RejectedRow[] = []
      const encoded = transcodeToCopyBinary(rowSource.readChunkRows(chunk, columns, at), columns, key, (r) => rejects.push(r))
      await pipeline(encoded, tgt.query(copyFrom(`COPY ${targetTable} (${columns.map((c) => c.targetName).join(', ')}) FROM STDIN (FORMAT binary)`)))
      return rejects
    } finally {
      await holder.end()
    }
  }

  async function rowTexts(client: pg.Client, table: string): Promise<string[]> {
    const { rows } = await client.query<{ r: string }>(`SELECT t::text AS r FROM ${table} t ORDER BY id`)
    return rows.map((r) => r.r)
  }

  it('every type mapped from Oracle round-trips exactly, edge values included', async () => {
    const rejects = await transcode('all_types', 'all_types', ['id'])
    expect(rejects).toEqual([])
    const expected = await rowTexts(src, 'all_types')
    expect(expected).toHaveLength(6)
    expect(await rowTexts(tgt, 'all_types')).toEqual(expected)
  })

  it('keeps the fine points PostgreSQL text could blur: -0, NaN, scale, padding, empty vs NULL, sizes, every byte', async () => {
    const q = `SELECT id, f8::text AS f8, n::text AS n, c5 = '     ' AS c5_blank, octet_length(c5) AS c5_len, t = '' AS t_empty, t IS NULL AS t_null,
                      octet_length(t) AS t_len, md5(t) AS t_md5, md5(b) AS b_md5, octet_length(b) AS b_len, ids::text AS ids, ts6::text AS ts6
                 FROM all_types ORDER BY id`
    const [a, b] = await Promise.all([src.query(q), tgt.query(q)])
    expect(b.rows).toEqual(a.rows)
    const byId = new Map(b.rows.map((r) => [r.id as number, r]))
    expect(byId.get(5)!.f8).toBe('-0')
    expect(byId.get(3)!.n).toBe('NaN')
    expect(byId.get(1)!.n).toBe('1.50')
    expect(byId.get(1)!.b_len).toBe(256)
    expect(byId.get(2)!.t_empty).toBe(true)
    expect(byId.get(4)!.t_null).toBe(true)
    expect(byId.get(6)!.t_len).toBe(1048576)
    expect(byId.get(5)!.t_len).toBe(349526 * 3)
    expect(byId.get(3)!.ids).toBe('2562047788:00:54.775807')
    expect(byId.get(2)!.ts6).toBe('0001-01-01 00:00:00.000001')
  })

  it('a source connection dropped mid-chunk fails the chunk with a SourceError naming it, not a short load', async () => {
    await src.query(`CREATE TABLE big AS SELECT g AS id, repeat('x', 40) AS filler FROM generate_series(1, 200000) g`)
    const s = await readPgTable(src, 'public', 'big')
    const columns: LoadColumn[] = s.columns.map((c) => ({ name: c.name, targetName: c.name, type: c.type, pgType: c.pgType }))
    const holder = new pg.Client({ connectionString: source.url })
    await holder.connect()
    try {
      await holder.query('BEGIN ISOLATION LEVEL REPEATABLE READ')
      const snapshot = (await holder.query<{ s: string }>('SELECT pg_export_snapshot() AS s')).rows[0]!.s
      const rows = rowSource.readChunkRows({ schema: 'public', table: 'big', seq: 7, estimatedRows: 200000 }, columns, { engine: 'postgres', snapshot })
      let read = 0
      const failure = await (async () => {
        try {
          for await (const batch of rows) {
            if (read === 0) {
              await src.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'COPY (SELECT%' AND pid <> pg_backend_pid()`)
            }
            read += batch.length
          }
        } catch (e) {
          return e
        }
        return undefined
      })()
      expect(failure).toBeInstanceOf(SourceError)
      expect(failure).toMatchObject({ code: 'SOURCE_READ_FAILED', object: 'public.big chunk 7' })
      expect(read).toBeGreaterThan(0)
      expect(read).toBeLessThan(200000)
    } finally {
      await holder.end()
    }
  })

  it('rejects rows the target cannot hold with their key and reason, and loads the others', async () => {
    await src.query(`CREATE TABLE odd (id integer PRIMARY KEY, t bytea, d text, v text, n numeric)`)
    await src.query(`INSERT INTO odd VALUES
      (1, convert_to('fine ✓', 'UTF8'), '2024-02-29', 'short', 123.456),
      (2, '\\x610062'::bytea, '2024-01-01', 'ok', 1),
      (3, '\\x61ff62'::bytea, '2024-01-01', 'ok', 1),
      (4, NULL, '2024-02-30', 'ok', 1),
      (5, NULL, '2024-01-01', 'too long', 1),
      (6, NULL, '2024-01-01', 'ok', 99999.999),
      (7, NULL, '99999999-01-01', 'ok', 1),
      (8, NULL, NULL, 'abc          ', -999.994)`)
    await tgt.query(`CREATE TABLE odd_target (id integer PRIMARY KEY, t text, d date, v varchar(5), n numeric(5,2))`)
    const rejects = await transcode('odd', 'odd_target', ['id'])
    const { rows } = await tgt.query<{ r: string }>(`SELECT o::text AS r FROM odd_target o ORDER BY id`)
    expect(rows.map((r) => r.r)).toEqual(['(1,"fine ✓",2024-02-29,short,123.46)', '(8,,,"abc  ",-999.99)'])
    expect(rejects.map((r) => [r.key, r.column])).toEqual([
      [{ id: '2' }, 't'],
      [{ id: '3' }, 't'],
      [{ id: '4' }, 'd'],
      [{ id: '5' }, 'v'],
      [{ id: '6' }, 'n'],
      [{ id: '7' }, 'd'],
    ])
    const reasons = rejects.map((r) => r.reason)
    expect(reasons[0]).toMatch(/NUL byte at byte 2/)
    expect(reasons[1]).toMatch(/invalid UTF-8 at byte 2/)
    expect(reasons[2]).toMatch(/date out of range: '2024-02-30' is not a calendar day/)
    expect(reasons[3]).toMatch(/value too long for character varying\(5\): 8 characters/)
    expect(reasons[4]).toMatch(/numeric field overflow/)
    expect(reasons[5]).toMatch(/date out of range: '99999999-01-01'/)
    expect(rejects[0]!.value).toBe('a\\0b')
    expect(rejects[1]!.value).toBe('\\x61ff62')

    const dir = await mkdtemp(join(tmpdir(), 'godwit-rejects-'))
    try {
      const file = openRejectsFile(dir, 'public.odd')
      for (const r of rejects) file.write(r)
      await file.close()
      expect(file.count).toBe(6)
      const csv = (await readFile(file.path, 'utf8')).trim().split('\n')
      expect(csv[0]).toBe('key,column,value,reason')
      expect(csv[1]).toBe('"{""id"":""2""}",t,a\\0b,NUL byte at byte 2: PostgreSQL text cannot hold it')
      expect(csv).toHaveLength(7)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
