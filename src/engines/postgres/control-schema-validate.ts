import pg from 'pg'
import { TargetError } from '../../core/errors.js'
import { redactUrl } from '../../config/redact.js'
import { migrateStateSchema } from '../../state/migrate-state.js'
import type { ValidationResult } from '../../validate/validation-result.js'

/**
 * Validation runs in the target's `godwit` control schema: one row per run and one per table, so
 * the cutover gate can ask "did the last validation of every table pass, and at which source
 * position?" without reading report files. Differences themselves stay in the reports (they can
 * hold data values); the table row keeps their count and the first few keys. The tables are
 * defined by the versioned control schema (src/state/migrations).
 */
const SAMPLE_KEYS = 10

export async function recordValidationRun(targetUrl: string, r: ValidationResult): Promise<void> {
  const client = new pg.Client({ connectionString: targetUrl })
  client.on('error', () => undefined)
  try {
    await client.connect()
    await migrateStateSchema(client)
    await client.query('BEGIN')
    await client.query(
      `INSERT INTO godwit.validation_runs (run_id, started_at, finished_at, mode, status, source_url, source_position, target_position, tables_total, tables_failed)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [r.runId, r.startedAt, r.finishedAt, r.mode, r.status, r.source.url, r.source.position ?? null, r.target.position ?? null, r.tables.length, r.tables.filter((t) => t.status !== 'PASS').length],
    )
    for (const t of r.tables) {
      await client.query(
        `INSERT INTO godwit.validation_tables (run_id, table_name, target_table, status, comparison, source_rows, target_rows, differences, sample_keys, error, seconds)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [r.runId, t.name, t.targetName, t.status, t.comparison, t.sourceRows, t.targetRows, t.differenceCount, JSON.stringify(t.differences.slice(0, SAMPLE_KEYS).map((d) => ({ kind: d.kind, key: d.key }))), t.error?.message ?? null, t.seconds],
      )
    }
    await client.query('COMMIT')
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw new TargetError('VALIDATE_RECORD_FAILED', `could not store the validation run in godwit.validation_runs on ${redactUrl(targetUrl)}: ${redactUrl(e instanceof Error ? e.message : String(e))}`, {
      object: 'godwit.validation_runs',
      hint: 'The target user needs CREATE on the database (for schema godwit) or write access to it; or pass --no-record.',
      cause: e,
    })
  } finally {
    await client.end().catch(() => undefined)
  }
}

export interface LatestTableValidation {
  readonly table: string
  readonly status: 'PASS' | 'FAIL' | 'ERROR'
  readonly runId: string
  readonly finishedAt: string
  readonly sourcePosition: string | null
}

/** The last recorded validation of each table: what a cutover gate checks. */
export async function latestTableValidations(client: pg.ClientBase): Promise<LatestTableValidation[]> {
  const { rows } = await client.query<LatestTableValidation>(
    `SELECT DISTINCT ON (t.table_name) t.table_name AS "table", t.status, r.run_id::text AS "runId", r.finished_at::text AS "finishedAt", r.source_position AS "sourcePosition"
       FROM godwit.validation_tables t JOIN godwit.validation_runs r USING (run_id)
      ORDER BY t.table_name, r.finished_at DESC`,
  )
  return rows
}
