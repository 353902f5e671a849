import { UsageError } from '../core/errors.js'
import { redactUrl } from '../config/redact.js'
import { engineFor, unreachableEngine } from '../engines/registry.js'
import { stateUrlFor } from '../state/state-location.js'
import type { LoadTarget } from './load-target.js'
import type { LoadStagingOptions } from './staging-options.js'

export type { LoadStagingOptions } from './staging-options.js'

/** A target and where the run's state lives: the target itself for PostgreSQL, `--state` for the others. */
export interface OpenedTarget {
  readonly target: LoadTarget
  readonly stateUrl: string
}

/**
 * The load target for a URL. Engines load lazily, as the sources do. A Redshift target needs a
 * PostgreSQL state database (`--state`): Redshift has no `FOR UPDATE SKIP LOCKED`, and its
 * serializable single-row writes are slow, so chunk claims and leases live elsewhere.
 */
export async function openLoadTarget(targetUrl: string, stateUrl: string | undefined, staging: LoadStagingOptions): Promise<OpenedTarget> {
  const engine = engineFor(targetUrl, 'loadTarget', 'LOAD_TARGET_UNSUPPORTED')
  switch (engine.name) {
    case 'postgres': {
      if (staging.stage || staging.stageOnly) {
        throw new UsageError('LOAD_STAGE_UNSUPPORTED', `--stage and --stage-only are for Redshift targets; ${redactUrl(targetUrl)} is loaded with COPY directly`, {
          hint: 'Leave out --stage and --stage-only for a PostgreSQL target.',
        })
      }
      // A chunk's rows commit in the same transaction as its done mark, so the run's state lives in the target.
      if (stateUrl !== undefined && stateUrl !== targetUrl) {
        throw new UsageError('LOAD_STATE_NOT_TARGET', 'a PostgreSQL load target keeps its run state itself: each chunk commits with its done mark in one transaction', {
          hint: 'Leave out --state (or pass the target URL) for a PostgreSQL target.',
        })
      }
      const { PgLoadTarget } = await import('../engines/postgres/pg-load-target.js')
      return { target: new PgLoadTarget(), stateUrl: targetUrl }
    }
    case 'redshift': {
      const state = stateUrlFor(targetUrl, stateUrl)
      const { openRedshiftLoadTarget } = await import('../engines/redshift/redshift-load-target.js')
      return { target: await openRedshiftLoadTarget(targetUrl, staging), stateUrl: state }
    }
    case 'oracle':
    case 'teradata':
      return unreachableEngine(engine)
  }
}
