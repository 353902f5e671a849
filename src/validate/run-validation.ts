import { randomUUID } from 'node:crypto'
import pLimit, { type LimitFunction } from 'p-limit'
import { GodwitError, UsageError } from '../core/errors.js'
import { EXIT } from '../core/exit-codes.js'
import { matchesAnyGlob } from '../core/glob.js'
import { redactUrl } from '../config/redact.js'
import type { DataTable } from '../model/data-table.js'
import { sameName } from './catalog-table.js'
import { compareAggregates } from './column-aggregates.js'
import { compareAsMultiset } from './compare-multiset.js'
import { compareByKey, oneSideEmpty } from './compare-keyed.js'
import { recheckDifferences, sleep } from './recheck.js'
import { checkSchema, type ColumnPair } from './schema-check.js'
import type { TransferStats } from './checksum-side.js'
import type { SideColumn, SideTable } from './side-table.js'
import { ComparisonTally, DEFAULT_TUNING, type ComparisonTuning, type TableComparison } from './table-comparison.js'
import { openValidationSide, type OpenedSide } from './validation-engines.js'
import type { AggregateCheck, ComparedColumn, SchemaFinding, TableResult, ValidationMode, ValidationResult } from './validation-result.js'

export interface TableProgress {
  readonly segmentsPlanned: number
  readonly segmentsChecked: number
  readonly differences: number
}

/** Live view hooks (src/ui/validate-progress.ts); the library never prints. */
export interface ValidationObserver {
  planned?(tables: readonly string[]): void
  progress?(table: string, p: TableProgress): void
  finished?(r: TableResult): void
  /** A phase of the whole run, e.g. waiting before the re-check. */
  phase?(text: string): void
}

export interface ValidateOptions {
  readonly sourceUrl: string
  readonly targetUrl: string
  /** `schema.table` globs; default every user table of the source. */
  readonly tables?: readonly string[]
  /** count: schema + row counts; checksum (default): + segment checksums and row diffs; full: + column aggregates. */
  readonly mode?: ValidationMode
  /** Compare only these non-key columns. */
  readonly columns?: readonly string[]
  /** A filter both sides apply; must be valid SQL on both engines. */
  readonly where?: string
  /** Compare this share (0–100] of each keyed table's segments, spread over the key space. */
  readonly samplePercent?: number
  readonly jobs?: number
  /** Re-read differing rows this many seconds after the pass and report only those still differing (0 = off). */
  readonly recheckAfterSeconds?: number
  /** Hash rows in Node on these sides instead of in the engine. */
  readonly clientHash?: 'none' | 'source' | 'target' | 'both'
  readonly tuning?: Partial<ComparisonTuning>
  readonly observer?: ValidationObserver
  /** Stores the run (the command passes the target's control schema, src/engines/postgres/control-schema-validate.ts). */
  readonly recorder?: (targetUrl: string, r: ValidationResult) => Promise<void>
}

/** One table while it is being compared; becomes a TableResult at the end. */
interface TableRun {
  readonly source: DataTable
  readonly target?: DataTable
  readonly findings: SchemaFinding[]
  readonly notes: string[]
  comparison?: TableComparison
  kind: TableResult['comparison']
  keyless?: { buckets: number; differing: number[]; emptySide?: 'source' | 'target' }
  columns: ComparedColumn[]
  sampledPercent?: number
  emptySide?: 'source' | 'target'
  aggregates?: AggregateCheck[]
  recheck?: { afterSeconds: number; resolved: number }
  error?: GodwitError
  started: number
  seconds: number
}

/**
 * `godwit validate`: schema check, then per table row counts (count mode), segment checksums
 * pushed down to both engines with bisection to the differing rows (checksum mode), plus column
 * aggregates (full mode). Both sides are read at one snapshot each; the source's position is
 * reported. Differences optionally re-checked after a delay (in-flight CDC changes).
 */
export async function runValidation(o: ValidateOptions): Promise<ValidationResult> {
  const mode = o.mode ?? 'checksum'
  const jobs = o.jobs ?? 4
  checkOptions(o, mode, jobs)
  const tuning = { ...DEFAULT_TUNING, ...o.tuning }
  const started = new Date()
  const clientHash = o.clientHash ?? 'none'
  const source = await openValidationSide(o.sourceUrl, 'source', { jobs, clientHash: clientHash === 'source' || clientHash === 'both' })
  let target: OpenedSide | undefined
  const open = new Set<OpenedSide>([source])
  const close = async (side: OpenedSide): Promise<TransferStats> => {
    open.delete(side)
    const [stats] = await Promise.all([side.checksums.close(), side.catalog.close()])
    return stats
  }
  try {
    target = await openValidationSide(o.targetUrl, 'target', { jobs, clientHash: clientHash === 'target' || clientHash === 'both' })
    open.add(target)
    const sourceTables = await source.catalog.listTables(o.tables ?? [])
    if (sourceTables.length === 0)
      throw new UsageError('VALIDATE_NO_TABLES', `no source table matches ${o.tables?.join(', ') || '(all tables)'}`, { hint: 'Check --tables (schema.table globs) and the source URL.' })
    checkColumnsExist(o.columns, sourceTables)
    const targetTables = await target.catalog.listTables([])
    const [sourcePosition, targetPosition] = await Promise.all([source.checksums.position(), target.checksums.position()])
    const limit = pLimit(jobs)
    const runs = sourceTables.map((t) => planTable(t, targetTables))
    if (o.where !== undefined) await checkWhere(o.where, runs, source, target, limit)
    const paired = new Set(runs.flatMap((r) => (r.target ? [r.target] : [])))
    const targetOnlyTables = targetTables
      .filter((t) => !paired.has(t) && (!o.tables?.length || matchesAnyGlob(label(t), o.tables) || matchesAnyGlob(t.name, o.tables)))
      .map(label)
      .sort()
    o.observer?.planned?.(runs.map((r) => label(r.source)))
    await Promise.all(runs.map((r) => compareTable(r, source, target!, limit, tuning, mode, o)))
    await recheck(runs, source, target, o)
    const finished = new Date()
    const tables = runs.map((r) => tableResult(r))
    const result: ValidationResult = {
      runId: randomUUID(),
      mode,
      scope: {
        ...(o.where !== undefined ? { where: o.where } : {}),
        ...(o.columns?.length ? { columns: o.columns } : {}),
        ...(o.samplePercent !== undefined ? { samplePercent: o.samplePercent } : {}),
      },
      status: tables.some((t) => t.status === 'ERROR') ? 'ERROR' : tables.some((t) => t.status === 'FAIL') ? 'FAIL' : 'PASS',
      startedAt: started.toISOString(),
      finishedAt: finished.toISOString(),
      seconds: round((finished.getTime() - started.getTime()) / 1000),
      source: { url: redactUrl(o.sourceUrl), engine: source.checksums.engine, position: sourcePosition, transfer: await close(source) },
      target: { url: redactUrl(o.targetUrl), engine: target.checksums.engine, position: targetPosition, transfer: await close(target) },
      tables,
      targetOnlyTables,
    }
    if (o.recorder) await o.recorder(o.targetUrl, result)
    return result
  } finally {
    // On failure: release the sessions, keep the first error.
    await Promise.all([...open].map((side) => close(side).catch(() => undefined)))
  }
}

function checkOptions(o: ValidateOptions, mode: string, jobs: number): void {
  if (!['count', 'checksum', 'full'].includes(mode)) throw new UsageError('VALIDATE_MODE', `unknown mode ${mode}`, { hint: 'Use --mode count, checksum or full.' })
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError('VALIDATE_JOBS', `--jobs must be a positive integer, not ${jobs}`)
  if (o.samplePercent !== undefined && !(o.samplePercent > 0 && o.samplePercent <= 100))
    throw new UsageError('VALIDATE_SAMPLE', `--sample must be a percentage in (0, 100], not ${o.samplePercent}`)
  if (o.recheckAfterSeconds !== undefined && !(o.recheckAfterSeconds >= 0)) throw new UsageError('VALIDATE_RECHECK', `--recheck-after must be 0 or more seconds, not ${o.recheckAfterSeconds}`)
}

/** A `--columns` name no selected source table has is a mistake in the command, not a difference. */
function checkColumnsExist(columns: readonly string[] | undefined, tables: readonly DataTable[]): void {
  const unknown = (columns ?? []).filter((name) => !tables.some((t) => t.columns.some((c) => sameName(c.name, name))))
  if (unknown.length === 0) return
  const only = tables.length === 1 ? tables[0]! : undefined
  throw new UsageError('VALIDATE_COLUMNS', `--columns names ${unknown.join(', ')}, which ${only ? `${label(only)} does not have` : 'no selected source table has'}`, {
    object: unknown.join(', '),
    hint: only ? `Its columns: ${only.columns.map((c) => c.name).join(', ')}.` : 'Check the column names (key columns are always compared).',
  })
}

/**
 * `--where` is checked on every table and both sides before any comparison, with a query that
 * reads no row: a condition one engine cannot run (an unknown column, a syntax error) is a usage
 * error naming the table and side, instead of a source or target failure halfway through.
 */
async function checkWhere(where: string, runs: readonly TableRun[], source: OpenedSide, target: OpenedSide, limit: LimitFunction): Promise<void> {
  const probe = (t: DataTable): SideTable => ({ schema: t.schema, name: t.name, columns: [], keyLength: 0, where: `(${where}\n) AND 1 = 0` })
  const rejected: string[] = []
  await Promise.all(
    runs.flatMap((r) =>
      ([['source', source, r.source], ['target', target, r.target]] as const).map(async ([side, opened, table]) => {
        if (!table) return
        try {
          await limit(() => opened.checksums.rowCount(probe(table)))
        } catch (e) {
          // Any other failure (no privilege, a lost connection) is the table's, reported when it is compared.
          if (isStatementError(e)) rejected.push(`${side} ${label(table)}: ${rootMessage(e)}`)
        }
      }),
    ),
  )
  if (rejected.length === 0) return
  throw new UsageError('VALIDATE_WHERE', `--where ${JSON.stringify(where)} cannot run on ${rejected.sort().join('; ')}`, {
    object: where,
    hint: 'The condition runs as SQL on both engines: use columns both tables have and syntax both accept.',
  })
}

function label(t: Pick<DataTable, 'schema' | 'name'>): string {
  return `${t.schema}.${t.name}`
}

function planTable(source: DataTable, targets: readonly DataTable[]): TableRun {
  const target = targets.find((t) => t.schema === source.schema && t.name === source.name) ?? targets.find((t) => sameName(t.schema, source.schema) && sameName(t.name, source.name))
  const run: TableRun = { source, target, findings: [], notes: [], kind: 'count', columns: [], started: Date.now(), seconds: 0 }
  if (!target) run.findings.push({ severity: 'error', code: 'TABLE_MISSING', message: `table ${label(source)} does not exist on the target` })
  return run
}

async function compareTable(run: TableRun, source: OpenedSide, target: OpenedSide, limit: LimitFunction, tuning: ComparisonTuning, mode: ValidationMode, o: ValidateOptions): Promise<void> {
  run.started = Date.now()
  const name = label(run.source)
  try {
    if (!run.target) return
    const schema = checkSchema(run.source, run.target, o.columns)
    run.findings.push(...schema.findings)
    const key = run.source.key
    if (key && !key.every((k) => schema.pairs.some((p) => p.source.name === k))) return // COLUMN_MISSING says which
    const { s, t, pairs } = sideTables(run.source, run.target, schema.pairs, key?.length ?? 0, o.where)
    run.columns = pairs.map(comparedColumn)
    const tally = new ComparisonTally(tuning.maxDifferences, (x) =>
      o.observer?.progress?.(name, { segmentsPlanned: x.segmentsPlanned, segmentsChecked: x.segmentsChecked, differences: x.differenceCount }),
    )
    const shape = { names: pairs.map((p) => p.source.name), keyLength: key?.length ?? 0 }
    const c: TableComparison = { source: source.checksums, target: target.checksums, s, t, shape, limit, tuning, tally }
    run.comparison = c
    if (mode === 'count') {
      const [sn, tn] = await limit(() => Promise.all([source.checksums.rowCount(s), target.checksums.rowCount(t)]))
      tally.sourceRows = sn
      tally.targetRows = tn
      run.kind = 'count'
      run.emptySide = oneSideEmpty(sn, tn)
      return
    }
    if (mode === 'full') run.aggregates = await compareAggregates(c)
    if (key) {
      run.kind = 'key'
      const keyed = await compareByKey(c, run.source.estimatedRows, o.samplePercent)
      run.sampledPercent = keyed.sampledPercent
      run.emptySide = keyed.emptySide
      if (keyed.sampledPercent !== undefined) run.notes.push(`sampled: ${keyed.sampledPercent}% of the key space (${tally.segmentsPlanned} segments); row counts cover the sample only`)
      else if (o.samplePercent !== undefined && o.samplePercent < 100) run.notes.push(`--sample ${o.samplePercent}: the table fits in one segment, so it was compared in full`)
    } else {
      run.kind = 'multiset'
      run.notes.push('no primary or unique NOT NULL key: rows compared as a multiset of whole rows (duplicates count)')
      if (o.samplePercent !== undefined) run.notes.push('--sample does not apply to a table without a key: compared in full')
      run.keyless = await compareAsMultiset(c, run.source.estimatedRows)
      run.emptySide = run.keyless.emptySide
    }
  } catch (e) {
    run.error = e instanceof GodwitError ? e : new GodwitError('VALIDATE_INTERNAL', `${name}: ${e instanceof Error ? e.message : String(e)}`, EXIT.internal, { object: name, cause: e })
  } finally {
    run.seconds = (Date.now() - run.started) / 1000
    if (!o.recheckAfterSeconds) o.observer?.finished?.(tableResult(run))
  }
}

/** Line order on both sides: key columns first (key order), then the other compared columns in source order. */
function sideTables(source: DataTable, target: DataTable, pairs: readonly ColumnPair[], keyLength: number, where: string | undefined): { s: SideTable; t: SideTable; pairs: ColumnPair[] } {
  const key = source.key ?? []
  const ordered = [...key.map((k) => pairs.find((p) => p.source.name === k)!), ...pairs.filter((p) => !key.includes(p.source.name))]
  const side = (t: DataTable, pick: (p: ColumnPair) => SideColumn): SideTable => ({ schema: t.schema, name: t.name, columns: ordered.map(pick), keyLength, where })
  return { s: side(source, (p) => p.source), t: side(target, (p) => p.target), pairs: ordered }
}

async function recheck(runs: TableRun[], source: OpenedSide, target: OpenedSide, o: ValidateOptions): Promise<void> {
  const after = o.recheckAfterSeconds ?? 0
  if (after <= 0) return
  // A side with no rows is no change in flight: those tables are not re-read.
  const pending = runs.filter((r) => r.comparison && !r.error && !r.emptySide && r.comparison.tally.differenceCount > 0)
  if (pending.length > 0) {
    o.observer?.phase?.(`waiting ${after}s, then re-checking ${pending.reduce((n, r) => n + r.comparison!.tally.differences.length, 0)} differing rows`)
    await sleep(after)
    await Promise.all([source.checksums.endSnapshot(), target.checksums.endSnapshot()])
    await Promise.all(
      pending.map(async (r) => {
        const c = r.comparison!
        const before = c.tally.differenceCount
        try {
          c.tally.replace(await recheckDifferences(c, c.tally.differences, r.keyless))
          r.recheck = { afterSeconds: after, resolved: before - c.tally.differenceCount }
        } catch (e) {
          r.error = e instanceof GodwitError ? e : new GodwitError('VALIDATE_INTERNAL', String(e), EXIT.internal, { cause: e })
        }
      }),
    )
  }
  for (const r of runs) o.observer?.finished?.(tableResult(r))
}

function tableResult(r: TableRun): TableResult {
  const tally = r.comparison?.tally
  const sourceRows = tally && !r.error ? tally.sourceRows : null
  const targetRows = tally && !r.error ? tally.targetRows : null
  const failed =
    r.findings.some((f) => f.severity === 'error') ||
    (tally?.differenceCount ?? 0) > 0 ||
    sourceRows !== targetRows ||
    (r.aggregates ?? []).some((a) => !a.equal)
  return {
    name: label(r.source),
    targetName: r.target ? label(r.target) : label(r.source),
    status: r.error ? 'ERROR' : failed ? 'FAIL' : 'PASS',
    ...(r.sampledPercent !== undefined ? { sampledPercent: r.sampledPercent } : {}),
    ...(r.emptySide && !r.error ? { emptySide: r.emptySide } : {}),
    columns: r.columns,
    sourceRows,
    targetRows,
    comparison: r.kind,
    ...(r.source.key ? { key: r.source.key } : {}),
    differences: tally?.differences ?? [],
    differenceCount: tally?.differenceCount ?? 0,
    schema: r.findings,
    ...(r.aggregates ? { aggregates: r.aggregates } : {}),
    segments: { checked: tally?.segmentsChecked ?? 0, differing: tally?.segmentsDiffering ?? 0, rowsFetched: tally?.rowsFetched ?? 0 },
    ...(r.recheck ? { recheck: r.recheck } : {}),
    notes: r.notes,
    seconds: round(r.seconds),
    ...(r.error ? { error: { code: r.error.code, message: r.error.message, exitCode: r.error.exitCode } } : {}),
  }
}

function comparedColumn(p: ColumnPair): ComparedColumn {
  const zoned = (c: ColumnPair['source']) => c.type.kind === 'timestamp' && c.type.tz !== 'none'
  return { name: p.source.name, kind: p.source.type.kind, ...(zoned(p.source) && zoned(p.target) ? { utc: true as const } : {}) }
}

/** A database's complaint about the statement itself (SQLSTATE class 42: syntax, unknown column or function; 22: a bad literal), not about access or the connection. */
function isStatementError(e: unknown): boolean {
  for (let x: unknown = e; x instanceof Error; x = x.cause) {
    const code = (x as { code?: unknown }).code
    if (typeof code === 'string' && /^(42(?!501)|22)[0-9A-Z]{3}$/.test(code)) return true
  }
  return false
}

function rootMessage(e: unknown): string {
  let x: unknown = e
  while (x instanceof Error && x.cause instanceof Error) x = x.cause
  return x instanceof Error ? x.message : String(x)
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000
}
