import { UsageError } from '../core/errors.js'
import { redactUrl } from '../config/redact.js'
import { engineFor, unreachableEngine } from '../engines/registry.js'
import type { LoadTarget } from './load-target.js'

/** How a staging target (Redshift) is loaded: where its files go and how COPY reads them. */
export interface StagingOptions {
  /** `s3://bucket/prefix` or `file:///dir`. */
  readonly stage?: string
  readonly iamRole?: string
  /** Parts per chunk; read from the cluster when absent. */
  readonly slices?: number
  /** Write parts, manifests and copy.sql; never connect to the target. */
  readonly stageOnly?: boolean
  /** The S3 endpoint (an S3-compatible server); AWS's own otherwise. */
  readonly s3Endpoint?: string
}

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
export async function openLoadTarget(targetUrl: string, stateUrl: string | undefined, staging: StagingOptions): Promise<OpenedTarget> {
  const engine = engineFor(targetUrl, 'loadTarget', 'LOAD_TARGET_UNSUPPORTED')
  switch (engine.name) {
    case 'postgres': {
      if (staging.stage || staging.stageOnly) {
        throw new UsageError('LOAD_STAGE_UNSUPPORTED', `--stage and --stage-only are for Redshift targets; ${redactUrl(targetUrl)} is loaded with COPY directly`, {
          hint: 'Leave out --stage and --stage-only for a PostgreSQL target.',
        })
      }
      const { PgLoadTarget } = await import('../engines/postgres/pg-load-target.js')
      return { target: new PgLoadTarget(), stateUrl: stateUrl ?? targetUrl }
    }
    case 'oracle':
    case 'teradata':
    case 'redshift':
      return unreachableEngine(engine)
  }
}
