import { expect } from 'vitest'
import { postgresSyntaxError } from '../../../support/pg-parser.js'
import { oracleLogicalType } from '../../../../src/engines/oracle/oracle-types.js'
import { makeTypeFormatter } from '../../../../src/convert/format-type.js'
import { DEFAULT_TARGET } from '../../../../src/convert/target.js'
import type { TranslateContext } from '../../../../src/convert/translate-context.js'
import { translateCodeObject } from '../../../../src/convert/plsql/translate-plsql.js'
import { emptySchema, type CodeObjectDef, type NativeType, type TypeDef } from '../../../../src/model/schema.js'

/** A translation context over a catalog holding `code` (other units the one under test may call). */
export function plsqlContext(code: readonly CodeObjectDef[] = [], types: readonly TypeDef[] = []): TranslateContext {
  return {
    object: 'TEST',
    findings: [],
    catalog: { ...emptySchema('oracle'), code, types },
    targetSchema: 'hr',
    formatType: makeTypeFormatter([], oracleLogicalType),
    support: new Set(),
    target: DEFAULT_TARGET,
  }
}

/** A catalog VARRAY type of `element` (e.g. OE's PHONE_LIST_TYP). */
export function varrayType(name: string, element: NativeType): TypeDef {
  return { name, kind: 'varray', element: { nativeType: element, type: oracleLogicalType(element) }, limit: 5, source: { text: '' } }
}

export function codeDef(kind: CodeObjectDef['kind'], name: string, text: string, table?: string): CodeObjectDef {
  return { kind, name, source: { text, at: { file: 'test.sql', line: 1, column: 1 } }, table: table ? { name: table } : undefined }
}

/**
 * The translated statements of `body` (PL/SQL statements) run inside a procedure with
 * `declarations`: the lines between the procedure's BEGIN and END, indentation removed.
 */
export function translatedBody(body: string, declarations = '', ctx = plsqlContext()): string[] {
  const text = `CREATE OR REPLACE PROCEDURE t IS\n${declarations}\nBEGIN\n${body}\nEND;`
  // Record types come first, as CREATE TYPE statements.
  const sql = translateCodeObject(codeDef('procedure', 'T', text), ctx).find((s) => s.startsWith('CREATE OR REPLACE PROCEDURE'))
  const lines = sql!.split('\n')
  const begin = lines.indexOf('BEGIN')
  const end = lines.lastIndexOf('END;')
  return lines.slice(begin + 1, end).map((l) => l.replace(/^ {2}/, ''))
}

/** Every statement parses as PostgreSQL (libpg-query). */
export function expectValidPostgres(statements: readonly string[]): void {
  for (const s of statements) expect(postgresSyntaxError(s), s).toBeUndefined()
}
