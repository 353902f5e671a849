import { BASELINE } from './migrations/0001-baseline.js'
import { CDC_RESTART_POSITION } from './migrations/0002-cdc-restart-position.js'
import { CDC_TERADATA_SOURCE } from './migrations/0003-cdc-teradata-source.js'

/**
 * One step of the `godwit` control schema's history. A released migration is never edited: a
 * change is a new migration with the next version, so a database a run started on with one
 * release is brought forward, in place and with its rows, by the next.
 */
export interface StateMigration {
  readonly version: number
  /** Short and stable: stored beside the version, shown when a database is newer than the binary. */
  readonly name: string
  /** PostgreSQL SQL, run in one transaction with the version row that records it. */
  readonly sql: string
}

/** Every migration this release knows, oldest first, versions 1, 2, 3 … without gaps. */
export const STATE_MIGRATIONS: readonly StateMigration[] = [BASELINE, CDC_RESTART_POSITION, CDC_TERADATA_SOURCE]

export const LATEST_STATE_VERSION = STATE_MIGRATIONS[STATE_MIGRATIONS.length - 1]!.version
