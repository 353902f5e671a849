import type { LoadTablePlan, TableProgress } from '../engines/postgres/control-schema-load.js'
import type { LoadPlan, PlannedTable } from './load-events.js'
import type { SourcePosition } from './load-source.js'
import type { RejectsFile } from './rejects-file.js'

export interface TableLoadResult {
  /** `schema.table` on the source. */
  readonly name: string
  /** `ok`, `ok, 12 rejected`, `failed`, or `not finished` (chunks left, e.g. after Ctrl-C). */
  readonly status: string
  readonly rows: number
  readonly rejected: number
  /** Time chunks of the table were being loaded (overlapping chunks counted once). */
  readonly seconds: number
  readonly bytes: number
  /** Only for a table whose chunks all loaded: a rate of a failed or unfinished table says nothing true. */
  readonly rowsPerSecond?: number
  readonly megabytesPerSecond?: number
  readonly chunks: number
  readonly chunksDone: number
  readonly chunking: LoadTablePlan['chunking']
  readonly transfer: LoadTablePlan['transfer']
  /** Source columns left out: generated, computed by the target. */
  readonly generated: readonly string[]
  readonly error?: string
  readonly rejectsFile?: string
}

/** Chunks read at one source position: several when a resumed run's own snapshot had ended. */
export interface ReadPosition {
  readonly position: SourcePosition
  readonly chunks: number
}

/** What the run left on the source for CDC and what it costs there now. */
export interface RetainedOnSource {
  readonly slot: string
  readonly publication?: string
  /** WAL the slot keeps from being recycled, now; grows while the source changes and nothing consumes the slot. */
  readonly walBytes?: number
}

export interface LoadTotals {
  readonly tables: number
  readonly rows: number
  readonly rejected: number
  readonly bytes: number
  /** Wall-clock time of this command. */
  readonly seconds: number
  /** Rows this command loaded per second of its wall-clock time (a resumed run's earlier rows not counted). */
  readonly rowsPerSecond: number
}

export interface LoadResult {
  /** Absent only for `--dry-run` of a new run. */
  readonly runId?: number
  /** True when this call joined or resumed a run that already existed. */
  readonly resumed: boolean
  /** Every chunk of the run is done (and deferred indexes are rebuilt). */
  readonly complete: boolean
  /** The run had finished before this command: nothing was done. */
  readonly alreadyDone: boolean
  /** `--dry-run`: the plan only; nothing was created or changed on either side. */
  readonly dryRun: boolean
  /** Ctrl-C stopped it: chunks in flight finished or rolled back, the rest resume with the same command. */
  readonly interrupted: boolean
  readonly plan?: LoadPlan
  readonly tables: readonly TableLoadResult[]
  /** Where the run read the source; the CDC phase starts here (`--dry-run` of a new run: the engine only). */
  readonly position: SourcePosition
  /** Where the done chunks were read, position by position. */
  readonly readPositions: readonly ReadPosition[]
  readonly retained?: RetainedOnSource
  readonly totals: LoadTotals
  readonly warnings: readonly string[]
}

export function plannedTable(p: LoadTablePlan, progress: readonly TableProgress[]): PlannedTable {
  const t = progress.find((x) => x.schema === p.schema && x.name === p.name)
  return {
    name: `${p.schema}.${p.name}`,
    target: `${p.targetSchema}.${p.targetName}`,
    chunks: t?.chunks ?? 0,
    chunksDone: t?.done ?? 0,
    rowsDone: t?.rows ?? 0,
    estimatedRows: t?.estimatedRows ?? 0,
    chunking: p.chunking,
    transfer: p.transfer,
    generated: [],
    emptied: 0,
  }
}

export function tableResult(p: LoadTablePlan, progress: readonly TableProgress[], rejectFiles: ReadonlyMap<string, RejectsFile>, generated: readonly string[]): TableLoadResult {
  const name = `${p.schema}.${p.name}`
  const t = progress.find((x) => x.schema === p.schema && x.name === p.name)
  const file = rejectFiles.get(name)
  const chunks = t?.chunks ?? 0
  const chunksDone = t?.done ?? 0
  const rejected = t?.rejected ?? 0
  const seconds = t?.seconds ?? 0
  const loaded = chunks > 0 && chunksDone === chunks
  const failed = (t?.failed ?? 0) > 0 || (t?.errors.length ?? 0) > 0
  const status = failed ? 'failed' : !loaded ? 'not finished' : rejected > 0 ? `ok, ${rejected.toLocaleString('en-US')} rejected` : 'ok'
  return {
    name,
    status,
    rows: t?.rows ?? 0,
    rejected,
    seconds: Math.round(seconds * 1000) / 1000,
    bytes: t?.bytes ?? 0,
    ...(loaded && seconds > 0 ? { rowsPerSecond: Math.round((t?.rows ?? 0) / seconds), megabytesPerSecond: Math.round(((t?.bytes ?? 0) / 1e6 / seconds) * 10) / 10 } : {}),
    chunks,
    chunksDone,
    chunking: p.chunking,
    transfer: p.transfer,
    generated,
    ...(t && t.errors.length > 0 ? { error: t.errors[0] } : {}),
    ...(file && file.count > 0 ? { rejectsFile: file.path } : {}),
  }
}
