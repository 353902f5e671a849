import type { SourceFreeze, SourceFreezeMethod } from '../engines/cutover-source.js'
import type { SequenceSync } from '../engines/postgres/pg-sequence-sync.js'
import type { StepState } from '../engines/postgres/control-schema-cutover.js'

/** The seven steps of the run book, in order (docs/cutover.md). */
export const CUTOVER_STEPS = ['pre-checks', 'freeze', 'drain', 'sequences', 'final validation', 'switch', 'fall-back plan'] as const
export type StepName = (typeof CUTOVER_STEPS)[number]

export function stepNumber(name: StepName): number {
  return CUTOVER_STEPS.indexOf(name) + 1
}

export interface PreCheck {
  readonly id: 'cdc-stream' | 'lag' | 'dead-letters' | 'slot' | 'loaded' | 'validation' | 'target-objects'
  readonly title: string
  readonly ok: boolean
  readonly detail: string
}

/** A --freeze-cmd, --switch-cmd or --unfreeze-cmd as it ran; output redacted and capped. */
export interface CommandOutcome {
  readonly command: string
  readonly exitCode: number | null
  readonly signal?: string
  readonly timedOut: boolean
  readonly seconds: number
  readonly stdout: string
  readonly stderr: string
}

export type FreezeMethod = SourceFreezeMethod | 'command'

/** Step 2 as recorded: godwit's own freeze (the source engine's), or the user's --freeze-cmd. */
export interface FreezeRecord extends Omit<SourceFreeze, 'method'> {
  readonly method: FreezeMethod
  readonly command?: CommandOutcome
  /** The source's position read after the freeze (PostgreSQL LSN, Oracle SCN): CDC drains up to here, the final validation reads at or after it. */
  readonly frozenPosition?: string
}

export interface ValidationSummary {
  readonly runId: string
  readonly status: 'PASS' | 'FAIL' | 'ERROR'
  readonly sourcePosition?: string
  readonly seconds: number
  readonly tables: ReadonlyArray<{ readonly name: string; readonly status: string; readonly sourceRows: number | null; readonly targetRows: number | null; readonly differences: number }>
}

export interface StepReport {
  readonly step: number
  readonly name: string
  readonly state: StepState | 'pending'
  readonly startedAt?: string
  readonly finishedAt?: string
  readonly seconds?: number
  readonly attempts: number
  readonly outcome?: string
}

export interface FallbackPlan {
  /** 'ready': a fall-back stream (slot and publication on the target) was opened at the switch; `godwit cdc --reverse` replays it into the source. */
  readonly reverseReplication: 'ready' | 'not available'
  /** The fall-back stream's slot and publication on the target, and where it starts. */
  readonly stream?: { readonly name: string; readonly position: string }
  readonly summary: string
  readonly commands: readonly string[]
}

export interface CutoverFailure {
  readonly step: string
  readonly code: string
  readonly message: string
  readonly hint?: string
  readonly exitCode: number
}

export interface UndoRecord {
  readonly actions: readonly string[]
  readonly command?: CommandOutcome
  /** False when the source may still be frozen (no --unfreeze-cmd for a --freeze-cmd, or the undo failed). */
  readonly sourceWritable: boolean
}

export interface LagPoint {
  readonly at: string
  readonly lagMs?: number
}

export interface CutoverResult {
  readonly id: number
  readonly state: 'done' | 'failed' | 'dry-run' | 'running'
  /** GO once the switch ran after every gate passed; NO-GO when a gate stopped it; absent for a dry run. */
  readonly decision?: 'GO' | 'NO-GO'
  /** The step this invocation continued at, when it resumed a crashed run. */
  readonly resumedAtStep?: number
  /** A finished cutover run again: nothing was done, its result is reported. */
  readonly alreadyFinished?: boolean
  readonly ranBy: string
  readonly startedAt: string
  readonly finishedAt?: string
  readonly source: string
  readonly target: string
  readonly streamId?: number
  readonly loadRunId?: number
  readonly tables: readonly string[]
  readonly maxLagMs: number
  readonly steps: readonly StepReport[]
  readonly checks: readonly PreCheck[]
  readonly freeze?: FreezeRecord
  readonly drain?: { readonly stoppedPosition?: string; readonly stoppedAt?: string }
  readonly sequences: readonly SequenceSync[]
  readonly validation?: ValidationSummary
  readonly switch?: { readonly command?: CommandOutcome; readonly note: string }
  readonly fallback: FallbackPlan
  readonly slotDropped?: string
  readonly lag: readonly LagPoint[]
  readonly failure?: CutoverFailure
  readonly undo?: UndoRecord
  readonly reports: readonly string[]
}
