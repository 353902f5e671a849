import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderOutputFile } from '../../src/convert/convert.js'
import { runConvert, type RunConvertOutcome } from '../../src/convert/run-convert.js'
import { useDatabase } from '../support/database.js'

/**
 * Teradata macros that return rows become set-returning functions, and `EXEC m(…)` of them a
 * SELECT from the function: created and called on PostgreSQL 14 (the oldest supported, the
 * default target) and the suite's own major, with the rows Teradata's macro returns.
 */
const SCRIPT = `CREATE MULTISET TABLE shop.orders (order_id INTEGER NOT NULL, region VARCHAR(20) CHARACTER SET LATIN CASESPECIFIC, amount DECIMAL(10,2), placed DATE)
UNIQUE PRIMARY INDEX (order_id);
CREATE MULTISET TABLE shop.audit (region VARCHAR(20), asked TIMESTAMP(0)) NO PRIMARY INDEX;
REPLACE MACRO shop.region_totals (r VARCHAR(20)) AS (
  INS shop.audit (:r, CURRENT_TIMESTAMP(0));
  SEL region, COUNT(*) AS orders, SUM(amount) AS total, CAST(AVG(amount) AS DECIMAL(10,2)) AS mean, MAX(placed) AS last_placed
  FROM shop.orders WHERE region = :r OR :r IS NULL GROUP BY region ORDER BY total DESC;
);
REPLACE MACRO shop.order_by_id (id INTEGER) AS (SEL * FROM shop.orders WHERE order_id = :id;);
REPLACE MACRO shop.forget (id INTEGER) AS (DEL FROM shop.orders WHERE order_id = :id;);
INS shop.orders (1, 'north', 10.50, DATE '2024-01-02');
INS shop.orders (2, 'north', 20.25, DATE '2024-02-03');
INS shop.orders (3, 'south', 5.00, DATE '2024-03-04');
EXEC shop.forget (3);
EXEC shop.region_totals ('north');
`

describe('Teradata macros that return rows, on PostgreSQL', () => {
  let dir: string
  let outcome: RunConvertOutcome
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'godwit-td-macro-'))
    writeFileSync(join(dir, 'shop.sql'), SCRIPT)
    outcome = await runConvert({ from: 'teradata', scripts: [{ path: join(dir, 'shop.sql') }], targetSchema: 'shop' })
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('converts both row-returning macros to functions and EXEC of them to SELECT, with no action item', () => {
    expect(outcome.report.actionItems).toEqual([])
    const code = renderOutputFile(outcome.result, 'code')
    expect(code).toContain('CREATE OR REPLACE FUNCTION shop.region_totals(r varchar(20)) RETURNS TABLE (region varchar(20), orders')
    expect(code).toContain('LANGUAGE sql VOLATILE')
    expect(code).toContain('CREATE OR REPLACE PROCEDURE shop.forget(id integer) LANGUAGE sql')
    // The inserts run in the data phase; from the first EXEC on, the script's statements wait for the routines.
    expect(renderOutputFile(outcome.result, 'data')).toContain("INSERT INTO shop.orders VALUES (3, 'south', 5.00, '2024-03-04'::date)")
    expect(code.indexOf('CALL shop.forget(3)')).toBeGreaterThan(code.indexOf('CREATE OR REPLACE PROCEDURE shop.forget'))
    expect(code).toContain("SELECT * FROM shop.region_totals('north')")
    expect(outcome.result.findings.map((f) => f.code)).toContain('DATA_AFTER_VIEWS')
  })

  for (const major of [14, undefined] as const) {
    describe(`PostgreSQL ${major ?? 'of the suite'}`, () => {
      const db = useDatabase('td_macro_rows', major)

      it('creates the functions and returns the rows the macros return', async () => {
        for (const phase of ['pre-data', 'data', 'post-data', 'code'] as const) await db.client.query(renderOutputFile(outcome.result, phase))
        const totals = await db.client.query('SELECT * FROM shop.region_totals($1)', ['north'])
        expect(totals.fields.map((f) => f.name)).toEqual(['region', 'orders', 'total', 'mean', 'last_placed'])
        expect(totals.rows).toEqual([{ region: 'north', orders: '2', total: '30.75', mean: '15.38', last_placed: expect.any(Date) }])
        const all = await db.client.query('SELECT region, total FROM shop.region_totals(NULL)')
        expect(all.rows).toEqual([{ region: 'north', total: '30.75' }])
        // The data script's EXEC ran the macro once, and this test twice: each wrote its audit row first.
        const audit = await db.client.query("SELECT count(*)::int AS n, count(*) FILTER (WHERE region = 'north')::int AS north FROM shop.audit")
        expect(audit.rows[0]).toEqual({ n: 3, north: 2 })
        const one = await db.client.query('SELECT order_id, amount FROM shop.order_by_id(2)')
        expect(one.rows).toEqual([{ order_id: 2, amount: '20.25' }])
        expect((await db.client.query('SELECT * FROM shop.order_by_id(3)')).rows).toEqual([])
      })
    })
  }
})
