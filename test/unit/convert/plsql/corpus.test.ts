import { describe, expect, it } from 'vitest'
import { translateAnonymousBlock, translateCodeObject } from '../../../../src/convert/plsql/translate-plsql.js'
import { UnsupportedConstructError } from '../../../../src/convert/translate-context.js'
import { readSqlPlusScript, type ScriptStatement } from '../../../../src/engines/oracle/sqlplus-script.js'
import type { CodeObjectDef } from '../../../../src/model/schema.js'
import { corpusAvailable, corpusLoadOrder, corpusSkipReason } from '../../../support/corpus.js'
import { postgresSyntaxError } from '../../../support/pg-parser.js'
import { plsqlContext } from './plsql-test-context.js'

const UNIT = /^\s*CREATE\s+(?:OR\s+REPLACE\s+)?(FUNCTION|PROCEDURE|TRIGGER|PACKAGE\s+BODY|PACKAGE|TYPE\s+BODY)\s+("?[\w$#]+"?)/i
const KIND: Readonly<Record<string, CodeObjectDef['kind']>> = {
  FUNCTION: 'function',
  PROCEDURE: 'procedure',
  TRIGGER: 'trigger',
  'PACKAGE BODY': 'package-body',
  PACKAGE: 'package',
  'TYPE BODY': 'type-body',
}
/** Corpus units with no PostgreSQL form, refused on purpose (the reason is asserted). */
const REFUSED: Readonly<Record<string, RegExp>> = { ORDERS_ITEMS_TRG: /nested table/ }

function plsqlStatements(schema: string): ScriptStatement[] {
  return corpusLoadOrder('oracle', schema).flatMap((e) => readSqlPlusScript(e.path, { args: e.args }).statements.filter((s) => s.plsql))
}

describe.skipIf(!corpusAvailable)(`Oracle corpus PL/SQL${corpusAvailable ? '' : ` (skipped: ${corpusSkipReason})`}`, () => {
  for (const schema of ['hr', 'co', 'oe', 'sh', 'pm']) {
    it(`${schema}: every code unit translates to valid PostgreSQL or is refused with a reason`, () => {
      const ctx = plsqlContext()
      for (const s of plsqlStatements(schema)) {
        const m = UNIT.exec(s.text)
        if (!m) continue
        const name = m[2]!.toUpperCase()
        const def: CodeObjectDef = { kind: KIND[m[1]!.toUpperCase().replace(/\s+/g, ' ')]!, name, source: { text: s.text, at: s.at } }
        if (REFUSED[name]) {
          expect(() => translateCodeObject(def, ctx)).toThrow(UnsupportedConstructError)
          expect(() => translateCodeObject(def, ctx)).toThrow(REFUSED[name])
          continue
        }
        for (const sql of translateCodeObject(def, ctx)) expect(postgresSyntaxError(sql), `${s.at.file}:${s.at.line}\n${sql}`).toBeUndefined()
      }
    })
  }

  it('data scripts: INSERT-only blocks become plain statements, others DO blocks', () => {
    const ctx = plsqlContext()
    const blocks = ['hr', 'co', 'sh'].flatMap((schema) => plsqlStatements(schema).filter((s) => /^\s*(BEGIN|DECLARE)\b/i.test(s.text)))
    const outputs = blocks.map((b) => translateAnonymousBlock(b, ctx))
    for (const out of outputs) for (const sql of out) expect(postgresSyntaxError(sql), sql).toBeUndefined()
    const doBlocks = outputs.filter((o) => o.length === 1 && o[0]!.startsWith('DO '))
    // co_populate's PRODUCTS block declares a variable; sh_populate ends with gather_schema_stats.
    expect(doBlocks).toHaveLength(1)
    expect(outputs.some((o) => o.length === 1 && o[0] === 'ANALYZE')).toBe(true)
    expect(outputs.filter((o) => o.length > 1).every((o) => o.every((sql) => /^INSERT INTO /.test(sql)))).toBe(true)
  })
})
