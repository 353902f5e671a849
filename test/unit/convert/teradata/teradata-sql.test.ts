import { describe, expect, it } from 'vitest'
import { teradataToPostgres } from '../../../../src/convert/teradata-to-postgres.js'
import { postgresSyntaxError } from '../../../support/pg-parser.js'
import { tdContext } from './context.js'

const query = (sql: string, ctx = tdContext()) => teradataToPostgres.query({ text: sql, at: { file: 'v.sql', line: 1, column: 1 } }, ctx)
const expression = (sql: string) => teradataToPostgres.expression({ text: sql }, tdContext('TABLE DW.SALES'))

/** Teradata → PostgreSQL, one rule per line (sqlglot's validate_all shape); every output is checked by PostgreSQL's parser. */
const QUERIES: ReadonlyArray<readonly [string, string]> = [
  ['SEL sale_id FROM dw.sales', 'SELECT sale_id FROM dw.sales'],
  ['SELECT TOP 10 sale_id FROM dw.sales ORDER BY amount DESC', 'SELECT sale_id FROM dw.sales ORDER BY amount DESC FETCH FIRST 10 ROWS ONLY'],
  ['SELECT TOP 3 WITH TIES sale_id FROM dw.sales ORDER BY amount', 'SELECT sale_id FROM dw.sales ORDER BY amount FETCH FIRST 3 ROWS WITH TIES'],
  ['SELECT ZEROIFNULL(amount), NULLIFZERO(qty) FROM dw.sales', 'SELECT coalesce(amount, 0), nullif(qty, 0) FROM dw.sales'],
  ['SELECT sale_id MOD 3, amount ** 2 FROM dw.sales', 'SELECT mod(sale_id, 3), power(amount, 2) FROM dw.sales'],
  ["SELECT INDEX(region, 'th'), POSITION('th' IN region), CHARACTERS(region), CHAR_LENGTH(region) FROM dw.sales", "SELECT strpos(region, 'th'), strpos(region, 'th'), char_length(region), char_length(region) FROM dw.sales"],
  ["SELECT OREPLACE(region, 'a', 'b'), OREPLACE(region, 'a'), OTRANSLATE(region, 'ab', 'xy') FROM dw.sales", "SELECT replace(region, 'a', coalesce('b', '')), replace(region, 'a', ''), translate(region, 'ab', 'xy') FROM dw.sales"],
  ['SELECT ADD_MONTHS(sale_date, 2), ADD_MONTHS(sold_at, 1) FROM dw.sales', "SELECT (sale_date + 2 * interval '1 month')::date, sold_at + 1 * interval '1 month' FROM dw.sales"],
  ['SELECT MONTHS_BETWEEN(CURRENT_DATE, sale_date) FROM dw.sales', 'SELECT godwit_ora.months_between(CURRENT_DATE, sale_date) FROM dw.sales'],
  ['SELECT sale_date + 30, sale_date - 1 FROM dw.sales', 'SELECT sale_date + 30, sale_date - 1 FROM dw.sales'],
  ["SELECT sale_id FROM dw.sales WHERE sale_date >= DATE '2024-01-31'", "SELECT sale_id FROM dw.sales WHERE sale_date >= '2024-01-31'::date"],
  ['SELECT sale_id FROM dw.sales WHERE sale_date = 1240131', "SELECT sale_id FROM dw.sales WHERE sale_date = '2024-01-31'::date"],
  ['SELECT CAST(date_int AS DATE), CAST(sale_date AS INTEGER) FROM dw.sales', 'SELECT make_date(date_int::integer / 10000 + 1900, mod(date_int::integer / 100, 100)::integer, mod(date_int::integer, 100)::integer), ((date_part(\'year\', sale_date)::integer - 1900) * 10000 + date_part(\'month\', sale_date)::integer * 100 + date_part(\'day\', sale_date)::integer)::integer FROM dw.sales'],
  ['SELECT CAST(amount AS INTEGER) FROM dw.sales', 'SELECT CAST(trunc(amount) AS integer) FROM dw.sales'],
  ["SELECT CAST(sale_date AS FORMAT 'YYYYMMDD') FROM dw.sales", 'SELECT sale_date FROM dw.sales'],
  ["SELECT CAST(CAST(sale_date AS FORMAT 'YYYY/MM/DD') AS CHAR(10)) FROM dw.sales", "SELECT CAST(to_char(sale_date, 'YYYY/MM/DD') AS char(10)) FROM dw.sales"],
  ["SELECT CAST('31.01.2024' AS DATE FORMAT 'DD.MM.YYYY') FROM dw.sales", "SELECT to_date('31.01.2024', 'DD.MM.YYYY') FROM dw.sales"],
  ["SELECT sale_date (FORMAT 'MMMBDD,BYYYY') (CHAR(12)) FROM dw.sales", "SELECT CAST(to_char(sale_date, 'Mon DD, YYYY') AS char(12)) FROM dw.sales"],
  ['SELECT region, SUM(amount) FROM dw.sales GROUP BY 1 ORDER BY 2 DESC', 'SELECT region, sum(amount) FROM dw.sales GROUP BY 1 ORDER BY 2 DESC'],
  ['SELECT region FROM dw.sales MINUS SELECT region FROM dw.sales WHERE qty > 1', 'SELECT region FROM dw.sales EXCEPT SELECT region FROM dw.sales WHERE qty > 1'],
  ["SELECT (amount) (NAMED amt), region (TITLE 'Sales Region') FROM dw.sales", 'SELECT amount AS amt, region AS "Sales Region" FROM dw.sales'],
  ['SELECT EXTRACT(YEAR FROM sale_date), EXTRACT(SECOND FROM sold_at) FROM dw.sales', "SELECT date_part('year', sale_date)::integer, EXTRACT(SECOND FROM sold_at) FROM dw.sales"],
  ["SELECT TRIM(BOTH 'x' FROM region), TRIM(region) FROM dw.sales", "SELECT TRIM(BOTH 'x' FROM region), TRIM(region) FROM dw.sales"],
  ['SELECT qty / 2, sale_id / store_id FROM dw.sales', 'SELECT qty / 2, sale_id / store_id FROM dw.sales'],
  ["SELECT TRUNC(sale_date, 'MM'), TRUNC(sold_at), ROUND(sale_date, 'YYYY'), TRUNC(amount, 1) FROM dw.sales", "SELECT date_trunc('month', sale_date)::date, sold_at::date, CASE WHEN date_part('month', sale_date)::integer >= 7 THEN (date_trunc('year', sale_date) + interval '1 year')::date ELSE date_trunc('year', sale_date)::date END, trunc(amount::numeric, 1) FROM dw.sales"],
  ["SELECT sale_id FROM dw.sales WHERE region (NOT CASESPECIFIC) = 'north' AND region (CASESPECIFIC) LIKE 'N%'", "SELECT sale_id FROM dw.sales WHERE region::citext = 'north' AND region::text COLLATE \"default\" LIKE 'N%'"],
  [
    'SELECT region, sale_id FROM dw.sales QUALIFY ROW_NUMBER() OVER (PARTITION BY region ORDER BY amount DESC) = 1',
    'SELECT godwit_q.region AS region, godwit_q.sale_id AS sale_id FROM (SELECT region AS region, sale_id AS sale_id, row_number() OVER (PARTITION BY region ORDER BY amount DESC) = 1 AS godwit_qualify FROM dw.sales) godwit_q WHERE godwit_q.godwit_qualify',
  ],
  [
    'SELECT region, RANK() OVER (ORDER BY amount) AS rnk FROM dw.sales QUALIFY rnk <= 2 ORDER BY rnk',
    'SELECT godwit_q.region AS region, godwit_q.rnk AS rnk FROM (SELECT region AS region, rank() OVER (ORDER BY amount) AS rnk, rank() OVER (ORDER BY amount) <= 2 AS godwit_qualify FROM dw.sales) godwit_q WHERE godwit_q.godwit_qualify ORDER BY godwit_q.rnk',
  ],
  [
    'SELECT region, sale_id FROM dw.sales QUALIFY RANK(amount) <= 3',
    'SELECT godwit_q.region AS region, godwit_q.sale_id AS sale_id FROM (SELECT region AS region, sale_id AS sale_id, rank() OVER (ORDER BY amount DESC) <= 3 AS godwit_qualify FROM dw.sales) godwit_q WHERE godwit_q.godwit_qualify',
  ],
  ['SELECT RANK(region ASC, amount) FROM dw.sales', 'SELECT rank() OVER (ORDER BY region, amount DESC) FROM dw.sales'],
  ['SELECT sale_id FROM dw.sales SAMPLE 10', 'SELECT sale_id FROM dw.sales ORDER BY random() FETCH FIRST 10 ROWS ONLY'],
  ['SELECT sale_id FROM dw.sales WHERE qty > 0 SAMPLE .25', 'SELECT sale_id FROM dw.sales WHERE qty > 0 AND random() < 0.25'],
  ['LOCKING ROW FOR ACCESS SELECT sale_id FROM dw.sales', 'SELECT sale_id FROM dw.sales'],
  ['SELECT "Region", SUBSTRING(region FROM 2 FOR 3), SUBSTR(region, 2) FROM dw.sales', 'SELECT region, substr(region, 2, 3), substr(region, 2) FROM dw.sales'],
  ['SELECT DATE, CURRENT_TIMESTAMP(0), USER FROM dw.sales', 'SELECT CURRENT_DATE, CURRENT_TIMESTAMP(0), CURRENT_USER FROM dw.sales'],
]

describe('Teradata → PostgreSQL queries', () => {
  it.each(QUERIES)('%s', (teradata, postgres) => {
    const out = query(teradata)
    expect(out).toBe(postgres)
    expect(postgresSyntaxError(out)).toBeUndefined()
  })

  it('notes the dropped LOCKING modifier as a finding with its position', () => {
    const ctx = tdContext()
    query('LOCKING ROW FOR ACCESS\nSELECT sale_id FROM dw.sales', ctx)
    expect(ctx.findings).toEqual([expect.objectContaining({ code: 'LOCKING_MODIFIER_DROPPED', severity: 'info', at: { file: 'v.sql', line: 1, column: 1 } })])
  })

  it('reads a view body locked with LOCK TABLE … FOR ACCESS around a parenthesised query', () => {
    expect(query('LOCK TABLE dw.sales FOR ACCESS FOR ACCESS ( SELECT sale_id FROM dw.sales )')).toBe('SELECT sale_id FROM dw.sales')
  })

  it('warns that SAMPLE of a fraction is approximate', () => {
    const ctx = tdContext()
    query('SELECT sale_id FROM dw.sales SAMPLE 0.5', ctx)
    expect(ctx.findings.map((f) => f.code)).toEqual(['SAMPLE_APPROXIMATE'])
  })

  it('never passes an unknown function through: an action item with its position', () => {
    expect(() => query('SELECT sale_id,\n  HASHROW(region) FROM dw.sales')).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_FUNCTION', at: { file: 'v.sql', line: 2, column: 3 } }))
    expect(() => query('SELECT RANK() FROM dw.sales')).toThrow(/RANK with 0 argument/)
  })

  it('refuses TOP n PERCENT with the position of its select', () => {
    expect(() => query('SELECT TOP 10 PERCENT sale_id FROM dw.sales')).toThrow(expect.objectContaining({ message: expect.stringContaining('TOP n PERCENT'), at: { file: 'v.sql', line: 1, column: 1 } }))
  })

  it('a syntax error names the file, line and column', () => {
    expect(() => query('SELECT sale_id FROM dw.sales WHERE')).toThrow(/v\.sql:1:35/)
  })
})

describe('Teradata → PostgreSQL expressions and data statements', () => {
  it('translates a column default and an index expression', () => {
    expect(expression('ZEROIFNULL(amount) * 2')).toBe('coalesce(amount, 0) * 2')
    expect(expression('NULL (BIGINT)')).toBe('CAST(NULL AS bigint)')
  })

  it('XMLAGG joins strings with one blank between items, in its ORDER BY; TO_CHAR keeps formats both engines read alike', () => {
    expect(query("SELECT XMLAGG(TRIM(region) || ',' ORDER BY sale_id) (VARCHAR(100)) AS r FROM dw.sales")).toBe(
      "SELECT CAST(string_agg((TRIM(region) || ',')::text, ' ' ORDER BY sale_id) AS varchar(100)) AS r FROM dw.sales",
    )
    expect(query("SELECT TO_CHAR(sale_date, 'Day') AS d FROM dw.sales")).toBe("SELECT to_char(sale_date, 'Day') AS d FROM dw.sales")
    expect(query("SELECT TO_CHAR(CAST('2023-12-19' AS DATE FORMAT 'YYYY-MM-DD'), 'YYYY/MM/DD') AS d FROM dw.sales")).toContain("to_char(")
    expect(() => query("SELECT TO_CHAR(sale_date, 'YYYY-MM-DD HH:MI:SS.FF6') FROM dw.sales")).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_FUNCTION' }))
  })

  it('DBC.TablesV and DBC.ColumnsV read godwit stand-ins; any other DBC view is an action item naming it', () => {
    const ctx = tdContext()
    expect(query('SELECT t.TableName FROM dw.sales s JOIN DBC.TablesV t ON t.TableName = s.region JOIN DBC.ColumnsV ON ColumnsV.TableName = t.TableName', ctx)).toBe(
      'SELECT t.tablename FROM dw.sales s JOIN godwit_ora.td_tablesv t ON t.tablename = s.region JOIN godwit_ora.td_columnsv columnsv ON columnsv.tablename = t.tablename',
    )
    expect([...ctx.support].sort()).toEqual(['extension:citext', 'td_columnsv', 'td_tablesv'])
    expect(() => query('SELECT SUM(CurrentPerm) FROM DBC.AllSpaceV')).toThrow(expect.objectContaining({ code: 'TERADATA_DICTIONARY', message: expect.stringContaining('DBC.ALLSPACEV') }))
  })

  it('reads INS/UPD/DEL and INSERT without INTO', () => {
    const ctx = tdContext('DATA statement 1')
    expect(teradataToPostgres.dataStatement({ text: "INS dw.sales (sale_id, region) VALUES (1, 'n');" }, ctx)).toEqual(["INSERT INTO dw.sales (sale_id, region) VALUES (1, 'n')"])
    expect(teradataToPostgres.dataStatement({ text: 'UPD dw.sales SET qty = qty + 1 WHERE sale_id = 1' }, ctx)).toEqual(['UPDATE dw.sales SET qty = qty + 1 WHERE sale_id = 1'])
    expect(teradataToPostgres.dataStatement({ text: 'DEL FROM dw.sales WHERE sale_date < 1000101' }, ctx)).toEqual(["DELETE FROM dw.sales WHERE sale_date < '2000-01-01'::date"])
    expect(teradataToPostgres.dataStatement({ text: 'INSERT dw.sales (sale_id) VALUES (2)' }, ctx)).toEqual(['INSERT INTO dw.sales (sale_id) VALUES (2)'])
    // A list VALUES or a query does not follow is the row itself (Teradata's `INS t ('a', 'b')`).
    expect(teradataToPostgres.dataStatement({ text: "ins dw.sales(3, 'n')" }, ctx)).toEqual(["INSERT INTO dw.sales VALUES (3, 'n')"])
    expect(teradataToPostgres.dataStatement({ text: 'INS dw.sales (sale_id) SEL sale_id + 1 FROM dw.sales' }, ctx)).toEqual(['INSERT INTO dw.sales (sale_id) SELECT sale_id + 1 FROM dw.sales'])
    expect(teradataToPostgres.dataStatement({ text: "EXEC dw.bump(1, ZEROIFNULL(NULL));" }, ctx)).toEqual(['CALL dw.bump(1, coalesce(NULL, 0))'])
    expect(teradataToPostgres.dataStatement({ text: 'EXECUTE refresh_all' }, ctx)).toEqual(['CALL refresh_all()'])
  })
})

describe('Teradata macros and SQL functions → PostgreSQL routines', () => {
  const code = (text: string) => teradataToPostgres.code({ name: 'X', kind: 'function', source: { text, at: { file: 'r.sql', line: 1, column: 1 } } }, tdContext('ROUTINE'))

  it('a SQL function (DSC example) becomes a LANGUAGE sql function', () => {
    const [sql] = code("REPLACE FUNCTION up_load1.RPT_016_BUS_DATE()\nRETURNS DATE\nLANGUAGE SQL\nCONTAINS SQL\nDETERMINISTIC\nSQL SECURITY DEFINER\nCOLLATION INVOKER\nINLINE TYPE 1\nRETURN DATE'2017-08-22';")
    expect(sql).toBe("CREATE OR REPLACE FUNCTION up_load1.rpt_016_bus_date() RETURNS date LANGUAGE sql IMMUTABLE AS $$\nSELECT '2017-08-22'::date\n$$")
    expect(postgresSyntaxError(sql!)).toBeUndefined()
  })

  it('a macro of data statements becomes a procedure whose parameters are read by position', () => {
    const [sql] = code('CREATE MACRO dw.bump (id INTEGER, n BYTEINT) AS (UPD dw.sales SET qty = qty + :n WHERE sale_id = :id; DEL FROM dw.sales WHERE qty > 100;);')
    expect(sql).toBe('CREATE OR REPLACE PROCEDURE dw.bump(id integer, n smallint) LANGUAGE sql AS $$\nUPDATE dw.sales SET qty = qty + $2 WHERE sale_id = $1;\nDELETE FROM dw.sales WHERE qty > 100;\n$$')
    expect(postgresSyntaxError(sql!)).toBeUndefined()
  })

  it('a macro returning rows becomes a set-returning function of its typed columns, VOLATILE when it writes first', () => {
    const ctx = tdContext('ROUTINE')
    const macro = (text: string) => teradataToPostgres.code({ name: 'M', kind: 'macro', source: { text, at: { file: 'r.sql', line: 1, column: 1 } } }, ctx)
    const [star] = macro('CREATE MACRO dw.sale (id INTEGER) AS (SEL * FROM dw.sales WHERE sale_id = :id;);')
    expect(star).toBe(
      'CREATE OR REPLACE FUNCTION dw.sale(id integer) RETURNS TABLE (sale_id integer, store_id smallint, qty smallint, amount numeric(12,2), sale_date date, sold_at timestamp(6), region varchar(30), date_int integer) LANGUAGE sql STABLE AS $$\nSELECT * FROM dw.sales WHERE sale_id = $1;\n$$',
    )
    const [report] = macro(
      'REPLACE MACRO dw.by_region (r VARCHAR(30)) AS (UPD dw.sales SET qty = qty WHERE region = :r; SELECT region, SUM(amount) AS total, CAST(AVG(qty) AS DECIMAL(5,2)) AS avg_qty, MAX(sale_date) last_sale FROM dw.sales WHERE region = :r GROUP BY 1;);',
    )
    expect(report).toBe(
      'CREATE OR REPLACE FUNCTION dw.by_region(r varchar(30)) RETURNS TABLE (region varchar(30), total numeric, avg_qty numeric(5,2), last_sale date) LANGUAGE sql VOLATILE AS $$\nUPDATE dw.sales SET qty = qty WHERE region = $1;\nSELECT region, sum(amount) AS total, CAST(avg(qty) AS numeric(5,2)) AS avg_qty, max(sale_date) AS last_sale FROM dw.sales WHERE region = $1 GROUP BY 1;\n$$',
    )
    for (const sql of [star, report]) expect(postgresSyntaxError(sql!)).toBeUndefined()
    expect(ctx.findings.map((f) => f.code)).toEqual(['TERADATA_MACRO_ROWS', 'TERADATA_MACRO_ROWS'])
  })

  it('a macro whose rows cannot be typed or come as several result sets, an undeclared parameter and a stored procedure are action items', () => {
    const refused = (text: string, message: string) => expect(() => code(text)).toThrow(expect.objectContaining({ code: 'TERADATA_MACRO_SELECT', message: expect.stringContaining(message) }))
    refused('CREATE MACRO m AS (SEL sale_id + 1 FROM dw.sales;);', 'no name or no known type')
    refused('CREATE MACRO m AS (SEL * FROM dw.unknown;);', 'no name or no known type')
    refused('CREATE MACRO m AS (SEL sale_id FROM dw.sales; SEL region FROM dw.sales;);', '2 result sets')
    refused('CREATE MACRO m AS (SEL sale_id FROM dw.sales; DEL FROM dw.sales;);', 'statements follow its SELECT')
    expect(() => code('CREATE MACRO m (id INTEGER) AS (DEL FROM dw.sales WHERE sale_id = :other;);')).toThrow(expect.objectContaining({ code: 'TERADATA_MACRO_PARAMETER' }))
    expect(() => code('REPLACE PROCEDURE p () BEGIN END;')).toThrow(expect.objectContaining({ code: 'TERADATA_PROCEDURE', at: { file: 'r.sql', line: 1, column: 9 } }))
  })

  it('a procedure that only returns SELECT * FROM one table becomes a set-returning function of its row type', () => {
    const [sql] = code('CREATE PROCEDURE dw.get_sale(in sale_key integer)\nDYNAMIC RESULT SETS 1\nbegin\nDECLARE cur1 CURSOR WITH RETURN ONLY FOR\nselect * from dw.sales\nwhere sale_id = sale_key;\nOPEN cur1;\n\nend;')
    expect(sql).toBe('CREATE OR REPLACE FUNCTION dw.get_sale(sale_key integer) RETURNS SETOF dw.sales LANGUAGE sql STABLE AS $$\nSELECT * FROM dw.sales WHERE sale_id = $1\n$$')
    // A column list returns its typed columns; a column with no known type, or more SPL than the cursor, stays an action item.
    const [listed] = code('CREATE PROCEDURE p () DYNAMIC RESULT SETS 1 BEGIN DECLARE c CURSOR WITH RETURN ONLY FOR SELECT sale_id, region FROM dw.sales; OPEN c; END;')
    expect(listed).toBe('CREATE OR REPLACE FUNCTION dw.p() RETURNS TABLE (sale_id integer, region varchar(30)) LANGUAGE sql STABLE AS $$\nSELECT sale_id, region FROM dw.sales\n$$')
    expect(() => code('CREATE PROCEDURE p () DYNAMIC RESULT SETS 1 BEGIN DECLARE c CURSOR WITH RETURN ONLY FOR SELECT sale_id * 2 FROM dw.sales; OPEN c; END;')).toThrow(
      expect.objectContaining({ code: 'TERADATA_PROCEDURE', message: expect.stringContaining('no name or no known type') }),
    )
    expect(() => code('CREATE PROCEDURE p () BEGIN DECLARE n INTEGER; SET n = 1; END;')).toThrow(expect.objectContaining({ code: 'TERADATA_PROCEDURE' }))
  })
})
