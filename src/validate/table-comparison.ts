import type { LimitFunction } from 'p-limit'
import type { ChecksumSide } from './checksum-side.js'
import type { RowShape } from './row-diff.js'
import type { SideTable } from './side-table.js'
import type { Difference } from './validation-result.js'

export interface ComparisonTuning {
  /** A differing segment with at most this many rows (on either side) is fetched and diffed. */
  readonly leafRows: number
  /** Into how many parts a differing segment is split. */
  readonly bisectionFactor: number
  /** Rows per level-0 segment aimed at. */
  readonly segmentRows: number
  /** Differences kept per table (all are counted). */
  readonly maxDifferences: number
}

/**
 * Level-0 segments of 20,000 rows: a difference then costs re-hashing 20,000 rows per side (plus
 * a few hundred for the next levels), small beside a table of millions, while the per-query cost
 * of more segments stays far below the hashing itself.
 */
export const DEFAULT_TUNING: ComparisonTuning = { leafRows: 1000, bisectionFactor: 16, segmentRows: 20_000, maxDifferences: 1000 }

/** Counters of one table's comparison, updated as segments finish (the live view reads them). */
export class ComparisonTally {
  segmentsPlanned = 0
  segmentsChecked = 0
  segmentsDiffering = 0
  rowsFetched = 0
  sourceRows = 0
  targetRows = 0
  /** The first `keep` differences; `differenceCount` counts all. */
  differences: Difference[] = []
  differenceCount = 0

  constructor(
    private readonly keep: number,
    private readonly onChange: (t: ComparisonTally) => void = () => undefined,
  ) {}

  add(found: readonly Difference[]): void {
    this.differenceCount += found.length
    this.differences.push(...found.slice(0, Math.max(0, this.keep - this.differences.length)))
    this.changed()
  }

  /** After a re-check: the differences that persisted replace the kept ones. */
  replace(persisting: readonly Difference[]): void {
    this.differenceCount += persisting.length - this.differences.length
    this.differences = persisting.slice(0, this.keep)
    this.changed()
  }

  changed(): void {
    this.onChange(this)
  }
}

/** One table's two sides and what the comparison needs around them. */
export interface TableComparison {
  readonly source: ChecksumSide
  readonly target: ChecksumSide
  readonly s: SideTable
  readonly t: SideTable
  readonly shape: RowShape
  /** Caps concurrent work: each task holds one session per side. */
  readonly limit: LimitFunction
  readonly tuning: ComparisonTuning
  readonly tally: ComparisonTally
}
