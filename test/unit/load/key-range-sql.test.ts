import { describe, expect, it } from 'vitest'
import { keyRangePredicate } from '../../../src/engines/postgres/pg-source-key-range.js'
import { chunkCopyOutSql } from '../../../src/engines/postgres/pg-source-copy.js'

describe('key range SQL', () => {
  it.each([
    [undefined, 'true'],
    [{}, 'true'],
    [{ upper: ['10'] }, `("id") < ('10')`],
    [{ lower: ['10'], upper: ['20'] }, `("id") >= ('10') AND ("id") < ('20')`],
    [{ lower: ["O'Brien"] }, `("id") >= ('O''Brien')`],
  ])('single-column range %j → %s', (range, sql) => {
    expect(keyRangePredicate(['id'], range)).toBe(sql)
  })

  it('compares composite keys as rows, and prefix bounds on their leading columns only', () => {
    expect(keyRangePredicate(['a', 'B b'], { lower: ['x', '1'], upper: ['y'] })).toBe(`("a", "B b") >= ('x', '1') AND ("a") < ('y')`)
  })

  it('quotes backslashes as an E-string so no bound can break out of its literal', () => {
    expect(keyRangePredicate(['k'], { lower: ['a\\b'] })).toBe(String.raw`("k") >= ( E'a\\b')`)
  })

  it('rejects a bound longer than the key', () => {
    expect(() => keyRangePredicate(['id'], { lower: ['1', '2'] })).toThrow(/2 values for a key of 1/)
  })

  it('reads a chunk with COPY (SELECT …) in the requested format, columns in load order', () => {
    const columns = [
      { name: 'id', targetName: 'id', type: { kind: 'int', bytes: 4 } as const, pgType: 'integer' },
      { name: 'Note', targetName: 'note', type: { kind: 'text', fixed: false } as const, pgType: 'text' },
    ]
    expect(chunkCopyOutSql({ schema: 'sales', table: 'orders', seq: 2, key: ['id'], range: { lower: ['5'] }, estimatedRows: 1 }, columns, 'binary')).toBe(
      `COPY (SELECT "id", "Note" FROM "sales"."orders" WHERE ("id") >= ('5')) TO STDOUT (FORMAT binary)`,
    )
    expect(chunkCopyOutSql({ schema: 's', table: 't', seq: 0, estimatedRows: 1 }, columns, 'text')).toBe(`COPY (SELECT "id", "Note" FROM "s"."t" WHERE true) TO STDOUT (FORMAT text)`)
  })
})
