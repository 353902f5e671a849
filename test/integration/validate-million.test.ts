import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { VALIDATION_APPLICATION_NAME } from '../../src/engines/postgres/pg-checksum-sessions.js'
import { runValidation } from '../../src/validate/run-validation.js'
import { freshDatabase } from '../support/database.js'

/** The one test at issue scale: a 1,000,000-row lineitem-like table on each side. */
const ROWS = 1_000_000
const LINEITEM = `
CREATE TABLE lineitem (l_orderkey bigint, l_linenumber int, l_partkey int, l_quantity numeric(15,2), l_extendedprice numeric(15,2),
  l_discount numeric(15,2), l_returnflag char(1), l_shipdate date, l_shipinstruct char(25), l_comment varchar(44),
  PRIMARY KEY (l_orderkey, l_linenumber));
INSERT INTO lineitem SELECT g / 4, g % 4, g % 20000, (g % 50) + 1, ((g % 50) + 1) * 901.25, (g % 11) / 100.0,
  (ARRAY['A','N','R'])[g % 3 + 1], date '1992-01-01' + g % 2500, 'DELIVER IN PERSON', 'comment ' || md5(g::text)
FROM generate_series(0, ${ROWS - 1}) g;
ANALYZE lineitem;`

let source: { url: string; drop: () => Promise<void> }
let target: { url: string; drop: () => Promise<void> }

async function sql(url: string, text: string): Promise<pg.QueryResult> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    return await c.query(text)
  } finally {
    await c.end()
  }
}

beforeAll(async () => {
  ;[source, target] = await Promise.all([freshDatabase('vmsrc'), freshDatabase('vmtgt')])
  await Promise.all([sql(source.url, LINEITEM), sql(target.url, LINEITEM)])
}, 300_000)

afterAll(async () => {
  await Promise.all([source?.drop(), target?.drop()])
})

describe('validate a 1M-row table', () => {
  it('identical: PASS with one checksum pass per side and almost nothing transferred', async () => {
    const r = await runValidation({ sourceUrl: source.url, targetUrl: target.url, tables: ['public.lineitem'], jobs: 2 })
    expect(r.tables[0]).toMatchObject({ status: 'PASS', sourceRows: ROWS, targetRows: ROWS, differenceCount: 0 })
    expect(r.tables[0]!.segments.rowsFetched).toBe(0)
    expect(r.source.transfer.bytesReceived + r.target.transfer.bytesReceived).toBeLessThan(1_000_000)
  }, 300_000)

  it('a changed cell, a missing row and an extra row are each found by key, and nothing else', async () => {
    await sql(
      target.url,
      `UPDATE lineitem SET l_comment = 'changed' WHERE l_orderkey = 123456 AND l_linenumber = 3;
       DELETE FROM lineitem WHERE l_orderkey = 200000 AND l_linenumber = 1;
       INSERT INTO lineitem VALUES (999999999, 1, 1, 1, 1, 0, 'N', '2020-01-01', 'NONE', 'extra');`,
    )
    const r = await runValidation({ sourceUrl: source.url, targetUrl: target.url, tables: ['public.lineitem'], jobs: 2 })
    const t = r.tables[0]!
    expect(t).toMatchObject({ status: 'FAIL', sourceRows: ROWS, targetRows: ROWS, differenceCount: 3 })
    const expectedComment = (await sql(source.url, 'SELECT l_comment FROM lineitem WHERE l_orderkey = 123456 AND l_linenumber = 3')).rows[0].l_comment
    expect([...t.differences].sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([
      { kind: 'changed', key: { l_orderkey: '123456', l_linenumber: '3' }, columns: ['l_comment'], changes: [{ column: 'l_comment', source: expectedComment, target: 'changed' }] },
      { kind: 'extra', key: { l_orderkey: '999999999', l_linenumber: '1' }, columns: [] },
      { kind: 'missing', key: { l_orderkey: '200000', l_linenumber: '1' }, columns: [] },
    ])
    // Only the small leaves around the three keys crossed the wire.
    expect(t.segments.rowsFetched).toBeLessThan(6000)
  }, 300_000)

  it('a dropped source connection gives a typed source error naming the table', async () => {
    // Kills a source session while it computes a segment checksum: waiting for one (not a fixed delay) keeps this true on a busy machine.
    let running = true
    const killer = (async () => {
      while (running) {
        const killed = await sql(
          source.url,
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '${VALIDATION_APPLICATION_NAME}' AND datname = current_database() AND state = 'active' AND query LIKE '%md5%'`,
        )
        if (killed.rowCount) return
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    })()
    const r = await runValidation({ sourceUrl: source.url, targetUrl: target.url, tables: ['public.lineitem'], jobs: 2 }).finally(() => (running = false))
    await killer
    const t = r.tables[0]!
    expect(t.status).toBe('ERROR')
    expect(t.error).toMatchObject({ code: 'VALIDATE_SOURCE_QUERY', exitCode: 4 })
    expect(t.error!.message).toMatch(/^source public\.lineitem: /)
  }, 300_000)
})
