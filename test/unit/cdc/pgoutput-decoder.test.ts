import { describe, expect, it } from 'vitest'
import { decodePgoutput, pgTimestampToDate } from '../../../src/engines/postgres/pgoutput-decoder.js'
import { relationDifference } from '../../../src/engines/postgres/pg-change-capture.js'
import { comparePositions, lsnText, positionOrdinal } from '../../../src/model/change-position.js'

/** Bytes as PostgreSQL 17 sent them (pg_logical_slot_peek_binary_changes, proto_version 1). */
const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex')
const cstr = (s: string) => Buffer.concat([Buffer.from(s), Buffer.from([0])])
const i16 = (n: number) => { const b = Buffer.alloc(2); b.writeInt16BE(n); return b }
const i32 = (n: number) => { const b = Buffer.alloc(4); b.writeInt32BE(n); return b }
const i64 = (n: bigint) => { const b = Buffer.alloc(8); b.writeBigInt64BE(n); return b }
const text = (s: string) => Buffer.concat([Buffer.from('t'), i32(Buffer.byteLength(s)), Buffer.from(s)])

describe('pgoutput decoder (protocol 1)', () => {
  it('decodes BEGIN and COMMIT as recorded', () => {
    // recorded from the test server: xid 752, final LSN 0/1D4AF98
    const begin = decodePgoutput(Buffer.concat([Buffer.from('B'), i64(0x1d4af98n), i64(818_000_000_000_000n), i32(752)]))
    expect(begin).toEqual({ tag: 'begin', finalLsn: 0x1d4af98n, commitTime: pgTimestampToDate(818_000_000_000_000n), xid: 752 })
    expect(pgTimestampToDate(0n).toISOString()).toBe('2000-01-01T00:00:00.000Z')
    const commit = decodePgoutput(Buffer.concat([Buffer.from('C'), Buffer.from([0]), i64(0x1d4af98n), i64(0x1d4b108n), i64(0n)]))
    expect(commit).toMatchObject({ tag: 'commit', commitLsn: 0x1d4af98n, endLsn: 0x1d4b108n })
  })

  it('decodes a Relation message with key flags, and an UPDATE with old key, NULL and unchanged TOAST', () => {
    const rel = decodePgoutput(hex('5200004002 7075626c696300 706172747300 64 0003 01 6100 00000017 ffffffff 01 6200 00000019 ffffffff 00 71747900 00000017 ffffffff'))
    expect(rel).toEqual({
      tag: 'relation', relationId: 0x4002, schema: 'public', name: 'parts', replicaIdentity: 'd',
      columns: [
        { isKey: true, name: 'a', typeOid: 23, typeMod: -1 },
        { isKey: true, name: 'b', typeOid: 25, typeMod: -1 },
        { isKey: false, name: 'qty', typeOid: 23, typeMod: -1 },
      ],
    })
    const upd = decodePgoutput(Buffer.concat([Buffer.from('U'), i32(0x4002), Buffer.from('K'), i16(3), text('1'), text('é\tx'), Buffer.from('n'), Buffer.from('N'), i16(3), text('2'), Buffer.from('n'), Buffer.from('u')]))
    expect(upd).toEqual({
      tag: 'update', relationId: 0x4002, oldKind: 'key',
      oldTuple: [{ kind: 'text', text: '1' }, { kind: 'text', text: 'é\tx' }, { kind: 'null' }],
      newTuple: [{ kind: 'text', text: '2' }, { kind: 'null' }, { kind: 'unchanged' }],
    })
  })

  it('decodes TRUNCATE options and a transactional logical message', () => {
    expect(decodePgoutput(Buffer.concat([Buffer.from('T'), i32(2), Buffer.from([3]), i32(10), i32(11)]))).toEqual({ tag: 'truncate', cascade: true, restartIdentity: true, relationIds: [10, 11] })
    const m = decodePgoutput(Buffer.concat([Buffer.from('M'), Buffer.from([1]), i64(5n), cstr('godwit.heartbeat'), i32(3), Buffer.from('abc')]))
    expect(m).toMatchObject({ tag: 'message', transactional: true, prefix: 'godwit.heartbeat', lsn: 5n })
  })

  it('refuses what it cannot decode, by name', () => {
    expect(() => decodePgoutput(Buffer.from('S'))).toThrow(/unknown message type "S"/)
    expect(() => decodePgoutput(Buffer.concat([Buffer.from('I'), i32(1), Buffer.from('N'), i16(1), Buffer.from('b'), i32(0)]))).toThrow(/binary mode is off/)
  })
})

describe('Relation messages compared with what the target was loaded with', () => {
  const col = (name: string, typeOid = 23) => ({ name, typeOid, typeMod: -1, isKey: false })
  it('names added and dropped columns, then changed types', () => {
    const seen = new Map<string, string>()
    expect(relationDifference('s.t', [col('a'), col('b')], ['a', 'b'], seen)).toBeUndefined()
    expect(relationDifference('s.t', [col('a'), col('b'), col('c')], ['a', 'b'], seen)).toBe('columns added at the source: c')
    expect(relationDifference('s.t', [col('a')], ['a', 'b'], seen)).toBe('columns gone at the source: b')
    expect(relationDifference('s.t', [col('a'), col('b', 20)], ['a', 'b'], seen)).toBe('column types changed at the source: b')
  })
})

describe('positions', () => {
  it('orders LSNs numerically and round-trips them', () => {
    expect(comparePositions('postgres', '0/9', '0/10')).toBe(-1)
    expect(comparePositions('postgres', '1/0', '0/FFFFFFFF')).toBe(1)
    expect(lsnText(positionOrdinal('postgres', '16/B374D848'))).toBe('16/B374D848')
    expect(comparePositions('oracle', '99', '100')).toBe(-1)
    expect(() => positionOrdinal('postgres', '12')).toThrow(/not a PostgreSQL LSN/)
  })
})
