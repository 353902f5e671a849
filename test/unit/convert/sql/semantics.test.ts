import type pg from 'pg'
import { beforeAll, describe, expect, it } from 'vitest'
import { supportFunctionSql } from '../../../../src/convert/sql/support-functions.js'
import { translateDataStatement, translateExpression } from '../../../../src/convert/sql/translate-sql.js'
import type { TargetDialect } from '../../../../src/convert/target.js'
import { useDatabase } from '../../../support/database.js'
import { testContext } from './context.js'

/**
 * Translated SQL run on real PostgreSQL gives the results Oracle documents for the source, on
 * the oldest supported major, the suite's 17 and the newest, each written for that version.
 */
describe.each([14, 17, 18])('on PostgreSQL %i', (major) => {
  const target: TargetDialect = { engine: 'postgres', version: major }
  const db = useDatabase(`sql_semantics_${major}`, major)

  beforeAll(async () => {
    // The object and collection types of the test catalog, as the DDL renderer creates them.
    await db.client.query('CREATE SCHEMA oe; CREATE DOMAIN oe.phone_list_typ AS varchar(25)[]; CREATE TYPE oe.cust_address_typ AS (street text, city text)')
  })

  /** Runs the translations on the server, with the support functions and extensions they use defined first. */
  async function runTranslated(sqls: readonly string[], support: ReadonlySet<string>): Promise<pg.QueryResult[]> {
    for (const sql of supportFunctionSql(support)) await db.client.query(sql)
    const results: pg.QueryResult[] = []
    for (const sql of sqls) results.push(await db.client.query(sql))
    return results
  }

  async function oracleValue(oracle: string): Promise<unknown> {
    const ctx = testContext(target)
    const sql = translateExpression({ text: oracle }, ctx)
    const [r] = await runTranslated([`SELECT (${sql})::text AS v`], ctx.support)
    return r!.rows[0].v
  }

  describe('translated expressions evaluate as in Oracle', () => {
    const cases: Array<[string, string | null]> = [
      ["'a' || NULL || 'b'", 'ab'],
      ['NULL || NULL', null],
      ["'' || ''", null],
      ["DECODE(NULL, NULL, 'y', 'n')", 'y'],
      ["DECODE(2, 1, 'one', 2, 'two')", 'two'],
      ["NVL2(NULL, 'x', 'y')", 'y'],
      ['LNNVL(1 = NULL)', 'true'],
      ['GREATEST(1, NULL, 3)', null],
      ["TO_DATE('17-06-2003', 'dd-MM-yyyy') + 1", '2003-06-18 00:00:00'],
      ["TO_DATE('2003-06-18', 'YYYY-MM-DD') - TO_DATE('2003-06-17 12:00', 'YYYY-MM-DD HH24:MI')", '0.50000000000000000000'],
      ["TO_CHAR(TO_DATE('2003-06-07', 'YYYY-MM-DD'), 'FMMonth DD, YYYY')", 'June 7, 2003'],
      ["TRUNC(TO_DATE('2003-06-17 15:00', 'YYYY-MM-DD HH24:MI'), 'MM')", '2003-06-01 00:00:00'],
      ["ADD_MONTHS(TO_DATE('2003-01-31', 'YYYY-MM-DD'), 1)", '2003-02-28 00:00:00'],
      ["SUBSTR('abcdef', -2)", 'ef'],
      ["INSTR('banana', 'an', 1, 2)", '4'],
      ["REPLACE('banana', 'an')", 'ba'],
      ["REGEXP_REPLACE('aaa', 'a', 'b')", 'bbb'],
      ["REGEXP_SUBSTR('one two three', '[a-z]+', 1, 2)", 'two'],
      ["REGEXP_COUNT('abcabc', 'b')", '2'],
      ["REGEXP_LIKE('A' || CHR(10) || 'B', '^B')", 'false'],
      ["REGEXP_LIKE('A' || CHR(10) || 'B', '^B', 'm')", 'true'],
      ["REGEXP_LIKE('A' || CHR(10) || 'B', 'A.B')", 'false'],
      ["REGEXP_LIKE('A' || CHR(10) || 'B', 'A.B', 'n')", 'true'],
      // PostgreSQL prints 36:00:00 where Oracle prints +01 12:00:00; the values are equal.
      ["CASE WHEN NUMTODSINTERVAL(36, 'HOUR') = INTERVAL '1' DAY + INTERVAL '12' HOUR THEN 'equal' END", 'equal'],
      ['BITAND(6, 3)', '2'],
      ["TO_NUMBER('12.50')", '12.50'],
      ["CAST(MULTISET(SELECT 'a' FROM dual UNION ALL SELECT 'b' FROM dual) AS phone_list_typ)", '{a,b}'],
      ["phone_list_typ('x', 'y')", '{x,y}'],
      ["cust_address_typ('1 Main', 'Springfield')", '("1 Main",Springfield)'],
      // Oracle SQL Language Reference examples and definitions (issue 13).
      ["TO_NUMBER('2,00' DEFAULT 0 ON CONVERSION ERROR)", '0'],
      ["TO_NUMBER('12.5' DEFAULT 0 ON CONVERSION ERROR)", '12.5'],
      ["CAST('x1' AS NUMBER DEFAULT -1 ON CONVERSION ERROR)", '-1'],
      ["TO_DATE('2020-13-01' DEFAULT NULL ON CONVERSION ERROR, 'YYYY-MM-DD')", null],
      ["TO_DATE('2020-12-01' DEFAULT NULL ON CONVERSION ERROR, 'YYYY-MM-DD')", '2020-12-01 00:00:00'],
      ["(TIMESTAMP '2025-12-30 20:00:00' - TIMESTAMP '2025-12-29 14:30:00') DAY TO SECOND", '1 day 05:30:00'],
      ["(TIMESTAMP '2025-12-30 20:00:00' - TIMESTAMP '2025-12-29 14:30:00') DAY(9) TO SECOND(3) = INTERVAL '1 05:30:00' DAY TO SECOND", 'true'],
      ["STANDARD_HASH('hello', 'SHA256')", '\\x2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824'],
      ["STANDARD_HASH('hello')", '\\xaaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d'],
      ["STANDARD_HASH('hello', 'MD5')", '\\x5d41402abc4b2a76b9719d911017c592'],
      ["SOUNDEX('SMYTHE')", 'S530'],
      ["CASE WHEN TO_BINARY_DOUBLE('NaN') IS NAN AND TO_BINARY_DOUBLE('-Infinity') IS INFINITE AND 1 IS NOT NAN AND 1 IS NOT INFINITE THEN 'y' END", 'y'],
      ['REMAINDER(11, 4)', '-1'],
      ['REMAINDER(10, 4)', '2'],
      ['REMAINDER(-10, 4)', '-2'],
      ['MOD(11, 0)', '11'],
      ['MOD(-11, 4)', '-3'],
      ['ORA_HASH(1, 0)', '0'],
      ["JSON_VALUE('{\"a\":1}', '$.a')", '1'],
      ["JSON_VALUE('{\"a\":{\"b\":1}}', '$.a')", null],
      ["JSON_VALUE('{\"a\":[1,2]}', '$.a[*]')", null],
      ["JSON_VALUE('{\"a\":\"7\"}', '$.a' RETURNING NUMBER)", '7'],
      ["JSON_EXISTS('{\"a\":1}', '$.b')", 'false'],
      ["JSON_EXISTS('{\"a\":[1,5]}', '$.a?(@ > $v)' PASSING 3 AS \"v\")", 'true'],
      ["'{\"a\":1,\"a\":2}' IS JSON", 'true'],
      ["'{\"a\":1,\"a\":2}' IS JSON WITH UNIQUE KEYS", 'false'],
      ["'{\"a\":[{\"b\":1,\"b\":2}]}' IS JSON WITH UNIQUE KEYS", 'false'],
      ["'{a:1}' IS JSON STRICT", 'false'],
      ["'[1' IS NOT JSON", 'true'],
      ["CAST('January 15, 1989, 11:00 A.M.' AS DATE DEFAULT NULL ON CONVERSION ERROR, 'Month dd, YYYY, HH:MI A.M.')", '1989-01-15 11:00:00'],
      ["CAST('January 32, 1989' AS DATE DEFAULT NULL ON CONVERSION ERROR, 'Month dd, YYYY')", null],
      ["CAST('12.5' AS NUMBER(5,2), '99.9')", '12.50'],
      // A NULL attribute is left out; content is escaped (SQL Reference, XMLELEMENT).
      ["XMLELEMENT(\"Emp\", XMLATTRIBUTES(7 AS \"id\", NULL AS \"gone\"), 'a<b', XMLELEMENT(name, 'x'))", '<Emp id="7">a&lt;b<NAME>x</NAME></Emp>'],
      ["DBMS_LOB.SUBSTR('abcdef', 3, 2)", 'bcd'],
      ["DBMS_LOB.GETLENGTH('abcdef')", '6'],
      ["CASE WHEN DBMS_RANDOM.VALUE(5, 7) >= 5 AND DBMS_RANDOM.VALUE(5, 7) < 7 THEN 'in range' END", 'in range'],
      ["CASE WHEN DBMS_RANDOM.NORMAL BETWEEN -100 AND 100 THEN 'finite' END", 'finite'],
    ]
    const jsonCases: Array<[string, string | null]> = [
      ["JSON_QUERY('{\"a\":[1,2]}', '$.a')", '[1, 2]'],
      ["JSON_QUERY('{\"a\":1}', '$.a' WITH WRAPPER)", '[1]'],
      ["JSON_QUERY('{\"a\":[1,2]}', '$.a[*]' WITH CONDITIONAL WRAPPER)", '[1, 2]'],
      ["JSON_OBJECT('a' VALUE 1, 'b' VALUE NULL)", '{"a": 1, "b": null}'],
      ["JSON_OBJECT('a' VALUE 1, 'b' VALUE NULL ABSENT ON NULL)", '{"a": 1}'],
      ["JSON_OBJECT(KEY 'a' IS '[1]' FORMAT JSON)", '{"a": [1]}'],
      ['JSON_ARRAY(1, NULL, 2)', '[1, 2]'],
      ['JSON_ARRAY(1, NULL, 2 NULL ON NULL)', '[1, null, 2]'],
    ]
    // Oracle's default DISALLOW SCALARS; PostgreSQL 17's JSON_QUERY returns the scalar (a warning says so).
    if (major < 17) jsonCases.push(["JSON_QUERY('{\"a\":1}', '$.a')", null])
    it.each(jsonCases)('%s = %s (as jsonb)', async (oracle, expected) => {
      const ctx = testContext(target)
      const sql = translateExpression({ text: oracle }, ctx)
      const [r] = await runTranslated([`SELECT (${sql})::jsonb::text AS v`], ctx.support)
      expect(r!.rows[0].v).toBe(expected)
    })

    it.each(cases)('%s = %s', async (oracle, expected) => {
      expect(await oracleValue(oracle)).toBe(expected)
    })
  })

  describe('translated data statements change rows as in Oracle', () => {
    async function run(oracle: string): Promise<void> {
      const ctx = testContext(target)
      await runTranslated(translateDataStatement({ text: oracle }, ctx), ctx.support)
    }

    // MERGE needs 15; on 14 it becomes data-modifying CTEs (test/integration/merge-before-15.test.ts).
    it('MERGE … DELETE WHERE deletes updated rows whose new values match', async () => {
      await db.client.query('CREATE TABLE m_target (id int, v int); CREATE TABLE m_source (id int, v int)')
      await db.client.query('INSERT INTO m_target VALUES (1, 1), (2, 2), (3, 3); INSERT INTO m_source VALUES (1, 10), (2, 20), (4, 40)')
      await run('MERGE INTO m_target t USING m_source s ON (t.id = s.id) WHEN MATCHED THEN UPDATE SET t.v = s.v DELETE WHERE t.v > 15 WHEN NOT MATCHED THEN INSERT (id, v) VALUES (s.id, s.v)')
      const r = await db.client.query('SELECT id, v FROM m_target ORDER BY id')
      // Row 2 was updated to 20 and then deleted; row 3 was not matched, so DELETE WHERE never saw it.
      expect(r.rows).toEqual([
        { id: 1, v: 10 },
        { id: 3, v: 3 },
        { id: 4, v: 40 },
      ])
    })

    it('INSERT FIRST sends each row to the first branch whose condition holds', async () => {
      await db.client.query('CREATE TABLE f_src (id int, v int); CREATE TABLE f_big (id int); CREATE TABLE f_mid (id int); CREATE TABLE f_small (id int)')
      await db.client.query('INSERT INTO f_src VALUES (1, 50), (2, 7), (3, 1), (4, NULL)')
      await run('INSERT FIRST WHEN v > 10 THEN INTO f_big VALUES (id) WHEN v > 5 THEN INTO f_mid VALUES (id) ELSE INTO f_small VALUES (id) SELECT id, v FROM f_src')
      const ids = async (t: string) => (await db.client.query(`SELECT id FROM ${t} ORDER BY id`)).rows.map((r) => r.id)
      expect([await ids('f_big'), await ids('f_mid'), await ids('f_small')]).toEqual([[1], [2], [3, 4]])
    })

    it('date arithmetic on columns of a derived table or WITH query: DATE + n adds days, DATE - DATE is a number of days', async () => {
      // EMPLOYEES.HIRE_DATE is a DATE in the test catalog.
      await db.client.query("CREATE TABLE employees (employee_id int, hire_date timestamp(0)); INSERT INTO employees VALUES (1, '2020-02-27 10:00:00')")
      await db.client.query('CREATE TABLE hire_days (id int, next_day text, days_since numeric, week_day numeric)')
      await run(
        "INSERT INTO hire_days WITH h AS (SELECT employee_id id, hire_date d FROM employees) SELECT id, TO_CHAR(d + 1, 'YYYY-MM-DD'), DATE '2020-03-01' - TRUNC(d), (SELECT TRUNC(x.d) - TRUNC(x.d, 'IW') + 1 FROM (SELECT d FROM h) x) FROM h",
      )
      // 2020-02-27 is a Thursday: the fourth day of its ISO week.
      expect((await db.client.query('SELECT next_day, days_since::int, week_day::int FROM hire_days')).rows).toEqual([{ next_day: '2020-02-28', days_since: 3, week_day: 4 }])
    })

    it('INSERT ALL inserts every row into every unconditional branch', async () => {
      await db.client.query('CREATE TABLE a_one (x int, y text)')
      await run("INSERT ALL INTO a_one (x, y) VALUES (1, 'a') INTO a_one (x, y) VALUES (2, 'b') SELECT * FROM dual")
      const r = await db.client.query('SELECT x, y FROM a_one ORDER BY x')
      expect(r.rows).toEqual([
        { x: 1, y: 'a' },
        { x: 2, y: 'b' },
      ])
    })
  })
})
