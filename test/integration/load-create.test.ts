import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readOracleScripts } from '../../src/convert/oracle-input.js'
import { createTargetTables } from '../../src/load/create-target-tables.js'
import { runLoad } from '../../src/load/run-load.js'
import { corpusAvailable, corpusLoadOrder, corpusSkipReason } from '../support/corpus.js'
import { freshDatabase, useDatabase } from '../support/database.js'

/**
 * `load --create` converts the selected source tables the target lacks, as `godwit convert`
 * would, and applies them. Its model comes from the source catalog; here from Oracle DDL, which
 * is the same model (there is no Oracle server on these machines).
 */
function modelOf(ddl: string) {
  const file = join(mkdtempSync(join(tmpdir(), 'godwit-create-')), 'shop.sql')
  writeFileSync(file, ddl)
  return readOracleScripts([{ path: file }]).schema
}

const SHOP = modelOf(`
CREATE SEQUENCE order_seq START WITH 100;
CREATE TABLE shop.customers (id NUMBER(9) PRIMARY KEY, name VARCHAR2(40) NOT NULL);
CREATE TABLE shop.orders (id NUMBER(9) DEFAULT order_seq.NEXTVAL PRIMARY KEY, customer_id NUMBER(9) REFERENCES shop.customers, placed DATE);
CREATE TABLE shop.order_lines (order_id NUMBER(9) REFERENCES shop.orders, line NUMBER(3), qty NUMBER(5) CHECK (qty > 0), PRIMARY KEY (order_id, line));
CREATE INDEX shop.orders_placed_ix ON shop.orders (placed);
`)

describe('load --create', () => {
  const db = useDatabase('loadcreate')

  const tables = async () => (await db.client.query<{ t: string }>(`SELECT relname AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE nspname = 'shop' AND relkind = 'r' ORDER BY 1`)).rows.map((r) => r.t)

  it('creates the selected tables with indexes and constraints, leaving out foreign keys to tables it did not create', async () => {
    const r = await createTargetTables(SHOP, db.url, ['SHOP.ORDER*'])
    expect([...r.created].sort()).toEqual(['shop.order_lines', 'shop.orders'])
    expect(r.findings.filter((f) => f.code === 'CREATE_FK_SKIPPED').map((f) => f.object)).toEqual(['TABLE shop.orders'])
    expect(await tables()).toEqual(['order_lines', 'orders'])
    const { rows } = await db.client.query(`SELECT conname, contype FROM pg_constraint WHERE conrelid = 'shop.order_lines'::regclass ORDER BY contype`)
    expect(rows.map((x) => x.contype).sort()).toEqual(['c', 'f', 'p'])
    const ix = await db.client.query(`SELECT indexname FROM pg_indexes WHERE schemaname = 'shop' AND indexname = 'orders_placed_ix'`)
    expect(ix.rowCount).toBe(1)
    const next = await db.client.query(`INSERT INTO shop.orders (customer_id) VALUES (1) RETURNING id`)
    expect(next.rows[0].id).toBe(100)
  })

  it('creates only what is still missing on a second call, and nothing once all exist', async () => {
    const r = await createTargetTables(SHOP, db.url, [])
    expect(r.created).toEqual(['shop.customers'])
    expect(await tables()).toEqual(['customers', 'order_lines', 'orders'])
    expect((await createTargetTables(SHOP, db.url, [])).created).toEqual([])
  })

  it('refuses --create for a source it cannot convert from, saying what to do', async () => {
    const err = await runLoad({ sourceUrl: db.url, targetUrl: db.url, create: true }).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'LOAD_CREATE_UNSUPPORTED', exitCode: 2 })
  })

  it.skipIf(!corpusAvailable)(`creates every HR table from the corpus${corpusAvailable ? '' : ` (skipped: ${corpusSkipReason})`}`, async () => {
    const hr = readOracleScripts(corpusLoadOrder('oracle', 'hr')).schema
    const other = await freshDatabase('loadcreate_hr')
    try {
      const r = await createTargetTables(hr, other.url, [])
      expect(r.created).toHaveLength(hr.tables.length)
    } finally {
      await other.drop()
    }
  })
})
