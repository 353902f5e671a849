import { beforeAll, describe, expect, it } from 'vitest'
import { supportFunctionSql } from '../../../../../src/convert/sql/support-functions.js'
import { translateExpression, translateQuery } from '../../../../../src/convert/sql/translate-sql.js'
import type { TargetDialect } from '../../../../../src/convert/target.js'
import { asTranslationFailure } from '../../../../../src/convert/translation-failure.js'
import { unresolvedReferences, type TargetCatalog } from '../../../../support/catalog-resolution.js'
import { useDatabase } from '../../../../support/database.js'
import { supportCatalog } from '../../../../support/target-catalog.js'
import { emptySchema } from '../../../../../src/model/schema.js'
import { render } from '../../../engines/postgres/ddl-fixtures.js'
import { CATALOG, testContext } from '../context.js'
import { ORACLE_FUNCTIONS, type OracleFunction } from './oracle-functions.js'

/**
 * No Oracle built-in passes through silently: each one in ORACLE_FUNCTIONS translates to SQL
 * that resolves on the target's catalog, runs, and gives Oracle's documented value, or is an
 * action item naming it.
 */
describe.each([14, 17])('Oracle built-in functions on PostgreSQL %i', (major) => {
  const target: TargetDialect = { engine: 'postgres', version: major }
  const db = useDatabase(`oracle_functions_${major}`, major)
  let catalog: TargetCatalog
  beforeAll(async () => {
    catalog = await supportCatalog(major)
    // The collection types the calls construct (OE.PHONE_LIST_TYP), as convert creates them.
    const types = render({ ...emptySchema('oracle'), types: CATALOG.types.filter((t) => t.kind === 'varray') })
    await db.client.query('CREATE SCHEMA oe')
    await db.client.query(types.sql('pre-data'))
  })

  it.each(ORACLE_FUNCTIONS)('%s: %s', async (...entry) => {
    const [name, call, fateOn14, fateFrom17] = entry as unknown as OracleFunction
    const fate = major >= 17 && fateFrom17 !== undefined ? fateFrom17 : fateOn14
    const ctx = testContext(target)
    const query = /^SELECT\b/.test(call)
    let sql: string
    try {
      sql = query ? translateQuery({ text: call }, ctx) : translateExpression({ text: call }, ctx)
    } catch (e) {
      const failure = asTranslationFailure(e)
      if (!failure) throw e
      expect(`!${failure.code}`).toBe(fate)
      if (failure.code !== 'PSEUDO_COLUMN') expect(failure.message).toContain(name.split(' ')[0])
      return
    }
    expect(fate === null || fate === 'runs' || fate.startsWith('='), `${name} translated to ${sql}`).toBe(true)
    const statement = query ? `SELECT godwit_v::text AS v FROM (${sql}) AS godwit_q(godwit_v)` : `SELECT (${sql})::text AS v`
    expect(unresolvedReferences(statement, catalog)).toEqual([])
    for (const s of supportFunctionSql(ctx.support)) await db.client.query(s)
    const value: string | null = (await db.client.query(statement)).rows[0].v
    if (fate === 'runs') return
    expect(sameValue(value, fate === null ? null : fate.slice(1)), `${name}: ${sql} gave ${value}`).toBe(true)
  })
})

/** Equal text, or equal numbers to the precision the expected value is written with. */
function sameValue(actual: string | null, expected: string | null): boolean {
  if (actual === expected) return true
  if (actual === null || expected === null || !/^-?\d+(\.\d+)?$/.test(expected) || Number.isNaN(Number(actual))) return false
  const decimals = expected.split('.')[1]?.length ?? 0
  return Math.abs(Number(actual) - Number(expected)) <= 0.5 * 10 ** -decimals + 1e-12
}
