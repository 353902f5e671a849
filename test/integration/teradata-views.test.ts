import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { convertToPostgres, renderOutputFile } from '../../src/convert/convert.js'
import { runConvert, type RunConvertOutcome } from '../../src/convert/run-convert.js'
import { teradataToPostgres } from '../../src/convert/teradata-to-postgres.js'
import { asTranslationFailure } from '../../src/convert/translation-failure.js'
import { teradataDialect } from '../../src/engines/teradata/teradata-dialect.js'
import { readTeradataScripts } from '../../src/engines/teradata/teradata-input.js'
import { CORPUS_DIR, corpusAvailable, corpusLoadOrder, corpusSkipReason } from '../support/corpus.js'
import { useDatabase } from '../support/database.js'
import { postgresSyntaxError } from '../support/pg-parser.js'
import { TD_CATALOG, tdContext } from '../unit/convert/teradata/context.js'

/**
 * The real view bodies, macros and SQL functions of the Teradata corpus, read by the Teradata
 * DDL reader and translated by the Teradata dialect (runConvert, the CLI's path), run on the
 * test PostgreSQL: every view is created, views, macros and functions run on sample rows and
 * return what Teradata defines.
 */
const DSC = join(CORPUS_DIR, 'teradata', 'dsc_doc_examples', 'dsc_teradata_input_examples.sql')

describe.skipIf(!corpusAvailable)(`Teradata corpus SQL on PostgreSQL${corpusAvailable ? '' : ` (skipped: ${corpusSkipReason})`}`, () => {
  const db = useDatabase('td_views')
  let outcome: RunConvertOutcome
  /**
   * Inserts the columns a view test is about; the table's other NOT NULL columns get a blank
   * of their type. Foreign keys are not checked (session_replication_role = replica): the rows
   * stand alone, as Teradata's `REFERENCES WITH NO CHECK OPTION` allows.
   */
  const sampleRow = async (table: string, row: Record<string, unknown>) => {
    const { rows: required } = await db.client.query<{ name: string; blank: string }>(
      `SELECT column_name AS name, CASE WHEN data_type IN ('date', 'timestamp without time zone', 'timestamp with time zone') THEN '2000-01-01' WHEN data_type IN ('text', 'character', 'character varying', 'USER-DEFINED') THEN '' WHEN data_type = 'bytea' THEN '' ELSE '0' END AS blank
       FROM information_schema.columns WHERE table_schema = 'adventureworksdw' AND table_name = $1 AND is_nullable = 'NO' AND column_default IS NULL`,
      [table],
    )
    const full: Record<string, unknown> = Object.fromEntries(required.map((c) => [c.name, c.blank]))
    Object.assign(full, row)
    const names = Object.keys(full)
    await db.client.query(`INSERT INTO adventureworksdw.${table} (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})`, Object.values(full))
  }
  const actionsOn = (kind: string) => outcome.report.actionItems.filter((a) => a.object?.startsWith(`${kind} `)).map((a) => `${a.object}: ${a.code}`)

  it('translates every adventureworks_dw view with no action item', async () => {
    outcome = await runConvert({ from: 'teradata', scripts: corpusLoadOrder('teradata', 'adventureworks_dw'), targetSchema: 'adventureworksdw' })
    expect(outcome.result.schema.views.filter((v) => !v.materialized)).toHaveLength(6)
    expect(actionsOn('VIEW')).toEqual([])
    for (const s of outcome.result.statements) expect(postgresSyntaxError(s.sql), s.sql).toBeUndefined()
  })

  it('creates every table and view on PostgreSQL', async () => {
    // The sample data statements run in their own test below, after the test's own rows.
    await db.client.query('SET session_replication_role = replica')
    for (const phase of ['pre-data', 'post-data', 'code'] as const) await db.client.query(renderOutputFile(outcome.result, phase))
    const { rows } = await db.client.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_views WHERE schemaname = 'adventureworksdw'")
    expect(rows[0]!.n).toBe(6)
  })

  it('computes vTimeSeries from sample rows as Teradata defines it (integer DATE form, CHAR_LENGTH, SUBSTRING)', async () => {
    await db.client.query(`SET search_path = adventureworksdw`)
    await sampleRow('dimproductcategory', { productcategorykey: 1, englishproductcategoryname: 'Bikes' })
    await sampleRow('dimproductsubcategory', { productsubcategorykey: 1, productcategorykey: 1 })
    await sampleRow('dimproduct', { productkey: 1, productsubcategorykey: 1, modelname: 'Road-250', englishproductname: 'Road-250 Red' })
    await sampleRow('dimsalesterritory', { salesterritorykey: 1, salesterritorygroup: 'Europe' })
    await sampleRow('dimgeography', { geographykey: 1, salesterritorykey: 1 })
    await sampleRow('dimcustomer', { customerkey: 1, geographykey: 1, birthdate: '1980-06-15', yearlyincome: 70000 })
    await sampleRow('dimdate', { datekey: 20130704, calendaryear: 2013, fiscalyear: '2013', monthnumberofyear: 7 })
    await sampleRow('factinternetsales', { productkey: 1, orderdatekey: 20130704, customerkey: 1, salesordernumber: 'SO1', salesorderlinenumber: 1, orderquantity: 2, extendedamount: 100 })
    const { rows } = await db.client.query(`SELECT modelregion, timeindex, quantity, reportingdate::text AS reportingdate FROM vtimeseries`)
    expect(rows).toEqual([{ modelregion: 'R250 Europe', timeindex: '201307', quantity: '2', reportingdate: '2013-07-25' }])
    const age = await db.client.query(`SELECT age, incomegroup FROM vdmprep`)
    // MONTHS_BETWEEN / 12 cast to INT truncates in Teradata (32.9 years → 32), where PostgreSQL's cast would round.
    expect(age.rows[0]).toEqual({ age: Math.trunc((Date.now() - Date.UTC(1980, 5, 15)) / (365.2425 * 86400e3)), incomegroup: 'High' })
  })

  it('turns the macros into procedures and the SQL functions into functions that run', async () => {
    // new_account declares ParentAccountKeyname but uses :ParentAccountKey: Teradata rejects it too.
    expect([...actionsOn('MACRO'), ...actionsOn('FUNCTION')]).toEqual(['MACRO ADVENTUREWORKSDW.NEW_ACCOUNT: TERADATA_MACRO_PARAMETER'])
    await db.client.query(`CALL update_customer_fullname(1, 'Ada', NULL, 'Lovelace')`)
    const { rows } = await db.client.query(`SELECT firstname, lastname, age_udf(birthdate) AS age, fullname_udf(7, 'x') AS fullname FROM dimcustomer WHERE customerkey = 1`)
    expect(rows).toEqual([{ firstname: 'Ada', lastname: 'Lovelace', age: String(new Date().getUTCFullYear() - 1980), fullname: '7-x' }])
  })

  it('translates the sample data statements and runs them; TO_BINARY, not a Teradata built-in, is an action item', async () => {
    const data = outcome.result.statements.filter((s) => s.phase === 'data')
    for (const s of data) await db.client.query(s.sql)
    const refused = outcome.report.actionItems.filter((a) => a.object?.startsWith('DATA '))
    expect(refused.every((a) => a.message.startsWith('TO_BINARY is a Teradata built-in or a name this schema does not define'))).toBe(true)
    expect(refused).toHaveLength(6)
    // The refused statements stay in the file, commented out with the reason; the others ran.
    expect(data.filter((s) => s.sql.startsWith('--'))).toHaveLength(6)
    const { rows } = await db.client.query<{ n: number }>('SELECT count(*)::int AS n FROM adventureworksdw.dimaccount')
    expect(rows[0]!.n).toBeGreaterThan(0)
  })

  it('result-set procedures return their rows: SELECT * as the table\'s row type, a column list (a UNION) as its typed columns', async () => {
    expect(actionsOn('PROCEDURE')).toEqual([])
    // Teradata's CALL get_customer(1) returns DimCustomer's row 1 as its result set.
    const { rows } = await db.client.query('SELECT customerkey, firstname, lastname FROM adventureworksdw.get_customer(1)')
    expect(rows).toEqual([{ customerkey: 1, firstname: 'Ada', lastname: 'Lovelace' }])
    // get_SomeCustomer returns customers 11014 and 11017, UNIONed: the rows of both, once each.
    await sampleRow('dimcustomer', { customerkey: 11014, geographykey: 1, firstname: 'Grace', lastname: 'Hopper' })
    await sampleRow('dimcustomer', { customerkey: 11017, geographykey: 1, firstname: 'Alan', lastname: 'Turing' })
    const some = await db.client.query('SELECT customerkey, firstname, commutedistance FROM adventureworksdw.get_somecustomer() ORDER BY customerkey')
    expect(some.rows).toEqual([
      { customerkey: 11014, firstname: 'Grace', commutedistance: null },
      { customerkey: 11017, firstname: 'Alan', commutedistance: null },
    ])
  })

  it('translates the view bodies of the DSC examples, each on its own', () => {
    const views = readTeradataScripts([{ path: DSC }]).schema.views
    const out = views.map((v) => {
      try {
        return teradataToPostgres.query(v.query, tdContext(`VIEW ${v.name}`))
      } catch (e) {
        return `FAILED ${asTranslationFailure(e)?.message ?? String(e)}`
      }
    })
    expect(out.filter((s) => s.startsWith('FAILED'))).toEqual([])
    for (const s of out) expect(postgresSyntaxError(s), s).toBeUndefined()
    // Examples 31 and 33 both define DP_STEDW.MY_PARAM: the later REPLACE VIEW is the one kept.
    expect(views.map((v) => v.name).sort()).toEqual(['IS2010_APP_INFO', 'MY_PARAM', 'REACHABLE_FROM', 'S_LCR_909_001_LCRLOAN', 'V_VW_COMMENT'])
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
