import { expect, it } from 'vitest'
import { translateDataStatement, translateExpression, translateQuery } from '../../../../src/convert/sql/translate-sql.js'
import { postgresSyntaxError } from '../../../support/pg-parser.js'
import { testContext } from './context.js'

/**
 * sqlglot-style tables of `oracle → postgres` pairs. Each output must also be accepted by
 * PostgreSQL's own parser.
 */
export type TranslationCase = readonly [oracle: string, postgres: string]

export function expressionTable(cases: readonly TranslationCase[]): void {
  it.each(cases)('%s', (oracle, expected) => {
    const out = translateExpression({ text: oracle }, testContext())
    expect(out).toBe(expected)
    expect(postgresSyntaxError(`SELECT ${out}`)).toBeUndefined()
  })
}

export function queryTable(cases: readonly TranslationCase[]): void {
  it.each(cases)('%s', (oracle, expected) => {
    const out = translateQuery({ text: oracle }, testContext())
    expect(out).toBe(expected)
    expect(postgresSyntaxError(out)).toBeUndefined()
  })
}

export function statementTable(cases: ReadonlyArray<readonly [string, readonly string[]]>): void {
  it.each(cases)('%s', (oracle, expected) => {
    const out = translateDataStatement({ text: oracle }, testContext())
    expect(out).toEqual(expected)
    for (const s of out) expect(postgresSyntaxError(s)).toBeUndefined()
  })
}
