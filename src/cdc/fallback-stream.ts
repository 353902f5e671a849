import type pg from 'pg'
import { redactUrl } from '../config/redact.js'
import { UsageError } from '../core/errors.js'
import { ensureLoadControlSchema, inTransaction, insertRun, insertTablePlan, markRunAbandoned, markRunDone, readTablePlans, type LoadTablePlan } from '../engines/postgres/control-schema-load.js'
import { withPgClient } from '../engines/postgres/pg-client.js'
import { pairSequences, readSequences, syncSequences, type SequenceSync } from '../engines/postgres/pg-sequence-sync.js'
import { dropPgLoadPosition, openPgLoadPosition } from '../engines/postgres/pg-source-position.js'
import { engineOfUrl, enginesThat } from '../engines/registry.js'
import { runKeyOf } from '../load/run-key.js'

/**
 * The fall-back stream: after a cutover the new database (the former target) is where the
 * application writes, and `godwit cdc --reverse` keeps the old one current from it. Cutover opens
 * the stream just before the switch, while the source is frozen and the final validation has
 * shown both sides equal: a publication of the migrated tables and a slot on the new database,
 * and in the control schema (the old database's; the new one's for an Oracle old database) a run
 * that says "the two sides were equal at this slot's position" with the load's table map
 * reversed — the load's own source ↔ target names, so the changes land where the rows came from. `godwit cdc` then continues that run like
 * any load run: nothing the application writes after the switch is missed.
 */
export interface FallbackStream {
  /** Slot and publication on the new database. */
  readonly name: string
  /** The slot's consistent point: where reverse replication starts. */
  readonly position: string
  /** The run recorded in the old database's godwit.load_runs. */
  readonly runId: number
}

export function fallbackStreamName(cutoverId: number): string {
  return `godwit_fallback_${cutoverId}`
}

/** The run key `godwit cdc --reverse` finds the fall-back run by: the new database, all its migrated tables. */
function fallbackRunKey(newUrl: string): string {
  return runKeyOf(newUrl, [])
}

/** The load's table map, reversed: changes read from the new tables are applied to the old ones. */
export function reversePlan(p: LoadTablePlan): LoadTablePlan {
  const byOld = new Map(p.columns.map((c) => [c.name, c.targetName]))
  return {
    schema: p.targetSchema,
    name: p.targetName,
    targetSchema: p.schema,
    targetName: p.name,
    columns: p.columns.map((c) => ({ ...c, name: c.targetName, targetName: c.name })),
    ...(p.key ? { key: p.key.map((k) => byOld.get(k) ?? k) } : {}),
    chunking: 'whole-small',
    transfer: 'passthrough-text',
  }
}

export interface OpenFallbackInput {
  /** The old database (the cutover's source). */
  readonly oldUrl: string
  /**
   * Where the fall-back run is recorded, which is where cdc --reverse keeps the stream's state:
   * the old database when it is PostgreSQL, the new one when the old is Oracle (its tables get
   * only the checkpoint, GODWIT_CDC_CHECKPOINT).
   */
  readonly state: pg.ClientBase
  /** The new database (the cutover's target) and a session on it. */
  readonly newUrl: string
  readonly new: pg.ClientBase
  readonly cutoverId: number
  readonly loadRunId: number
  /** Source `schema.table` names of the migrated tables. */
  readonly tables: readonly string[]
  /** What an earlier attempt of the same step opened (a resumed cutover): kept while its slot exists. */
  readonly earlier?: FallbackStream
}

/** Opens the fall-back stream, or says why the new database cannot carry one. */
export async function openFallbackStream(i: OpenFallbackInput): Promise<FallbackStream | { readonly unavailable: string }> {
  const name = fallbackStreamName(i.cutoverId)
  if (i.earlier) {
    // The application may have written to the new database since: the slot must not be replaced.
    const kept = await i.new.query(`SELECT 1 FROM pg_replication_slots WHERE slot_name = $1`, [i.earlier.name])
    if (kept.rowCount === 1) return i.earlier
  }
  const plans = (await readTablePlans(i.new, i.loadRunId)).filter((p) => i.tables.includes(`${p.schema}.${p.name}`)).map(reversePlan)
  const held = await openPgLoadPosition(i.newUrl, { name, tables: plans.map((p) => ({ schema: p.schema, name: p.name })) })
  await held.close()
  const { slot, lsn } = held.position
  if (!slot || !lsn) return { unavailable: `the new database cannot stream its changes back: ${held.warning ?? 'no replication slot'}` }
  try {
    await ensureLoadControlSchema(i.state)
    const runId = await inTransaction(i.state, async () => {
      const id = await insertRun(i.state, { runKey: fallbackRunKey(i.newUrl), source: redactUrl(i.newUrl), selection: plans.map((p) => `${p.schema}.${p.name}`), position: held.position, options: { fallbackOfCutover: i.cutoverId } })
      for (const p of plans) await insertTablePlan(i.state, id, p, [])
      return id
    })
    return { name, position: lsn, runId }
  } catch (err) {
    await dropPgLoadPosition(i.newUrl, name).catch(() => undefined)
    throw err
  }
}

/** The switch went through: `godwit cdc --reverse` may now continue the run. */
export async function commitFallbackStream(state: pg.ClientBase, s: FallbackStream): Promise<void> {
  await markRunDone(state, s.runId)
}

/** The cutover failed before the switch: the application stays on the old database, the slot would only keep WAL. */
export async function discardFallbackStream(newUrl: string, state: pg.ClientBase, s: FallbackStream): Promise<void> {
  await markRunAbandoned(state, s.runId)
  await dropPgLoadPosition(newUrl, s.name)
}

/**
 * `godwit cdc --reverse --source OLD --target NEW`: cdc reads NEW (PostgreSQL) and applies to
 * OLD — PostgreSQL, or Oracle (src/engines/oracle/oracle-apply.ts) — continuing the fall-back run
 * cutover recorded. The registry says which old engines can take the changes back.
 */
export function reverseCdcUrls(sourceUrl: string, targetUrl: string, tables: readonly string[] | undefined): { readFrom: string; applyTo: string; tables: readonly string[] } {
  const old = engineOfUrl(sourceUrl)
  const next = engineOfUrl(targetUrl)
  if (!old.capabilities.cdcReverseTarget || next.name !== 'postgres') {
    const into = enginesThat('cdcReverseTarget').map((e) => e.title).join(' or ')
    throw new UsageError('CDC_REVERSE_UNSUPPORTED', `godwit cdc --reverse replicates a PostgreSQL target back into ${into}; here it would read ${next.title} and write ${old.title}`, {
      object: redactUrl(next.name !== 'postgres' ? targetUrl : sourceUrl),
      hint: 'Fall back with the manual plan in the cutover report (validate lists the rows that changed after the switch).',
    })
  }
  if (tables && tables.length > 0) {
    throw new UsageError('CDC_REVERSE_TABLES', '--tables does not apply to --reverse: the fall-back stream carries every table the cutover moved', { hint: 'Run godwit cdc --reverse without --tables.' })
  }
  return { readFrom: targetUrl, applyTo: sourceUrl, tables: [] }
}

/**
 * Going back: cdc carries rows, not sequence values, so once `godwit cdc --reverse` has stopped
 * (caught up, stop request, Ctrl-C) the old database's sequences are set past the new one's — the
 * ids the application drew on the new database, the rows of which are now in the old one. Only
 * ever forward (syncSequences), so running it again, or while the application still writes to the
 * new database, does no harm; `plans` are the fall-back run's (reversed: new → old).
 */
export async function moveSequencesBack(newUrl: string, oldUrl: string, plans: readonly LoadTablePlan[]): Promise<SequenceSync[]> {
  const newSchemas = [...new Set(plans.map((p) => p.schema))]
  const schemaMap = new Map(plans.map((p) => [p.schema, p.targetSchema]))
  const fromNew = await withPgClient(newUrl, (c) => readSequences(c, newSchemas))
  return withPgClient(oldUrl, async (old) => syncSequences(old, pairSequences(fromNew, await readSequences(old, [...new Set(schemaMap.values())]), schemaMap)))
}
