import type pg from 'pg'
import { countDeadLetters, type CdcStreamStatus } from '../cdc/cdc-control.js'
import { runProgress } from '../engines/postgres/control-schema-load.js'
import { latestTableValidations } from '../engines/postgres/control-schema-validate.js'
import { emptyWhenMissing, type LoadRunSummary } from '../engines/postgres/control-schema-cutover.js'
import type { CutoverSource } from '../engines/cutover-source.js'
import type { CutoverTarget } from '../engines/cutover-target.js'
import { pairSequences } from '../engines/postgres/pg-sequence-sync.js'
import type { PreCheck } from './cutover-result.js'
import { schemaMapOf, schemasOf, type CutoverTable } from './cutover-tables.js'

export interface PreCheckInput {
  readonly source: CutoverSource
  /** The state store (the control schema). */
  readonly control: pg.ClientBase
  readonly target: CutoverTarget
  readonly stream?: CdcStreamStatus
  readonly loadRun?: LoadRunSummary
  readonly tables: readonly CutoverTable[]
  readonly maxLagMs: number
  readonly maxValidationAgeMs: number
  readonly now?: number
}

/**
 * Step 1: every gate, evaluated in full (not stopping at the first failure) so one run tells the
 * user everything that is not ready.
 */
export async function runPreChecks(i: PreCheckInput): Promise<PreCheck[]> {
  const now = i.now ?? Date.now()
  const s = i.stream
  const checks: PreCheck[] = []
  checks.push(
    !s
      ? { id: 'cdc-stream', title: 'CDC stream alive', ok: false, detail: 'no cdc stream on this target: start godwit cdc first' }
      : { id: 'cdc-stream', title: 'CDC stream alive', ok: s.alive && applying(s), detail: `stream ${s.id} is ${s.state}${s.alive ? '' : `, last heartbeat ${s.heartbeatAt?.toISOString() ?? 'never'}`}${s.error ? `: ${s.error}` : ''}` },
  )
  checks.push(
    s?.lagMs === undefined
      ? { id: 'lag', title: `lag under ${i.maxLagMs} ms`, ok: false, detail: 'no lag measured yet' }
      : { id: 'lag', title: `lag under ${i.maxLagMs} ms`, ok: s.lagMs <= i.maxLagMs, detail: `lag ${s.lagMs} ms (${s.bytesBehind ?? '?'} bytes behind)` },
  )
  const dead = await countDeadLetters(i.control, s?.id)
  checks.push({ id: 'dead-letters', title: 'no dead letters', ok: dead === 0, detail: dead === 0 ? 'none' : `${dead} changes in godwit.cdc_dead_letters were not applied` })
  checks.push(await slotCheck(i.source, s))
  checks.push(await loadedCheck(i.control, i.loadRun, i.tables))
  checks.push(await validationCheck(i.control, i.tables, i.maxValidationAgeMs, now))
  checks.push(await targetObjectsCheck(i.source, i.target, i.tables))
  return checks
}

/**
 * Running, or `stopping` with no stop request left: a failed cutover withdraws its request, and the
 * control API has no call that puts a live stream back to `running` (reported as a contract gap).
 */
function applying(s: CdcStreamStatus): boolean {
  return s.state === 'running' || (s.state === 'stopping' && s.stopRequestedPosition === undefined)
}

/** The change feed the stream reads: PostgreSQL's slot, Oracle's redo (the engine says which). */
async function slotCheck(source: CutoverSource, s: CdcStreamStatus | undefined): Promise<PreCheck> {
  if (!s) return { id: 'slot', title: 'change feed healthy', ok: false, detail: 'no stream' }
  const h = await source.changeFeedHealth({ streamId: s.id, ...(s.slot ? { slot: s.slot } : {}), ...(s.appliedPosition ? { appliedPosition: s.appliedPosition } : {}) })
  return { id: 'slot', ...h }
}

async function loadedCheck(target: pg.ClientBase, run: LoadRunSummary | undefined, tables: readonly CutoverTable[]): Promise<PreCheck> {
  const title = 'every table loaded'
  if (!run) return { id: 'loaded', title, ok: false, detail: 'no load run recorded on this target' }
  if (tables.length === 0) return { id: 'loaded', title, ok: false, detail: `no table of load run ${run.id} matches --tables` }
  const progress = await runProgress(target, run.id)
  const notDone = tables.filter((t) => {
    const p = progress.find((x) => `${x.schema}.${x.name}` === t.source)
    return !p || p.done < p.chunks
  })
  const ok = run.state === 'done' && notDone.length === 0
  return { id: 'loaded', title, ok, detail: ok ? `load run ${run.id}: ${tables.length} tables done` : `load run ${run.id} is ${run.state}; not fully loaded: ${notDone.map((t) => t.source).join(', ') || '—'}` }
}

async function validationCheck(target: pg.ClientBase, tables: readonly CutoverTable[], maxAgeMs: number, now: number): Promise<PreCheck> {
  const title = 'last validation PASS and recent'
  const latest = await emptyWhenMissing(latestTableValidations(target))
  const problems: string[] = []
  for (const t of tables) {
    const v = latest.find((x) => x.table === t.source)
    if (!v) problems.push(`${t.source}: never validated`)
    else if (v.status !== 'PASS') problems.push(`${t.source}: last validation ${v.status}`)
    else if (now - new Date(v.finishedAt).getTime() > maxAgeMs) problems.push(`${t.source}: last PASS ${Math.round((now - new Date(v.finishedAt).getTime()) / 60_000)} min ago, older than ${Math.round(maxAgeMs / 60_000)} min`)
  }
  return { id: 'validation', title, ok: problems.length === 0 && tables.length > 0, detail: problems.length === 0 ? `${tables.length} tables passed` : problems.join('; ') }
}

/** The target has every table, and (where it has sequences) a counterpart for every source sequence in the migrated schemas. */
async function targetObjectsCheck(source: CutoverSource, target: CutoverTarget, tables: readonly CutoverTable[]): Promise<PreCheck> {
  const title = 'target tables and sequences present'
  const missing = (await target.missingTables(tables.map((t) => t.target))).map((t) => `table ${t}`)
  const pairs = pairSequences(await source.readSequences(schemasOf(tables, 'source')), await target.readSequences(schemasOf(tables, 'target')), schemaMapOf(tables), source.targetObjectName.bind(source))
  if (target.needsEverySequence) for (const p of pairs) if (!p.target) missing.push(`sequence ${p.source.name}${p.source.ownedBy ? ` (${p.source.ownedBy})` : ''}`)
  return { id: 'target-objects', title, ok: missing.length === 0, detail: missing.length === 0 ? `${tables.length} tables, ${pairs.length} sequences` : `missing on the target: ${missing.join(', ')}` }
}
