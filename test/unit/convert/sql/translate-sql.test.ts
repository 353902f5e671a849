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

  it.each([
    ['SELECT :OBJECT FROM dual', 'SELECT $1', ':OBJECT → $1'],
    ['SELECT * FROM t WHERE c LIKE (:v)', 'SELECT * FROM t WHERE c LIKE $1', ':V → $1'],
    ['SELECT * FROM t ORDER BY i OFFSET NVL(:v1, 10) ROWS FETCH NEXT NVL(:v2, 10) ROWS ONLY', 'SELECT * FROM t ORDER BY i OFFSET coalesce($1, 10) ROWS FETCH FIRST (coalesce($2, 10)) ROWS ONLY', ':V1 → $1, :V2 → $2'],
    ['UPDATE t SET a = :2 WHERE b = :1 AND c = :2', 'UPDATE t SET a = $1 WHERE b = $2 AND c = $1', ':2 → $1, :1 → $2'],
  ])('turns the binds of a script statement into positional parameters: %s', (oracle, postgres, mapping) => {
    const ctx = testContext()
    expect(translateDataStatement({ text: oracle }, ctx)).toEqual([postgres])
    expect(ctx.findings).toEqual([expect.objectContaining({ code: 'BIND_PARAMETERS', severity: 'info', message: expect.stringContaining(mapping) })])
  })

  it('types bare columns of a default or check through the table named by the context', () => {
    expect(translateExpression({ text: 'hire_date + 1' }, testContext())).toBe("hire_date + INTERVAL '1 days'")
    const other = { ...testContext(), object: 'TABLE HR.OTHER' }
    expect(translateExpression({ text: 'hire_date + 1' }, other)).toBe('hire_date + 1')
  })
})
