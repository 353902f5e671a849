import { describe, expect, it } from 'vitest'
import { rangesBetween } from '../../../src/validate/bisect.js'
import { sampleEvenly } from '../../../src/validate/compare-keyed.js'
import { diffMultisets } from '../../../src/validate/multiset-diff.js'
import { diffRowsByKey } from '../../../src/validate/row-diff.js'

const shape = { names: ['id', 'name', 'amount'], keyLength: 1 }

describe('row diff by key', () => {
  it('names missing, extra and changed rows with the changed columns and both values', () => {
    const source = [['1', 'a', '1.5'], ['2', 'b', '2'], ['3', 'c', null]]
    const target = [['3', 'c', ''], ['1', 'a', '1.5'], ['4', 'd', '4']]
    expect(diffRowsByKey(shape, source, target)).toEqual([
      { kind: 'missing', key: { id: '2' }, columns: [] },
      { kind: 'changed', key: { id: '3' }, columns: ['amount'], changes: [{ column: 'amount', source: null, target: '' }] },
      { kind: 'extra', key: { id: '4' }, columns: [] },
    ])
  })

  it('reports nothing for equal rows in any order', () => {
    expect(diffRowsByKey(shape, [['1', 'a', '1'], ['2', 'b', '2']], [['2', 'b', '2'], ['1', 'a', '1']])).toEqual([])
  })

  it('reports a duplicated key on the target as an extra row', () => {
    expect(diffRowsByKey(shape, [['1', 'a', '1']], [['1', 'a', '1'], ['1', 'a', '1']])).toEqual([{ kind: 'extra', key: { id: '1' }, columns: [] }])
  })

  it('matches composite keys on every key column', () => {
    const s2 = { names: ['a', 'b', 'v'], keyLength: 2 }
    expect(diffRowsByKey(s2, [['1', 'x', 'v']], [['1', 'y', 'v']])).toEqual([
      { kind: 'missing', key: { a: '1', b: 'x' }, columns: [] },
      { kind: 'extra', key: { a: '1', b: 'y' }, columns: [] },
    ])
  })
})

describe('multiset diff (no key)', () => {
  it('counts copies: a duplicate lost on the target is one missing copy', () => {
    const names = ['a', 'b']
    expect(diffMultisets(names, [['1', 'x'], ['1', 'x'], ['2', 'y']], [['1', 'x'], ['2', 'y'], ['3', null]])).toEqual([
      { kind: 'missing', key: { a: '1', b: 'x' }, columns: [], count: 1 },
      { kind: 'extra', key: { a: '3', b: null }, columns: [], count: 1 },
    ])
  })
})

describe('key ranges', () => {
  it('cover the range exactly: consecutive, no gap, no overlap, duplicates dropped', () => {
    expect(rangesBetween({ lower: ['10'] }, [['20'], ['20'], ['30']])).toEqual([
      { lower: ['10'], upper: ['20'] },
      { lower: ['20'], upper: ['30'] },
      { lower: ['30'] },
    ])
    expect(rangesBetween({}, [])).toEqual([{}])
  })

  it('sample evenly spread segments, at least one', () => {
    const ranges = rangesBetween({}, Array.from({ length: 99 }, (_, i) => [String(i)]))
    expect(sampleEvenly(ranges, 10)).toHaveLength(10)
    expect(sampleEvenly(ranges, 10)[0]).toEqual({ lower: ['4'], upper: ['5'] })
    expect(sampleEvenly(ranges.slice(0, 3), 1)).toHaveLength(1)
    expect(sampleEvenly(ranges, 100)).toHaveLength(100)
  })
})
