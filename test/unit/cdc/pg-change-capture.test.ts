import { describe, expect, it } from 'vitest'
import { assembleTransactions, HEARTBEAT_PREFIX, type ResumePoint } from '../../../src/engines/postgres/pg-change-capture.js'
import type { WalMessage } from '../../../src/engines/postgres/pg-logical-stream.js'
import type { PgoutputMessage } from '../../../src/engines/postgres/pgoutput-decoder.js'
import type { CaptureItem } from '../../../src/model/change-event.js'

const at = new Date('2026-01-01T00:00:00Z')
const x = (message: PgoutputMessage): WalMessage => ({ kind: 'xlog', walStart: 0n, message })
const rel: PgoutputMessage = { tag: 'relation', relationId: 1, schema: 's', name: 't', replicaIdentity: 'd', columns: [{ name: 'id', typeOid: 23, typeMod: -1, isKey: true }, { name: 'v', typeOid: 25, typeMod: -1, isKey: false }] }
const ins = (id: number): WalMessage => x({ tag: 'insert', relationId: 1, newTuple: [{ kind: 'text', text: String(id) }, { kind: 'unchanged' }] })
const tx = (finalLsn: bigint, endLsn: bigint, body: WalMessage[]): WalMessage[] => [x({ tag: 'begin', finalLsn, commitTime: at, xid: Number(finalLsn) }), ...body, x({ tag: 'commit', commitLsn: finalLsn, endLsn, commitTime: at })]

async function collect(messages: WalMessage[], resume: ResumePoint, maxTxEvents = 100): Promise<CaptureItem[]> {
  async function* gen() {
    yield* messages
  }
  const out: CaptureItem[] = []
  for await (const i of assembleTransactions(gen(), resume, { columns: new Map([['s.t', ['id', 'v']]]), maxTxEvents })) out.push(i)
  return out
}

describe('pgoutput messages → committed transactions', () => {
  it('skips transactions committed before the checkpoint, marks heartbeats and unchanged TOAST, reports keepalives between transactions', async () => {
    const items = await collect([
      ...tx(0x10n, 0x18n, [x(rel), ins(1)]),
      ...tx(0x20n, 0x28n, [ins(2)]),
      ...tx(0x30n, 0x38n, [x({ tag: 'message', transactional: true, lsn: 0x30n, prefix: HEARTBEAT_PREFIX, content: Buffer.from('') })]),
      { kind: 'keepalive', walEnd: 0x40n, replyRequested: false },
    ], { position: '0/18', partialEvents: 0 })
    expect(items.map((i) => (i.kind === 'transaction' ? [i.tx.commitPosition, i.tx.endPosition, i.tx.events.length, i.tx.heartbeat] : [i.kind]))).toEqual([
      ['0/20', '0/28', 1, false],
      ['0/30', '0/38', 0, true],
      ['progress'],
    ])
    const first = items[0]!
    expect(first.kind === 'transaction' && first.tx.events[0]).toEqual({ kind: 'insert', table: 's.t', after: { values: { id: '2' }, unchanged: ['v'] } })
  })

  it('cuts a big transaction into pieces and, resuming mid-way, skips exactly the changes already applied', async () => {
    const big = tx(0x50n, 0x58n, [x(rel), ...[1, 2, 3, 4, 5].map(ins)])
    const pieces = await collect(big, { position: '0/1', partialEvents: 0 }, 2)
    expect(pieces.map((i) => i.kind === 'transaction' && [i.tx.eventOffset, i.tx.events.length, i.tx.complete])).toEqual([[0, 2, false], [2, 2, false], [4, 1, true]])
    const resumed = await collect(big, { position: '0/1', partialTx: '0/50', partialEvents: 4 }, 2)
    expect(resumed.map((i) => i.kind === 'transaction' && [i.tx.eventOffset, i.tx.events.map((e) => e.kind === 'insert' && e.after.values.id)])).toEqual([[4, ['5']]])
  })

  it('reports a Relation message that no longer matches before any change after it', async () => {
    const base = rel as Extract<PgoutputMessage, { tag: 'relation' }>
    const changed: PgoutputMessage = { ...base, columns: [...base.columns, { name: 'extra', typeOid: 25, typeMod: -1, isKey: false }] }
    const items = await collect([...tx(0x10n, 0x18n, [x(rel), ins(1)]), ...tx(0x20n, 0x28n, [x(changed), ins(2)])], { position: '0/1', partialEvents: 0 })
    expect(items.map((i) => i.kind)).toEqual(['transaction', 'schema-change'])
    expect(items[1]).toMatchObject({ table: 's.t', detail: 'columns added at the source: extra', position: '0/20' })
  })
})
