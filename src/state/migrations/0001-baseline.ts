import type { StateMigration } from '../state-migration.js'

/**
 * Version 1: the control schema as godwit 0.1.0 created it (commit 30160f9), table by table with
 * `CREATE … IF NOT EXISTS`, and kept exactly so. Every statement is idempotent, so running it on
 * a database an older godwit set up adopts what exists and adds only what is missing (a target
 * that only ever saw `godwit load` has no cdc tables yet). Never edit this text: a change to the
 * schema is a new migration after it.
 */
export const BASELINE: StateMigration = {
  version: 1,
  name: 'baseline',
  sql: `
-- load
CREATE TABLE IF NOT EXISTS godwit.load_runs (
  id          bigserial PRIMARY KEY,
  run_key     text NOT NULL,
  source      text NOT NULL,
  selection   text[] NOT NULL,
  position    jsonb NOT NULL,
  options     jsonb NOT NULL,
  state       text NOT NULL DEFAULT 'running',
  created_at  timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE UNIQUE INDEX IF NOT EXISTS load_runs_one_running ON godwit.load_runs (run_key) WHERE state = 'running';
-- 'abandoned' came after the first release: a schema made then gains it here, once (an ALTER
-- on every start would queue behind other processes' open transactions on the table).
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'godwit.load_runs'::regclass AND conname = 'load_runs_state_check'
                   AND pg_get_constraintdef(oid) LIKE '%abandoned%') THEN
    ALTER TABLE godwit.load_runs DROP CONSTRAINT IF EXISTS load_runs_state_check;
    ALTER TABLE godwit.load_runs ADD CONSTRAINT load_runs_state_check CHECK (state IN ('running', 'done', 'abandoned'));
  END IF;
END $$;
CREATE TABLE IF NOT EXISTS godwit.load_tables (
  run_id        bigint NOT NULL REFERENCES godwit.load_runs (id) ON DELETE CASCADE,
  schema_name   text NOT NULL,
  table_name    text NOT NULL,
  target_schema text NOT NULL,
  target_table  text NOT NULL,
  columns       jsonb NOT NULL,
  key_columns   text[],
  chunking      text NOT NULL CHECK (chunking IN ('key-range', 'whole-small', 'whole-no-key', 'address-range')),
  transfer      text NOT NULL CHECK (transfer IN ('passthrough-binary', 'passthrough-text', 'transcode')),
  PRIMARY KEY (run_id, schema_name, table_name)
);
CREATE TABLE IF NOT EXISTS godwit.load_chunks (
  id             bigserial PRIMARY KEY,
  run_id         bigint NOT NULL,
  schema_name    text NOT NULL,
  table_name     text NOT NULL,
  seq            int NOT NULL,
  lower_bound    text[],
  upper_bound    text[],
  estimated_rows bigint NOT NULL,
  state          text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'running', 'done', 'failed')),
  claimed_by     text,
  heartbeat_at   timestamptz,
  attempts       int NOT NULL DEFAULT 0,
  rows           bigint,
  bytes          bigint,
  rejected       bigint NOT NULL DEFAULT 0,
  -- The rejected rows themselves, committed with the chunk: the rejects CSV is written from the
  -- same rows afterwards, and a crash between the two loses nothing.
  rejects        jsonb,
  started_at     timestamptz,
  finished_at    timestamptz,
  seconds        double precision,
  read_at        jsonb,
  error          text,
  UNIQUE (run_id, schema_name, table_name, seq),
  FOREIGN KEY (run_id, schema_name, table_name) REFERENCES godwit.load_tables ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS load_chunks_by_state ON godwit.load_chunks (run_id, state);
CREATE TABLE IF NOT EXISTS godwit.load_deferred (
  id          bigserial PRIMARY KEY,
  run_id      bigint NOT NULL REFERENCES godwit.load_runs (id) ON DELETE CASCADE,
  kind        text NOT NULL CHECK (kind IN ('index', 'foreign-key')),
  schema_name text NOT NULL,
  table_name  text NOT NULL,
  name        text NOT NULL,
  definition  text NOT NULL,
  restored_at timestamptz
);
-- cdc
CREATE TABLE IF NOT EXISTS godwit.cdc_streams (
  id                      bigserial PRIMARY KEY,
  load_run_id             bigint NOT NULL UNIQUE,
  source                  text NOT NULL,
  source_engine           text NOT NULL CHECK (source_engine IN ('postgres', 'oracle')),
  slot                    text,
  publication             text,
  tables                  text[] NOT NULL,
  state                   text NOT NULL DEFAULT 'stopped' CHECK (state IN ('running', 'stopping', 'stopped', 'failed')),
  start_position          text NOT NULL,
  applied_position        text,
  applied_commit_time     timestamptz,
  source_position         text,
  source_position_at      timestamptz,
  lag_ms                  bigint,
  bytes_behind            bigint,
  retained_wal_bytes      bigint,
  events_applied          bigint NOT NULL DEFAULT 0,
  transactions_applied    bigint NOT NULL DEFAULT 0,
  heartbeat_at            timestamptz,
  host                    text,
  pid                     int,
  stop_requested_position text,
  stop_requested_at       timestamptz,
  stopped_position        text,
  stopped_at              timestamptz,
  error                   text,
  error_code              text,
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS godwit.cdc_checkpoint (
  stream_id        bigint PRIMARY KEY REFERENCES godwit.cdc_streams (id) ON DELETE CASCADE,
  position         text NOT NULL,
  commit_time      timestamptz,
  tx_id            text,
  partial_tx       text,
  partial_events   bigint NOT NULL DEFAULT 0,
  events           bigint NOT NULL DEFAULT 0,
  transactions     bigint NOT NULL DEFAULT 0,
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS godwit.cdc_lag_samples (
  stream_id          bigint NOT NULL REFERENCES godwit.cdc_streams (id) ON DELETE CASCADE,
  at                 timestamptz NOT NULL DEFAULT now(),
  lag_ms             bigint,
  events_per_sec     double precision NOT NULL,
  bytes_behind       bigint,
  retained_wal_bytes bigint,
  applied_position   text
);
CREATE INDEX IF NOT EXISTS cdc_lag_samples_by_time ON godwit.cdc_lag_samples (stream_id, at);
CREATE TABLE IF NOT EXISTS godwit.cdc_dead_letters (
  id          bigserial PRIMARY KEY,
  stream_id   bigint NOT NULL REFERENCES godwit.cdc_streams (id) ON DELETE CASCADE,
  at          timestamptz NOT NULL DEFAULT now(),
  table_name  text NOT NULL,
  op          text NOT NULL,
  key         jsonb,
  row_data    jsonb,
  position    text NOT NULL,
  tx_id       text,
  error_code  text,
  error       text NOT NULL
);
CREATE INDEX IF NOT EXISTS cdc_dead_letters_by_stream ON godwit.cdc_dead_letters (stream_id);
-- cutover
CREATE TABLE IF NOT EXISTS godwit.cutover_runs (
  id               bigserial PRIMARY KEY,
  source           text NOT NULL,
  tables           text[] NOT NULL,
  stream_id        bigint,
  load_run_id      bigint,
  state            text NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'done', 'failed', 'dry-run')),
  decision         text CHECK (decision IN ('GO', 'NO-GO')),
  options          jsonb NOT NULL,
  ran_by           text NOT NULL,
  started_at       timestamptz NOT NULL DEFAULT now(),
  finished_at      timestamptz,
  failure          jsonb,
  result           jsonb
);
CREATE TABLE IF NOT EXISTS godwit.cutover_steps (
  cutover_id   bigint NOT NULL REFERENCES godwit.cutover_runs (id) ON DELETE CASCADE,
  step         int NOT NULL CHECK (step BETWEEN 1 AND 7),
  name         text NOT NULL,
  state        text NOT NULL CHECK (state IN ('running', 'done', 'failed', 'skipped')),
  started_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz,
  attempts     int NOT NULL DEFAULT 1,
  outcome      text,
  details      jsonb,
  PRIMARY KEY (cutover_id, step)
);
-- validate
CREATE TABLE IF NOT EXISTS godwit.validation_runs (
  run_id          uuid PRIMARY KEY,
  started_at      timestamptz NOT NULL,
  finished_at     timestamptz NOT NULL,
  mode            text NOT NULL,
  status          text NOT NULL CHECK (status IN ('PASS', 'FAIL', 'ERROR')),
  source_url      text NOT NULL,
  source_position text,
  target_position text,
  tables_total    int NOT NULL,
  tables_failed   int NOT NULL
);
CREATE TABLE IF NOT EXISTS godwit.validation_tables (
  run_id            uuid NOT NULL REFERENCES godwit.validation_runs ON DELETE CASCADE,
  table_name        text NOT NULL,
  target_table      text NOT NULL,
  status            text NOT NULL CHECK (status IN ('PASS', 'FAIL', 'ERROR')),
  comparison        text NOT NULL,
  source_rows       bigint,
  target_rows       bigint,
  differences       bigint NOT NULL,
  sample_keys       jsonb NOT NULL,
  error             text,
  seconds           double precision NOT NULL,
  PRIMARY KEY (run_id, table_name)
);
CREATE INDEX IF NOT EXISTS validation_tables_by_table ON godwit.validation_tables (table_name);
`,
}
