/**
 * Decodes pgoutput messages (logical replication protocol version 1, text tuples) into plain
 * data. Values stay the text the source's output functions produced — the form COPY text and
 * godwit's canonical values start from — never JS numbers or Dates; an unchanged TOASTed value
 * ('u') is kept apart from NULL so apply never overwrites it.
 * Reference: PostgreSQL docs, "Logical Replication Message Formats".
 */

/** One column of a tuple: text, NULL, or not sent because it is an unchanged TOASTed value. */
export type TupleValue = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'null' } | { readonly kind: 'unchanged' }

export interface RelationColumn {
  readonly name: string
  readonly typeOid: number
  readonly typeMod: number
  /** Part of the replica identity (all columns under REPLICA IDENTITY FULL). */
  readonly isKey: boolean
}

export type PgoutputMessage =
  | { readonly tag: 'begin'; readonly finalLsn: bigint; readonly commitTime: Date; readonly xid: number }
  | { readonly tag: 'commit'; readonly commitLsn: bigint; readonly endLsn: bigint; readonly commitTime: Date }
  | { readonly tag: 'origin'; readonly lsn: bigint; readonly name: string }
  | { readonly tag: 'relation'; readonly relationId: number; readonly schema: string; readonly name: string; readonly replicaIdentity: string; readonly columns: readonly RelationColumn[] }
  | { readonly tag: 'type'; readonly typeOid: number; readonly schema: string; readonly name: string }
  | { readonly tag: 'insert'; readonly relationId: number; readonly newTuple: readonly TupleValue[] }
  | { readonly tag: 'update'; readonly relationId: number; readonly oldKind?: 'key' | 'old'; readonly oldTuple?: readonly TupleValue[]; readonly newTuple: readonly TupleValue[] }
  | { readonly tag: 'delete'; readonly relationId: number; readonly oldKind: 'key' | 'old'; readonly oldTuple: readonly TupleValue[] }
  | { readonly tag: 'truncate'; readonly cascade: boolean; readonly restartIdentity: boolean; readonly relationIds: readonly number[] }
  | { readonly tag: 'message'; readonly transactional: boolean; readonly lsn: bigint; readonly prefix: string; readonly content: Buffer }

/** Microseconds between the Unix epoch and PostgreSQL's (2000-01-01 UTC). */
const PG_EPOCH_MICROS = 946_684_800_000_000n

export function pgTimestampToDate(micros: bigint): Date {
  return new Date(Number((micros + PG_EPOCH_MICROS) / 1000n))
}

export function dateToPgTimestamp(d: Date): bigint {
  return BigInt(d.getTime()) * 1000n - PG_EPOCH_MICROS
}

class Reader {
  #pos = 0
  constructor(readonly buf: Buffer) {}
  u8(): number {
    return this.buf.readUInt8(this.#pos++)
  }
  i16(): number {
    const v = this.buf.readInt16BE(this.#pos)
    this.#pos += 2
    return v
  }
  i32(): number {
    const v = this.buf.readInt32BE(this.#pos)
    this.#pos += 4
    return v
  }
  u32(): number {
    const v = this.buf.readUInt32BE(this.#pos)
    this.#pos += 4
    return v
  }
  u64(): bigint {
    const v = this.buf.readBigUInt64BE(this.#pos)
    this.#pos += 8
    return v
  }
  i64(): bigint {
    const v = this.buf.readBigInt64BE(this.#pos)
    this.#pos += 8
    return v
  }
  char(): string {
    return String.fromCharCode(this.u8())
  }
  cstring(): string {
    const end = this.buf.indexOf(0, this.#pos)
    if (end < 0) throw new Error('pgoutput: unterminated string')
    const s = this.buf.toString('utf8', this.#pos, end)
    this.#pos = end + 1
    return s
  }
  bytes(n: number): Buffer {
    const b = this.buf.subarray(this.#pos, this.#pos + n)
    this.#pos += n
    return b
  }
}

function tuple(r: Reader): TupleValue[] {
  const n = r.i16()
  const out: TupleValue[] = []
  for (let i = 0; i < n; i++) {
    const kind = r.char()
    if (kind === 'n') out.push({ kind: 'null' })
    else if (kind === 'u') out.push({ kind: 'unchanged' })
    else if (kind === 't') out.push({ kind: 'text', text: r.bytes(r.i32()).toString('utf8') })
    else throw new Error(`pgoutput: tuple column kind ${JSON.stringify(kind)} is not supported (binary mode is off)`)
  }
  return out
}

export function decodePgoutput(buf: Buffer): PgoutputMessage {
  const r = new Reader(buf)
  const tag = r.char()
  switch (tag) {
    case 'B':
      return { tag: 'begin', finalLsn: r.u64(), commitTime: pgTimestampToDate(r.i64()), xid: r.u32() }
    case 'C': {
      r.u8() // flags, unused
      return { tag: 'commit', commitLsn: r.u64(), endLsn: r.u64(), commitTime: pgTimestampToDate(r.i64()) }
    }
    case 'O':
      return { tag: 'origin', lsn: r.u64(), name: r.cstring() }
    case 'R': {
      const relationId = r.u32()
      const schema = r.cstring()
      const name = r.cstring()
      const replicaIdentity = r.char()
      const n = r.i16()
      const columns: RelationColumn[] = []
      for (let i = 0; i < n; i++) {
        const flags = r.u8()
        columns.push({ isKey: (flags & 1) === 1, name: r.cstring(), typeOid: r.u32(), typeMod: r.i32() })
      }
      return { tag: 'relation', relationId, schema, name, replicaIdentity, columns }
    }
    case 'Y':
      return { tag: 'type', typeOid: r.u32(), schema: r.cstring(), name: r.cstring() }
    case 'I': {
      const relationId = r.u32()
      if (r.char() !== 'N') throw new Error('pgoutput: insert without a new tuple')
      return { tag: 'insert', relationId, newTuple: tuple(r) }
    }
    case 'U': {
      const relationId = r.u32()
      let kind = r.char()
      let oldKind: 'key' | 'old' | undefined
      let oldTuple: TupleValue[] | undefined
      if (kind === 'K' || kind === 'O') {
        oldKind = kind === 'K' ? 'key' : 'old'
        oldTuple = tuple(r)
        kind = r.char()
      }
      if (kind !== 'N') throw new Error('pgoutput: update without a new tuple')
      return { tag: 'update', relationId, ...(oldKind ? { oldKind, oldTuple } : {}), newTuple: tuple(r) }
    }
    case 'D': {
      const relationId = r.u32()
      const kind = r.char()
      if (kind !== 'K' && kind !== 'O') throw new Error('pgoutput: delete without an old tuple')
      return { tag: 'delete', relationId, oldKind: kind === 'K' ? 'key' : 'old', oldTuple: tuple(r) }
    }
    case 'T': {
      const n = r.u32()
      const options = r.u8()
      const relationIds: number[] = []
      for (let i = 0; i < n; i++) relationIds.push(r.u32())
      return { tag: 'truncate', cascade: (options & 1) === 1, restartIdentity: (options & 2) === 2, relationIds }
    }
    case 'M': {
      const flags = r.u8()
      const lsn = r.u64()
      const prefix = r.cstring()
      const content = r.bytes(r.u32())
      return { tag: 'message', transactional: (flags & 1) === 1, lsn, prefix, content }
    }
    default:
      throw new Error(`pgoutput: unknown message type ${JSON.stringify(tag)} (protocol 1 expected)`)
  }
}
