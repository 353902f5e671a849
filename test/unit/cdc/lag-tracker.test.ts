import { describe, expect, it } from 'vitest'
import { LagTracker } from '../../../src/cdc/lag-tracker.js'
import { nextCheckpoint } from '../../../src/cdc/replay-loop.js'
import { sparkline } from '../../../src/ui/cdc-live-view.js'
import type { SourceTransaction } from '../../../src/model/change-event.js'

describe('lag', () => {
  it('is apply time − commit time per batch, with percentiles over the last minute and events per second', () => {
    const t = new LagTracker(5_000)
    for (let i = 0; i < 20; i++) t.recordBatch(100_000 + i * 100, 100_000 + i * 100 - (i + 1) * 10, 50)
    const s = t.summary(102_000)
    expect(s).toMatchObject({ lagMs: 200, p50Ms: 100, p95Ms: 190, maxMs: 200 })
    expect(s.eventsPerSec).toBe(450) // batches applied in the last second (9 × 50)
  })

  it('grows while received transactions wait, and when nothing has been applied for a while', () => {
    const t = new LagTracker(5_000)
    t.recordBatch(10_000, 9_990, 1)
    expect(t.lagNow(10_500)).toBe(10)
    expect(t.lagNow(10_500, 8_000)).toBe(2_500)
    expect(t.lagNow(20_000)).toBe(10_010)
  })

  it('draws one bar per second, blank where no batch was applied', () => {
    const t = new LagTracker(5_000)
    t.recordBatch(59_500, 59_400, 1)
    t.recordBatch(57_500, 56_700, 1)
    expect(sparkline(t.perSecond(60_000, 4))).toBe(' █ ▁')
  })
})

describe('checkpoint after a batch', () => {
  const tx = (over: Partial<SourceTransaction>): SourceTransaction => ({ txId: '1', commitPosition: '0/10', endPosition: '0/18', commitTime: new Date(0), events: [], eventOffset: 0, complete: true, heartbeat: false, ...over })
  it('moves to the end of the last whole transaction; a piece records the transaction and the changes applied', () => {
    const start = { position: '0/1', partialEvents: 0, events: 0, transactions: 0 }
    const piece = tx({ txId: '2', commitPosition: '0/40', endPosition: '0/40', events: new Array(3).fill({ kind: 'truncate', tables: [], cascade: false, restartIdentity: false }), complete: false })
    const c = nextCheckpoint(start, [tx({ events: [] , heartbeat: true }), piece])
    expect(c).toMatchObject({ position: '0/18', partialTx: '0/40', partialEvents: 3, events: 3, transactions: 0 })
    const done = nextCheckpoint(c, [tx({ txId: '2', commitPosition: '0/40', endPosition: '0/48', eventOffset: 3, events: [] })])
    expect(done).toMatchObject({ position: '0/48', partialEvents: 0, transactions: 1 })
    expect(done.partialTx).toBeUndefined()
  })
})
