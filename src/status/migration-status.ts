import type { LagStats } from '../cutover/lag-stats.js'
import type { SlotHealth } from '../engines/postgres/pg-freeze.js'

/** One screen of the whole migration, read from the target's control schema (`godwit status`). */
export interface MigrationStatus {
  readonly at: string
  readonly target: string
  readonly load?: { readonly runId: number; readonly state: 'running' | 'done'; readonly startedAt: string; readonly finishedAt?: string }
  readonly tables: readonly TableStatus[]
  readonly cdc?: CdcStatus
  readonly deadLetters: number
  readonly cutover?: CutoverStatus
  readonly source?: { readonly position?: string; readonly slot?: SlotHealth; readonly error?: string }
  /** Why the exit code is 1: each thing that needs someone's attention, in words. Empty = 0. */
  readonly attention: readonly string[]
  readonly exitCode: 0 | 1
}

export interface TableStatus {
  readonly name: string
  readonly target: string
  readonly loaded: boolean
  readonly chunks: number
  readonly chunksDone: number
  readonly rows: number
  readonly validation?: { readonly status: 'PASS' | 'FAIL' | 'ERROR'; readonly finishedAt: string; readonly ageSeconds: number }
}

export interface CdcStatus {
  readonly streamId: number
  readonly state: string
  readonly alive: boolean
  readonly lagMs?: number
  /** Over the last five minutes of samples. */
  readonly lag: LagStats
  readonly bytesBehind?: number
  readonly retainedWalBytes?: number
  readonly appliedPosition?: string
  readonly eventsApplied: number
  readonly heartbeatAt?: string
  readonly stopRequestedPosition?: string
  readonly error?: string
}

export interface CutoverStatus {
  readonly id: number
  readonly state: string
  readonly decision?: string
  /** The last step started, e.g. `3 drain (running)`. */
  readonly step?: string
  /** A running cutover whose process is gone (rerun godwit cutover to continue). */
  readonly interrupted: boolean
  readonly startedAt: string
  readonly ranBy: string
  readonly failure?: string
}
