import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { convertToPostgres, renderOutputFile, type ConvertResult } from '../../src/convert/convert.js'
import { teradataToPostgres } from '../../src/convert/teradata-to-postgres.js'
import { asTranslationFailure } from '../../src/convert/translation-failure.js'
import { teradataDialect } from '../../src/engines/teradata/teradata-dialect.js'
import { emptySchema, type CodeObjectDef, type SchemaModel } from '../../src/model/schema.js'
import { CORPUS_DIR, corpusAvailable, corpusSkipReason } from '../support/corpus.js'
import { useDatabase } from '../support/database.js'
import { postgresSyntaxError } from '../support/pg-parser.js'
import { corpusStatements, corpusTables, corpusViews } from '../support/teradata-corpus.js'
import { TD_CATALOG, tdContext } from '../unit/convert/teradata/context.js'

/**
 * The real view bodies, macros and SQL functions of the Teradata corpus, translated by the
 * Teradata dialect and run on the test PostgreSQL: every view is created, the macros and
 * functions run on sample rows.
 */
const AW = join(CORPUS_DIR, 'teradata', 'adventureworks_dw')
const DSC = join(CORPUS_DIR, 'teradata', 'dsc_doc_examples', 'dsc_teradata_input_examples.sql')

function adventureWorks(): SchemaModel {
  return { ...emptySchema('teradata'), tables: corpusTables(join(AW, 'DDL_Tables.sql')), views: corpusViews(join(AW, 'DDL_Views.sql'), 'ADVENTUREWORKSDW') }
}

const codeDefs = (file: string): CodeObjectDef[] =>
  corpusStatements(join(AW, file)).map((source) => {
    const m = /(MACRO|FUNCTION|PROCEDURE)\s+(?:(\w+)\.)?(\w+)/i.exec(source.text)!
    return { schema: m[2]?.toUpperCase(), name: m[3]!.toUpperCase(), kind: m[1]!.toUpperCase() === 'FUNCTION' ? 'function' : 'procedure', source }
  })

describe.skipIf(!corpusAvailable)(`Teradata corpus SQL on PostgreSQL${corpusAvailable ? '' : ` (skipped: ${corpusSkipReason})`}`, () => {
  const db = useDatabase('td_views')
  let result: ConvertResult

  it('translates every adventureworks_dw view with no action item', () => {
    const schema = adventureWorks()
    expect(schema.views).toHaveLength(6)
    result = convertToPostgres({ schema, data: [], findings: [] }, { targetSchema: 'ADVENTUREWORKSDW', source: teradataDialect })
    expect(result.findings.filter((f) => f.severity === 'action')).toEqual([])
    for (const s of result.statements) expect(postgresSyntaxError(s.sql), s.sql).toBeUndefined()
  })

  it('creates every table and view on PostgreSQL', async () => {
    for (const phase of ['pre-data', 'post-data', 'code'] as const) await db.client.query(renderOutputFile(result, phase))
    const { rows } = await db.client.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_views WHERE schemaname = 'adventureworksdw'")
    expect(rows[0]!.n).toBe(6)
  })

  it('computes vTimeSeries from sample rows as Teradata defines it (integer DATE form, CHAR_LENGTH, SUBSTRING)', async () => {
    await db.client.query(`SET search_path = adventureworksdw`)
    await db.client.query(`INSERT INTO dimproductcategory (productcategorykey, englishproductcategoryname) VALUES (1, 'Bikes')`)
    await db.client.query(`INSERT INTO dimproductsubcategory (productsubcategorykey, productcategorykey) VALUES (1, 1)`)
    await db.client.query(`INSERT INTO dimproduct (productkey, productsubcategorykey, modelname, englishproductname) VALUES (1, 1, 'Road-250', 'Road-250 Red')`)
    await db.client.query(`INSERT INTO dimsalesterritory (salesterritorykey, salesterritorygroup) VALUES (1, 'Europe')`)
    await db.client.query(`INSERT INTO dimgeography (geographykey, salesterritorykey) VALUES (1, 1)`)
    await db.client.query(`INSERT INTO dimcustomer (customerkey, geographykey, birthdate, yearlyincome) VALUES (1, 1, DATE '1980-06-15', 70000)`)
    await db.client.query(`INSERT INTO dimdate (datekey, calendaryear, fiscalyear, monthnumberofyear) VALUES (20130704, 2013, '2013', 7)`)
    await db.client.query(`INSERT INTO factinternetsales (productkey, orderdatekey, customerkey, salesordernumber, salesorderlinenumber, orderquantity, extendedamount) VALUES (1, 20130704, 1, 'SO1', 1, 2, 100)`)
    const { rows } = await db.client.query(`SELECT modelregion, timeindex, quantity, reportingdate::text AS reportingdate FROM vtimeseries`)
    expect(rows).toEqual([{ modelregion: 'R250 Europe', timeindex: '201307', quantity: '2', reportingdate: '2013-07-25' }])
    const age = await db.client.query(`SELECT age, incomegroup FROM vdmprep`)
    // MONTHS_BETWEEN / 12 cast to INT truncates in Teradata (32.9 years → 32), where PostgreSQL's cast would round.
    expect(age.rows[0]).toEqual({ age: Math.trunc((Date.now() - Date.UTC(1980, 5, 15)) / (365.2425 * 86400e3)), incomegroup: 'High' })
  })

  it('turns the macros into procedures and the SQL functions into functions that run', async () => {
    const ctx = { ...tdContext('MACRO'), catalog: adventureWorks(), targetSchema: 'adventureworksdw' }
    const failures: string[] = []
    for (const def of [...codeDefs('DDL_Macros.sql'), ...codeDefs('DDL_Functions.sql')]) {
      try {
        for (const sql of teradataToPostgres.code(def, ctx)) await db.client.query(sql)
      } catch (e) {
        const failure = asTranslationFailure(e)
        if (!failure) throw e
        failures.push(`${def.name}: ${failure.code}`)
      }
    }
    // new_account declares ParentAccountKeyname but uses :ParentAccountKey: Teradata rejects it too.
    expect(failures).toEqual(['NEW_ACCOUNT: TERADATA_MACRO_PARAMETER'])
    await db.client.query(`CALL update_customer_fullname(1, 'Ada', NULL, 'Lovelace')`)
    const { rows } = await db.client.query(`SELECT firstname, lastname, age_udf(birthdate) AS age, fullname_udf(7, 'x') AS fullname FROM dimcustomer WHERE customerkey = 1`)
    expect(rows).toEqual([{ firstname: 'Ada', lastname: 'Lovelace', age: String(new Date().getUTCFullYear() - 1980), fullname: '7-x' }])
  })

  it('translates the sample data statements and runs them; TO_BINARY, not a Teradata built-in, is an action item', async () => {
    const ctx = { ...tdContext('DATA'), catalog: adventureWorks(), targetSchema: 'adventureworksdw' }
    const inserts = readFileSync(join(AW, 'insert_statements.sql'), 'utf8').split('\n').filter((l) => /^\s*insert\b/i.test(l))
    const refused: string[] = []
    let ran = 0
    for (const text of inserts) {
      let sqls: string[]
      try {
        sqls = teradataToPostgres.dataStatement({ text }, ctx)
      } catch (e) {
        refused.push(asTranslationFailure(e)!.message)
        continue
      }
      for (const sql of sqls) await db.client.query(sql)
      ran++
    }
    expect(refused.every((m) => m.startsWith('TO_BINARY is a Teradata built-in or a name this schema does not define'))).toBe(true)
    expect({ ran, refused: refused.length }).toEqual({ ran: inserts.length - refused.length, refused: 6 })
  })

  it('reports the stored procedures as action items with the reason', () => {
    const ctx = { ...tdContext('PROCEDURE'), catalog: adventureWorks() }
    for (const def of codeDefs('DDL_Procedures.sql')) {
      expect(() => teradataToPostgres.code(def, ctx)).toThrow(expect.objectContaining({ code: 'TERADATA_PROCEDURE' }))
    }
  })

  it('translates the view bodies of the DSC examples, each on its own', () => {
    const views = corpusViews(DSC)
    const out = views.map((v) => {
      try {
        return teradataToPostgres.query(v.query, tdContext(`VIEW ${v.name}`))
      } catch (e) {
        return `FAILED ${asTranslationFailure(e)?.message ?? String(e)}`
      }
    })
    expect(out.filter((s) => s.startsWith('FAILED'))).toEqual([])
    for (const s of out) expect(postgresSyntaxError(s), s).toBeUndefined()
    expect(out.length).toBeGreaterThanOrEqual(6)
  })
})

/** Views over DW.SALES and literals, checked against the results Teradata's manuals give. */
const RULE_VIEWS: ReadonlyArray<readonly [string, string]> = [
  ['V_TOP_SALE', 'SEL region, sale_id FROM dw.sales QUALIFY ROW_NUMBER() OVER (PARTITION BY region ORDER BY amount DESC) = 1'],
  ['V_NORTH', "SELECT COUNT(*) AS n FROM dw.sales WHERE region (NOT CASESPECIFIC) = 'north'"],
  ['V_NORTH_CS', "SELECT COUNT(*) AS n FROM dw.sales WHERE region (CASESPECIFIC) = 'north'"],
  ['V_TOP2', 'SELECT TOP 2 sale_id FROM dw.sales ORDER BY amount DESC'],
  [
    'V_RULES',
    `SELECT ADD_MONTHS(DATE '2001-02-28', 1) AS feb_end, ADD_MONTHS(DATE '2001-01-31', 1) AS jan_end,
      CAST(1010228 AS DATE) AS int_date, CAST(DATE '2001-02-28' AS INTEGER) AS date_int,
      MONTHS_BETWEEN(DATE '2001-03-31', DATE '2001-02-28') AS months,
      TRUNC(DATE '2024-05-17', 'MM') AS trunc_month, ROUND(DATE '2024-05-17', 'MM') AS round_month,
      7 / 2 AS int_div, -7 MOD 3 AS modulo, ZEROIFNULL(NULL) AS zero, INDEX('abc', 'c') AS idx,
      OREPLACE('banana', 'an') AS removed, CAST(7.9 AS INTEGER) AS truncated, 2 ** 10 AS pow,
      CAST(CAST(DATE '2024-01-31' AS FORMAT 'YYYYMMDD') AS CHAR(8)) AS formatted`,
  ],
]

describe('Teradata rules run on PostgreSQL with Teradata’s results', () => {
  const db = useDatabase('td_rules')

  it('creates the views and returns what Teradata returns', async () => {
    const views = RULE_VIEWS.map(([name, text]) => ({ schema: 'DW', name, query: { text } }))
    const result = convertToPostgres({ schema: { ...TD_CATALOG, views }, data: [], findings: [] }, { targetSchema: 'DW', source: teradataDialect })
    expect(result.findings.filter((f) => f.severity === 'action')).toEqual([])
    for (const phase of ['pre-data', 'post-data', 'code'] as const) await db.client.query(renderOutputFile(result, phase))
    await db.client.query(`INSERT INTO dw.sales (sale_id, region, amount) VALUES (1, 'North', 10), (2, 'north', 30), (3, 'South', 20), (4, 'South', 5)`)
    const q = async (sql: string) => (await db.client.query(sql)).rows
    expect(await q('SELECT * FROM dw.v_top_sale ORDER BY sale_id')).toEqual([{ region: 'North', sale_id: 1 }, { region: 'north', sale_id: 2 }, { region: 'South', sale_id: 3 }])
    expect(await q('SELECT n FROM dw.v_north')).toEqual([{ n: '2' }])
    expect(await q('SELECT n FROM dw.v_north_cs')).toEqual([{ n: '1' }])
    expect(await q('SELECT sale_id FROM dw.v_top2')).toEqual([{ sale_id: 2 }, { sale_id: 3 }])
    const [rules] = await q(`SELECT feb_end::text, jan_end::text, int_date::text, date_int, months::text, trunc_month::text, round_month::text, int_div, modulo, zero, idx, removed, truncated, pow::text, formatted FROM dw.v_rules`)
    expect(rules).toEqual({
      feb_end: '2001-03-28', jan_end: '2001-02-28', int_date: '2001-02-28', date_int: 1010228, months: '1', trunc_month: '2024-05-01', round_month: '2024-06-01',
      int_div: 3, modulo: -1, zero: 0, idx: 3, removed: 'ba', truncated: 7, pow: '1024', formatted: '20240131',
    })
  })
})
