import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openPgValidationCatalog } from '../../src/engines/postgres/pg-checksum-catalog.js'
import { PgChecksumSide } from '../../src/engines/postgres/pg-checksum-side.js'
import { pgLineExpr } from '../../src/engines/postgres/pg-checksum-sql.js'
import { RedshiftChecksumSide } from '../../src/engines/redshift/redshift-checksum-side.js'
import { REDSHIFT_VALIDATION_SESSION, redshiftLineExpr, rsTableRef } from '../../src/engines/redshift/redshift-checksum-sql.js'
import { openRedshiftValidationCatalog } from '../../src/engines/redshift/redshift-validation-catalog.js'
import { canonicalLine } from '../../src/validate/canonical-line.js'
import { ChecksumAccumulator, rowHash } from '../../src/validate/segment-checksum.js'
import type { SideTable } from '../../src/validate/side-table.js'
import { runValidation } from '../../src/validate/run-validation.js'
import { canonicalText } from '../../src/values/canonical-text.js'
import { runCli } from '../cli/run-cli.js'
import { freshDatabase } from '../support/database.js'
import { asRedshift, CHECKSUM_STAND_INS } from './redshift-stand-ins.js'
import { sqlOn as sql } from './validate-support.js'

/**
 * Redshift's validation SQL run on PostgreSQL, which has every function it uses except two:
 * STRTOL and FROM_VARBYTE get stand-ins here, in the test database only, doing what Redshift
 * documents (hex digits → BIGINT; VARBYTE → hex text). The same rows are then checksummed by
 * PostgreSQL's own SQL and in Node: all three must agree, line by line and segment by segment.
 */

const AWKWARD = `
CREATE TABLE awkward (
  id int PRIMARY KEY, n numeric(12,3), t varchar(200), c char(6), b bytea, d date, ts timestamp(6), tz timestamptz, f boolean, big bigint
);
INSERT INTO awkward VALUES
  (1, 1.500, E'tab\\there', 'ab', '\\x00ff10', '2024-02-29', '2024-01-02 03:04:05.5', '2024-06-01 12:00:00+02', true, 9223372036854775807),
  (2, 0.000, E'new\\nline\\r\\n', '      ', '\\x', '0044-03-15 BC', '2024-01-02 03:04:00', '1999-12-31 23:59:59.999999+00', false, -9223372036854775808),
  (3, -2.250, E'back\\\\slash \\\\N', 'x y', NULL, NULL, '2024-01-02 03:04:05.000001', NULL, NULL, 0),
  (4, NULL, '', NULL, '\\x5c4e', '2000-01-01', NULL, '2024-03-10 02:30:00-08', true, NULL),
  (5, 123456789.123, NULL, 'ü€😀', '\\xdeadbeef', '1970-01-01', '1970-01-01 00:00:00', '1970-01-01 00:00:00+00', false, 42),
  (6, 7, 'ünïcödé 😀 "quotes", commas', 'q''t', '\\x09', '2024-12-31', '2024-12-31 23:59:59.123456', '2024-12-31 23:59:59.123456+05:30', true, -1);
-- json, not jsonb: PostgreSQL 17's JSON_SERIALIZE of a jsonb returns its binary form, unlike Redshift's of SUPER.
CREATE TABLE floats (id int PRIMARY KEY, x float8, y real, j json);
INSERT INTO floats VALUES (1, 0.1, 0.1, '{"b": 1, "a": [1, 2.50]}'), (2, 1e300, 3.4e38, NULL), (3, -0.0, 1.5, '"s"'), (4, NULL, NULL, '{}');`

let db: { url: string; drop: () => Promise<void> }
let other: { url: string; drop: () => Promise<void> }

/** The test database addressed as a Redshift URL (TLS off: it is the local PostgreSQL). */

async function sideTable(url: string, name: string, engine: 'postgres' | 'redshift'): Promise<SideTable> {
  const catalog = engine === 'postgres' ? await openPgValidationCatalog(url, 'target') : await openRedshiftValidationCatalog(asRedshift(url))
  try {
    const [t] = await catalog.listTables([`public.${name}`])
    return { schema: t!.schema, name: t!.name, keyLength: 1, columns: t!.columns.map((c) => ({ name: c.name, type: c.type, nativeType: c.nativeType })) }
  } finally {
    await catalog.close()
  }
}

beforeAll(async () => {
  ;[db, other] = await Promise.all([freshDatabase('rs_checksum'), freshDatabase('rs_checksum_src')])
  await sql(db.url, CHECKSUM_STAND_INS + AWKWARD)
  await sql(other.url, AWKWARD)
})
afterAll(async () => {
  await db?.drop()
  await other?.drop()
})

describe('Redshift validation SQL, run on PostgreSQL with stand-ins for STRTOL and FROM_VARBYTE', () => {
  it('reads the table through the Redshift catalog query: same logical types as PostgreSQL\'s catalog, keys not enforced', async () => {
    const rs = await sideTable(db.url, 'awkward', 'redshift')
    const pgt = await sideTable(db.url, 'awkward', 'postgres')
    expect(rs.columns).toEqual(pgt.columns)
    const catalog = await openRedshiftValidationCatalog(asRedshift(db.url))
    const [t] = await catalog.listTables(['public.awkward'])
    await catalog.close()
    expect(t).toMatchObject({ key: ['id'], enforcedKeys: [] })
  })

  it('builds, row by row, the canonical line PostgreSQL builds and Node builds from the raw values', async () => {
    const t = await sideTable(db.url, 'awkward', 'redshift')
    const c = new pg.Client({ connectionString: db.url, types: { getTypeParser: () => (v: string) => v } as unknown as pg.CustomTypesConfig })
    await c.connect()
    try {
      for (const s of REDSHIFT_VALIDATION_SESSION) await c.query(s)
      const { rows } = await c.query<{ rs: string; pg: string; raw: string[] }>(
        `SELECT ${redshiftLineExpr(t)} AS rs, ${pgLineExpr(t)} AS pg, ARRAY[${t.columns.map((x) => `${x.name}::text`).join(', ')}] AS raw FROM ${rsTableRef(t)} ORDER BY id`,
      )
      expect(rows).toHaveLength(6)
      const raws = (await c.query({ text: `SELECT ${t.columns.map((x) => x.name).join(', ')} FROM awkward ORDER BY id`, rowMode: 'array' })).rows as string[][]
      rows.forEach((r, i) => {
        const node = canonicalLine(raws[i]!.map((v, j) => canonicalText(v, t.columns[j]!.type)))
        expect({ id: i + 1, line: r.rs }).toEqual({ id: i + 1, line: r.pg })
        expect({ id: i + 1, line: r.rs }).toEqual({ id: i + 1, line: node })
      })
      // The awkward parts, spelled out: escaped separators, NULL vs '', trimmed CHAR, BC, minimal decimals, UTC instants.
      expect(rows[1]!.rs).toBe('2\t0\tnew\\nline\\r\\n\t\t\\\\x\t0044-03-15 BC\t2024-01-02 03:04:00\t1999-12-31 23:59:59.999999\tf\t-9223372036854775808')
      expect(rows[2]!.rs).toBe('3\t-2.25\tback\\\\slash \\\\N\tx y\t\\N\t\\N\t2024-01-02 03:04:05.000001\t\\N\t\\N\t0')
      expect(rows[3]!.rs).toMatch(/^4\t\\N\t\t\\N\t\\\\x5c4e\t2000-01-01\t\\N\t2024-03-10 10:30:00\tt\t\\N$/)
    } finally {
      await c.end()
    }
  })

  it('segment and bucket checksums equal PostgreSQL\'s pushdown and Node\'s, over the whole table and a key range', async () => {
    const t = await sideTable(db.url, 'awkward', 'redshift')
    const rs = new RedshiftChecksumSide(asRedshift(db.url), 2)
    const pgSide = new PgChecksumSide(db.url, 'target', 2)
    try {
      for (const range of [{}, { lower: ['2'], upper: ['5'] }, { lower: ['6'] }]) {
        expect(await rs.checksum(t, range)).toEqual(await pgSide.checksum(t, range))
      }
      const node = new ChecksumAccumulator()
      for (const row of await rs.rows(t, {})) node.add(rowHash(canonicalLine(row)))
      expect(await rs.checksum(t, {})).toEqual(node.result())
      expect(await rs.bucketChecksums(t, 4)).toEqual(await pgSide.bucketChecksums(t, 4))
      expect(await rs.rowCount(t)).toBe(6)
      expect((await rs.rowsByKeys(t, [['3'], ['5']])).map((r) => r[0]).sort()).toEqual(['3', '5'])
      expect(await rs.splitPoints(t, {}, 6, 3)).toEqual([['2'], ['4'], ['6']])
      expect(await rs.initialBounds(t, 3)).toEqual([['3'], ['5']])
      expect(await rs.bucketRows(t, 4, [0, 1, 2, 3])).toHaveLength(6)
      const aggregates = await rs.aggregates(t, [1, 5])
      expect(aggregates).toEqual(await pgSide.aggregates(t, [1, 5]))
    } finally {
      await rs.close()
      await pgSide.close()
    }
  })

  it('a table with floats and SUPER-like json is hashed client-side from raw text (a cursor), equal to PostgreSQL', async () => {
    const t = await sideTable(db.url, 'floats', 'redshift')
    const rs = new RedshiftChecksumSide(asRedshift(db.url), 1)
    const pgSide = new PgChecksumSide(db.url, 'target', 1)
    try {
      // A reader that stops early leaves no cursor or transaction behind on the (only) session.
      for await (const first of rs.rawRows(t, undefined)) {
        expect(first).toHaveLength(4)
        break
      }
      const node = new ChecksumAccumulator()
      for await (const raw of rs.rawRows(t, undefined)) node.add(rowHash(canonicalLine(t.columns.map((c, i) => canonicalText(raw[i], c.type)))))
      expect(node.result()).toEqual(await pgSide.checksum(t, {}))
      expect((await rs.rows(t, {})).sort()).toEqual((await pgSide.rows(t, {})).sort())
    } finally {
      await rs.close()
      await pgSide.close()
    }
  })

  it('godwit validate with a redshift:// target: PASS on equal tables; a trailing blank and a float’s last bit are found, pushed down and client-hashed', async () => {
    const ok = await runValidation({ sourceUrl: other.url, targetUrl: asRedshift(db.url), tables: ['public.awkward', 'public.floats'], jobs: 2 })
    expect(ok.target.engine).toBe('redshift+client-hash') // floats is hashed in Node; awkward on the server
    expect(ok.tables.map((x) => [x.name, x.status])).toEqual([['public.awkward', 'PASS'], ['public.floats', 'PASS']])
    await sql(db.url, `UPDATE awkward SET t = E'tab\\there ' WHERE id = 1; UPDATE floats SET x = 0.30000000000000004 WHERE id = 1`)
    const bad = await runValidation({ sourceUrl: other.url, targetUrl: asRedshift(db.url), tables: ['public.awkward', 'public.floats'], jobs: 2 })
    expect(bad.tables.map((x) => [x.name, x.status, x.differences.map((d) => [d.kind, d.key])])).toEqual([
      ['public.awkward', 'FAIL', [['changed', { id: '1' }]]],
      ['public.floats', 'FAIL', [['changed', { id: '1' }]]],
    ])
  })

  it('the CLI records a Redshift run in the --state database, and asks for --state before comparing anything', async () => {
    const report = `${process.env.TMPDIR ?? '/tmp'}/godwit-rs-report-${process.pid}`
    const without = await runCli(['validate', '--source', other.url, '--target', asRedshift(db.url), '--tables', 'public.floats', '--report', report])
    expect(without.status).toBe(2)
    expect(without.stderr).toContain('Amazon Redshift targets keep their run state in a PostgreSQL database: --state is required')
    const state = await freshDatabase('rs_state')
    try {
      await sql(db.url, 'UPDATE floats SET x = 0.1 WHERE id = 1')
      const run = await runCli(['validate', '--source', other.url, '--target', asRedshift(db.url), '--state', state.url, '--tables', 'public.floats', '--report', report])
      expect(run.status).toBe(0)
      expect(await sql(state.url, 'SELECT table_name, status FROM godwit.validation_tables')).toEqual([{ table_name: 'public.floats', status: 'PASS' }])
    } finally {
      await state.drop()
    }
  })
})
