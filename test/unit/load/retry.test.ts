import { describe, expect, it } from 'vitest'
import { SnapshotGoneError } from '../../../src/engines/postgres/pg-source-copy.js'
import { isTransient, withRetry } from '../../../src/load/retry.js'

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code })

describe('retrying transient failures', () => {
  it.each([
    [pgError('57P01', 'terminating connection due to administrator command'), true],
    [pgError('08006'), true],
    [pgError('40P01'), true],
    [pgError('ECONNRESET'), true],
    [new Error('Connection terminated unexpectedly'), true],
    [new SnapshotGoneError('0000-1', undefined), true],
    [Object.assign(new Error('wrapped'), { cause: pgError('57P01') }), true],
    [pgError('23505', 'duplicate key value violates unique constraint'), false],
    [pgError('22P02', 'invalid input syntax for type integer'), false],
    [new Error('value too long'), false],
  ])('%s → transient %s', (err, transient) => {
    expect(isTransient(err)).toBe(transient)
  })

  it('retries a transient failure with backoff until it succeeds', async () => {
    const seen: number[] = []
    const out = await withRetry({ attempts: 4, baseMs: 1 }, async (attempt) => {
      if (attempt < 3) throw pgError('57P01')
      return attempt
    }, (n) => seen.push(n))
    expect(out).toBe(3)
    expect(seen).toEqual([1, 2])
  })

  it('fails at once on a permanent error, and after the last attempt on a transient one', async () => {
    let calls = 0
    await expect(withRetry({ attempts: 5, baseMs: 1 }, async () => { calls++; throw pgError('23505') })).rejects.toMatchObject({ code: '23505' })
    expect(calls).toBe(1)
    calls = 0
    await expect(withRetry({ attempts: 3, baseMs: 1 }, async () => { calls++; throw pgError('08006') })).rejects.toMatchObject({ code: '08006' })
    expect(calls).toBe(3)
  })
})
