import type pg from 'pg'
import { StateError } from '../core/errors.js'
import { readTablePlans, runProgress, updateTablePlan, type LoadRunRow, type LoadTablePlan } from '../engines/postgres/control-schema-load.js'
import type { LoadPlan } from './load-events.js'
import { plannedTable } from './load-result.js'
import { prepareTables } from './plan-run.js'
import type { LoadTarget } from './load-target.js'
import type { LoadSourceEngine } from './source-engine.js'

/**
 * Before an unfinished run goes on, its tables are read again on both sides: a run that failed
 * on a target column too narrow, or without --transcode, must be able to finish once that is
 * fixed. What changed on the target (column types, lengths) and in the flags (--transcode) is
 * adopted for the chunks still to load and listed; what would make the finished chunks and the
 * rest disagree (a source column added or gone, a target column gone) is refused with exit 6 and
 * a way out (--restart). A dry run lists the changes and records none.
 */
export async function reviewUnfinishedRun(control: pg.ClientBase, source: LoadSourceEngine, loadTarget: LoadTarget, run: LoadRunRow, o: { transcode: boolean; dryRun: boolean }): Promise<LoadPlan> {
  const { transcode } = o
  const stored = await readTablePlans(control, run.id)
  const listed = await source.listTables(stored.map((p) => `${p.schema}.${p.name}`))
  const current = listed.filter((t) => stored.some((p) => p.schema === t.schema && p.name === t.name))
  const gone = stored.filter((p) => !current.some((t) => t.schema === p.schema && t.name === p.name))
  if (gone.length > 0) refuse(run, `source table ${gone.map((p) => `${p.schema}.${p.name}`).join(', ')} no longer exists`)
  const prepared = await prepareTables(control, loadTarget, source.engine, current, transcode)
  const adopted: string[] = []
  for (const p of prepared) {
    const before = stored.find((s) => s.schema === p.plan.schema && s.name === p.plan.name) as LoadTablePlan
    const table = `${before.schema}.${before.name}`
    const names = (cols: LoadTablePlan['columns']) => cols.map((c) => c.name).join(', ')
    if (names(before.columns) !== names(p.plan.columns)) {
      refuse(run, `the columns of ${table} changed since it was planned: (${names(before.columns)}) then, (${names(p.plan.columns)}) now`)
    }
    const changes: string[] = []
    for (const c of p.plan.columns) {
      const was = before.columns.find((b) => b.name === c.name)
      if (was && was.pgType !== c.pgType) changes.push(`${before.targetSchema}.${before.targetName}.${c.targetName} is ${c.pgType} now (was ${was.pgType})`)
    }
    if (before.transfer !== p.plan.transfer) changes.push(`${table} transfer is ${p.plan.transfer} now (was ${before.transfer}${transcode ? '; --transcode given' : ''})`)
    if (changes.length === 0) continue
    if (!o.dryRun) await updateTablePlan(control, run.id, { ...before, columns: p.plan.columns, transfer: p.plan.transfer })
    adopted.push(...changes)
  }
  const plans = await readTablePlans(control, run.id)
  const progress = await runProgress(control, run.id)
  return {
    action: 'resume',
    runId: run.id,
    adopted,
    tables: plans.map((p) => ({ ...plannedTable(p, progress), generated: prepared.find((x) => x.plan.schema === p.schema && x.plan.name === p.name)?.generated ?? [] })),
  }
}

function refuse(run: LoadRunRow, what: string): never {
  throw new StateError('LOAD_RUN_SOURCE_CHANGED', `run ${run.id} cannot resume: ${what}; its finished chunks were loaded with the old columns`, {
    object: `run ${run.id}`,
    hint: 'Start the run over with --restart (with --truncate to empty what it loaded), or restore the old columns and rerun.',
  })
}
