import { describe, expect, it } from 'vitest'
import { translateExpression } from '../../../../../src/convert/sql/translate-sql.js'
import { testContext } from '../context.js'
import { expressionTable } from '../translation-table.js'

describe('sequences', () => {
  expressionTable([
    ['employees_seq.NEXTVAL', "nextval('employees_seq')"],
    ['employees_seq.nextval + 1', "nextval('employees_seq') + 1"],
    ['hr.employees_seq.CURRVAL', "currval('hr.employees_seq')"],
  ])

  it('warns when the catalog does not know the sequence', () => {
    const ctx = testContext()
    expect(translateExpression({ text: 'other_seq.NEXTVAL' }, ctx)).toBe("nextval('other_seq')")
    expect(ctx.findings.map((f) => f.code)).toEqual(['UNKNOWN_SEQUENCE'])
  })
})
