import type pg from 'pg'
import { StateError, TargetError, UsageError } from '../core/errors.js'
import { matchesAnyGlob } from '../core/glob.js'
import {
  activeRuns,
  insertDeferred,
  insertRun,
  insertTablePlan,
  markDeferredRestored,
  markRunAbandoned,
  orphanedDeferred,
  overlappingRuns,
  type Chunking,
  type LoadTablePlan,
} from '../engines/postgres/control-schema-load.js'
import { mapColumns, type Transfer } from './column-mapping.js'
import type { LoadPlan } from './load-events.js'
import type { LoadChunk } from './load-source.js'
import type { LoadTarget, TargetTable } from './load-target.js'
import type { HeldPosition, LoadSourceEngine, SourceTable } from './source-engine.js'

/** A source table paired with its target table as the target is now. */
export interface PreparedTable {
  readonly source: SourceTable
  readonly target: TargetTable
  readonly plan: LoadTablePlan
  /** Source columns left out: generated on the source or on the target. */
  readonly generated: readonly string[]
}

/** Maps each source table onto its target table (columns, transfer); fails naming what the target lacks. */
export async function prepareTables(control: pg.ClientBase, loadTarget: LoadTarget, engine: LoadSourceEngine['engine'], tables: readonly SourceTable[], transcode: boolean): Promise<PreparedTable[]> {
  const targets = await loadTarget.findTables(control, tables)
  const generated = await loadTarget.generatedColumns(control, targets)
  return tables.map((source, i) => {
    const target = targets[i] as TargetTable
    const mapping = mapColumns(source, target, generated.get(`${target.schema}.${target.name}`))
    const transfer: Transfer = loadTarget.chooseTransfer(engine, source, mapping.columns, target, transcode)
    return {
      source,
      target,
      generated: [...(source.generated ?? []), ...mapping.generated],
      plan: {
        schema: source.schema,
        name: source.name,
        targetSchema: target.schema,
        targetName: target.name,
        columns: mapping.columns,
        ...(source.key ? { key: source.key } : {}),
        chunking: 'key-range',
        transfer,
      },
    }
  })
}

export interface NewRunOptions {
  readonly runKey: string
  readonly selection: readonly string[]
  readonly exclude: readonly string[]
  readonly chunkRows: number
  readonly transcode: boolean
  readonly truncate: boolean
  /** Whether the control schema exists (a first load has no runs to overlap with). */
  readonly controlSchema: boolean
}

/** A new run, checked and planned but not yet made: nothing on either side has changed. */
export interface NewRun {
  readonly tables: readonly (PreparedTable & { readonly chunks: readonly LoadChunk[]; readonly emptied: number })[]
}

/**
 * Everything a new run decides before it touches anything, so every refusal leaves both sides as
 * they were (no slot, no control rows): the selection names only existing tables; each maps onto
 * its target; no unfinished run of another selection writes the same target tables (exit 6); the
 * target tables are empty, or `--truncate` says to empty them and no table outside the load has
 * rows referencing them. Then the chunks.
 */
export async function prepareNewRun(control: pg.ClientBase, source: LoadSourceEngine, loadTarget: LoadTarget, o: NewRunOptions): Promise<NewRun> {
  const tables = await selectTables(source, o.selection, o.exclude)
  const prepared = await prepareTables(control, loadTarget, source.engine, tables, o.transcode)
  const targets = prepared.map((p) => p.target)
  if (o.controlSchema) await refuseOverlaps(control, o.runKey, targets)
  const filled = await loadTarget.nonEmptyTables(control, targets)
  if (filled.length > 0 && !o.truncate) {
    const list = filled.map((t) => `${t.schema}.${t.name} (${t.rows.toLocaleString('en-US')} ${t.rows === 1 ? 'row' : 'rows'})`).join(', ')
    throw new TargetError('LOAD_TARGET_NOT_EMPTY', `target tables are not empty: ${list}; nothing was changed`, {
      object: filled.map((t) => `${t.schema}.${t.name}`).join(', '),
      hint: 'Pass --truncate to empty them before loading (their rows are deleted), or load into empty tables.',
    })
  }
  if (o.truncate) await refuseReferencedTruncate(control, loadTarget, targets)
  const rows = new Map(filled.map((t) => [`${t.schema}.${t.name}`, t.rows]))
  const out = []
  for (const p of prepared) {
    const chunks = await source.planChunks(p.source, o.chunkRows)
    const chunking: Chunking = !p.source.key ? (chunks.length > 1 ? 'address-range' : 'whole-no-key') : chunks.length === 1 ? 'whole-small' : 'key-range'
    out.push({ ...p, plan: { ...p.plan, chunking }, chunks, emptied: rows.get(`${p.target.schema}.${p.target.name}`) ?? 0 })
  }
  return { tables: out }
}

/** The plan a new run prints before it starts. */
export function newRunPlan(run: NewRun, retainAs: string | undefined, replaces: number | undefined): LoadPlan {
  return {
    action: 'new',
    ...(retainAs ? { retainAs } : {}),
    ...(replaces !== undefined ? { replaces } : {}),
    adopted: [],
    tables: run.tables.map((t) => ({
      name: `${t.plan.schema}.${t.plan.name}`,
      target: `${t.plan.targetSchema}.${t.plan.targetName}`,
      chunks: t.chunks.length,
      chunksDone: 0,
      rowsDone: 0,
      estimatedRows: Math.round(t.chunks.reduce((n, c) => n + c.estimatedRows, 0)),
      chunking: t.plan.chunking,
      transfer: t.plan.transfer,
      generated: t.generated,
      emptied: t.emptied,
    })),
  }
}

export interface PersistOptions {
  readonly runKey: string
  /** The source URL, redacted: recorded with the run for people reading the control schema. */
  readonly sourceLabel: string
  readonly selection: readonly string[]
  readonly exclude: readonly string[]
  readonly chunkRows: number
  readonly transcode: boolean
  readonly truncate: boolean
  readonly deferIndexes: boolean
  /** Names what the run keeps on the source for CDC (retainedNameOf). */
  readonly retainAs: string
  /** An unfinished run of the same key to mark abandoned (`--restart`). */
  readonly replaces?: number
}

/**
 * Makes a planned run inside the caller's transaction: takes the source position (replacing the
 * predecessor's slot and publication), empties the target tables if --truncate said so, records
 * the run with each table's columns, transfer and chunks, and with --defer-indexes records then
 * drops the target's secondary indexes and foreign keys, all in the one commit.
 */
export async function persistNewRun(control: pg.ClientBase, source: LoadSourceEngine, loadTarget: LoadTarget, run: NewRun, o: PersistOptions): Promise<{ runId: number; held: HeldPosition; options: Record<string, unknown> }> {
  // The position first: creating a logical slot waits for every transaction that has written,
  // this one included once it writes (source and target may share a server).
  const held = await source.openPosition({ name: o.retainAs, tables: run.tables.map((t) => t.source) })
  try {
    const targets = run.tables.map((t) => t.target)
    if (o.replaces !== undefined) await markRunAbandoned(control, o.replaces)
    if (o.truncate) await loadTarget.emptyTables(control, targets)
    const deferred = loadTarget.deferred
    // The live catalog is whole again before it is read (a run abandoned with indexes deferred).
    if (deferred) {
      for (const d of await orphanedDeferred(control, targets)) {
        await deferred.restore(control, d)
        await markDeferredRestored(control, d.id)
      }
    }
    const options = { chunkRows: o.chunkRows, transcode: o.transcode, truncate: o.truncate, deferIndexes: o.deferIndexes, exclude: o.exclude, ...loadTarget.newRunOptions() }
    const runId = await insertRun(control, { runKey: o.runKey, source: o.sourceLabel, selection: o.selection, position: held.position, options })
    for (const t of run.tables) await insertTablePlan(control, runId, t.plan, t.chunks)
    if (o.deferIndexes && deferred) {
      const objects = await deferred.read(control, targets)
      await insertDeferred(control, runId, objects)
      await deferred.drop(control, objects)
    }
    return { runId, held, options }
  } catch (err) {
    await held.discard()
    throw err
  }
}

/**
 * The source tables the selection names, less `exclude`. Every `--tables` pattern must name at
 * least one table: a misspelt name is an error listing all of them, not a table silently skipped.
 */
async function selectTables(source: LoadSourceEngine, selection: readonly string[], exclude: readonly string[]): Promise<SourceTable[]> {
  const found = await source.listTables(selection)
  const matches = (t: SourceTable, p: string) => matchesAnyGlob(`${t.schema}.${t.name}`, [p]) || matchesAnyGlob(t.name, [p])
  const missing = selection.filter((p) => !found.some((t) => matches(t, p)))
  if (missing.length > 0) {
    throw new UsageError('LOAD_TABLES_NOT_FOUND', `--tables names no source table: ${missing.join(', ')}`, {
      object: missing.join(', '),
      hint: "Check the names against the source ('schema.table', globs such as 'sales.*' allowed).",
    })
  }
  const kept = found.filter((t) => !exclude.some((p) => matches(t, p)))
  if (kept.length === 0) {
    throw new UsageError('LOAD_NO_TABLES', `no source table matches ${selection.length ? selection.join(', ') : 'the selection'}${exclude.length ? ` once ${exclude.join(', ')} is excluded` : ''}`, {
      hint: "Check --tables and --exclude: 'schema.table' globs such as 'public.*' or 'sales.order*'.",
    })
  }
  return kept
}

async function refuseOverlaps(control: pg.ClientBase, runKey: string, targets: readonly TargetTable[]): Promise<void> {
  const overlaps = await overlappingRuns(control, runKey, targets)
  if (overlaps.length === 0) return
  const active = await activeRuns(control, overlaps.map((o) => o.run.id))
  const described = overlaps.map((o) => `run ${o.run.id} (--tables ${o.run.selection.join(',') || '(all)'}, ${active.has(o.run.id) ? 'loading now' : 'unfinished, no process on it'}) holds ${o.tables.join(', ')}`)
  throw new StateError('LOAD_RUN_CONFLICT', `this load would write tables another run owns: ${described.join('; ')}`, {
    object: overlaps.flatMap((o) => o.tables).join(', '),
    hint: overlaps.every((o) => active.has(o.run.id))
      ? 'Wait for that load to finish, or leave its tables out of this one (--exclude).'
      : "Finish that run (rerun its own command) or abandon it (its command with --abandon); --list-runs shows every run.",
  })
}

async function refuseReferencedTruncate(control: pg.ClientBase, loadTarget: LoadTarget, targets: readonly TargetTable[]): Promise<void> {
  const blocking = await loadTarget.blockingForeignKeys(control, targets)
  if (blocking.length === 0) return
  const effect: Record<string, string> = { c: 'would delete its rows', n: 'would set them to NULL', d: 'would set them to their default' }
  const list = blocking.map((b) => `${b.from} references ${b.to} (foreign key ${b.name}${effect[b.onDelete] ? `, ON DELETE ${effect[b.onDelete]}` : ''})`).join('; ')
  throw new TargetError('LOAD_TRUNCATE_REFERENCED', `--truncate cannot empty tables that rows outside the load refer to: ${list}; nothing was changed`, {
    object: blocking.map((b) => b.name).join(', '),
    hint: 'Add the referencing tables to --tables so they are emptied and loaded too, or empty them yourself first.',
  })
}

