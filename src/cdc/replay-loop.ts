import type { CdcCheckpoint } from '../engines/postgres/control-schema-cdc.js'
import { comparePositions, type ChangeEngine } from '../model/change-position.js'
import type { CaptureItem, SourceTransaction } from '../model/change-event.js'
import { LagTracker, type LagSummary } from './lag-tracker.js'
import { netChanges, type ApplyStep, type ApplyTable } from './net-changes.js'

/** The source side as the loop needs it (PostgreSQL: PgCdcSource; Oracle: OracleCdcSource), chosen in cdc-capture.ts. */
export interface CaptureSide {
  open(resume: CdcCheckpoint): Promise<{ items: AsyncIterable<CaptureItem>; acknowledge(position: string): void; requestProgress(): void; close(): Promise<void> }>
  heartbeat(): Promise<void>
  status(): Promise<{ position: string; retainedBytes?: number }>
  distance(from: string, to: string): number
  close(): Promise<void>
}

/** The target side: the checkpoint, and a batch applied with it in one transaction. */
export interface ApplySide {
  readCheckpoint(): Promise<CdcCheckpoint>
  applyBatch(steps: readonly ApplyStep[], checkpoint: CdcCheckpoint): Promise<{ deadLetters: number }>
  close(): Promise<void>
}

/**
 * An applier that keeps its checkpoint beside the tables it writes (Redshift, Oracle), not in the
 * state store: all or nothing per batch (no dead letters), and `start` — the stream's checkpoint
 * in the state store — until its first batch has committed one.
 */
export interface SelfCheckpointingApplier {
  readCheckpoint(start: CdcCheckpoint): Promise<CdcCheckpoint>
  applyBatch(steps: readonly ApplyStep[], checkpoint: CdcCheckpoint): Promise<void>
  close(): Promise<void>
}

export function selfCheckpointingSide(a: SelfCheckpointingApplier, start: CdcCheckpoint): ApplySide {
  return {
    readCheckpoint: () => a.readCheckpoint(start),
    applyBatch: async (steps, checkpoint) => {
      await a.applyBatch(steps, checkpoint)
      return { deadLetters: 0 }
    },
    close: () => a.close(),
  }
}

/** What one status tick reports (the NDJSON progress line, the terminal view, the metrics, the control row). */
export interface ReplayProgress extends LagSummary {
  readonly at: Date
  readonly position: string
  readonly appliedCommitTime?: Date
  readonly sourcePosition?: string
  readonly bytesBehind?: number
  readonly retainedWalBytes?: number
  readonly eventsApplied: number
  readonly transactionsApplied: number
  readonly deadLetters: number
  readonly lagChart: readonly (number | undefined)[]
}

export type ReplayEnd =
  | { readonly reason: 'interrupted' }
  | { readonly reason: 'stop-requested'; readonly stoppedPosition: string }
  | { readonly reason: 'caught-up' }
  | { readonly reason: 'max-duration'; readonly caughtUp: boolean }

export interface ReplayOptions {
  readonly engine: ChangeEngine
  readonly tables: ReadonlyMap<string, ApplyTable>
  readonly openSource: () => Promise<CaptureSide>
  readonly openTarget: () => Promise<ApplySide>
  /** Events per target transaction (whole source transactions; a bigger one is applied in pieces of this size). */
  readonly batchSize: number
  readonly maxLagMs: number
  readonly untilCaughtUp: boolean
  readonly maxDurationMs?: number
  readonly heartbeatMs: number
  readonly signal: AbortSignal
  /** Once a tick: record status, return a pending stop request. */
  readonly onTick: (p: ReplayProgress) => Promise<string | undefined>
  readonly onWarning: (message: string) => void
  readonly retainedWalWarnBytes: number
  /** Give up reconnecting after this long without a successful batch. */
  readonly reconnectForMs: number
  readonly isTransient: (err: unknown) => boolean
}

/** Seconds the lag must stay under --max-lag-ms for --until-caught-up. */
export const CAUGHT_UP_FOR_MS = 3_000
const TICK_MS = 1_000

class Queue {
  readonly items: CaptureItem[] = []
  events = 0
  #wake?: () => void
  #space?: () => void
  failure?: unknown
  ended = false

  push(item: CaptureItem): void {
    this.items.push(item)
    if (item.kind === 'transaction') this.events += item.tx.events.length
    this.#wake?.()
  }
  shift(): CaptureItem | undefined {
    const item = this.items.shift()
    if (item?.kind === 'transaction') this.events -= item.tx.events.length
    this.#space?.()
    return item
  }
  waitForItem(ms: number): Promise<void> {
    if (this.items.length > 0 || this.failure || this.ended) return Promise.resolve()
    return new Promise((resolve) => {
      const t = setTimeout(done, ms)
      function done(): void {
        clearTimeout(t)
        resolve()
      }
      this.#wake = done
    })
  }
  waitForSpace(limit: number): Promise<void> {
    if (this.events < limit) return Promise.resolve()
    return new Promise((resolve) => {
      this.#space = () => {
        if (this.events < limit) resolve()
      }
    })
  }
  fail(err: unknown): void {
    this.failure = err
    this.#wake?.()
  }
  end(): void {
    this.ended = true
    this.#wake?.()
  }
}

/**
 * The replay loop: capture → whole transactions → net changes → one target transaction with the
 * checkpoint → acknowledge to the source only then. Reconnects either side with backoff and
 * resumes from the target's checkpoint (never from memory), so a lost connection neither loses
 * nor doubles a change.
 */
export async function replay(o: ReplayOptions): Promise<ReplayEnd> {
  const lag = new LagTracker(o.heartbeatMs * 3 + 2_000)
  const started = Date.now()
  const st = {
    checkpoint: undefined as CdcCheckpoint | undefined,
    sourcePosition: undefined as string | undefined,
    retained: undefined as number | undefined,
    deadLetters: 0,
    stopAt: undefined as string | undefined,
    end: undefined as ReplayEnd | undefined,
    belowSince: undefined as number | undefined,
    oldestPending: undefined as number | undefined,
    capture: undefined as { requestProgress(): void } | undefined,
    warnedWal: false,
    warnedHeartbeat: false,
  }
  let source: CaptureSide | undefined
  const tick = async (): Promise<void> => {
    if (!st.checkpoint) return
    const now = Date.now()
    if (source) {
      await source.heartbeat().catch((err: Error) => {
        if (st.warnedHeartbeat) return
        st.warnedHeartbeat = true
        o.onWarning(`the heartbeat failed on the source (${err.message}): lag is measured only while the tables change, and an idle slot keeps WAL (docs/cdc.md, "What the source needs")`)
      })
      const s = await source.status().catch(() => undefined)
      if (s) {
        st.sourcePosition = s.position
        st.retained = s.retainedBytes
      }
      st.capture?.requestProgress()
    }
    if (st.retained !== undefined && st.retained > o.retainedWalWarnBytes && !st.warnedWal) {
      st.warnedWal = true
      o.onWarning(`the replication slot retains ${(st.retained / 2 ** 20).toFixed(0)} MiB of WAL on the source: keep cdc running, or drop the slot (godwit cdc --drop-slot) if the migration is abandoned — a forgotten slot fills the source's disk`)
    } else if (st.retained !== undefined && st.retained < o.retainedWalWarnBytes / 2) st.warnedWal = false
    const summary = lag.summary(now, st.oldestPending)
    const cp = st.checkpoint
    const progress: ReplayProgress = {
      at: new Date(now),
      ...summary,
      position: cp.position,
      ...(cp.commitTime ? { appliedCommitTime: cp.commitTime } : {}),
      ...(st.sourcePosition ? { sourcePosition: st.sourcePosition, bytesBehind: Math.max(0, source ? source.distance(cp.position, st.sourcePosition) : 0) } : {}),
      ...(st.retained !== undefined ? { retainedWalBytes: st.retained } : {}),
      eventsApplied: cp.events,
      transactionsApplied: cp.transactions,
      deadLetters: st.deadLetters,
      lagChart: lag.perSecond(now, 60),
    }
    // A withdrawn request (cutover gave up) clears it; a failed tick leaves it as it was.
    const stop = await o.onTick(progress).then((position) => ({ position }), () => undefined)
    if (stop) st.stopAt = stop.position
    const caughtUp = summary.lagMs !== undefined && summary.lagMs <= o.maxLagMs
    st.belowSince = caughtUp ? (st.belowSince ?? now) : undefined
    if (o.untilCaughtUp && st.belowSince !== undefined && now - st.belowSince >= CAUGHT_UP_FOR_MS) st.end ??= { reason: 'caught-up' }
    if (o.maxDurationMs !== undefined && now - started >= o.maxDurationMs) st.end ??= { reason: 'max-duration', caughtUp }
  }
  let ticking = false
  const timer = setInterval(() => {
    if (ticking) return
    ticking = true
    void tick().finally(() => (ticking = false))
  }, TICK_MS)
  let failingSince: number | undefined
  let backoff = 250
  try {
    for (;;) {
      let target: ApplySide | undefined
      let capture: Awaited<ReturnType<CaptureSide['open']>> | undefined
      const queue = new Queue()
      try {
        source = await o.openSource()
        target = await o.openTarget()
        st.checkpoint = await target.readCheckpoint()
        capture = await source.open(st.checkpoint)
        st.capture = capture
        const items = capture.items
        void (async () => {
          try {
            for await (const item of items) {
              queue.push(item)
              await queue.waitForSpace(o.batchSize * 2)
            }
            queue.end()
          } catch (err) {
            queue.fail(err)
          }
        })()
        const end = await pump(o, queue, target, capture, st, lag, () => {
          failingSince = undefined
          backoff = 250
        })
        return end
      } catch (err) {
        if (o.signal.aborted) return { reason: 'interrupted' }
        if (!o.isTransient(err)) throw err
        failingSince ??= Date.now()
        if (Date.now() - failingSince > o.reconnectForMs) throw err
        o.onWarning(`connection lost (${(err as Error).message}); reconnecting in ${backoff} ms and resuming from the target's checkpoint`)
        await sleep(backoff, o.signal)
        backoff = Math.min(backoff * 2, 15_000)
        if (o.signal.aborted) return { reason: 'interrupted' }
      } finally {
        st.capture = undefined
        st.oldestPending = undefined
        await capture?.close()
        await target?.close()
        await source?.close()
        source = undefined
      }
    }
  } finally {
    clearInterval(timer)
  }
}

type LoopState = {
  checkpoint: CdcCheckpoint | undefined
  deadLetters: number
  stopAt: string | undefined
  end: ReplayEnd | undefined
  oldestPending: number | undefined
}

async function pump(
  o: ReplayOptions,
  queue: Queue,
  target: ApplySide,
  capture: { acknowledge(position: string): void },
  st: LoopState,
  lag: LagTracker,
  onApplied: () => void,
): Promise<ReplayEnd> {
  const cmp = (a: string, b: string): number => comparePositions(o.engine, a, b)
  let covered = st.checkpoint!.position
  for (;;) {
    if (o.signal.aborted) return { reason: 'interrupted' }
    if (st.end) return st.end
    if (st.stopAt !== undefined && cmp(covered, st.stopAt) >= 0) return { reason: 'stop-requested', stoppedPosition: maxPosition(cmp, st.stopAt, st.checkpoint!.position) }
    await queue.waitForItem(200)
    if (queue.failure) throw queue.failure
    if (queue.ended && queue.items.length === 0) throw Object.assign(new Error('the change stream ended'), { transient: true })
    const batch: SourceTransaction[] = []
    let events = 0
    let schemaChange: Extract<CaptureItem, { kind: 'schema-change' }> | undefined
    let pastStop = false
    let progressTo: string | undefined
    while (queue.items.length > 0 && events < o.batchSize) {
      const item = queue.items[0]!
      if (item.kind === 'schema-change') {
        schemaChange = item
        break
      }
      if (item.kind === 'progress') {
        queue.shift()
        progressTo = item.position
        continue
      }
      if (st.stopAt !== undefined && cmp(item.tx.commitPosition, st.stopAt) > 0) {
        pastStop = true
        break
      }
      queue.shift()
      batch.push(item.tx)
      events += item.tx.events.length
    }
    st.oldestPending = queue.items.find((i): i is Extract<CaptureItem, { kind: 'transaction' }> => i.kind === 'transaction')?.tx.commitTime.getTime()
    if (batch.length > 0) {
      const next = nextCheckpoint(st.checkpoint!, batch)
      const { deadLetters } = await target.applyBatch(netChanges(batch, o.tables), next)
      st.checkpoint = next
      st.deadLetters += deadLetters
      lag.recordBatch(Date.now(), batch.at(-1)!.commitTime.getTime(), events)
      capture.acknowledge(next.position)
      covered = maxPosition(cmp, covered, next.position)
      onApplied()
    }
    // Everything queued before the keepalive is in this batch, now applied: the source has sent nothing else up to there.
    if (progressTo !== undefined) covered = maxPosition(cmp, covered, progressTo)
    if (schemaChange) throw new SchemaChanged(schemaChange.table, schemaChange.detail, schemaChange.position)
    if (pastStop) return { reason: 'stop-requested', stoppedPosition: maxPosition(cmp, st.stopAt!, st.checkpoint!.position) }
  }
}

/** The checkpoint after a batch: the end of its last whole transaction, or a piece of one in progress. */
export function nextCheckpoint(prev: CdcCheckpoint, batch: readonly SourceTransaction[]): CdcCheckpoint {
  let c: CdcCheckpoint = prev
  for (const tx of batch) {
    const events = c.events + tx.events.length
    c = tx.complete
      ? { position: tx.endPosition, commitTime: tx.commitTime, txId: tx.txId, partialEvents: 0, ...(tx.restartPosition ? { restartPosition: tx.restartPosition } : {}), events, transactions: c.transactions + (tx.heartbeat ? 0 : 1) }
      : { ...c, partialTx: tx.commitPosition, partialEvents: tx.eventOffset + tx.events.length, events }
  }
  return c
}

function maxPosition(cmp: (a: string, b: string) => number, a: string, b: string): string {
  return cmp(a, b) >= 0 ? a : b
}

/** A table's columns changed at the source: everything before was applied, nothing after. */
export class SchemaChanged extends Error {
  constructor(
    readonly table: string,
    readonly detail: string,
    readonly position: string,
  ) {
    super(`${table} changed at the source at position ${position}: ${detail}`)
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms)
    signal.addEventListener('abort', () => {
      clearTimeout(t)
      resolve()
    }, { once: true })
  })
}
