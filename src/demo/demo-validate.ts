import pg from 'pg'
import { withPgClient as withClient } from '../engines/postgres/pg-client.js'
import { runValidation, type ValidationObserver } from '../validate/run-validation.js'
import type { ValidationResult } from '../validate/validation-result.js'
import { recordValidationRun } from '../engines/postgres/control-schema-validate.js'

/** The demo's leaf table: nothing references sightings, so deleting or adding a row breaks no foreign key. */
const TABLE = 'sightings'

export interface DemoChange {
  readonly kind: 'changed' | 'missing' | 'extra'
  readonly sightingId: string
  readonly statement: string
}

export interface DemoValidateResult {
  /** Right after the load: every table equal. */
  readonly before: ValidationResult
  /** The three rows changed on the target behind godwit's back. */
  readonly changes: readonly DemoChange[]
  /** Finds exactly those three, by key. */
  readonly after: ValidationResult
  /** The three rows put back as they were afterwards, so the journey goes on with equal sides. */
  readonly restored: boolean
}

export interface DemoValidateOptions {
  readonly sourceUrl: string
  readonly targetUrl: string
  /** The demo's schema on both sides (flyway). */
  readonly schema: string
  readonly observer?: ValidationObserver
  readonly progress?: (line: string) => void
}

/**
 * The validate step of `godwit demo`: validate the loaded target, change three of its rows (one
 * updated, one deleted, one added), validate again, and return both results — the second names
 * exactly those three rows by key — then put the three rows back for the cdc and cutover steps.
 */
export async function demoValidate(o: DemoValidateOptions): Promise<DemoValidateResult> {
  const say = o.progress ?? (() => undefined)
  const options = { sourceUrl: o.sourceUrl, targetUrl: o.targetUrl, tables: [`${o.schema}.*`], jobs: 2, observer: o.observer, recorder: recordValidationRun }
  say('validate: comparing source and target after the load')
  const before = await runValidation(options)
  const { changes, undo } = await changeThreeRows(o.targetUrl, o.schema)
  for (const c of changes) say(`validate: on the target only, ${c.statement}`)
  say('validate: comparing again')
  const after = await runValidation(options)
  await undo()
  say('validate: the three rows are put back as the load wrote them')
  return { before, changes, after, restored: true }
}

async function changeThreeRows(targetUrl: string, schema: string): Promise<{ changes: DemoChange[]; undo: () => Promise<void> }> {
  const client = new pg.Client({ connectionString: targetUrl })
  await client.connect()
  try {
    const t = `${pg.escapeIdentifier(schema)}.${pg.escapeIdentifier(TABLE)}`
    const { rows } = await client.query<{ id: string }>(`SELECT sighting_id::text AS id FROM ${t} ORDER BY sighting_id LIMIT 2`)
    if (rows.length < 2) throw new Error(`the demo needs at least two rows in ${schema}.${TABLE}, found ${rows.length}`)
    const [first, second] = [rows[0]!.id, rows[1]!.id]
    const { rows: maxRows } = await client.query<{ id: string }>(`SELECT (max(sighting_id) + 1000)::text AS id FROM ${t}`)
    const added = maxRows[0]!.id
    const changes: DemoChange[] = [
      { kind: 'changed', sightingId: first, statement: `UPDATE ${t} SET observer = 'someone else' WHERE sighting_id = ${first}` },
      { kind: 'missing', sightingId: second, statement: `DELETE FROM ${t} WHERE sighting_id = ${second}` },
      { kind: 'extra', sightingId: added, statement: `INSERT INTO ${t} (sighting_id, bird_id, site_id, seen_at, flock_size, observer) SELECT ${added}, bird_id, site_id, seen_at, flock_size, 'nobody' FROM ${t} WHERE sighting_id = ${first}` },
    ]
    const { rows: kept } = await client.query<{ rows: unknown }>(`SELECT jsonb_agg(to_jsonb(s)) AS rows FROM ${t} s WHERE sighting_id IN (${first}, ${second})`)
    await client.query('BEGIN')
    for (const c of changes) await client.query(c.statement)
    await client.query('COMMIT')
    const undo = (): Promise<void> =>
      withClient(targetUrl, async (c) => {
        await c.query('BEGIN')
        await c.query(`DELETE FROM ${t} WHERE sighting_id IN (${first}, ${second}, ${added})`)
        await c.query(`INSERT INTO ${t} SELECT * FROM jsonb_populate_recordset(NULL::${t}, $1)`, [JSON.stringify(kept[0]!.rows)])
        await c.query('COMMIT')
      })
    return { changes, undo }
  } finally {
    await client.end()
  }
}
