import type { StateMigration } from '../state-migration.js'

/** Version 3: a cdc stream may read a Teradata source (watermark or change-table capture). */
export const CDC_TERADATA_SOURCE: StateMigration = {
  version: 3,
  name: 'cdc-teradata-source',
  sql: `ALTER TABLE godwit.cdc_streams DROP CONSTRAINT IF EXISTS cdc_streams_source_engine_check;
ALTER TABLE godwit.cdc_streams ADD CONSTRAINT cdc_streams_source_engine_check CHECK (source_engine IN ('postgres', 'oracle', 'teradata'))`,
}
