import { describe, expect, it } from 'vitest'
import { describeRejectLimit, parseRejectLimit, rejectAllowance } from '../../../src/load/reject-limit.js'

describe('--max-rejects', () => {
  it('reads a row count or a percentage of the table', () => {
    expect(parseRejectLimit('0')).toEqual({ count: 0 })
    expect(parseRejectLimit('250')).toEqual({ count: 250 })
    expect(parseRejectLimit('1%')).toEqual({ percent: 1 })
    expect(parseRejectLimit(' 0.5% ')).toEqual({ percent: 0.5 })
  })

  it.each(['', '-1', '1.5', 'ten', '101%', '5 rows', '%'])('refuses %j as a usage error (exit 2)', (text) => {
    expect(() => parseRejectLimit(text)).toThrow(expect.objectContaining({ code: 'LOAD_MAX_REJECTS_INVALID', exitCode: 2 }))
  })

  it('a percentage allows that share of the estimated rows, rounded down; a count is itself', () => {
    expect(rejectAllowance({ percent: 1 }, 300_000)).toBe(3000)
    expect(rejectAllowance({ percent: 0.1 }, 1999)).toBe(1)
    expect(rejectAllowance({ percent: 1 }, -1)).toBe(0)
    expect(rejectAllowance({ count: 7 }, 10)).toBe(7)
    expect(describeRejectLimit({ percent: 2.5 })).toBe('2.5%')
    expect(describeRejectLimit({ count: 7 })).toBe('7')
  })
})
