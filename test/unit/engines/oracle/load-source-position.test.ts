import { describe, expect, it } from 'vitest'
import { OracleLoadSource } from '../../../../src/engines/oracle/oracle-load-source.js'
import { ScnTooOldError, type OracleRowSource } from '../../../../src/engines/oracle/oracle-extract.js'
import { isTransient } from '../../../../src/load/retry.js'

/**
 * The position logic alone (no Oracle server here): a chunk that finds the run's SCN gone out of
 * undo is retried, and every read after that is at one newer SCN, taken once.
 */
describe('Oracle load position', () => {
  const chunk = { schema: 'HR', table: 'T', seq: 0, estimatedRows: 1 }
  function source() {
    let scn = 100
    const reads: string[] = []
    const rows = {
      currentPosition: async () => ({ engine: 'oracle' as const, scn: String(++scn) }),
      async *readChunkRows(_c: unknown, _cols: unknown, at: { scn?: string }) {
        reads.push(at.scn!)
        if (at.scn === '100') throw new ScnTooOldError('ORA-01555: snapshot too old', undefined, 'HR.T chunk 0')
        yield [[1]]
      },
    } as unknown as OracleRowSource
    return { load: new OracleLoadSource('oracle://u:p@h/s', rows), reads }
  }

  it('reads at the run SCN while it lasts', async () => {
    const { load } = source()
    expect(await load.readPosition({ engine: 'oracle', scn: '99' })).toEqual({ engine: 'oracle', scn: '99' })
  })

  it('after ORA-01555 the chunk is retryable and later reads use one fresh SCN', async () => {
    const { load, reads } = source()
    const run = { engine: 'oracle' as const, scn: '100' }
    const first = await load.readPosition(run)
    const err = await (async () => {
      for await (const _ of load.readChunkRows(chunk, [], first)) void _
    })().catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ScnTooOldError)
    expect(isTransient(err)).toBe(true)
    const next = await load.readPosition(run)
    expect(next).toEqual({ engine: 'oracle', scn: '101' })
    expect(await load.readPosition(run)).toEqual(next)
    for await (const _ of load.readChunkRows(chunk, [], next)) void _
    expect(reads).toEqual(['100', '101'])
  })
})
