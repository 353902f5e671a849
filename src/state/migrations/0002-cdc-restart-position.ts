import type { StateMigration } from '../state-migration.js'

/**
 * Version 2: where a cdc restart re-reads the source from when that is before the checkpoint
 * (Oracle: the oldest transaction still open at it). `IF NOT EXISTS` because development builds
 * between 0.1.0 and this migration added the column on every cdc start, outside the history.
 */
export const CDC_RESTART_POSITION: StateMigration = {
  version: 2,
  name: 'cdc-restart-position',
  sql: `ALTER TABLE godwit.cdc_checkpoint ADD COLUMN IF NOT EXISTS restart_position text`,
}
