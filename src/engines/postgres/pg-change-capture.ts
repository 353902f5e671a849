import { comparePositions, lsnText } from '../../model/change-position.js'
import type { CaptureItem, ChangeEvent, RowImage, SourceTransaction } from '../../model/change-event.js'
import type { RelationColumn, TupleValue } from './pgoutput-decoder.js'
import type { WalMessage } from './pg-logical-stream.js'

/** Prefix of the logical messages godwit's heartbeat emits on the source. */
export const HEARTBEAT_PREFIX = 'godwit.heartbeat'

/** Where to resume: the target's checkpoint. */
export interface ResumePoint {
  /** End of the last whole transaction applied: transactions committed before it are skipped. */
  readonly position: string
  /** A transaction applied in pieces: its commit position and how many of its changes are applied. */
  readonly partialTx?: string
  readonly partialEvents: number
}

export interface CaptureExpectations {
  /** 'schema.table' → the column names the target was loaded with. */
  readonly columns: ReadonlyMap<string, readonly string[]>
  /** Changes held per transaction before a piece is handed on (memory bound). */
  readonly maxTxEvents: number
}

interface Relation {
  readonly table: string
  readonly columns: readonly RelationColumn[]
}

interface OpenTx {
  readonly xid: number
  readonly commitPosition: string
  readonly commitTime: Date
  readonly skip: boolean
  /** Changes of this transaction before `skipBelow` were applied before a restart. */
  readonly skipBelow: number
  seen: number
  offset: number
  events: ChangeEvent[]
  heartbeat: boolean
  /** Set once a piece was handed on: the transaction is being applied in pieces. */
  split: boolean
}

/**
 * Turns the pgoutput message stream into committed transactions in commit order, skipping what
 * the target already holds, cutting transactions larger than `maxTxEvents` into pieces, and
 * reporting a Relation message whose columns differ from what the target was loaded with (or
 * from the types first seen) before any change that follows it.
 */
export async function* assembleTransactions(messages: AsyncIterable<WalMessage>, resume: ResumePoint, expect: CaptureExpectations): AsyncGenerator<CaptureItem> {
  const relations = new Map<number, Relation>()
  const firstTypes = new Map<string, string>()
  let tx: OpenTx | undefined
  for await (const m of messages) {
    if (m.kind === 'keepalive') {
      if (!tx) yield { kind: 'progress', position: lsnText(m.walEnd) }
      continue
    }
    const msg = m.message
    switch (msg.tag) {
      case 'begin': {
        const commitPosition = lsnText(msg.finalLsn)
        const skip = comparePositions('postgres', commitPosition, resume.position) < 0
        const skipBelow = resume.partialTx !== undefined && comparePositions('postgres', commitPosition, resume.partialTx) === 0 ? resume.partialEvents : 0
        tx = { xid: msg.xid, commitPosition, commitTime: msg.commitTime, skip, skipBelow, seen: 0, offset: skipBelow, events: [], heartbeat: false, split: false }
        break
      }
      case 'commit': {
        if (!tx) throw new Error('pgoutput: COMMIT without BEGIN')
        if (!tx.skip) {
          yield {
            kind: 'transaction',
            tx: piece(tx, lsnText(msg.endLsn), true),
          }
        }
        tx = undefined
        break
      }
      case 'relation': {
        const table = `${msg.schema}.${msg.name}`
        const detail = relationDifference(table, msg.columns, expect.columns.get(table), firstTypes)
        if (detail) {
          yield { kind: 'schema-change', table, detail, position: tx?.commitPosition ?? lsnText(m.walStart) }
          return
        }
        relations.set(msg.relationId, { table, columns: msg.columns })
        break
      }
      case 'message':
        if (tx && msg.transactional && msg.prefix === HEARTBEAT_PREFIX) tx.heartbeat = true
        break
      case 'insert':
      case 'update':
      case 'delete':
      case 'truncate': {
        if (!tx) throw new Error(`pgoutput: ${msg.tag} outside a transaction`)
        const open = tx
        open.seen++
        if (open.skip || open.seen <= open.skipBelow) break
        open.events.push(toEvent(msg, (id) => relationOf(relations, id)))
        if (open.events.length >= expect.maxTxEvents) {
          yield { kind: 'transaction', tx: piece(open, open.commitPosition, false) }
          open.offset += open.events.length
          open.events = []
          open.split = true
        }
        break
      }
      default:
        break
    }
  }
}

function piece(tx: OpenTx, endPosition: string, complete: boolean): SourceTransaction {
  return {
    txId: String(tx.xid),
    commitPosition: tx.commitPosition,
    endPosition,
    commitTime: tx.commitTime,
    events: tx.events,
    eventOffset: tx.offset,
    complete,
    heartbeat: tx.heartbeat && tx.events.length === 0 && tx.offset === 0,
  }
}

function relationOf(relations: ReadonlyMap<number, Relation>, id: number): Relation {
  const r = relations.get(id)
  if (!r) throw new Error(`pgoutput: change for relation ${id} before its Relation message`)
  return r
}

/** Why a Relation message no longer matches the target, or undefined when it does. */
export function relationDifference(table: string, columns: readonly RelationColumn[], loaded: readonly string[] | undefined, firstTypes: Map<string, string>): string | undefined {
  if (!loaded) return `${table} is not one of the tables this stream was loaded with`
  const names = columns.map((c) => c.name)
  const added = names.filter((n) => !loaded.includes(n))
  const dropped = loaded.filter((n) => !names.includes(n))
  if (added.length > 0 || dropped.length > 0) {
    return [added.length > 0 ? `columns added at the source: ${added.join(', ')}` : '', dropped.length > 0 ? `columns gone at the source: ${dropped.join(', ')}` : ''].filter(Boolean).join('; ')
  }
  const types = columns.map((c) => `${c.name}:${c.typeOid}:${c.typeMod}`).join(',')
  const before = firstTypes.get(table)
  if (before === undefined) firstTypes.set(table, types)
  else if (before !== types) {
    const was = new Map(before.split(',').map((s) => [s.split(':')[0]!, s] as const))
    const changed = columns.filter((c) => was.get(c.name) !== `${c.name}:${c.typeOid}:${c.typeMod}`).map((c) => c.name)
    return `column types changed at the source: ${changed.join(', ')}`
  }
  return undefined
}

function image(columns: readonly RelationColumn[], tuple: readonly TupleValue[]): RowImage {
  const values: Record<string, string | null> = {}
  const unchanged: string[] = []
  tuple.forEach((v, i) => {
    const name = columns[i]!.name
    if (v.kind === 'text') values[name] = v.text
    else if (v.kind === 'null') values[name] = null
    else unchanged.push(name)
  })
  return { values, unchanged }
}

/** Only the key columns of an old-key ('K') tuple carry values; the others are sent as NULLs. */
function keyImage(columns: readonly RelationColumn[], tuple: readonly TupleValue[]): RowImage {
  const full = image(columns, tuple)
  const values: Record<string, string | null> = {}
  for (const c of columns) if (c.isKey && c.name in full.values) values[c.name] = full.values[c.name]!
  return { values, unchanged: [] }
}

type DataMessage = Extract<WalMessage, { kind: 'xlog' }>['message'] & { tag: 'insert' | 'update' | 'delete' | 'truncate' }

function toEvent(msg: DataMessage, rel: (id: number) => Relation): ChangeEvent {
  if (msg.tag === 'truncate') return { kind: 'truncate', tables: msg.relationIds.map((id) => rel(id).table), cascade: msg.cascade, restartIdentity: msg.restartIdentity }
  const r = rel(msg.relationId)
  if (msg.tag === 'insert') return { kind: 'insert', table: r.table, after: image(r.columns, msg.newTuple) }
  if (msg.tag === 'delete') return { kind: 'delete', table: r.table, before: msg.oldKind === 'key' ? keyImage(r.columns, msg.oldTuple) : image(r.columns, msg.oldTuple) }
  const before = msg.oldTuple ? (msg.oldKind === 'key' ? keyImage(r.columns, msg.oldTuple) : image(r.columns, msg.oldTuple)) : undefined
  return { kind: 'update', table: r.table, ...(before ? { before } : {}), after: image(r.columns, msg.newTuple) }
}
