import pg from 'pg'
import { TargetError } from '../../core/errors.js'
import { redactUrl } from '../../config/redact.js'
import { selfCheckpointingSide, type ApplySide } from '../../cdc/replay-loop.js'
import type { ApplyStep, MultisetChange, NetChange } from '../../cdc/net-changes.js'
import { checkpointOfRow, type CdcCheckpoint } from '../postgres/control-schema-cdc.js'
import type { TargetTableMap } from '../postgres/pg-change-apply.js'
import {
  CHECKPOINT_DDL,
  CHECKPOINT_SELECT,
  checkpointInsert,
  checkpointUpdate,
  clearStageSql,
  createKeptSql,
  createStageSql,
  deleteStagedKeysSql,
  insertStagedSql,
  keylessDeleteSql,
  moveSql,
  patchSql,
  stageInserts,
  truncateSql,
  type Statement,
  type StagedRow,
} from './redshift-apply-sql.js'
import { redshiftPgConfig } from './redshift-connection.js'

/**
 * Source events per Redshift transaction. A Redshift commit is serialised on the leader node and
 * costs on the order of a hundred milliseconds however small, and each DELETE/INSERT scans the
 * target's blocks for the keys; so a batch should take seconds, not milliseconds: tens of
 * thousands of changes (the PostgreSQL default is 5,000). Net-change compaction also pays more
 * the longer the batch.
 */
export const REDSHIFT_APPLY_BATCH_EVENTS = 50_000

/** Redshift's "Serializable isolation violation" (error 1023): another transaction won; retrying from the checkpoint is safe. */
function isSerializationConflict(err: unknown): boolean {
  const e = err as { code?: string; message?: string }
  return e.code === '40001' || /serializable isolation violation/i.test(e.message ?? '')
}

/** Connection-level failures the replay loop reconnects after (it decides; these pass through untouched). */
function isConnectionLevel(err: unknown): boolean {
  const code = (err as { code?: string }).code
  return typeof code === 'string' && (/^(08|57P0)/.test(code) || ['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT'].includes(code))
}

/**
 * Applies net changes to Redshift (or any database that speaks its SQL: the tests use
 * PostgreSQL): per batch one transaction — stage, DELETE … USING, INSERT … SELECT, patch
 * UPDATEs, then the checkpoint row in godwit.cdc_target_checkpoint — so a crash at any point
 * leaves the target at the previous checkpoint with none of the batch. Redshift has no
 * savepoints, so a batch the target refuses cannot be narrowed to one change inside the
 * transaction: it stops the stream naming the batch's source positions and tables
 * (`--on-error dead-letter` is not available on Redshift). Keyless tables delete exactly n of m
 * identical rows without a row address (keylessDeleteSql).
 */
export class RedshiftChangeApplier {
  readonly #client: pg.Client
  readonly #tables: ReadonlyMap<string, TargetTableMap>
  readonly #streamId: number
  readonly #stage = new Map<string, string>()
  /** Keyless tables: where the copies of deleted rows are kept aside within a batch. */
  readonly #kept = new Map<string, string>()

  private constructor(client: pg.Client, tables: ReadonlyMap<string, TargetTableMap>, streamId: number) {
    this.#client = client
    this.#tables = tables
    this.#streamId = streamId
  }

  static async connect(url: string, tables: ReadonlyMap<string, TargetTableMap>, streamId: number): Promise<RedshiftChangeApplier> {
    const client = new pg.Client({ ...redshiftPgConfig(url), application_name: 'godwit cdc' })
    client.on('error', () => undefined)
    try {
      await client.connect()
    } catch (cause) {
      throw new TargetError('TARGET_CONNECT_FAILED', `redshift: cannot connect to ${redactUrl(url)}: ${redactUrl((cause as Error).message)}`, { cause })
    }
    const a = new RedshiftChangeApplier(client, tables, streamId)
    try {
      for (const s of CHECKPOINT_DDL) await client.query(s)
      let i = 0
      for (const t of tables.values()) {
        const n = i++
        await client.query(createStageSql(`gw_stage_${n}`, t))
        a.#stage.set(t.source, `gw_stage_${n}`)
        if (!t.key) {
          await client.query(createKeptSql(`gw_kept_${n}`, t))
          a.#kept.set(t.source, `gw_kept_${n}`)
        }
      }
    } catch (err) {
      await client.end().catch(() => undefined)
      throw err
    }
    return a
  }

  /** The checkpoint committed with the last batch; `start` (the stream's start in the state store) before the first. */
  async readCheckpoint(start: CdcCheckpoint): Promise<CdcCheckpoint> {
    const r = await this.#client.query(CHECKPOINT_SELECT, [String(this.#streamId)])
    const row = r.rows[0] as Record<string, unknown> | undefined
    return row ? checkpointOfRow(row) : start
  }

  /** The steps and the checkpoint in one transaction. */
  async applyBatch(steps: readonly ApplyStep[], checkpoint: CdcCheckpoint): Promise<void> {
    await this.#client.query('BEGIN')
    try {
      for (const s of steps) await this.#applyStep(s)
      await this.#writeCheckpoint(checkpoint)
      await this.#client.query('COMMIT')
    } catch (err) {
      await this.#client.query('ROLLBACK').catch(() => undefined)
      throw this.#classify(err, steps)
    }
  }

  async close(): Promise<void> {
    await this.#client.end().catch(() => undefined)
  }

  async #run(s: Statement | string): Promise<number> {
    const r = typeof s === 'string' ? await this.#client.query(s) : await this.#client.query(s.text, [...s.values])
    return r.rowCount ?? 0
  }

  #map(source: string): TargetTableMap {
    const t = this.#tables.get(source)
    if (!t) throw new Error(`no target mapping for ${source}`)
    return t
  }

  async #applyStep(s: ApplyStep): Promise<void> {
    switch (s.kind) {
      case 'truncate':
        for (const t of s.tables) await this.#run(truncateSql(this.#map(t)))
        return
      case 'move': {
        const t = this.#map(s.table)
        if ((await this.#run(moveSql(t, s.values, s.oldKey))) !== 1) throw new TargetError('CDC_APPLY_REFUSED', `${s.table}: a key-changing update found no row with key ${JSON.stringify(s.oldKey)} in the target (source position ${s.origin.position})`, { object: s.table })
        return
      }
      case 'rows':
        for (const [table, changes] of s.keyed) await this.#applyKeyed(this.#map(table), changes)
        for (const [table, m] of s.keyless) await this.#applyKeyless(this.#map(table), m)
    }
  }

  async #applyKeyless(t: TargetTableMap, m: MultisetChange): Promise<void> {
    const stage = this.#stage.get(t.source)!
    const kept = this.#kept.get(t.source)!
    const row = (op: 'X' | 'I', values: Readonly<Record<string, string | null>>): StagedRow => ({ op, group: 0, values: t.columns.map((c) => values[c.source] ?? null) })
    await this.#run(clearStageSql(stage))
    for (const s of stageInserts(stage, t, [...m.deletes.map((d) => row('X', d.values)), ...m.inserts.map((d) => row('I', d.values))])) await this.#run(s)
    if (m.deletes.length > 0) {
      const sql = keylessDeleteSql(stage, kept, t)
      await this.#run(clearStageSql(kept))
      await this.#run(sql.keep)
      const missing = Number((await this.#client.query<{ missing: string }>(sql.missing)).rows[0]!.missing)
      if (missing > 0) {
        throw new TargetError('CDC_APPLY_REFUSED', `${t.source}: ${missing} deleted or updated row(s) of this keyless table were not found in the target (source position ${m.deletes[0]!.origin.position})`, {
          object: t.source,
          hint: 'The target lost rows the source still has: validate the table (godwit validate) and reload it.',
        })
      }
      await this.#run(sql.remove)
      await this.#run(sql.restore)
    }
    if (m.inserts.length > 0) await this.#run(insertStagedSql(stage, t, 'I'))
  }

  async #applyKeyed(t: TargetTableMap, changes: ReadonlyMap<string, NetChange>): Promise<void> {
    const stage = this.#stage.get(t.source)!
    const groups = new Map<string, { id: number; columns: string[]; n: number }>()
    const rows: StagedRow[] = []
    let upserts = 0
    let deletes = 0
    for (const c of changes.values()) {
      let group = 0
      if (c.op === 'patch') {
        const known = t.columns.filter((x) => x.source in c.values).map((x) => x.target)
        const sig = known.join('\u0000')
        let g = groups.get(sig)
        if (!g) groups.set(sig, (g = { id: groups.size + 1, columns: known, n: 0 }))
        g.n++
        group = g.id
      }
      if (c.op === 'upsert') upserts++
      if (c.op === 'delete') deletes++
      rows.push({ op: c.op === 'delete' ? 'D' : c.op === 'upsert' ? 'U' : 'P', group, values: t.columns.map((x) => c.values[x.source] ?? null) })
    }
    await this.#run(clearStageSql(stage))
    for (const s of stageInserts(stage, t, rows)) await this.#run(s)
    if (deletes + upserts > 0) await this.#run(deleteStagedKeysSql(stage, t))
    if (upserts > 0) await this.#run(insertStagedSql(stage, t, 'U'))
    const key = new Set(t.key!.map((k) => t.columns.find((c) => c.source === k)!.target))
    for (const g of groups.values()) {
      const set = g.columns.filter((c) => !key.has(c))
      if (set.length === 0) continue
      const updated = await this.#run(patchSql(stage, t, g.id, set))
      if (updated < g.n) {
        throw new TargetError('CDC_APPLY_REFUSED', `${t.source}: ${g.n - updated} update(s) with unchanged TOASTed columns found no row with their key in the target`, {
          object: t.source,
          hint: 'The target lost rows the source still has: validate the table (godwit validate) and reload it.',
        })
      }
    }
  }

  async #writeCheckpoint(c: CdcCheckpoint): Promise<void> {
    const row = { streamId: this.#streamId, ...c, at: new Date() }
    if ((await this.#run(checkpointUpdate(row))) === 0) await this.#run(checkpointInsert(row))
  }

  /** Serialisation conflicts and lost connections are retried by the replay loop; anything else the target refused stops the stream, located. */
  #classify(err: unknown, steps: readonly ApplyStep[]): unknown {
    if (err instanceof TargetError) return err
    if (isSerializationConflict(err)) return Object.assign(err as object, { transient: true })
    if (isConnectionLevel(err)) return err
    const tables = [...new Set(steps.flatMap((s) => (s.kind === 'rows' ? [...s.keyed.keys(), ...s.keyless.keys()] : s.kind === 'move' ? [s.table] : s.tables)))]
    const positions = steps.flatMap((s) => (s.kind === 'rows' ? [...s.keyed.values()].flatMap((m) => [...m.values()].map((c) => c.origin.position)) : [s.origin.position]))
    const span = positions.length > 0 ? ` (source positions ${positions[0]} … ${positions[positions.length - 1]})` : ''
    return new TargetError('CDC_APPLY_REFUSED', `redshift refused a batch of changes to ${tables.join(', ')}${span}: ${(err as Error).message}`, {
      object: tables[0],
      hint: 'Nothing of the batch was applied; the checkpoint is where it was. Fix the target table (or the value) and start godwit cdc again: it resumes with this batch.',
      cause: err,
    })
  }
}

/** The replay loop's target side for Redshift: `start` is the stream's checkpoint in the state store, used until the target has its own. */
export async function openRedshiftApplySide(url: string, tables: ReadonlyMap<string, TargetTableMap>, streamId: number, start: CdcCheckpoint): Promise<ApplySide> {
  const a = await RedshiftChangeApplier.connect(url, tables, streamId)
  return selfCheckpointingSide(a, start)
}
