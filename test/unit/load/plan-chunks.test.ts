import { describe, expect, it } from 'vitest'
import { chunkCount, pickBoundaries, planTableChunks, rangesFromBoundaries } from '../../../src/load/plan-chunks.js'
import type { KeyRange } from '../../../src/model/key-range.js'

/** Lexicographic order of key tuples of integers as text, the stand-in for the database's order. */
function cmp(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const d = Number(a[i]) - Number(b[i])
    if (d !== 0) return d
  }
  return 0 // a prefix bound compares equal on the columns it has
}

function inRange(key: readonly string[], r: KeyRange): boolean {
  return (!r.lower || cmp(key, r.lower) >= 0) && (!r.upper || cmp(key, r.upper) < 0)
}

function random(seed: number): () => number {
  let s = seed >>> 0
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32)
}

describe('chunk planning (pure)', () => {
  it('needs at least one chunk, and ceil(rows / chunkRows) of them', () => {
    expect(chunkCount(0, 100)).toBe(1)
    expect(chunkCount(-1, 100)).toBe(1)
    expect(chunkCount(100, 100)).toBe(1)
    expect(chunkCount(101, 100)).toBe(2)
    expect(() => chunkCount(10, 0)).toThrow(RangeError)
  })

  it('ranges are open at both ends and meet at each boundary', () => {
    expect(rangesFromBoundaries([])).toEqual([{}])
    expect(rangesFromBoundaries([['5'], ['9']])).toEqual([{ upper: ['5'] }, { lower: ['5'], upper: ['9'] }, { lower: ['9'] }])
  })

  it('drops repeated boundaries (a skewed sample) so that no planned range is empty by construction', () => {
    const sorted = [['1'], ['1'], ['1'], ['1'], ['1'], ['1'], ['2'], ['3']]
    expect(pickBoundaries(sorted, 4)).toEqual([['1'], ['2']])
    expect(pickBoundaries([], 4)).toEqual([])
    expect(pickBoundaries(sorted, 1)).toEqual([])
  })

  for (const seed of [11, 22, 33, 44, 55]) {
    it(`every key falls in exactly one chunk (composite keys, prefix and full bounds), seed ${seed}`, () => {
      const r = random(seed)
      const keys = Array.from({ length: 2000 }, () => [String(Math.floor(r() * 50)), String(Math.floor(r() * 1000))])
      const sample = keys.filter(() => r() < 0.1).sort(cmp)
      const prefixOnly = seed % 2 === 0
      const bounds = pickBoundaries(prefixOnly ? sample.map((k) => [k[0] as string]) : sample, 2 + Math.floor(r() * 30))
      const chunks = planTableChunks({ schema: 's', name: 't', estimatedRows: 2000 }, ['a', 'b'], bounds)
      expect(chunks.length).toBe(bounds.length + 1)
      for (const key of keys) expect(chunks.filter((c) => inRange(key, c.range ?? {})).length).toBe(1)
      expect(chunks.reduce((n, c) => n + c.estimatedRows, 0)).toBeCloseTo(2000)
    })
  }

  it('a table without a key, or without boundaries, is one whole-table chunk', () => {
    expect(planTableChunks({ schema: 's', name: 't', estimatedRows: 5 }, undefined, [['1']])).toEqual([{ schema: 's', table: 't', seq: 0, estimatedRows: 5 }])
    expect(planTableChunks({ schema: 's', name: 't', estimatedRows: 5 }, ['id'], [])).toEqual([{ schema: 's', table: 't', seq: 0, key: ['id'], estimatedRows: 5 }])
  })
})
