import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { pipeline } from 'node:stream/promises'
import { Readable } from 'node:stream'
import { TargetError } from '../../core/errors.js'
import type { ApplyStep, ChangeOrigin, MultisetChange, NetChange, Values } from '../../cdc/net-changes.js'
import { insertDeadLetters, selectCheckpoint, updateCheckpoint, type CdcCheckpoint, type DeadLetter } from './control-schema-cdc.js'

/** A source table and where its rows live in the target. */
export interface TargetTableMap {
  readonly source: string
  readonly targetSchema: string
  readonly targetName: string
  /** Source column name → target column name, for the columns the load moved. */
  readonly columns: readonly { readonly source: string; readonly target: string }[]
  /** Key in source column names; undefined for a keyless (REPLICA IDENTITY FULL) table. */
  readonly key?: readonly string[]
}

/** A change the target refused (constraint, value it cannot hold, row missing for a partial update). */
export class ApplyRejected extends Error {
  constructor(
    message: string,
    readonly sqlState: string | undefined,
  ) {
    super(message)
  }
}

/** One change that could not be applied, located: table, key, source position, reason. */
export type RejectedChange = DeadLetter

const q = (s: string): string => pg.escapeIdentifier(s)

function copyText(v: string | null | undefined): string {
  if (v === null || v === undefined) return '\\N'
  if (!/[\\\t\n\r]/.test(v)) return v
  return v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
}

/** SQLSTATE classes that mean "this data does not fit", not "the connection or server broke". */
function isDataError(err: unknown): boolean {
  const code = (err as { code?: string }).code
  return err instanceof ApplyRejected || (typeof code === 'string' && /^(22|23|42804|42P10|2BP01)/.test(code))
}

/** Source events per PostgreSQL transaction: a commit costs about a millisecond, so batches stay small and the lag low. */
export const PG_APPLY_BATCH_EVENTS = 5_000

/**
 * Applies net changes to a PostgreSQL target set-based: per table, the batch's rows go into a
 * temporary staging table by COPY, then one DELETE … USING, one INSERT … ON CONFLICT DO UPDATE and
 * one UPDATE … FROM per set of known columns; never one statement per change on that path. The
 * whole batch and its checkpoint commit in one transaction.
 */
export class PgChangeApplier {
  readonly #client: pg.Client
  readonly #tables: ReadonlyMap<string, TargetTableMap>
  readonly #stage = new Map<string, string>()
  /** Staging tables holding rows of an earlier step of the open transaction (ON COMMIT empties them only at the end). */
  readonly #dirty = new Set<string>()
  #replicaRole = false

  private constructor(client: pg.Client, tables: ReadonlyMap<string, TargetTableMap>) {
    this.#client = client
    this.#tables = tables
  }

  static async connect(url: string, tables: ReadonlyMap<string, TargetTableMap>): Promise<PgChangeApplier> {
    const client = new pg.Client({ connectionString: url })
    client.on('error', () => undefined)
    try {
      await client.connect()
    } catch (cause) {
      throw new TargetError('TARGET_CONNECT_FAILED', `postgres: cannot connect to the target: ${(cause as Error).message}`, { cause })
    }
    const a = new PgChangeApplier(client, tables)
    await a.#prepare()
    return a
  }

  /** Whether triggers and FK checks are skipped while applying (they would see batch order, not source order). */
  get replicaRole(): boolean {
    return this.#replicaRole
  }

  async #prepare(): Promise<void> {
    try {
      await this.#client.query('SET session_replication_role = replica')
      this.#replicaRole = true
    } catch {
      this.#replicaRole = false
    }
    let i = 0
    for (const t of this.#tables.values()) {
      const name = `gw_stage_${i++}`
      const cols = t.columns.map((c) => q(c.target)).join(', ')
      await this.#client.query(
        `CREATE TEMP TABLE ${name} ON COMMIT DELETE ROWS AS SELECT NULL::text AS gw_op, NULL::int AS gw_grp, NULL::int AS gw_idx, ${cols} FROM ${q(t.targetSchema)}.${q(t.targetName)} WITH NO DATA`,
      )
      this.#stage.set(t.source, name)
    }
  }

  /**
   * Applies the steps and the checkpoint in one transaction. A change the target refuses makes the
   * whole batch roll back; it is then applied again change by change (savepoints) to find the
   * refused ones: `onRejected` 'stop' throws naming the first, 'dead-letter' stores them in
   * godwit.cdc_dead_letters within the same transaction and applies the rest.
   */
  async applyBatch(streamId: number, steps: readonly ApplyStep[], checkpoint: CdcCheckpoint, onRejected: 'stop' | 'dead-letter'): Promise<readonly RejectedChange[]> {
    try {
      await this.#inTransaction(async () => {
        for (const s of steps) await this.#applyStep(s)
        await updateCheckpoint(this.#client, streamId, checkpoint)
      })
      return []
    } catch (err) {
      if (!isDataError(err)) throw err
    }
    const rejected: RejectedChange[] = []
    await this.#inTransaction(async () => {
      for (const s of steps) {
        for (const single of splitStep(s, (t) => this.#map(t).key ?? [])) {
          await this.#client.query('SAVEPOINT gw_change')
          try {
            await this.#applyStep(single.step)
            await this.#client.query('RELEASE SAVEPOINT gw_change')
          } catch (err) {
            if (!isDataError(err)) throw err
            await this.#client.query('ROLLBACK TO SAVEPOINT gw_change')
            const r = this.#rejection(single, err as Error)
            if (onRejected === 'stop') throw new ApplyStopped(r)
            rejected.push(r)
          }
        }
      }
      await insertDeadLetters(this.#client, streamId, rejected)
      await updateCheckpoint(this.#client, streamId, checkpoint)
    })
    return rejected
  }

  async close(): Promise<void> {
    await this.#client.end().catch(() => undefined)
  }

  async readCheckpoint(streamId: number): Promise<CdcCheckpoint | undefined> {
    return selectCheckpoint(this.#client, streamId)
  }

  /** INSERT … ON CONFLICT needs a unique index on exactly the key; the load may have taken it off (--defer-indexes). */
  async checkKeys(): Promise<void> {
    for (const t of this.#tables.values()) {
      if (!t.key) continue
      const cols = t.key.map((k) => t.columns.find((c) => c.source === k)?.target ?? k).sort()
      const r = await this.#client.query(
        `SELECT 1 FROM pg_index i WHERE i.indrelid = $1::regclass AND i.indisunique AND i.indpred IS NULL
            AND (SELECT array_agg(a.attname::text ORDER BY a.attname::text) FROM pg_attribute a WHERE a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)) = $2::text[]`,
        [`${q(t.targetSchema)}.${q(t.targetName)}`, cols],
      )
      if (r.rowCount === 0) {
        throw new TargetError('CDC_TARGET_KEY', `${t.targetSchema}.${t.targetName} has no unique index on (${cols.join(', ')}), the key changes are applied by`, {
          object: `${t.targetSchema}.${t.targetName}`,
          hint: 'Let the load finish (it restores deferred indexes), or create the primary key on the target, then start godwit cdc.',
        })
      }
    }
  }

  #rejection(single: SingleChange, err: Error): RejectedChange {
    return {
      table: single.table,
      op: single.op,
      ...(single.key ? { key: single.key } : {}),
      ...(single.row ? { row: single.row } : {}),
      position: single.origin.position,
      txId: single.origin.txId,
      ...((err as { code?: string }).code ? { errorCode: (err as { code?: string }).code } : {}),
      error: err.message,
    }
  }

  async #inTransaction(work: () => Promise<void>): Promise<void> {
    await this.#client.query('BEGIN')
    try {
      await work()
      await this.#client.query('COMMIT')
    } catch (err) {
      await this.#client.query('ROLLBACK').catch(() => undefined)
      throw err
    } finally {
      this.#dirty.clear()
    }
  }

  #map(source: string): TargetTableMap {
    const t = this.#tables.get(source)
    if (!t) throw new Error(`no target mapping for ${source}`)
    return t
  }

  async #applyStep(s: ApplyStep): Promise<void> {
    if (s.kind === 'truncate') {
      const names = s.tables.map((t) => this.#map(t)).map((t) => `${q(t.targetSchema)}.${q(t.targetName)}`)
      await this.#client.query(`TRUNCATE ${names.join(', ')}${s.restartIdentity ? ' RESTART IDENTITY' : ''}`)
      return
    }
    if (s.kind === 'move') {
      await this.#move(s)
      return
    }
    for (const [table, changes] of s.keyed) await this.#applyKeyed(this.#map(table), changes)
    for (const [table, m] of s.keyless) await this.#applyKeyless(this.#map(table), m)
  }

  async #copyStage(t: TargetTableMap, lines: string[]): Promise<void> {
    const stage = this.#stage.get(t.source)!
    if (this.#dirty.has(stage)) await this.#client.query(`TRUNCATE ${stage}`)
    this.#dirty.add(stage)
    const cols = ['gw_op', 'gw_grp', 'gw_idx', ...t.columns.map((c) => c.target)].map(q).join(', ')
    const copy = this.#client.query(copyFrom(`COPY ${stage} (${cols}) FROM STDIN`))
    await pipeline(Readable.from(chunked(lines)), copy)
  }

  async #applyKeyed(t: TargetTableMap, changes: ReadonlyMap<string, NetChange>): Promise<void> {
    const stage = this.#stage.get(t.source)!
    const target = `${q(t.targetSchema)}.${q(t.targetName)}`
    const key = t.key!
    const keyTarget = key.map((k) => t.columns.find((c) => c.source === k)!.target)
    const groups = new Map<string, { id: number; cols: string[]; n: number }>()
    const lines: string[] = []
    let idx = 0
    let deletes = 0
    let upserts = 0
    for (const c of changes.values()) {
      let grp = 0
      let op = 'D'
      if (c.op === 'delete') deletes++
      else if (c.op === 'upsert') {
        op = 'U'
        upserts++
      } else {
        op = 'P'
        const cols = t.columns.map((x) => x.source).filter((x) => x in c.values)
        const sig = cols.join('\u0000')
        let g = groups.get(sig)
        if (!g) groups.set(sig, (g = { id: groups.size + 1, cols, n: 0 }))
        g.n++
        grp = g.id
      }
      lines.push(`${op}\t${grp}\t${idx++}\t${t.columns.map((x) => copyText(c.values[x.source])).join('\t')}\n`)
    }
    // No ANALYZE of the stage: the planner sizes a fresh temp table from its pages, enough for
    // index lookups into the target; measured, ANALYZE cost more per batch than it saved.
    await this.#copyStage(t, lines)
    const on = keyTarget.map((k) => `t.${q(k)} = s.${q(k)}`).join(' AND ')
    if (deletes > 0) await this.#client.query(`DELETE FROM ${target} t USING ${stage} s WHERE s.gw_op IN ('D') AND ${on}`)
    if (upserts > 0) {
      // The source's identity values are the rows' values: GENERATED ALWAYS must not refuse them.
      const all = t.columns.map((c) => q(c.target))
      const rest = t.columns.filter((c) => !keyTarget.includes(c.target)).map((c) => `${q(c.target)} = EXCLUDED.${q(c.target)}`)
      await this.#client.query(
        `INSERT INTO ${target} (${all.join(', ')}) OVERRIDING SYSTEM VALUE SELECT ${all.join(', ')} FROM ${stage} WHERE gw_op = 'U'
         ON CONFLICT (${keyTarget.map(q).join(', ')}) DO ${rest.length > 0 ? `UPDATE SET ${rest.join(', ')}` : 'NOTHING'}`,
      )
    }
    for (const g of groups.values()) {
      const set = g.cols.filter((c) => !key.includes(c)).map((c) => t.columns.find((x) => x.source === c)!.target)
      if (set.length === 0) continue
      const r = await this.#client.query(`UPDATE ${target} t SET ${set.map((c) => `${q(c)} = s.${q(c)}`).join(', ')} FROM ${stage} s WHERE s.gw_op = 'P' AND s.gw_grp = ${g.id} AND ${on}`)
      if ((r.rowCount ?? 0) < g.n) {
        const missing = await this.#client.query(
          `SELECT s.gw_idx FROM ${stage} s WHERE s.gw_op = 'P' AND s.gw_grp = ${g.id} AND NOT EXISTS (SELECT 1 FROM ${target} t WHERE ${on}) ORDER BY s.gw_idx LIMIT 1`,
        )
        const i = (missing.rows[0] as { gw_idx: number } | undefined)?.gw_idx ?? 0
        const c = [...changes.values()][i]!
        throw new ApplyRejected(`${t.source}: an update with unchanged TOASTed columns found no row with key ${JSON.stringify(pickKey(c.values, key))} in the target (source position ${c.origin.position})`, undefined)
      }
    }
  }

  async #applyKeyless(t: TargetTableMap, m: MultisetChange): Promise<void> {
    const stage = this.#stage.get(t.source)!
    const target = `${q(t.targetSchema)}.${q(t.targetName)}`
    const lines: string[] = []
    let idx = 0
    for (const d of m.deletes) lines.push(`X\t0\t${idx++}\t${t.columns.map((x) => copyText(d.values[x.source])).join('\t')}\n`)
    for (const d of m.inserts) lines.push(`I\t0\t${idx++}\t${t.columns.map((x) => copyText(d.values[x.source])).join('\t')}\n`)
    await this.#copyStage(t, lines)
    const rowOf = (alias: string): string => `ROW(${t.columns.map((c) => `${alias}.${q(c.target)}`).join(', ')})::text`
    if (m.deletes.length > 0) {
      // Delete exactly n of the rows equal to each deleted row (duplicates are allowed without a key).
      const r = await this.#client.query(
        `WITH d AS (SELECT ${rowOf('s')} AS r, count(*) AS n FROM ${stage} s WHERE s.gw_op = 'X' GROUP BY 1),
              c AS (SELECT t.ctid AS id, ${rowOf('t')} AS r, row_number() OVER (PARTITION BY ${rowOf('t')}) AS rn FROM ${target} t WHERE ${rowOf('t')} IN (SELECT r FROM d))
         DELETE FROM ${target} WHERE ctid IN (SELECT c.id FROM c JOIN d ON d.r = c.r AND c.rn <= d.n)`,
      )
      if ((r.rowCount ?? 0) < m.deletes.length) {
        throw new ApplyRejected(`${t.source}: ${m.deletes.length - (r.rowCount ?? 0)} deleted or updated row(s) of this keyless table were not found in the target (source position ${m.deletes[0]!.origin.position})`, undefined)
      }
    }
    if (m.inserts.length > 0) {
      const all = t.columns.map((c) => q(c.target)).join(', ')
      await this.#client.query(`INSERT INTO ${target} (${all}) OVERRIDING SYSTEM VALUE SELECT ${all} FROM ${stage} WHERE gw_op = 'I'`)
    }
  }

  async #move(s: Extract<ApplyStep, { kind: 'move' }>): Promise<void> {
    const t = this.#map(s.table)
    const set = t.columns.filter((c) => c.source in s.values)
    const where = t.key!.map((k, i) => `${q(t.columns.find((c) => c.source === k)!.target)} = $${set.length + i + 1}`)
    const params = [...set.map((c) => s.values[c.source]), ...t.key!.map((k) => s.oldKey[k])]
    const r = await this.#client.query(`UPDATE ${q(t.targetSchema)}.${q(t.targetName)} SET ${set.map((c, i) => `${q(c.target)} = $${i + 1}`).join(', ')} WHERE ${where.join(' AND ')}`, params)
    if (r.rowCount !== 1) throw new ApplyRejected(`${s.table}: a key-changing update found no row with key ${JSON.stringify(s.oldKey)} in the target (source position ${s.origin.position})`, undefined)
  }
}

/** `--on-error stop`: the first refused change of the batch, with where it came from. */
export class ApplyStopped extends Error {
  constructor(readonly rejected: RejectedChange) {
    super(`${rejected.table}: ${rejected.op} of key ${JSON.stringify(rejected.key ?? rejected.row)} at source position ${rejected.position} (transaction ${rejected.txId}) was refused: ${rejected.error}`)
  }
}

interface SingleChange {
  readonly step: ApplyStep
  readonly table: string
  readonly op: string
  readonly key?: Values
  readonly row?: Values
  readonly origin: ChangeOrigin
}

function pickKey(values: Values, key: readonly string[]): Values {
  return Object.fromEntries(key.map((k) => [k, values[k] ?? null]))
}

/** A step cut into one-change steps, for finding the changes a target refuses. */
function splitStep(s: ApplyStep, keyOf: (table: string) => readonly string[]): SingleChange[] {
  if (s.kind === 'truncate') return [{ step: s, table: s.tables.join(', '), op: 'truncate', origin: s.origin }]
  if (s.kind === 'move') return [{ step: s, table: s.table, op: 'update', key: s.oldKey, row: s.values, origin: s.origin }]
  const out: SingleChange[] = []
  for (const [table, changes] of s.keyed) {
    for (const [k, c] of changes) {
      out.push({ step: { kind: 'rows', keyed: new Map([[table, new Map([[k, c]])]]), keyless: new Map() }, table, op: c.op, key: pickKey(c.values, keyOf(table)), row: c.op === 'delete' ? undefined : c.values, origin: c.origin })
    }
  }
  for (const [table, m] of s.keyless) {
    for (const d of m.deletes) out.push({ step: { kind: 'rows', keyed: new Map(), keyless: new Map([[table, { deletes: [d], inserts: [] }]]) }, table, op: 'delete', row: d.values, origin: d.origin })
    for (const d of m.inserts) out.push({ step: { kind: 'rows', keyed: new Map(), keyless: new Map([[table, { deletes: [], inserts: [d] }]]) }, table, op: 'insert', row: d.values, origin: d.origin })
  }
  return out
}


function* chunked(lines: readonly string[]): Generator<string> {
  for (let i = 0; i < lines.length; i += 1000) yield lines.slice(i, i + 1000).join('')
}
