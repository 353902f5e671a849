import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { canonicalLine, escapeCopyText } from '../../../src/validate/canonical-line.js'
import { ChecksumAccumulator, checksumOf, rowHash, sameChecksum } from '../../../src/validate/segment-checksum.js'

describe('canonical line', () => {
  it('escapes like COPY text and writes NULL as \\N, so NULL and empty differ', () => {
    expect(canonicalLine(['a\tb', null, '', 'x\\y', 'l1\nl2\r'])).toBe('a\\tb\t\\N\t\tx\\\\y\tl1\\nl2\\r')
    expect(canonicalLine([null])).not.toBe(canonicalLine(['']))
  })

  it('cannot be forged by a value holding the separator or the NULL marker', () => {
    expect(canonicalLine(['a\tb', 'c'])).not.toBe(canonicalLine(['a', 'b\tc']))
    expect(canonicalLine(['\\N'])).not.toBe(canonicalLine([null]))
    expect(escapeCopyText('plain')).toBe('plain')
  })
})

describe('segment checksum', () => {
  it('uses the first 8 bytes of md5 of the line', () => {
    const digest = createHash('md5').update('1\tx').digest('hex')
    expect(rowHash('1\tx')).toBe(BigInt(`0x${digest.slice(0, 16)}`))
  })

  it('agrees whether an engine sums signed (PostgreSQL bigint) or unsigned (Oracle) 64-bit values', () => {
    const hashes = ['a', 'b', 'c', 'd'].map(rowHash)
    const unsigned = hashes.reduce((s, h) => s + h, 0n)
    const signed = hashes.reduce((s, h) => s + (h >= 1n << 63n ? h - (1n << 64n) : h), 0n)
    expect(checksumOf(4, unsigned)).toEqual(checksumOf(4, signed))
    expect(checksumOf(4, signed.toString())).toEqual(checksumOf(4, unsigned))
  })

  it('is order-independent and counts duplicates (a sum, not XOR)', () => {
    const a = new ChecksumAccumulator()
    const b = new ChecksumAccumulator()
    for (const l of ['x', 'y', 'z']) a.add(rowHash(l))
    for (const l of ['z', 'x', 'y']) b.add(rowHash(l))
    expect(sameChecksum(a.result(), b.result())).toBe(true)
    const once = new ChecksumAccumulator()
    const twice = new ChecksumAccumulator()
    once.add(rowHash('x'))
    twice.add(rowHash('x'))
    twice.add(rowHash('x'))
    twice.add(rowHash('x'))
    expect(twice.result().sum).not.toBe(once.result().sum)
  })

  it('an empty segment sums to 0 (SQL sum over no rows is NULL)', () => {
    expect(checksumOf(0, null)).toEqual({ rows: 0, sum: '0' })
    expect(new ChecksumAccumulator().result()).toEqual({ rows: 0, sum: '0' })
  })
})
