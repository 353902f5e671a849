import { GodwitError, TargetError, UsageError } from '../core/errors.js'
import type { CdcCheckpoint } from '../engines/postgres/control-schema-cdc.js'
import type { TargetTableMap } from '../engines/postgres/pg-change-apply.js'
import { engineFor, unreachableEngine, type EngineName } from '../engines/registry.js'
import { stateUrlFor } from '../state/state-location.js'
import type { OracleConnect } from '../engines/oracle/oracle-apply.js'
import type { ApplySide } from './replay-loop.js'

/** The apply side of a stream, chosen by the target URL's engine through the registry. */
export interface ApplyChoice {
  readonly engine: EngineName
  /** The PostgreSQL database holding the control schema (the stream, its status, the load run). */
  readonly stateUrl: string
  /** Events per target transaction when --batch-size is not given: what a commit costs there. */
  readonly defaultBatchSize: number
  /** The target tables still have the loaded columns (and what the apply needs of their keys). */
  check(maps: ReadonlyMap<string, TargetTableMap>, streamId: number): Promise<void>
  /** `start`: the stream's checkpoint in the state store, for a target that keeps its own. */
  open(maps: ReadonlyMap<string, TargetTableMap>, streamId: number, start: CdcCheckpoint): Promise<ApplySide>
}

const tablesChanged = (err: unknown): TargetError =>
  new TargetError('CDC_TARGET_TABLES', `the target tables of this load no longer match it: ${(err as Error).message}`, { cause: err, hint: 'Restore the target tables (or rerun godwit load), then start godwit cdc.' })

/** cdc --reverse: the new database read from; tests pass an Oracle session answering from recordings. */
export interface ReverseApply {
  readonly from: string
  readonly oracleConnect?: OracleConnect
}

const deadLetterUnsupported = (title: string, why: string): UsageError =>
  new UsageError('CDC_DEAD_LETTER_UNSUPPORTED', `--on-error dead-letter is not available on ${title}: ${why}`, {
    hint: 'Run with --on-error stop (the default): a refused batch stops the stream naming its tables and source positions, and nothing of it is applied.',
  })

/**
 * Checks what the target engine allows of the options and returns its apply side. PostgreSQL
 * keeps the checkpoint in the control schema it also holds (one transaction with the changes),
 * so its state is the target itself; Redshift keeps it in godwit.cdc_target_checkpoint beside
 * the tables and the control schema in the `--state` PostgreSQL (docs/state-store.md).
 * `reverseFrom`: cdc --reverse, reading that (new, PostgreSQL) database; an Oracle old source
 * keeps its checkpoint in GODWIT_CDC_CHECKPOINT beside its tables and the stream's state in the
 * new database, where cutover recorded the fall-back run.
 */
export async function applyFor(targetUrl: string, stateUrl: string | undefined, onError: 'stop' | 'dead-letter', reverse?: ReverseApply): Promise<ApplyChoice> {
  const reverseFrom = reverse?.from
  const engine = reverseFrom === undefined ? engineFor(targetUrl, 'cdcTarget', 'CDC_TARGET_UNSUPPORTED') : engineFor(targetUrl, 'cdcReverseTarget', 'CDC_REVERSE_UNSUPPORTED')
  const name: EngineName = engine.name
  switch (name) {
    case 'postgres': {
      if (stateUrl !== undefined && stateUrl !== targetUrl) {
        throw new UsageError('CDC_STATE_NOT_TARGET', 'a PostgreSQL cdc target keeps its stream state itself: the checkpoint is committed in the same transaction as the changes', {
          hint: 'Leave out --state (or pass the target URL) for a PostgreSQL target.',
        })
      }
      const { PG_APPLY_BATCH_EVENTS, PgChangeApplier } = await import('../engines/postgres/pg-change-apply.js')
      return {
        engine: name,
        stateUrl: targetUrl,
        defaultBatchSize: PG_APPLY_BATCH_EVENTS,
        check: async (maps) => {
          const a = await PgChangeApplier.connect(targetUrl, maps).catch((err: unknown) => {
            throw tablesChanged(err)
          })
          try {
            await a.checkKeys() // ON CONFLICT needs a unique index on the key
          } finally {
            await a.close()
          }
        },
        open: async (maps, streamId) => {
          const a = await PgChangeApplier.connect(targetUrl, maps)
          return {
            readCheckpoint: async () => (await a.readCheckpoint(streamId))!,
            applyBatch: async (steps, cp) => ({ deadLetters: (await a.applyBatch(streamId, steps, cp, onError)).length }),
            close: () => a.close(),
          }
        },
      }
    }
    case 'redshift': {
      if (onError === 'dead-letter') throw deadLetterUnsupported(engine.title, "without savepoints a refused change cannot be set aside inside its batch's transaction")
      const state = stateUrlFor(targetUrl, stateUrl)
      const { openRedshiftApplySide, RedshiftChangeApplier, REDSHIFT_APPLY_BATCH_EVENTS } = await import('../engines/redshift/redshift-apply.js')
      return {
        engine: name,
        stateUrl: state,
        defaultBatchSize: REDSHIFT_APPLY_BATCH_EVENTS,
        // Declared keys are not enforced on Redshift and the apply does not rely on them: the
        // check is that every stage table can be made from its target table's columns.
        check: async (maps, streamId) => {
          const a = await RedshiftChangeApplier.connect(targetUrl, maps, streamId).catch((err: unknown) => {
            throw err instanceof GodwitError ? err : tablesChanged(err)
          })
          await a.close()
        },
        open: (maps, streamId, start) => openRedshiftApplySide(targetUrl, maps, streamId, start),
      }
    }
    case 'oracle': {
      if (reverseFrom === undefined) return unreachableEngine(engine)
      if (onError === 'dead-letter') throw deadLetterUnsupported(engine.title, 'changes going back to the old source are all or nothing per batch, so that going back loses nothing')
      const { checkOracleApplyTarget, openOracleApplySide, ORACLE_APPLY_BATCH_EVENTS } = await import('../engines/oracle/oracle-apply.js')
      return {
        engine: name,
        stateUrl: reverseFrom,
        defaultBatchSize: ORACLE_APPLY_BATCH_EVENTS,
        check: (maps, streamId) => checkOracleApplyTarget(targetUrl, maps, streamId, reverse?.oracleConnect),
        open: (maps, streamId, start) => openOracleApplySide(targetUrl, maps, streamId, start, reverse?.oracleConnect),
      }
    }
    case 'teradata':
      return unreachableEngine(engine)
  }
}
