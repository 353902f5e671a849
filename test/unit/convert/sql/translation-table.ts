import { UnsupportedConstructError } from '../../../../src/convert/translate-context.js'
import { beforeAll, expect, it } from 'vitest'
import { translateDataStatement, translateExpression, translateQuery } from '../../../../src/convert/sql/translate-sql.js'
import { postgresSyntaxError } from '../../../support/pg-parser.js'
import type { TargetDialect } from '../../../../src/convert/target.js'
import { unresolvedReferences, type TargetCatalog } from '../../../support/catalog-resolution.js'
import { supportCatalog } from '../../../support/target-catalog.js'
import { testContext } from './context.js'

/**
 * sqlglot-style tables of `oracle → postgres` pairs. Each output must also be accepted by
 * PostgreSQL's own parser.
 */
export type TranslationCase = readonly [oracle: string, postgres: string]

/**
 * Every output must also resolve on the target version's catalog: each function, operator and
 * piece of syntax exists there or is a godwit support function or allowed extension
 * (test/support/catalog-resolution.ts). Tables are the test's own, so relations are not checked.
 */
function resolvesOn(target: TargetDialect | undefined): (sql: string) => string[] {
  let catalog: TargetCatalog | undefined
  beforeAll(async () => {
    catalog = await supportCatalog(testContext(target).target.version)
  })
  return (sql) => unresolvedReferences(sql, catalog!)
}

export function expressionTable(cases: readonly TranslationCase[], target?: TargetDialect): void {
  const unresolved = resolvesOn(target)
  it.each(cases)('%s', (oracle, expected) => {
    const out = translateExpression({ text: oracle }, testContext(target))
    expect(out).toBe(expected)
    expect(postgresSyntaxError(`SELECT ${out}`)).toBeUndefined()
    expect(unresolved(`SELECT ${out}`)).toEqual([])
  })
}

export function queryTable(cases: readonly TranslationCase[], target?: TargetDialect): void {
  const unresolved = resolvesOn(target)
  it.each(cases)('%s', (oracle, expected) => {
    const out = translateQuery({ text: oracle }, testContext(target))
    expect(out).toBe(expected)
    expect(postgresSyntaxError(out)).toBeUndefined()
    expect(unresolved(out)).toEqual([])
  })
}

export function statementTable(cases: ReadonlyArray<readonly [string, readonly string[]]>, target?: TargetDialect): void {
  const unresolved = resolvesOn(target)
  it.each(cases)('%s', (oracle, expected) => {
    const out = translateDataStatement({ text: oracle }, testContext(target))
    expect(out).toEqual(expected)
    for (const s of out) expect(postgresSyntaxError(s)).toBeUndefined()
    for (const s of out) expect(unresolved(s)).toEqual([])
  })
}

/** `oracle → action item`: the translation refuses the construct with a message containing `reason`. */
export function refusedTable(cases: ReadonlyArray<readonly [oracle: string, reason: string]>, target?: TargetDialect): void {
  it.each(cases)('%s is an action item', (oracle, reason) => {
    const translate = () => (/^\s*(SELECT|WITH)\b/i.test(oracle) ? translateQuery({ text: oracle }, testContext(target)) : /^\s*(INSERT|UPDATE|DELETE|MERGE)\b/i.test(oracle) ? translateDataStatement({ text: oracle }, testContext(target)).join(';') : translateExpression({ text: oracle }, testContext(target)))
    expect(translate).toThrow(reason)
    // Valid Oracle godwit does not translate is an action item, not a syntax error.
    expect(() => translate()).toThrow(UnsupportedConstructError)
  })
}
