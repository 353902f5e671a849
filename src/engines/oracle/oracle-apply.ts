import { selfCheckpointingSide, type ApplySide } from '../../cdc/replay-loop.js'
import type { ApplyStep, MultisetChange, NetChange, Values } from '../../cdc/net-changes.js'
import { GodwitError, TargetError } from '../../core/errors.js'
import { ValueRejected } from '../../values/value-rejected.js'
import { checkpointOfRow, type CdcCheckpoint } from '../postgres/control-schema-cdc.js'
import type { TargetTableMap } from '../postgres/pg-change-apply.js'
import {
  CHECKPOINT_DDL,
  CHECKPOINT_EXISTS,
  CHECKPOINT_MERGE,
  CHECKPOINT_SELECT,
  checkpointBinds,
  COLUMNS_SQL,
  DEFER_CONSTRAINTS,
  deleteByKeySql,
  insertSql,
  keylessDeleteSql,
  moveSql,
  truncateSql,
  updateByKeySql,
  type OracleApplyStatement,
  type OracleApplyTable,
  type OracleBinds,
} from './oracle-apply-sql.js'
import { oracleApplyColumn, oracleBindValue, unwritableReason, type OracleColumnRow } from './oracle-apply-values.js'
import { connectOracle, ORACLE_RETRYABLE_CODES, oracleTargetError, parseOracleUrl, type OracleWriteSession } from './oracle-connection.js'
import { ORACLE_EXTRACT_SESSION } from './oracle-extract-sql.js'

/**
 * Source events per Oracle transaction. A commit costs a redo log write (milliseconds) and
 * executeMany sends a table's rows in one round trip, so batches a little larger than
 * PostgreSQL's keep the lag low without long-held row locks on the old source.
 */
export const ORACLE_APPLY_BATCH_EVENTS = 5_000

/** One unit of a batch's work, its binds already converted and checked. */
type Work =
  | { readonly kind: 'many'; readonly table: string; readonly sql: string; readonly rows: readonly OracleBinds[]; readonly keys: readonly Values[]; readonly mustFind: boolean }
  | { readonly kind: 'upsert'; readonly table: string; readonly update: string; readonly insert: string; readonly updateRows: readonly OracleBinds[]; readonly insertRows: readonly OracleBinds[]; readonly keys: readonly Values[] }
  | { readonly kind: 'one'; readonly table: string; readonly sql: string; readonly binds: OracleBinds; readonly expect?: number; readonly what: string }

/**
 * Applies net changes to Oracle — cdc --reverse after a cutover from Oracle: per batch one
 * transaction with the checkpoint row in GODWIT_CDC_CHECKPOINT, so a crash resumes exactly
 * where the last commit left it. Every value is converted and checked before the first
 * statement is sent; any refusal (a value, a missing row, the server) rolls the whole batch
 * back and stops the stream naming the table, the key and — for a value — the column.
 * Keyless tables: n of m identical rows are deleted by ROWNUM (tables with LOB columns are
 * refused: Oracle cannot compare LOBs with =).
 */
export class OracleChangeApplier {
  readonly #session: OracleWriteSession
  readonly #tables: ReadonlyMap<string, OracleApplyTable>
  readonly #streamId: number

  private constructor(session: OracleWriteSession, tables: ReadonlyMap<string, OracleApplyTable>, streamId: number) {
    this.#session = session
    this.#tables = tables
    this.#streamId = streamId
  }

  /** Sets the session up, creates the checkpoint table when missing, reads the tables' columns from the dictionary. */
  static async open(session: OracleWriteSession, maps: ReadonlyMap<string, TargetTableMap>, streamId: number): Promise<OracleChangeApplier> {
    try {
      for (const s of ORACLE_EXTRACT_SESSION) await session.query(s)
      if ((await session.query(CHECKPOINT_EXISTS)).length === 0) {
        await session.query(CHECKPOINT_DDL).catch((e: Error) => {
          if (!/ORA-00955/.test(e.message)) throw e // another process created it meanwhile
        })
      }
      const tables = new Map<string, OracleApplyTable>()
      for (const m of maps.values()) tables.set(m.source, await resolveTable(session, m))
      return new OracleChangeApplier(session, tables, streamId)
    } catch (e) {
      await session.close().catch(() => undefined)
      throw oracleTargetError(e, session.url)
    }
  }

  /** The checkpoint committed with the last batch; `start` (the stream's start in the state store) before the first. */
  async readCheckpoint(start: CdcCheckpoint): Promise<CdcCheckpoint> {
    const rows = await this.#session.query<Record<string, string | null>>(CHECKPOINT_SELECT, { stream_id: String(this.#streamId) }).catch((e: unknown) => {
      throw oracleTargetError(e, this.#session.url)
    })
    const row = rows[0]
    return row ? checkpointOfRow({ ...row, commit_time: row.commit_time ? new Date(row.commit_time) : null }) : start
  }

  /** The steps and the checkpoint in one Oracle transaction; nothing is sent when a value is refused. */
  async applyBatch(steps: readonly ApplyStep[], checkpoint: CdcCheckpoint): Promise<void> {
    const work = steps.flatMap((s) => this.#plan(s))
    let at: { table: string; keys?: readonly Values[] } | undefined
    try {
      await this.#session.execute(DEFER_CONSTRAINTS, {})
      for (const w of work) {
        at = { table: w.table, ...(w.kind === 'one' ? {} : { keys: w.keys }) }
        await this.#run(w)
      }
      at = undefined
      await this.#session.execute(CHECKPOINT_MERGE, checkpointBinds(this.#streamId, checkpoint))
      await this.#session.commit()
    } catch (err) {
      await this.#session.rollback().catch(() => undefined)
      throw this.#classify(err, at)
    }
  }

  async close(): Promise<void> {
    await this.#session.close().catch(() => undefined)
  }

  async #run(w: Work): Promise<void> {
    switch (w.kind) {
      case 'one': {
        const n = await this.#session.execute(w.sql, w.binds)
        if (w.expect !== undefined && n !== w.expect) throw missingRows(w.table, `${w.what}: ${n} row(s) of ${w.expect} found`)
        return
      }
      case 'many': {
        const counts = await this.#session.executeMany(w.sql, w.rows)
        const missing = w.mustFind ? counts.findIndex((n) => n === 0) : -1
        if (missing >= 0) throw missingRows(w.table, `an update with unchanged TOASTed columns found no row with key ${JSON.stringify(w.keys[missing])}`)
        return
      }
      case 'upsert': {
        const counts = await this.#session.executeMany(w.update, w.updateRows)
        const absent = w.insertRows.filter((_, i) => counts[i] === 0)
        if (absent.length > 0) await this.#session.executeMany(w.insert, absent)
        return
      }
    }
  }

  #table(source: string): OracleApplyTable {
    const t = this.#tables.get(source)
    if (!t) throw new Error(`internal: no Oracle table for ${source}`)
    return t
  }

  #plan(s: ApplyStep): Work[] {
    switch (s.kind) {
      case 'truncate':
        return s.tables.map((name) => ({ kind: 'one', table: name, sql: truncateSql(this.#table(name)), binds: {}, what: 'TRUNCATE' }))
      case 'move': {
        const t = this.#table(s.table)
        const set = t.map.columns.flatMap((c, i) => (c.source in s.values ? [i] : []))
        const stmt = moveSql(t, set)
        const binds = bindRow(t, stmt, s.values, s.oldKey, s.origin.position)
        return [{ kind: 'one', table: s.table, sql: stmt.sql, binds, expect: 1, what: `a key-changing update of key ${JSON.stringify(s.oldKey)} (source position ${s.origin.position})` }]
      }
      case 'rows':
        return [...[...s.keyed].flatMap(([name, changes]) => this.#keyed(this.#table(name), changes)), ...[...s.keyless].flatMap(([name, m]) => this.#keyless(this.#table(name), m))]
    }
  }

  #keyed(t: OracleApplyTable, changes: ReadonlyMap<string, NetChange>): Work[] {
    const table = t.map.source
    const all = t.columns.map((_, i) => i)
    const del = deleteByKeySql(t)
    const upd = updateByKeySql(t, all)
    const ins = insertSql(t)
    const deletes: { rows: OracleBinds[]; keys: Values[] } = { rows: [], keys: [] }
    const upserts: { updateRows: OracleBinds[]; insertRows: OracleBinds[]; keys: Values[] } = { updateRows: [], insertRows: [], keys: [] }
    const patches = new Map<string, { stmt: OracleApplyStatement; rows: OracleBinds[]; keys: Values[] }>()
    for (const c of changes.values()) {
      const key = keyOf(t, c.values)
      switch (c.op) {
        case 'delete':
          deletes.rows.push(bindRow(t, del, c.values, undefined, c.origin.position))
          deletes.keys.push(key)
          break
        case 'upsert':
          upserts.updateRows.push(bindRow(t, upd, c.values, undefined, c.origin.position))
          upserts.insertRows.push(bindRow(t, ins, c.values, undefined, c.origin.position))
          upserts.keys.push(key)
          break
        case 'patch': {
          const known = t.map.columns.flatMap((col, i) => (col.source in c.values ? [i] : []))
          const sig = known.join(',')
          let p = patches.get(sig)
          if (!p) patches.set(sig, (p = { stmt: updateByKeySql(t, known), rows: [], keys: [] }))
          p.rows.push(bindRow(t, p.stmt, c.values, undefined, c.origin.position))
          p.keys.push(key)
          break
        }
      }
    }
    const out: Work[] = []
    if (deletes.rows.length > 0) out.push({ kind: 'many', table, sql: del.sql, rows: deletes.rows, keys: deletes.keys, mustFind: false })
    if (upserts.keys.length > 0) out.push({ kind: 'upsert', table, update: upd.sql, insert: ins.sql, ...upserts })
    for (const p of patches.values()) out.push({ kind: 'many', table, sql: p.stmt.sql, rows: p.rows, keys: p.keys, mustFind: true })
    return out
  }

  #keyless(t: OracleApplyTable, m: MultisetChange): Work[] {
    const table = t.map.source
    const del = keylessDeleteSql(t)
    const ins = insertSql(t)
    const groups = new Map<string, { values: Values; n: number; position: string }>()
    for (const d of m.deletes) {
      const k = JSON.stringify(t.map.columns.map((c) => d.values[c.source] ?? null))
      const g = groups.get(k)
      if (g) g.n++
      else groups.set(k, { values: d.values, n: 1, position: d.origin.position })
    }
    const out: Work[] = [...groups.values()].map((g) => ({
      kind: 'one' as const,
      table,
      sql: del.sql,
      binds: { ...bindRow(t, del, g.values, undefined, g.position), n: String(g.n) },
      expect: g.n,
      what: `deleting ${g.n} of the identical rows ${JSON.stringify(g.values)} of this keyless table (source position ${g.position})`,
    }))
    if (m.inserts.length > 0) out.push({ kind: 'many', table, sql: ins.sql, rows: m.inserts.map((r) => bindRow(t, ins, r.values, undefined, r.origin.position)), keys: m.inserts.map((r) => r.values), mustFind: false })
    return out
  }

  /** Retryable failures go back to the replay loop as such; anything else the server refused stops the stream, located. */
  #classify(err: unknown, at: { table: string; keys?: readonly Values[] } | undefined): unknown {
    if (err instanceof GodwitError && (err.code === 'CDC_VALUE_REFUSED' || err.code === 'CDC_APPLY_REFUSED')) return err
    const e = oracleTargetError(err, this.#session.url)
    if (ORACLE_RETRYABLE_CODES.includes(e.code)) return Object.assign(e, { transient: true })
    // node-oracledb sets `offset` to the failing row of an executeMany without batchErrors.
    const offset = (driverCause(err) as { offset?: unknown } | undefined)?.offset
    const key = typeof offset === 'number' && at?.keys?.[offset] ? ` (row with key ${JSON.stringify(at.keys[offset])})` : ''
    const where = at ? `${oracleName(this.#tables.get(at.table))}${key}` : 'the checkpoint row'
    return new TargetError('CDC_APPLY_REFUSED', `Oracle refused a change to ${where}: ${e.message} [${e.code}]`, {
      object: at?.table ?? 'GODWIT_CDC_CHECKPOINT',
      hint: `${e.hint ?? ''} Nothing of the batch was applied; the checkpoint is where it was, and godwit cdc --reverse resumes with this batch.`.trim(),
      cause: err,
    })
  }
}

function driverCause(err: unknown): unknown {
  return err instanceof Error && err.cause !== undefined ? err.cause : err
}

function oracleName(t: OracleApplyTable | undefined): string {
  return t ? `${t.map.targetSchema}.${t.map.targetName} (from ${t.map.source})` : 'an unknown table'
}

function missingRows(table: string, detail: string): TargetError {
  return new TargetError('CDC_APPLY_REFUSED', `${table}: ${detail} in the Oracle table`, {
    object: table,
    hint: 'The old source lost rows the new database still has (or something else changed it after the switch): validate the table, fix the rows, then start godwit cdc --reverse again. Nothing of the batch was applied.',
  })
}

function keyOf(t: OracleApplyTable, values: Values): Values {
  const out: Record<string, string | null> = {}
  for (const k of t.map.key ?? []) out[k] = values[k] ?? null
  return out
}

/**
 * The binds of one row for a statement: `c<i>` the i-th column's new value, `k<i>` its old key
 * value. A value Oracle cannot hold stops here, before anything of the batch is sent.
 */
function bindRow(t: OracleApplyTable, stmt: OracleApplyStatement, values: Values, oldKey: Values | undefined, position: string): OracleBinds {
  const out: OracleBinds = {}
  for (const b of stmt.binds) {
    const i = Number(b.name.slice(1))
    const from = b.name.startsWith('k') ? oldKey! : values
    const source = t.map.columns[i]!.source
    try {
      out[b.name] = oracleBindValue(from[source] ?? null, b.column)
    } catch (e) {
      if (!(e instanceof ValueRejected)) throw e
      const key = JSON.stringify(keyOf(t, oldKey ?? values))
      throw new TargetError('CDC_VALUE_REFUSED', `${t.map.targetSchema}.${t.map.targetName}.${b.column.name} cannot hold the value of ${t.map.source}.${source} for the row with key ${key} (source position ${position}): ${e.reason}`, {
        object: `${t.map.targetSchema}.${t.map.targetName}.${b.column.name}`,
        hint: 'Nothing of the batch was applied. Widen the Oracle column (e.g. VARCHAR2(n CHAR), a larger NUMBER or TIMESTAMP precision), then start godwit cdc --reverse again: it resumes with this batch. Changing the row on PostgreSQL does not help: the change is already in its log.',
      })
    }
  }
  return out
}

/** A target table map checked against the Oracle dictionary: every mapped column there and writable. */
async function resolveTable(session: OracleWriteSession, m: TargetTableMap): Promise<OracleApplyTable> {
  const rows = await session.query<OracleColumnRow>(COLUMNS_SQL, { owner: m.targetSchema, name: m.targetName })
  const name = `${m.targetSchema}.${m.targetName}`
  if (rows.length === 0) {
    throw new TargetError('CDC_TARGET_TABLES', `${name} (where ${m.source} goes back to) is not a table the Oracle user can see in ALL_TAB_COLUMNS`, { object: name, hint: 'Connect as the owner of the migrated tables, or grant the user SELECT, INSERT, UPDATE and DELETE on them.' })
  }
  const byName = new Map(rows.map((r) => [r.COLUMN_NAME, r]))
  const columns = m.columns.map((c) => {
    const r = byName.get(c.target)
    if (!r) throw new TargetError('CDC_TARGET_TABLES', `${name} has no column ${c.target} (for ${m.source}.${c.source})`, { object: `${name}.${c.target}`, hint: 'The Oracle table changed since the load: restore the column, then start godwit cdc --reverse again.' })
    const col = oracleApplyColumn(r, m.targetSchema)
    const why = unwritableReason(col)
    if (why) throw new TargetError('CDC_TARGET_TABLES', `${name}.${c.target}: ${why}`, { object: `${name}.${c.target}`, hint: 'Leave the table out of the migration, or go back with the manual plan of the cutover report.' })
    return col
  })
  const key = m.key?.map((k) => m.columns.findIndex((c) => c.source === k))
  if (key?.some((i) => i < 0)) throw new TargetError('CDC_TARGET_TABLES', `${name}: a key column of ${m.source} is not among its mapped columns`, { object: name })
  if (!key) {
    const lob = columns.find((c) => c.type.kind === 'clob' || c.type.kind === 'xml' || c.type.kind === 'json' || (c.type.kind === 'binary' && c.maxBytes === undefined))
    if (lob) {
      throw new TargetError('CDC_KEYLESS_LOB', `${name} has no key and a LOB column ${lob.name}: a deleted or updated row cannot be found in Oracle by comparing values (LOBs do not compare with =)`, {
        object: name,
        hint: 'Add a primary key (or a unique NOT NULL column) to the table on both sides, or leave it out of the fall-back.',
      })
    }
  }
  return { map: m, columns, ...(key ? { key } : {}) }
}

export type OracleConnect = (url: string) => Promise<OracleWriteSession>

async function openApplier(url: string, maps: ReadonlyMap<string, TargetTableMap>, streamId: number, connect: OracleConnect): Promise<OracleChangeApplier> {
  const session = await connect(url).catch((e: unknown) => {
    throw oracleTargetError(e, parseOracleUrl(url))
  })
  return OracleChangeApplier.open(session, maps, streamId)
}

/** Before the stream starts: every mapped Oracle table and column is there and writable, and the checkpoint table exists. */
export async function checkOracleApplyTarget(url: string, maps: ReadonlyMap<string, TargetTableMap>, streamId: number, connect: OracleConnect = connectOracle): Promise<void> {
  await (await openApplier(url, maps, streamId, connect)).close()
}

/** The replay loop's target side for Oracle: `start` is the stream's checkpoint in the state store, used until Oracle has its own. */
export async function openOracleApplySide(url: string, maps: ReadonlyMap<string, TargetTableMap>, streamId: number, start: CdcCheckpoint, connect: OracleConnect = connectOracle): Promise<ApplySide> {
  const a = await openApplier(url, maps, streamId, connect)
  return selfCheckpointingSide(a, start)
}
