import { randomBytes } from 'node:crypto'
import type pg from 'pg'
import { StateError, TargetError, UsageError } from '../../core/errors.js'
import type { LoadStagingOptions } from '../../load/staging-options.js'
import type { ChunkWrite, LoadTarget, TargetTable } from '../../load/load-target.js'
import { pairTargetTables } from '../../load/target-tables.js'
import type { SourceTable } from '../../load/source-engine.js'
import { rowRejecter, type RejectedRow } from '../../values/transcode.js'
import { doneChunkSeqs, type LoadTablePlan } from '../postgres/control-schema-load.js'
import { qualifiedName } from '../postgres/pg-source-key-range.js'
import type { NonEmptyTable } from '../postgres/pg-target-state.js'
import { openRedshiftPool, withRedshift } from './redshift-connection.js'
import { BOOKKEEPING_DDL, BOOKKEEPING_TABLE, copyScript, copyStatement, manifestJson, type CopyTable } from './redshift-copy-sql.js'
import { csvLines } from './redshift-csv-values.js'
import { hasIdentityColumn, readRedshiftTable, readSliceCount, redshiftCsvColumn, stagedTable } from './redshift-load-catalog.js'
import { writeParts, type StagedPart } from './redshift-parts.js'
import { openStage, type Stage } from './redshift-stage.js'

/** What a chunk's staging left on the stage, written after its last part: its presence means the chunk is staged. */
interface ChunkRecord {
  readonly rows: number
  readonly bytes: number
  readonly parts: readonly StagedPart[]
  readonly rejects: readonly RejectedRow[]
}

export async function openRedshiftLoadTarget(url: string, o: LoadStagingOptions): Promise<LoadTarget> {
  if (!o.stage) {
    throw new UsageError('LOAD_STAGE_REQUIRED', 'a Redshift load stages its rows first: --stage is missing', {
      hint: 'Pass --stage s3://bucket/prefix (an S3 prefix the cluster can read), or --stage file:///dir --stage-only to write the files locally.',
    })
  }
  if (o.stage.startsWith('file:') && !o.stageOnly) {
    throw new UsageError('LOAD_STAGE_LOCAL', `--stage ${o.stage}: Redshift COPY reads S3, not this machine's files`, {
      hint: 'Add --stage-only to write the parts, manifests and copy.sql locally, or stage to s3://bucket/prefix.',
    })
  }
  if (o.stageOnly && !o.slices) {
    throw new UsageError('LOAD_SLICES_REQUIRED', '--stage-only does not connect to the cluster, so it cannot read its slice count: --slices is missing', {
      hint: 'Pass --slices N (SELECT count(*) FROM stv_slices on the cluster).',
    })
  }
  const stage = openStage(o.stage, o.s3Endpoint ? { s3Endpoint: o.s3Endpoint } : {})
  return new RedshiftLoadTarget(url, stage, o.stageOnly ? undefined : openRedshiftPool(url, 2), o.slices, o.iamRole)
}

/**
 * A Redshift target: each chunk's rows become gzip CSV parts on the stage (S3, or a local
 * directory with --stage-only), and once every chunk is staged each table is loaded by one COPY
 * of its manifest, in a Redshift transaction that also records the manifest as loaded. The run's
 * chunk claims live in the PostgreSQL state database; the cluster is only read (catalog, slices)
 * and written by the COPYs.
 */
class RedshiftLoadTarget implements LoadTarget {
  readonly engine = 'redshift'
  private run: { readonly id: number; readonly dir: string } | undefined
  private slices: number | undefined

  constructor(
    private readonly url: string,
    private readonly stage: Stage,
    /** Absent with --stage-only: nothing connects to the cluster. */
    private readonly pool: pg.Pool | undefined,
    slices: number | undefined,
    private readonly iamRole: string | undefined,
  ) {
    this.slices = slices
  }

  private cluster<T>(work: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    if (!this.pool) throw new Error('internal: --stage-only must not connect to the cluster')
    return withRedshift(this.pool, this.url, work)
  }

  async start(): Promise<string[]> {
    this.slices ??= await this.cluster(readSliceCount)
    return []
  }

  findTables(_state: pg.ClientBase, tables: readonly SourceTable[]): Promise<TargetTable[]> {
    if (!this.pool) return Promise.resolve(tables.map(stagedTable))
    return this.cluster((c) => pairTargetTables(tables, (schema, name) => readRedshiftTable(c, schema, name)))
  }

  async generatedColumns(): Promise<Map<string, Set<string>>> {
    return new Map()
  }

  chooseTransfer(): 'transcode' {
    return 'transcode'
  }

  async nonEmptyTables(_state: pg.ClientBase, tables: readonly { schema: string; name: string }[]): Promise<NonEmptyTable[]> {
    if (!this.pool) return []
    return this.cluster(async (c) => {
      const out: NonEmptyTable[] = []
      for (const t of tables) {
        const r = await c.query<{ n: string }>(`SELECT count(*) AS n FROM ${qualifiedName(t.schema, t.name)}`)
        const rows = Number(r.rows[0]?.n ?? 0)
        if (rows > 0) out.push({ ...t, rows })
      }
      return out
    })
  }

  /** Redshift does not enforce foreign keys: emptying a table breaks nothing it would refuse. */
  async blockingForeignKeys(): Promise<[]> {
    return []
  }

  async emptyTables(_state: pg.ClientBase, tables: readonly { schema: string; name: string }[]): Promise<void> {
    if (!this.pool) return
    // TRUNCATE commits by itself in Redshift: the tables are empty before the run is recorded,
    // and a failure after it leaves empty tables a rerun accepts.
    await this.cluster(async (c) => {
      for (const t of tables) await c.query(`TRUNCATE ${qualifiedName(t.schema, t.name)}`)
    })
  }

  newRunOptions(): Record<string, unknown> {
    return { stage: this.stage.root, stageToken: randomBytes(4).toString('hex') }
  }

  bindRun(run: { readonly id: number; readonly options: Record<string, unknown> }): void {
    const { stage, stageToken } = run.options as { stage?: string; stageToken?: string }
    if (stage !== this.stage.root || !stageToken) {
      throw new StateError('LOAD_STAGE_CHANGED', `run ${run.id} stages its files under ${stage ?? '(no stage)'}; this command names ${this.stage.root}`, {
        object: `run ${run.id}`,
        hint: `Rerun with --stage ${stage ?? '…'} to resume it, or start over with --restart.`,
      })
    }
    this.run = { id: run.id, dir: `run-${run.id}-${stageToken}` }
  }

  private dirOf(schema: string, name: string): string {
    if (!this.run) throw new Error('internal: a Redshift chunk was written before its run was bound')
    return `${this.run.dir}/${schema}.${name}`
  }

  /**
   * Stages one chunk as `slices` parts, then its record (chunk.json). A chunk whose record is on
   * the stage already (its state update was lost: a crash after staging) is not read or
   * written again; one staged only in part is written again whole, over its own keys.
   */
  async writeChunk(_state: pg.ClientBase, w: ChunkWrite): Promise<{ rows: number; bytes: number }> {
    const dir = `${this.dirOf(w.plan.schema, w.plan.name)}/c${w.chunk.seq}`
    const earlier = await this.stage.getText(`${dir}/chunk.json`)
    if (earlier !== undefined) {
      const record = JSON.parse(earlier) as ChunkRecord
      for (const r of record.rejects) w.onReject(r)
      return { rows: record.rows, bytes: record.bytes }
    }
    const parts = this.slices ?? 1
    const rejects: RejectedRow[] = []
    const toRejects = rowRejecter(w.plan.columns, w.plan.key ?? [], (r) => {
      rejects.push(r)
      w.onReject(r)
    })
    const rows = w.source.readChunkRows(w.chunk, w.plan.columns, w.at)
    const lines = csvLines(rows, w.plan.columns.map(redshiftCsvColumn), toRejects)
    const staged = await writeParts(
      this.stage,
      lines,
      { parts, rowsPerPart: Math.max(1, Math.ceil(w.chunk.estimatedRows / parts)), keyOf: (i) => `${dir}/part-${String(i).padStart(4, '0')}.csv.gz` },
      w.onBytes,
    )
    const record: ChunkRecord = { rows: staged.rows, bytes: staged.bytes, parts: staged.parts, rejects }
    await this.stage.putText(`${dir}/chunk.json`, JSON.stringify(record))
    return { rows: staged.rows, bytes: staged.bytes }
  }

  /** Writes each table's manifest, then COPYs it (at most once each), or with --stage-only writes copy.sql instead. */
  async finishTables(state: pg.ClientBase, plans: readonly LoadTablePlan[]): Promise<void> {
    if (!this.run) throw new Error('internal: a Redshift run was finished before it was bound')
    const seqs = await doneChunkSeqs(state, this.run.id)
    const tables: CopyTable[] = []
    for (const p of plans) {
      const dir = this.dirOf(p.schema, p.name)
      const parts: { url: string; bytes: number }[] = []
      let rows = 0
      for (const seq of seqs.get(`${p.schema}.${p.name}`) ?? []) {
        const text = await this.stage.getText(`${dir}/c${seq}/chunk.json`)
        if (text === undefined) {
          throw new TargetError('LOAD_STAGE_MISSING', `${p.schema}.${p.name} chunk ${seq} is done in the state database but its files are not on ${this.stage.root}`, {
            object: `${p.schema}.${p.name}#${seq}`,
            hint: 'The stage was emptied or changed under the run: start over with --restart.',
          })
        }
        const record = JSON.parse(text) as ChunkRecord
        rows += record.rows
        for (const part of record.parts) parts.push({ url: this.stage.urlOf(part.key), bytes: part.bytes })
      }
      const manifestKey = `${dir}.manifest`
      await this.stage.putText(manifestKey, manifestJson(parts))
      tables.push({ schema: p.targetSchema, name: p.targetName, columns: p.columns.map((c) => c.targetName), manifest: this.stage.urlOf(manifestKey), rows })
    }
    if (!this.pool) {
      await this.stage.putText(`${this.run.dir}/copy.sql`, copyScript(tables, this.iamRole))
      return
    }
    for (const t of tables) await this.copyOnce(t)
  }

  /**
   * COPY and the bookkeeping row commit together; the table lock makes a second finisher wait
   * and then find the row. A count COPY disagrees with is rolled back, never left half-believed.
   */
  private async copyOnce(t: CopyTable): Promise<void> {
    await this.cluster(async (c) => {
      for (const sql of BOOKKEEPING_DDL) await c.query(sql)
      await c.query('BEGIN')
      try {
        await c.query(`LOCK ${BOOKKEEPING_TABLE}`)
        const done = await c.query(`SELECT 1 FROM ${BOOKKEEPING_TABLE} WHERE manifest = $1`, [t.manifest])
        if ((done.rowCount ?? 0) > 0) {
          await c.query('ROLLBACK')
          return
        }
        await c.query(copyStatement({ ...t, identity: await hasIdentityColumn(c, t.schema, t.name) }, this.iamRole))
        const loaded = Number((await c.query<{ n: string }>('SELECT pg_last_copy_count() AS n')).rows[0]?.n)
        if (loaded !== t.rows) {
          throw new TargetError('LOAD_COPY_COUNT', `COPY of ${t.schema}.${t.name} loaded ${loaded} rows; ${t.rows} were staged (${t.manifest}); rolled back`, {
            object: `${t.schema}.${t.name}`,
            hint: 'Look at STL_LOAD_ERRORS on the cluster, then rerun the same command: the staged files are kept.',
          })
        }
        await c.query(`INSERT INTO ${BOOKKEEPING_TABLE} (manifest, target_table, rows) VALUES ($1, $2, $3)`, [t.manifest, `${t.schema}.${t.name}`, t.rows])
        await c.query('COMMIT')
      } catch (err) {
        await c.query('ROLLBACK').catch(() => undefined)
        throw err
      }
    })
  }

  async close(): Promise<void> {
    await this.pool?.end()
    await this.stage.close()
  }
}
