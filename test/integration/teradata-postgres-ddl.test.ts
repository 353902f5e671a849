import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { convertToPostgres, type ConvertResult } from '../../src/convert/convert.js'
import { readTeradataScripts } from '../../src/engines/teradata/teradata-input.js'
import { useDatabase } from '../support/database.js'

/**
 * The Teradata-only facts of a table, as PostgreSQL runs them: each test asserts what the
 * created objects do (reject, accept, route rows), not only the SQL text.
 */
const SCRIPT = `
.LOGON tdprod/etl,secret
DATABASE shop;
CREATE SET TABLE customer ,FALLBACK ,NO BEFORE JOURNAL
     (
      code VARCHAR(5) CHARACTER SET LATIN NOT CASESPECIFIC NOT NULL,
      name VARCHAR(20) CHARACTER SET UNICODE CASESPECIFIC TITLE 'Customer name',
      PRIMARY KEY ( code ))
UNIQUE PRIMARY INDEX ( code );
CREATE SET TABLE visit (who VARCHAR(5), at_day DATE FORMAT 'YYYY-MM-DD') PRIMARY INDEX (who);
CREATE MULTISET TABLE account (id INTEGER NOT NULL, owner VARCHAR(5) CASESPECIFIC) UNIQUE PRIMARY INDEX (id);
CREATE MULTISET TABLE sales (id INTEGER, sold DATE, amount DECIMAL(10,2) COMPRESS 0)
PRIMARY INDEX (id)
PARTITION BY RANGE_N(sold BETWEEN DATE '2020-01-01' AND DATE '2020-12-31' EACH INTERVAL '1' MONTH,
                     DATE '2021-01-01' AND DATE '2021-12-31' EACH INTERVAL '1' MONTH, NO RANGE);
.QUIT 0
`

describe('Teradata tables on PostgreSQL', () => {
  const db = useDatabase('td_ddl')
  let result: ConvertResult

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'godwit-td-ddl-'))
    writeFileSync(join(dir, 'shop.sql'), SCRIPT)
    result = convertToPostgres(readTeradataScripts([{ path: join(dir, 'shop.sql') }]), { targetSchema: 'shop' })
    for (const st of result.statements.filter((s) => s.phase === 'pre-data' || s.phase === 'post-data')) await db.client.query(st.sql)
  })

  it('NOT CASESPECIFIC is citext: keys, equality and LIKE ignore case, the length still holds', async () => {
    await db.client.query("INSERT INTO shop.customer VALUES ('ab', 'Ann')")
    await expect(db.client.query("INSERT INTO shop.customer VALUES ('AB', 'Bob')")).rejects.toThrow(/duplicate key/)
    const { rows } = await db.client.query("SELECT count(*)::int AS n FROM shop.customer WHERE code = 'AB' AND code LIKE 'A%' AND name LIKE 'A%'")
    expect(rows[0].n).toBe(1)
    await expect(db.client.query("INSERT INTO shop.customer VALUES ('abcdef', 'x')")).rejects.toThrow(/check constraint/)
  })

  it('CASESPECIFIC stays case-sensitive text', async () => {
    const { rows } = await db.client.query("SELECT count(*)::int AS n FROM shop.customer WHERE name = 'ANN'")
    expect(rows[0].n).toBe(0)
  })

  it('a UNIQUE PRIMARY INDEX is enforced; a primary index already covered by the key adds nothing', async () => {
    await db.client.query('INSERT INTO shop.account VALUES (1, NULL)')
    await expect(db.client.query('INSERT INTO shop.account VALUES (1, NULL)')).rejects.toThrow(/duplicate key/)
    const { rows } = await db.client.query("SELECT indexrelid::regclass::text AS ix FROM pg_index WHERE indrelid = 'shop.customer'::regclass")
    expect(rows.map((r) => r.ix)).toEqual(['shop.customer_pkey'])
  })

  it('a non-unique primary index is a plain index, noted as info', async () => {
    const { rows } = await db.client.query("SELECT indisunique FROM pg_index WHERE indexrelid = 'shop.visit_pi'::regclass")
    expect(rows).toEqual([{ indisunique: false }])
    expect(result.findings.find((f) => f.code === 'PRIMARY_INDEX' && f.object === 'INDEX SHOP.VISIT_PI')?.severity).toBe('info')
  })

  it('a SET table without a key is an action item; with a key it is not', () => {
    expect(result.findings.filter((f) => f.code === 'SET_TABLE_DUPLICATES').map((f) => [f.object, f.severity])).toEqual([['TABLE SHOP.VISIT', 'action']])
  })

  it('RANGE_N becomes range partitions with a DEFAULT partition for NO RANGE', async () => {
    await db.client.query("INSERT INTO shop.sales VALUES (1, DATE '2020-12-31', 1), (2, DATE '2021-01-01', 2), (3, DATE '2030-01-01', 3), (4, NULL, 4)")
    const { rows } = await db.client.query('SELECT tableoid::regclass::text AS part, array_agg(id ORDER BY id) AS ids FROM shop.sales GROUP BY 1 ORDER BY 1')
    expect(rows).toEqual([
      { part: 'shop.sales_no_range', ids: [3, 4] },
      { part: 'shop.sales_p1', ids: [1] },
      { part: 'shop.sales_p2', ids: [2] },
    ])
  })

  it('TITLE becomes the column comment; COMPRESS, FORMAT and table options are noted, not lost', async () => {
    const { rows } = await db.client.query("SELECT col_description('shop.customer'::regclass, 2) AS c")
    expect(rows[0].c).toBe('Customer name')
    const codes = new Set(result.findings.map((f) => f.code))
    for (const code of ['TERADATA_COMPRESS', 'TERADATA_FORMAT', 'TERADATA_TABLE_OPTIONS', 'BTEQ_COMMAND', 'TERADATA_RANGE_EACH']) expect(codes).toContain(code)
    expect(JSON.stringify(result.findings)).not.toContain('secret')
  })
})
