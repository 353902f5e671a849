import type { CdcCheckpoint } from '../postgres/control-schema-cdc.js'
import type { CaptureSide } from '../../cdc/replay-loop.js'
import type { CaptureItem, ChangeEvent } from '../../model/change-event.js'
import { teradataClockMicros, teradataClockText } from '../../model/change-position.js'
import { canonicalText } from '../../values/canonical-text.js'
import { TeradataSessionPool } from './teradata-connection-pool.js'
import { parseTeradataUrl } from './teradata-connection.js'
import type { TeradataDriver } from './teradata-driver.js'
import { teradataRawValue } from './teradata-extract-decode.js'
import { formatCapturePosition, parseCapturePosition } from './teradata-capture-position.js'
import {
  claimChangesStatement, claimedRowsQuery, purgeChangesStatement, watermarkQuery, type CaptureTable, type WatermarkOptions,
} from './teradata-capture-sql.js'
import { SOURCE_TIME_SQL, type TeradataStatement } from './teradata-extract-sql.js'

/** A table and how its changes are captured (chosen per table by flag or project file). */
export type TeradataCaptureTable = CaptureTable & ({ readonly mode: 'watermark'; readonly watermark: WatermarkOptions } | { readonly mode: 'change-table' })

export interface TeradataCaptureOptions {
  readonly tables: readonly TeradataCaptureTable[]
  readonly pollMs: number
  /** Watermark tables without a value in the position start here: the load's start (SourcePosition.sourceTime). */
  readonly startFrom: string
}

/** Where capture starts after a load: poll 0, every watermark at the load's start. */
export function teradataStartPosition(tables: readonly TeradataCaptureTable[], sourceTime: string): string {
  return formatCapturePosition({ poll: 0n, watermarks: new Map(tables.filter((t) => t.mode === 'watermark').map((t) => [qualified(t), sourceTime])) })
}

const CLOCK_STEP_SECONDS = 1

/**
 * How far behind its clock reading a poll has surely captured every committed change, in
 * seconds: a watermark table leaves rows younger than its settle time for the next poll and
 * re-reads its lookback (writers' clock skew); and one more second for the clock itself, which
 * advances in steps (centiseconds, on some systems coarser) and is read on whichever node the
 * session runs on, so a change committed just before another session's reading may carry it.
 */
export function captureMarginSeconds(tables: readonly TeradataCaptureTable[]): number {
  const watermark = tables.map((t) => (t.mode === 'watermark' ? Math.max(0, Math.trunc(t.watermark.settleSeconds)) + Math.max(0, Math.trunc(t.watermark.lookbackSeconds)) : 0))
  return Math.max(0, ...watermark) + CLOCK_STEP_SECONDS
}

function qualified(t: Pick<CaptureTable, 'schema' | 'name'>): string {
  return `${t.schema}.${t.name}`
}

/** A watermark text (`YYYY-MM-DD[ HH:MI:SS.ffffff]`, UTC or the column's wall time) as milliseconds, for the lookback arithmetic. */
function markMillis(mark: string): number {
  return Date.parse(`${mark.trim().replace(' ', 'T')}${mark.includes(' ') ? 'Z' : 'T00:00:00Z'}`)
}

/** A row's values as change events carry them: canonical text by SOURCE column name. */
function values(t: CaptureTable, raw: readonly unknown[], offset: number, names: readonly string[] = t.columns.map((c) => c.name)): Record<string, string | null> {
  const out: Record<string, string | null> = {}
  names.forEach((name, i) => {
    const type = t.columns.find((c) => c.name === name)!.type
    out[name] = canonicalText(teradataRawValue(raw[offset + i], type), type)
  })
  return out
}

/**
 * Teradata change capture for the replay loop (src/cdc/replay-loop.ts). Each poll is one
 * source "transaction": the rows every watermark table changed since its watermark and the
 * keys every change table recorded, as upserts of the current row or deletes, stamped with the
 * source clock (lag is measured against it). The position after a poll holds the poll number
 * and the new watermarks, and `to:` the source clock at the poll minus `captureMarginSeconds`:
 * every change committed before it has been read, which is what a cutover's frozen clock is
 * compared with (docs/cutover.md). Its commit position carries the previous poll's `to:`
 * instead — its changes were committed at or after that — so the replay loop, which applies
 * transactions whose commit position is not past the stop position and stops once the applied
 * end position reaches it, applies exactly the polls up to the first one covering the frozen clock. The target stores it with the applied rows, so a restart
 * resumes there. A poll re-read after a crash applies again harmlessly: events are whole current rows.
 * Limits (docs/teradata-data.md): watermarks see no hard deletes and trust the writers' clocks;
 * change tables need triggers, which FastLoad, MultiLoad and TPT LOAD/UPDATE refuse.
 */
export class TeradataCapture implements CaptureSide {
  readonly #pool: TeradataSessionPool
  #position = ''

  constructor(
    url: string,
    private readonly o: TeradataCaptureOptions,
    driver?: TeradataDriver,
  ) {
    // Capture keeps the session's own time zone: a TIMESTAMP watermark written in local time compares with CURRENT_TIMESTAMP in that zone.
    this.#pool = new TeradataSessionPool(parseTeradataUrl(url), 1, [], driver)
  }

  async open(resume: CdcCheckpoint): Promise<{ items: AsyncIterable<CaptureItem>; acknowledge(position: string): void; requestProgress(): void; close(): Promise<void> }> {
    const state = { acked: parseCapturePosition(resume.position).poll, closed: false, wake: undefined as (() => void) | undefined }
    this.#position = resume.position
    const items = this.#polls(resume.position, state)
    return {
      items,
      acknowledge: (position) => {
        const poll = parseCapturePosition(position).poll
        if (poll > state.acked) state.acked = poll
      },
      // Every poll already ends in a transaction (a heartbeat when nothing changed).
      requestProgress: () => undefined,
      close: async () => {
        state.closed = true
        state.wake?.()
      },
    }
  }

  async *#polls(start: string, state: { acked: bigint; closed: boolean; wake: (() => void) | undefined }): AsyncGenerator<CaptureItem> {
    const begun = parseCapturePosition(start)
    const watermarks = new Map(begun.watermarks)
    /** Per watermark table: key → watermark of the row last sent, for rows at or past the current watermark. */
    const sent = new Map<string, Map<string, string>>()
    let poll = begun.poll
    /** The clock the previous poll covered up to: this poll's changes were committed at or after it. */
    let after = begun.to
    let purged = begun.poll
    let first = true
    while (!state.closed) {
      if (state.acked > purged) {
        const upTo = state.acked
        for (const t of this.o.tables) if (t.mode === 'change-table') await this.#run(purgeChangesStatement(t, upTo))
        purged = upTo
      }
      poll++
      const clock = await this.#clock()
      const commitTime = new Date(`${clock.replace(' ', 'T')}Z`)
      const to = teradataClockText(teradataClockMicros(clock) - BigInt(captureMarginSeconds(this.o.tables)) * 1_000_000n)
      const events: ChangeEvent[] = []
      for (const t of this.o.tables) {
        if (t.mode === 'watermark') events.push(...(await this.#watermarkPoll(t, watermarks, sent)))
        // The first poll after a restart also takes back rows claimed by polls that were never applied.
        else events.push(...(await this.#changeTablePoll(t, poll, first ? begun.poll : undefined)))
      }
      first = false
      const position = formatCapturePosition({ poll, to, watermarks })
      // The commit position is where the poll's changes begin, so a drain to a frozen clock applies the poll that reaches past it.
      const commitPosition = formatCapturePosition({ poll, ...(after !== undefined ? { to: after } : {}), watermarks: new Map() })
      after = to
      this.#position = position
      yield { kind: 'transaction', tx: { txId: `poll-${poll}`, commitPosition, endPosition: position, commitTime, events, eventOffset: 0, complete: true, heartbeat: events.length === 0 } }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.o.pollMs)
        state.wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
    }
  }

  async #watermarkPoll(t: Extract<TeradataCaptureTable, { mode: 'watermark' }>, watermarks: Map<string, string>, sent: Map<string, Map<string, string>>): Promise<ChangeEvent[]> {
    const name = qualified(t)
    const from = watermarks.get(name) ?? this.o.startFrom
    const rows = await this.#rows(watermarkQuery(t, t.watermark, from))
    let seen = sent.get(name)
    if (!seen) sent.set(name, (seen = new Map()))
    const n = t.columns.length
    const events: ChangeEvent[] = []
    let high = from
    for (const raw of rows) {
      const mark = String(raw[n])
      const row = values(t, raw, 0)
      const key = JSON.stringify(t.key.map((k) => row[k]))
      // `>=` re-reads the rows at the watermark itself: the ones already sent unchanged are dropped here.
      if (seen.get(key) === mark) continue
      seen.set(key, mark)
      if (mark > high) high = mark
      if (Number(raw[n + 1]) === 1) events.push({ kind: 'delete', table: name, before: { values: Object.fromEntries(t.key.map((k) => [k, row[k]!])), unchanged: [] } })
      else events.push({ kind: 'update', table: name, after: { values: row, unchanged: [] } })
    }
    watermarks.set(name, high)
    // Only rows the next poll reads again (from the watermark minus the lookback) need remembering.
    const oldest = markMillis(high) - Math.max(0, t.watermark.lookbackSeconds) * 1000
    for (const [k, mark] of seen) if (markMillis(mark) < oldest) seen.delete(k)
    return events
  }

  async #changeTablePoll(t: CaptureTable, poll: bigint, reclaimAfter: bigint | undefined): Promise<ChangeEvent[]> {
    await this.#run(claimChangesStatement(t, poll, reclaimAfter))
    const rows = await this.#rows(claimedRowsQuery(t, poll))
    const name = qualified(t)
    const k = t.key.length
    const n = t.columns.length
    return rows.map((raw): ChangeEvent => {
      if (Number(raw[k + n]) === 1) return { kind: 'update', table: name, after: { values: values(t, raw, k), unchanged: [] } }
      return { kind: 'delete', table: name, before: { values: values(t, raw, 0, t.key), unchanged: [] } }
    })
  }

  /** The source clock in UTC, as Teradata prints it (`2026-12-06 10:00:00.123456`). */
  async #clock(): Promise<string> {
    return String((await this.#rows({ sql: SOURCE_TIME_SQL, params: [] }))[0]?.[0] ?? '').trim()
  }

  #rows(q: TeradataStatement): Promise<unknown[][]> {
    return this.#pool.with((s) => s.query(q.sql, q.params))
  }

  async #run(q: TeradataStatement): Promise<void> {
    await this.#rows(q)
  }

  /** Nothing to write: every poll already carries a lag sample. */
  async heartbeat(): Promise<void> {}

  /** The last poll's position: capture has no backlog figure in bytes. */
  async status(): Promise<{ position: string }> {
    return { position: this.#position }
  }

  /** Positions are clock readings, not bytes. */
  distance(): number {
    return 0
  }

  close(): Promise<void> {
    return this.#pool.close()
  }
}
