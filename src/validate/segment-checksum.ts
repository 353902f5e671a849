import { createHash } from 'node:crypto'

/**
 * A segment's fingerprint: its row count and the sum of each row's 64-bit hash, modulo 2^64.
 *
 * Why a sum and not XOR: XOR cancels pairs, so two identical rows (a duplicate on a keyless
 * table, or a row loaded twice) would vanish; a sum counts them. Why modulo 2^64: engines compute
 * the exact sum (PostgreSQL numeric, Oracle NUMBER); reducing it here makes a signed reading of
 * the first 8 md5 bytes (PostgreSQL's bit(64)::bigint) and an unsigned one (Oracle TO_NUMBER of
 * hex) agree. A random change survives a (count, sum) comparison with probability about 2^-64
 * per segment.
 */
export interface SegmentChecksum {
  readonly rows: number
  /** Σ hash mod 2^64, as a decimal string (JSON-safe). */
  readonly sum: string
}

const MOD = 1n << 64n

export function checksumOf(rows: number, exactSum: bigint | string | null): SegmentChecksum {
  const s = exactSum === null ? 0n : BigInt(exactSum)
  return { rows, sum: (((s % MOD) + MOD) % MOD).toString() }
}

export function sameChecksum(a: SegmentChecksum, b: SegmentChecksum): boolean {
  return a.rows === b.rows && a.sum === b.sum
}

/** A row's 64-bit hash: the first 8 bytes of md5 of its canonical line, unsigned. */
export function rowHash(line: string): bigint {
  return createHash('md5').update(line, 'utf8').digest().readBigUInt64BE(0)
}

/** Adds rows one at a time: the client-side twin of the engines' `count(*), sum(hash)`. */
export class ChecksumAccumulator {
  private rows = 0
  private sum = 0n

  add(hash: bigint): void {
    this.rows++
    this.sum = (this.sum + hash) % MOD
  }

  result(): SegmentChecksum {
    return checksumOf(this.rows, this.sum)
  }
}
