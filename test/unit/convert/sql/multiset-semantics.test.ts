import { beforeAll, describe, expect, it } from 'vitest'
import { translateQuery } from '../../../../src/convert/sql/translate-sql.js'
import { emptySchema } from '../../../../src/model/schema.js'
import { useDatabase } from '../../../support/database.js'
import { render } from '../../engines/postgres/ddl-fixtures.js'
import { CATALOG, testContext } from './context.js'

/**
 * Oracle's multiset operators and conditions over nested tables (arrays in the output), run on
 * PostgreSQL 14 and 17 against the SQL Language Reference's definitions: ALL keeps m - n copies
 * for EXCEPT and min(m, n) for INTERSECT; MEMBER is NULL for an empty nested table; IS A SET is
 * TRUE for an empty one and NULL for a null one; IS EMPTY is NULL for a null one.
 */
const NT = (...xs: string[]): string => `OE.PHONE_LIST_TYP(${xs.map((x) => `'${x}'`).join(', ')})`
const NULL_NT = 'CAST(NULL AS OE.PHONE_LIST_TYP)'

describe.each([14, 17])('multiset operators and conditions on PostgreSQL %i', (major) => {
  const db = useDatabase(`multiset_${major}`, major)

  beforeAll(async () => {
    await db.client.query('CREATE SCHEMA oe')
    await db.client.query(render({ ...emptySchema('oracle'), types: CATALOG.types.filter((t) => t.kind === 'varray') }).sql('pre-data'))
  })

  async function value(oracle: string): Promise<unknown> {
    const sql = translateQuery({ text: `SELECT ${oracle} FROM dual` }, testContext({ engine: 'postgres', version: major }))
    const { rows } = await db.client.query<unknown[]>({ text: sql, rowMode: 'array' })
    return rows[0]![0]
  }

  it.each([
    [`${NT('a', 'a', 'a', 'b')} MULTISET EXCEPT ${NT('a', 'c')}`, ['a', 'a', 'b']],
    [`${NT('a', 'a', 'a', 'b')} MULTISET EXCEPT DISTINCT ${NT('a', 'c')}`, ['b']],
    [`${NT('a', 'a', 'b')} MULTISET INTERSECT ALL ${NT('a', 'a', 'a')}`, ['a', 'a']],
    [`${NT('a', 'a', 'b')} MULTISET INTERSECT DISTINCT ${NT('a', 'a', 'a')}`, ['a']],
    [`${NT('b', 'a')} MULTISET UNION ${NT('a')}`, ['b', 'a', 'a']],
    [`${NT('b', 'a')} MULTISET UNION DISTINCT ${NT('a')}`, ['a', 'b']],
    [`${NT('a')} MULTISET UNION ${NULL_NT}`, null],
  ])('%s = %j', async (oracle, expected) => {
    expect(await value(oracle)).toEqual(expected)
  })

  it.each([
    [`CASE WHEN 'a' MEMBER OF ${NT('a', 'b')} THEN 'T' ELSE 'F' END`, 'T'],
    [`CASE WHEN 'z' NOT MEMBER ${NT('a', 'b')} THEN 'T' ELSE 'F' END`, 'T'],
    [`CASE WHEN 'a' MEMBER OF ${NT()} THEN 'T' WHEN NOT ('a' MEMBER OF ${NT()}) THEN 'F' ELSE 'NULL' END`, 'NULL'],
    [`CASE WHEN ${NT('a', 'b')} IS A SET THEN 'T' ELSE 'F' END`, 'T'],
    [`CASE WHEN ${NT('a', 'a')} IS NOT A SET THEN 'T' ELSE 'F' END`, 'T'],
    [`CASE WHEN ${NT()} IS A SET THEN 'T' ELSE 'F' END`, 'T'],
    [`CASE WHEN ${NULL_NT} IS A SET THEN 'T' WHEN ${NULL_NT} IS NOT A SET THEN 'F' ELSE 'NULL' END`, 'NULL'],
    [`CASE WHEN ${NT()} IS EMPTY THEN 'T' ELSE 'F' END`, 'T'],
    [`CASE WHEN ${NT('a')} IS NOT EMPTY THEN 'T' ELSE 'F' END`, 'T'],
    [`CASE WHEN ${NULL_NT} IS EMPTY THEN 'T' WHEN ${NULL_NT} IS NOT EMPTY THEN 'F' ELSE 'NULL' END`, 'NULL'],
    [`CASE WHEN ${NT('a', 'a')} SUBMULTISET OF ${NT('a', 'b', 'a')} THEN 'T' ELSE 'F' END`, 'T'],
    [`CASE WHEN ${NT('a', 'a')} SUBMULTISET ${NT('a', 'b')} THEN 'T' ELSE 'F' END`, 'F'],
    [`CASE WHEN ${NT('c')} NOT SUBMULTISET OF ${NT('a', 'b')} THEN 'T' ELSE 'F' END`, 'T'],
  ])('%s = %s', async (oracle, expected) => {
    expect(await value(oracle)).toBe(expected)
  })
})
