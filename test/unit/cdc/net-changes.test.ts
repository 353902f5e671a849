import { describe, expect, it } from 'vitest'
import { netChanges, type ApplyTable } from '../../../src/cdc/net-changes.js'
import type { ChangeEvent, SourceTransaction } from '../../../src/model/change-event.js'

const T: ReadonlyMap<string, ApplyTable> = new Map([
  ['s.t', { columns: ['id', 'a', 'big'], key: ['id'] }],
  ['s.nokey', { columns: ['x', 'y'] }],
])
const row = (values: Record<string, string | null>, unchanged: string[] = []) => ({ values, unchanged })
const tx = (events: ChangeEvent[], n = 1): SourceTransaction => ({ txId: String(n), commitPosition: `0/${n}0`, endPosition: `0/${n}8`, commitTime: new Date(0), events, eventOffset: 0, complete: true, heartbeat: false })
const ins = (id: string, a: string | null = 'x', big: string | null = 'B'): ChangeEvent => ({ kind: 'insert', table: 's.t', after: row({ id, a, big }) })
const upd = (id: string, a: string | null, opts: { from?: string; unchangedBig?: boolean } = {}): ChangeEvent => ({
  kind: 'update',
  table: 's.t',
  ...(opts.from ? { before: row({ id: opts.from }) } : {}),
  after: opts.unchangedBig ? row({ id, a }, ['big']) : row({ id, a, big: 'B2' }),
})
const del = (id: string): ChangeEvent => ({ kind: 'delete', table: 's.t', before: row({ id }) })

function keyed(steps: ReturnType<typeof netChanges>, i = 0) {
  const s = steps[i]!
  if (s.kind !== 'rows') throw new Error(`step ${i} is ${s.kind}`)
  return Object.fromEntries([...(s.keyed.get('s.t') ?? new Map()).entries()].map(([k, c]) => [k, { op: c.op, values: c.values }]))
}

describe('net changes per key within a batch', () => {
  it.each([
    ['insert + update → upsert of the last row', [ins('1'), upd('1', 'y')], { '["1"]': { op: 'upsert', values: { id: '1', a: 'y', big: 'B2' } } }],
    ['insert + update with unchanged TOAST → upsert keeping the inserted value', [ins('1'), upd('1', 'y', { unchangedBig: true })], { '["1"]': { op: 'upsert', values: { id: '1', a: 'y', big: 'B' } } }],
    ['update with unchanged TOAST → patch of the known columns only', [upd('1', null, { unchangedBig: true })], { '["1"]': { op: 'patch', values: { id: '1', a: null } } }],
    ['update + delete → delete', [upd('1', 'y'), del('1')], { '["1"]': { op: 'delete', values: { id: '1' } } }],
    ['delete + insert → upsert', [del('1'), ins('1', 'z')], { '["1"]': { op: 'upsert', values: { id: '1', a: 'z', big: 'B' } } }],
    ['insert + delete → delete (idempotent: no row either way)', [ins('1'), del('1')], { '["1"]': { op: 'delete', values: { id: '1' } } }],
    ['key change with the whole row → delete old + upsert new', [upd('2', 'y', { from: '1' })], { '["1"]': { op: 'delete', values: { id: '1' } }, '["2"]': { op: 'upsert', values: { id: '2', a: 'y', big: 'B2' } } }],
  ] as const)('%s', (_name, events, expected) => {
    expect(keyed(netChanges([tx([...events])], T))).toEqual(expected)
  })

  it('a key change after a complete row in the same batch needs no move: the batch knows the whole row', () => {
    expect(keyed(netChanges([tx([upd('1', 'a1'), upd('2', 'y', { from: '1', unchangedBig: true })])], T))).toEqual({
      '["1"]': { op: 'delete', values: { id: '1' } },
      '["2"]': { op: 'upsert', values: { id: '2', a: 'y', big: 'B2' } },
    })
  })

  it('spans transactions of the batch in commit order', () => {
    expect(keyed(netChanges([tx([ins('1')], 1), tx([upd('1', 'q')], 2), tx([del('1'), ins('1', 'r')], 3)], T))).toEqual({ '["1"]': { op: 'upsert', values: { id: '1', a: 'r', big: 'B' } } })
  })

  it('a key change whose new row lacks an unchanged TOAST value becomes a move, after the changes before it', () => {
    const steps = netChanges([tx([upd('1', 'a1', { unchangedBig: true }), upd('2', 'y', { from: '1', unchangedBig: true }), upd('2', 'z', { unchangedBig: true })])], T)
    expect(steps.map((s) => s.kind)).toEqual(['rows', 'move', 'rows'])
    expect(keyed(steps, 0)).toEqual({ '["1"]': { op: 'patch', values: { id: '1', a: 'a1' } } })
    expect(steps[1]).toMatchObject({ kind: 'move', oldKey: { id: '1' }, values: { id: '2', a: 'y' } })
    expect(keyed(steps, 2)).toEqual({ '["2"]': { op: 'patch', values: { id: '2', a: 'z' } } })
  })

  it('TRUNCATE is a barrier between the changes before and after it', () => {
    const steps = netChanges([tx([ins('1'), { kind: 'truncate', tables: ['s.t'], cascade: false, restartIdentity: true }, ins('2')])], T)
    expect(steps.map((s) => s.kind)).toEqual(['rows', 'truncate', 'rows'])
    expect(Object.keys(keyed(steps, 2))).toEqual(['["2"]'])
  })

  it('keyless tables net identical whole rows as a multiset', () => {
    const r = (x: string, y: string | null) => row({ x, y })
    const steps = netChanges([tx([
      { kind: 'insert', table: 's.nokey', after: r('a', '1') },
      { kind: 'insert', table: 's.nokey', after: r('a', '1') },
      { kind: 'delete', table: 's.nokey', before: r('a', '1') },
      { kind: 'update', table: 's.nokey', before: r('b', null), after: row({ x: 'b' }, ['y']) },
      { kind: 'delete', table: 's.nokey', before: r('c', '3') },
    ])], T)
    const s = steps[0]!
    if (s.kind !== 'rows') throw new Error('rows expected')
    const m = s.keyless.get('s.nokey')!
    expect(m.deletes.map((d) => d.values)).toEqual([{ x: 'b', y: null }, { x: 'c', y: '3' }])
    expect(m.inserts.map((d) => d.values)).toEqual([{ x: 'a', y: '1' }, { x: 'b', y: null }]) // unchanged y taken from the full old row
  })

  it('refuses a change for a table outside the stream', () => {
    expect(() => netChanges([tx([{ kind: 'insert', table: 's.other', after: row({ id: '1' }) }])], T)).toThrow(/s\.other, which is not one of the stream's tables/)
  })
})
