/**
 * A bound of a key range: key values as text, for the leading key columns (a prefix of the key).
 * As a lower bound it stands for the smallest key that starts with it.
 */
export type KeyBound = readonly string[]

/** A key range of one table: lower bound inclusive, upper exclusive, absent = unbounded. Ranges from one plan never overlap. */
export interface KeyRange {
  readonly lower?: KeyBound
  readonly upper?: KeyBound
}
