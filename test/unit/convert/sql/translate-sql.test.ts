import { describe, expect, it } from 'vitest'
import { SqlSyntaxError } from '../../../../src/core/errors.js'
import { translateDataStatement, translateExpression, translateQuery } from '../../../../src/convert/sql/translate-sql.js'
import { UnsupportedConstructError } from '../../../../src/convert/translate-context.js'
import { testContext } from './context.js'

describe('translate-sql facade', () => {
  it('accepts a trailing semicolon and rejects other trailing text', () => {
    expect(translateQuery({ text: 'SELECT 1 FROM dual;' }, testContext())).toBe('SELECT 1')
    expect(() => translateQuery({ text: 'SELECT 1 FROM dual x y' }, testContext())).toThrow(SqlSyntaxError)
  })

  it('reports syntax errors with the file position of the source text', () => {
    expect(() => translateExpression({ text: 'a +', at: { file: 'v.sql', line: 3, column: 7 } }, testContext())).toThrow(/v\.sql:3:10/)
  })

  it('reports an untranslatable construct with its position', () => {
    let error: unknown
    try {
      translateQuery({ text: 'SELECT a\nFROM t WHERE ROWNUM > 2', at: { file: 'v.sql', line: 5, column: 1 } }, testContext())
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(UnsupportedConstructError)
    expect((error as UnsupportedConstructError).at).toEqual({ file: 'v.sql', line: 5, column: 1 })
  })

  it('drops COMMIT and ROLLBACK at script level (psql autocommits)', () => {
    expect(translateDataStatement({ text: 'COMMIT' }, testContext())).toEqual([])
    expect(translateDataStatement({ text: 'ROLLBACK WORK;' }, testContext())).toEqual([])
  })

  it('types bare columns of a default or check through the table named by the context', () => {
    expect(translateExpression({ text: 'hire_date + 1' }, testContext())).toBe("hire_date + INTERVAL '1 days'")
    const other = { ...testContext(), object: 'TABLE HR.OTHER' }
    expect(translateExpression({ text: 'hire_date + 1' }, other)).toBe('hire_date + 1')
  })
})
