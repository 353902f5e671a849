import type { ChangeEvent, RowImage, SourceTransaction } from '../model/change-event.js'

/** A table as apply sees it, in SOURCE column names. `key` undefined: keyless (REPLICA IDENTITY FULL). */
export interface ApplyTable {
  readonly columns: readonly string[]
  readonly key?: readonly string[]
}

export type Values = Readonly<Record<string, string | null>>

/** Where a net change came from, for error messages and dead letters. */
export interface ChangeOrigin {
  readonly position: string
  readonly txId: string
}

/** The net effect of a batch on one key. */
export type NetChange =
  | { readonly op: 'upsert'; readonly values: Values; readonly origin: ChangeOrigin }
  /** Some columns unknown (unchanged TOAST): an UPDATE of the known ones; the row must exist. */
  | { readonly op: 'patch'; readonly values: Values; readonly origin: ChangeOrigin }
  | { readonly op: 'delete'; readonly values: Values; readonly origin: ChangeOrigin }

/** Keyless table: whole rows to delete (one matching row per entry) and to insert. */
export interface MultisetChange {
  readonly deletes: { readonly values: Values; readonly origin: ChangeOrigin }[]
  readonly inserts: { readonly values: Values; readonly origin: ChangeOrigin }[]
}

export type ApplyStep =
  | { readonly kind: 'rows'; readonly keyed: ReadonlyMap<string, ReadonlyMap<string, NetChange>>; readonly keyless: ReadonlyMap<string, MultisetChange> }
  /** A key-changing update whose new row is incomplete: the row moves, keeping the target's unsent values. */
  | { readonly kind: 'move'; readonly table: string; readonly oldKey: Values; readonly values: Values; readonly origin: ChangeOrigin }
  | { readonly kind: 'truncate'; readonly tables: readonly string[]; readonly restartIdentity: boolean; readonly origin: ChangeOrigin }

export class UnknownTableError extends Error {}

/**
 * Net changes per key over a batch of whole transactions (applied in one target transaction, so
 * only the end state matters): insert+updates → upsert of the last row, update+delete → delete,
 * delete+insert → upsert, updates → one upsert (all columns known) or one patch (known columns
 * only, unchanged TOAST values left alone). A key-changing update is delete(old) + upsert(new),
 * or — when its new row lacks unchanged TOAST values — a move step that ends the run of net
 * changes; TRUNCATE ends it too. Keyless tables net out identical whole rows as a multiset.
 */
export function netChanges(txs: readonly SourceTransaction[], tables: ReadonlyMap<string, ApplyTable>): ApplyStep[] {
  const steps: ApplyStep[] = []
  let keyed = new Map<string, Map<string, NetChange>>()
  let keyless = new Map<string, { deletes: Map<string, Row[]>; inserts: Map<string, Row[]> }>()
  const flush = (): void => {
    if (keyed.size === 0 && keyless.size === 0) return
    const multisets = new Map<string, MultisetChange>()
    for (const [t, m] of keyless) multisets.set(t, { deletes: [...m.deletes.values()].flat(), inserts: [...m.inserts.values()].flat() })
    steps.push({ kind: 'rows', keyed, keyless: multisets })
    keyed = new Map()
    keyless = new Map()
  }
  for (const tx of txs) {
    const origin: ChangeOrigin = { position: tx.commitPosition, txId: tx.txId }
    for (const e of tx.events) {
      if (e.kind === 'truncate') {
        flush()
        for (const t of e.tables) tableOf(tables, t)
        steps.push({ kind: 'truncate', tables: e.tables, restartIdentity: e.restartIdentity, origin })
        continue
      }
      const t = tableOf(tables, e.table)
      if (!t.key) {
        let m = keyless.get(e.table)
        if (!m) keyless.set(e.table, (m = { deletes: new Map(), inserts: new Map() }))
        multiset(m, e, t, origin)
        continue
      }
      let m = keyed.get(e.table)
      if (!m) keyed.set(e.table, (m = new Map()))
      const moved = keyedChange(m, e, t, t.key, origin)
      if (moved) {
        flush()
        steps.push(moved)
      }
    }
  }
  flush()
  return steps
}

type Row = { readonly values: Values; readonly origin: ChangeOrigin }

function tableOf(tables: ReadonlyMap<string, ApplyTable>, name: string): ApplyTable {
  const t = tables.get(name)
  if (!t) throw new UnknownTableError(`a change arrived for ${name}, which is not one of the stream's tables`)
  return t
}

function keyOf(values: Values, key: readonly string[]): string {
  return JSON.stringify(key.map((k) => values[k] ?? null))
}

function isComplete(values: Values, t: ApplyTable): boolean {
  return t.columns.every((c) => c in values)
}

/** The new row, with unsent (unchanged TOAST) columns taken from a full old row when the source sent one. */
function filledAfter(after: RowImage, before: RowImage | undefined): Values {
  if (after.unchanged.length === 0 || !before) return after.values
  const out: Record<string, string | null> = { ...after.values }
  for (const c of after.unchanged) if (c in before.values && !before.unchanged.includes(c)) out[c] = before.values[c]!
  return out
}

function keyedChange(m: Map<string, NetChange>, e: Exclude<ChangeEvent, { kind: 'truncate' }>, t: ApplyTable, key: readonly string[], origin: ChangeOrigin): ApplyStep | undefined {
  if (e.kind === 'insert') {
    m.set(keyOf(e.after.values, key), { op: 'upsert', values: e.after.values, origin })
    return undefined
  }
  if (e.kind === 'delete') {
    const k = keyOf(e.before.values, key)
    m.delete(k) // re-inserted at the end of the map: a delete is applied before any upsert anyway
    m.set(k, { op: 'delete', values: pick(e.before.values, key), origin })
    return undefined
  }
  const after = filledAfter(e.after, e.before)
  const newKey = keyOf(after, key)
  const oldKey = e.before ? keyOf(e.before.values, key) : newKey
  if (oldKey !== newKey) {
    const prior = m.get(oldKey)
    m.set(oldKey, { op: 'delete', values: pick(e.before!.values, key), origin })
    const merged = prior && prior.op !== 'delete' ? { ...prior.values, ...after } : after
    if (isComplete(merged, t)) {
      m.delete(newKey)
      m.set(newKey, { op: 'upsert', values: merged, origin })
      return undefined
    }
    // The old row's unsent values live only in the target: move the row there, in order.
    m.delete(oldKey)
    if (prior && prior.op !== 'delete') m.set(oldKey, prior)
    return { kind: 'move', table: e.table, oldKey: pick(e.before!.values, key), values: after, origin }
  }
  const prior = m.get(newKey)
  const merged = prior && prior.op !== 'delete' ? { ...prior.values, ...after } : after
  m.set(newKey, { op: isComplete(merged, t) ? 'upsert' : 'patch', values: merged, origin })
  return undefined
}

function pick(values: Values, key: readonly string[]): Values {
  const out: Record<string, string | null> = {}
  for (const k of key) out[k] = values[k] ?? null
  return out
}

function multiset(m: { deletes: Map<string, Row[]>; inserts: Map<string, Row[]> }, e: Exclude<ChangeEvent, { kind: 'truncate' }>, t: ApplyTable, origin: ChangeOrigin): void {
  const rowKey = (v: Values): string => JSON.stringify(t.columns.map((c) => v[c] ?? null))
  const remove = (v: Values): void => {
    const k = rowKey(v)
    const pending = m.inserts.get(k)
    if (pending && pending.length > 0) pending.pop()
    else m.deletes.set(k, [...(m.deletes.get(k) ?? []), { values: v, origin }])
  }
  const add = (v: Values): void => {
    const k = rowKey(v)
    m.inserts.set(k, [...(m.inserts.get(k) ?? []), { values: v, origin }])
  }
  if (e.kind === 'insert') add(e.after.values)
  else if (e.kind === 'delete') remove(e.before.values)
  else {
    if (!e.before) throw new UnknownTableError(`${e.table} has no key and the source sent no old row: it needs REPLICA IDENTITY FULL`)
    remove(e.before.values)
    add(filledAfter(e.after, e.before))
  }
}
