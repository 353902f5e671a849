/**
 * Committed source changes as the capture side hands them to apply: plain data, values as the
 * source's text (PostgreSQL output functions; Oracle values rendered the same way), tables and
 * columns by their SOURCE names — apply maps them to the target through the load's plan.
 */

/** Column values of one row image. A column listed in `unchanged` was not sent (an unchanged TOASTed value): keep whatever the target has. */
export interface RowImage {
  readonly values: Readonly<Record<string, string | null>>
  readonly unchanged: readonly string[]
}

export type ChangeEvent =
  | { readonly kind: 'insert'; readonly table: string; readonly after: RowImage }
  /** `before`: the old key (key changed) or the whole old row (REPLICA IDENTITY FULL); absent when the key did not change. */
  | { readonly kind: 'update'; readonly table: string; readonly before?: RowImage; readonly after: RowImage }
  | { readonly kind: 'delete'; readonly table: string; readonly before: RowImage }
  | { readonly kind: 'truncate'; readonly tables: readonly string[]; readonly cascade: boolean; readonly restartIdentity: boolean }

/**
 * A committed source transaction, or a piece of one too big to hold at once: `eventOffset` is the
 * index of `events[0]` within the whole transaction, `complete` is false for every piece but the last.
 */
export interface SourceTransaction {
  readonly txId: string
  /** Position of the commit record (PostgreSQL: the BEGIN message's final LSN). */
  readonly commitPosition: string
  /** Position just after the commit: what the checkpoint and the source acknowledgement record. */
  readonly endPosition: string
  readonly commitTime: Date
  readonly events: readonly ChangeEvent[]
  readonly eventOffset: number
  readonly complete: boolean
  /** Only godwit's heartbeat: nothing to apply but the position and the lag sample. */
  readonly heartbeat: boolean
  /**
   * Where a restart after this transaction must read the source from, when that is before
   * `endPosition`: Oracle mines by SCN, and a transaction still open at this commit began earlier.
   */
  readonly restartPosition?: string
}

/** What a capture yields, in source commit order. */
export type CaptureItem =
  | { readonly kind: 'transaction'; readonly tx: SourceTransaction }
  /** The source says everything committed up to `position` has been sent. */
  | { readonly kind: 'progress'; readonly position: string }
  /** A table's columns changed at the source: stop before applying anything from here on. */
  | { readonly kind: 'schema-change'; readonly table: string; readonly detail: string; readonly position: string }
