import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runValidation, type ValidateOptions } from '../../src/validate/run-validation.js'
import type { TableResult } from '../../src/validate/validation-result.js'
import { freshDatabase } from '../support/database.js'
import { sqlOn as sql } from './validate-support.js'

/** Source and target are two databases on the test server: PostgreSQL stands in for the source engine. */
let source: { url: string; drop: () => Promise<void> }
let target: { url: string; drop: () => Promise<void> }

async function both(text: string): Promise<void> {
  await Promise.all([sql(source.url, text), sql(target.url, text)])
}

async function validate(tables: string[], o: Partial<ValidateOptions> = {}): Promise<TableResult[]> {
  const r = await runValidation({ sourceUrl: source.url, targetUrl: target.url, tables, jobs: 2, ...o })
  return [...r.tables]
}

async function validateOne(table: string, o: Partial<ValidateOptions> = {}): Promise<TableResult> {
  const [t] = await validate([table], o)
  return t!
}

beforeAll(async () => {
  ;[source, target] = await Promise.all([freshDatabase('vsrc'), freshDatabase('vtgt')])
})

afterAll(async () => {
  await Promise.all([source?.drop(), target?.drop()])
})

/** Values that trip naive comparisons: NULL vs '', separators, backslashes, scale, zones, padding, floats, bytes. */
const TRICKY_TABLE = `
CREATE TABLE tricky (id int PRIMARY KEY, t text, c char(6), n numeric, n2 numeric(12,2), f8 float8, f4 float4, b bool,
  d date, ts timestamp(6), tz timestamptz, by bytea, j jsonb, iv interval, u uuid, big bigint);
INSERT INTO tricky VALUES
  (1, '', 'ab', 1.50, 1.5, 0.1, 0.1, true, '2024-02-29', '2024-01-02 03:04:05.5', '2024-01-02 03:04:05+02', '\\x00ff', '{"b":1,"a":[1.5,null]}', '1 year 2 mons 3 days 04:05:06.5', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 9007199254740993),
  (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (3, E'tab\\there\\nnew\\\\line\\r', 'x    ', -0.0, -0.50, 1e15, 1234567, false, '0044-03-15 BC', '0099-12-31 23:59:59.999999', 'infinity', '\\x', '[]', '-1 day', NULL, -1),
  (4, '\\N', ' lead', 12345678901234567890.123456789, 0, 'NaN', '-Infinity', NULL, 'infinity', '-infinity', '1970-01-01 00:00:00.000001+00', '\\x0a0d09', '"s"', '0', NULL, 0),
  (5, 'emoji 🐦 and ü', 'ü', 1e-20, 99.99, 1e-5, 3.4e38, true, '2000-01-01', '2000-01-01', '2000-01-01 00:00:00-05:30', '\\xdeadbeef', 'null', '1 mon', NULL, 42);`

describe('validate on real PostgreSQL', () => {
  it('identical tables pass, pushed down and with client-side hashing alike', async () => {
    await both(TRICKY_TABLE)
    const pushed = await validateOne('public.tricky')
    expect(pushed).toMatchObject({ status: 'PASS', sourceRows: 5, targetRows: 5, differenceCount: 0, comparison: 'key', key: ['id'] })
    for (const clientHash of ['source', 'target', 'both'] as const) {
      expect(await validateOne('public.tricky', { clientHash }), clientHash).toMatchObject({ status: 'PASS', sourceRows: 5, targetRows: 5 })
    }
  })

  it("client-side hashing reproduces the engine's checksum byte for byte (so a changed value is caught either way)", async () => {
    await sql(target.url, "UPDATE tricky SET t = 'tab\there' WHERE id = 3")
    for (const clientHash of ['none', 'target'] as const) {
      const r = await validateOne('public.tricky', { clientHash })
      expect(r.differences, clientHash).toEqual([{ kind: 'changed', key: { id: '3' }, columns: ['t'], changes: [{ column: 't', source: 'tab\there\nnew\\line\r', target: 'tab\there' }] }])
    }
    await sql(target.url, "UPDATE tricky SET t = E'tab\\there\\nnew\\\\line\\r' WHERE id = 3")
    expect((await validateOne('public.tricky', { clientHash: 'both' })).status).toBe('PASS')
  })

  it('values that differ only by representation are equal: numeric 1.50 vs 1.5, one instant in two time zones', async () => {
    await sql(source.url, "CREATE TABLE repr (id int PRIMARY KEY, amount numeric(12,2), at timestamptz); INSERT INTO repr VALUES (1, 1.50, '2024-05-01 12:00:00+02'), (2, 100.00, '2024-05-01 00:00:00.5-07')")
    await sql(target.url, "SET TIME ZONE 'America/New_York'; CREATE TABLE repr (id int PRIMARY KEY, amount numeric, at timestamptz); INSERT INTO repr VALUES (1, 1.5, '2024-05-01 10:00:00Z'), (2, 100, '2024-05-01 03:00:00.5-04')")
    const r = await validateOne('public.repr')
    expect(r).toMatchObject({ status: 'PASS', differenceCount: 0, sourceRows: 2, targetRows: 2 })
    expect(r.schema.map((f) => f.code)).toEqual([])
  })

  it('NULL vs empty string is a difference', async () => {
    await sql(source.url, "CREATE TABLE nulls (id int PRIMARY KEY, note text); INSERT INTO nulls VALUES (1, NULL), (2, '')")
    await sql(target.url, "CREATE TABLE nulls (id int PRIMARY KEY, note text); INSERT INTO nulls VALUES (1, ''), (2, '')")
    const r = await validateOne('public.nulls')
    expect(r.status).toBe('FAIL')
    expect(r.differences).toEqual([{ kind: 'changed', key: { id: '1' }, columns: ['note'], changes: [{ column: 'note', source: null, target: '' }] }])
  })

  it('composite and text primary keys: bisection narrows to the differing rows', async () => {
    const ddl = `CREATE TABLE lines (order_no text, line int, sku varchar(20), qty numeric(10,3), PRIMARY KEY (order_no, line));
      INSERT INTO lines SELECT 'ORD-' || lpad((g / 4)::text, 6, '0'), g % 4, 'SKU' || (g % 97), g % 13 FROM generate_series(0, 19999) g; ANALYZE lines;`
    await both(ddl)
    await sql(target.url, "UPDATE lines SET qty = 99 WHERE order_no = 'ORD-001234' AND line = 2; DELETE FROM lines WHERE order_no = 'ORD-004000' AND line = 0; INSERT INTO lines VALUES ('ORD-004000', 7, 'new', 1), ('ORD-', 1, 'x', 1)")
    const r = await validateOne('public.lines', { tuning: { leafRows: 50, segmentRows: 2000, bisectionFactor: 8 } })
    expect(r.status).toBe('FAIL')
    expect(r.key).toEqual(['order_no', 'line'])
    expect(sortDiffs(r)).toEqual([
      { kind: 'changed', key: { order_no: 'ORD-001234', line: '2' }, columns: ['qty'], changes: [{ column: 'qty', source: String(((1234 * 4 + 2) % 13)), target: '99' }] },
      { kind: 'extra', key: { order_no: 'ORD-', line: '1' }, columns: [] },
      { kind: 'extra', key: { order_no: 'ORD-004000', line: '7' }, columns: [] },
      { kind: 'missing', key: { order_no: 'ORD-004000', line: '0' }, columns: [] },
    ])
    // Bisection fetched a few small leaves, not the table.
    expect(r.segments.rowsFetched).toBeLessThan(400)
    expect(r.segments.checked).toBeGreaterThan(10)
  })

  it('a table with no key falls back to comparing whole-row multisets and says so', async () => {
    await both("CREATE TABLE events (kind text, n int); INSERT INTO events SELECT 'k' || (g % 7), g % 3 FROM generate_series(1, 3000) g")
    await sql(target.url, "DELETE FROM events WHERE ctid IN (SELECT ctid FROM events WHERE kind = 'k1' AND n = 1 LIMIT 1); INSERT INTO events VALUES ('k9', NULL)")
    const r = await validateOne('public.events')
    expect(r.comparison).toBe('multiset')
    expect(r.notes.join(' ')).toMatch(/no primary or unique NOT NULL key: rows compared as a multiset/)
    expect(r).toMatchObject({ status: 'FAIL', sourceRows: 3000, targetRows: 3000 })
    expect(sortDiffs(r)).toEqual([
      { kind: 'extra', key: { kind: 'k9', n: null }, columns: [], count: 1 },
      { kind: 'missing', key: { kind: 'k1', n: '1' }, columns: [], count: 1 },
    ])
    await sql(target.url, "DELETE FROM events WHERE kind = 'k9'; INSERT INTO events VALUES ('k1', 1)")
    expect((await validateOne('public.events')).status).toBe('PASS')
  })

  it('an empty target short-circuits: every row counted missing, nothing bisected or fetched (keyed and keyless)', async () => {
    await sql(source.url, 'CREATE TABLE emptied (id int PRIMARY KEY, v text); INSERT INTO emptied SELECT g, md5(g::text) FROM generate_series(1, 20000) g; ANALYZE emptied')
    await sql(target.url, 'CREATE TABLE emptied (id int PRIMARY KEY, v text)')
    const r = await validateOne('public.emptied', { tuning: { maxDifferences: 50, segmentRows: 2000 } })
    expect(r).toMatchObject({ status: 'FAIL', sourceRows: 20000, targetRows: 0, differenceCount: 20000, emptySide: 'target', differences: [] })
    expect(r.segments.rowsFetched).toBe(0)
    // Only the level-0 segments were checksummed: no bisection below them.
    expect(r.segments.checked).toBeLessThanOrEqual(10)
    await sql(source.url, 'CREATE TABLE emptied_bag (v text); INSERT INTO emptied_bag SELECT md5(g::text) FROM generate_series(1, 5000) g')
    await sql(target.url, 'CREATE TABLE emptied_bag (v text)')
    const bag = await validateOne('public.emptied_bag')
    expect(bag).toMatchObject({ status: 'FAIL', comparison: 'multiset', sourceRows: 5000, targetRows: 0, differenceCount: 5000, emptySide: 'target', differences: [] })
    expect(bag.segments.rowsFetched).toBe(0)
    // The other way round: rows only on the target are all extra.
    const reversed = await runValidation({ sourceUrl: target.url, targetUrl: source.url, tables: ['public.emptied'], jobs: 2 })
    expect(reversed.tables[0]).toMatchObject({ emptySide: 'source', sourceRows: 0, targetRows: 20000, differenceCount: 20000 })
  })

  it('schema check: a missing table, a missing column, a narrowed type', async () => {
    await sql(source.url, 'CREATE TABLE only_src (id int PRIMARY KEY); CREATE TABLE shape (id int PRIMARY KEY, a numeric(12,4), gone text)')
    await sql(target.url, 'CREATE TABLE shape (id int PRIMARY KEY, a numeric(12,2), added int)')
    const rs = await validate(['public.only_src', 'public.shape'])
    const [missing, shape] = [rs.find((t) => t.name === 'public.only_src')!, rs.find((t) => t.name === 'public.shape')!]
    expect(missing.status).toBe('FAIL')
    expect(missing.schema.map((f) => f.code)).toEqual(['TABLE_MISSING'])
    expect(shape.status).toBe('FAIL')
    expect(shape.schema.map((f) => `${f.severity}:${f.code}:${f.column}`).sort()).toEqual(['error:COLUMN_MISSING:gone', 'warning:COLUMN_EXTRA:added', 'warning:TYPE_NARROWED:a'])
  })

  it('count mode counts only; full mode adds column aggregates that name the differing column', async () => {
    await both('CREATE TABLE agg (id int PRIMARY KEY, price numeric(8,2), day date, label text); INSERT INTO agg SELECT g, g * 1.25, date \'2024-01-01\' + g, \'l\' || g FROM generate_series(1, 500) g')
    await sql(target.url, 'UPDATE agg SET price = 1000 WHERE id = 7')
    const counted = await validateOne('public.agg', { mode: 'count' })
    expect(counted).toMatchObject({ status: 'PASS', comparison: 'count', sourceRows: 500, targetRows: 500, differenceCount: 0 })
    const full = await validateOne('public.agg', { mode: 'full' })
    expect(full.status).toBe('FAIL')
    expect(full.aggregates!.filter((a) => !a.equal).map((a) => `${a.aggregate}(${a.column})`)).toEqual(['sum(price)', 'max(price)'])
    expect(full.differences).toEqual([{ kind: 'changed', key: { id: '7' }, columns: ['price'], changes: [{ column: 'price', source: '8.75', target: '1000' }] }])
  })

  it('--columns, --where and --sample narrow what is compared', async () => {
    await both('CREATE TABLE narrow (id int PRIMARY KEY, a int, b int); INSERT INTO narrow SELECT g, g, g FROM generate_series(1, 10000) g; ANALYZE narrow')
    await sql(target.url, 'UPDATE narrow SET b = -1 WHERE id = 10; UPDATE narrow SET a = -1 WHERE id = 9000')
    expect((await validateOne('public.narrow', { columns: ['a'], where: 'id < 5000' })).status).toBe('PASS')
    const onlyB = await validateOne('public.narrow', { columns: ['b'] })
    expect(onlyB.differences.map((d) => d.key)).toEqual([{ id: '10' }])
    const sampled = await validateOne('public.narrow', { samplePercent: 10, tuning: { segmentRows: 100 } })
    expect(sampled.notes.join(' ')).toMatch(/sampled: 10% of the key space/)
    expect(sampled.sourceRows).toBeLessThan(2000)
    expect(sampled.sourceRows).toBe(sampled.targetRows)
  })

  it('--recheck-after: a difference whose change lands during the delay is resolved, a lasting one is kept', async () => {
    await both('CREATE TABLE moving (id int PRIMARY KEY, v text); INSERT INTO moving SELECT g, \'v\' || g FROM generate_series(1, 100) g')
    await sql(target.url, "UPDATE moving SET v = 'late' WHERE id IN (5, 6)")
    const fix = new Promise<void>((resolve) => setTimeout(() => void sql(target.url, "UPDATE moving SET v = 'v5' WHERE id = 5").then(() => resolve()), 1000))
    const r = await validateOne('public.moving', { recheckAfterSeconds: 2 })
    await fix
    expect(r.recheck).toEqual({ afterSeconds: 2, resolved: 1 })
    expect(r.differences.map((d) => d.key)).toEqual([{ id: '6' }])
  })

  it('bad input gets typed errors: unreachable target (password redacted), no matching table', async () => {
    const bad = target.url.replace(/:\d+\//, ':1/')
    await expect(runValidation({ sourceUrl: source.url, targetUrl: bad })).rejects.toMatchObject({ code: 'TARGET_UNREACHABLE', exitCode: 5 })
    await expect(runValidation({ sourceUrl: source.url, targetUrl: bad })).rejects.toThrow(/:\*\*\*@/)
    await expect(runValidation({ sourceUrl: source.url, targetUrl: target.url, tables: ['nope.*'] })).rejects.toMatchObject({ code: 'VALIDATE_NO_TABLES', exitCode: 2 })
    await expect(runValidation({ sourceUrl: source.url, targetUrl: target.url, samplePercent: 0 })).rejects.toMatchObject({ code: 'VALIDATE_SAMPLE', exitCode: 2 })
  })

  it('a query failing on one table marks that table ERROR with the side and the table named; the others still compare', async () => {
    // The validation user may read narrow but not good on the target.
    const role = `vlimited_${Math.random().toString(36).slice(2, 8)}`
    await sql(source.url, 'CREATE TABLE good (id int PRIMARY KEY); INSERT INTO good VALUES (1)')
    await sql(target.url, `CREATE TABLE good (id int PRIMARY KEY); INSERT INTO good VALUES (1); CREATE ROLE ${role} LOGIN PASSWORD 'pw'; GRANT SELECT ON narrow TO ${role}`)
    try {
      const limited = new URL(target.url)
      limited.username = role
      limited.password = 'pw'
      for (const where of [undefined, 'id > 0']) {
        const r = await runValidation({ sourceUrl: source.url, targetUrl: limited.toString(), tables: ['public.good', 'public.narrow'], jobs: 2, where })
        const good = r.tables.find((t) => t.name === 'public.good')!
        expect(good, String(where)).toMatchObject({ status: 'ERROR', error: { code: 'VALIDATE_TARGET_QUERY', exitCode: 5 } })
        expect(good.error!.message).toMatch(/target public\.good: .*permission denied/)
        expect(r.tables.find((t) => t.name === 'public.narrow')!.status).toBe('FAIL')
      }
    } finally {
      await sql(target.url, `DROP OWNED BY ${role}; DROP ROLE ${role}`)
    }
  })
})

function sortDiffs(r: TableResult) {
  return [...r.differences].sort((a, b) => `${a.kind}${JSON.stringify(a.key)}`.localeCompare(`${b.kind}${JSON.stringify(b.key)}`))
}
