import { describe, expect, it } from 'vitest'
import { TokenCursor } from '../../../../../src/convert/sql/cursor.js'
import { parseExpression, parseSqlStatement } from '../../../../../src/convert/sql/parser/index.js'
import { generateExpression, generateStatement, type GenerateContext } from '../../../../../src/convert/sql/postgres/index.js'
import { tokenize } from '../../../../../src/convert/sql/tokenizer.js'
import { testContext } from '../context.js'

/** The seam the PL/SQL generator uses: names it owns are resolved and typed by it. */
const cursor = (text: string) => new TokenCursor(tokenize(text), text, '<t>')

const plsql: GenerateContext = {
  ...testContext(),
  object: 'TRIGGER HR.T',
  resolveName: (path) => {
    if (path[0] === ':NEW') return `NEW.${path[1]!.toLowerCase()}`
    if (path.length === 1 && path[0] === 'V_START') return 'v_start'
    return undefined
  },
  typeOfName: (path) => (path[0] === 'V_START' ? { name: 'DATE', text: 'DATE' } : undefined),
}

describe('GenerateContext.resolveName / typeOfName', () => {
  it.each([
    [':new.salary * 2', 'NEW.salary * 2'],
    ['v_start + 1', "v_start + INTERVAL '1 days'"],
    ['TRUNC(v_start)', "date_trunc('day', v_start)::timestamp(0)"],
    ['other + 1', 'other + 1'],
  ])('%s → %s', (oracle, expected) => {
    expect(generateExpression(parseExpression(cursor(oracle)), plsql)).toBe(expected)
  })

  it('prints RETURNING values and leaves INTO to PL/SQL', () => {
    const s = parseSqlStatement(cursor('UPDATE employees SET salary = salary + 1 WHERE employee_id = :new.manager_id RETURNING salary INTO v_salary'))
    expect(generateStatement(s, plsql)).toBe('UPDATE employees SET salary = salary + 1 WHERE employee_id = NEW.manager_id RETURNING salary')
  })
})
