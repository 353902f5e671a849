import { describe, expect, it } from 'vitest'
import { countDeadLetters, readLagSamples, readStreamStatus, readStreamStatuses, requestStop, waitUntilStopped, withdrawStop } from '../../src/cdc/cdc-control.js'
import {
  ensureCdcControlSchema,
  insertDeadLetters,
  insertStreamIfAbsent,
  markStreamRunning,
  markStreamStopped,
  recordTick,
  selectCheckpoint,
} from '../../src/engines/postgres/control-schema-cdc.js'
import { useDatabase } from '../support/database.js'

describe('cdc control schema API (the contract cutover codes against)', () => {
  const db = useDatabase('cdc_control')

  it('reads nothing before cdc ever ran', async () => {
    expect(await readStreamStatuses(db.client)).toEqual([])
    expect(await countDeadLetters(db.client)).toBe(0)
  })

  it('creates one stream per load run with its checkpoint at the load position, idempotently', async () => {
    await ensureCdcControlSchema(db.client)
    const a = await insertStreamIfAbsent(db.client, { loadRunId: 7, source: 'postgres://u:***@h/db', sourceEngine: 'postgres', slot: 's', publication: 'p', tables: ['public.t'], startPosition: '0/16B3748' })
    const b = await insertStreamIfAbsent(db.client, { loadRunId: 7, source: 'x', sourceEngine: 'postgres', tables: [], startPosition: '0/1' })
    expect(b.id).toBe(a.id)
    expect(b.startPosition).toBe('0/16B3748')
    expect((await selectCheckpoint(db.client, a.id))?.position).toBe('0/16B3748')
  })

  it('stop request → wait returns once the stream stopped at or after the position', async () => {
    const [s] = await readStreamStatuses(db.client)
    await markStreamRunning(db.client, s!.id, 'host', 123)
    await recordTick(db.client, s!.id, { appliedPosition: '0/16B4000', lagMs: 40, eventsApplied: 10, transactionsApplied: 2, eventsPerSec: 5 })
    expect((await readStreamStatus(db.client, s!.id))?.alive).toBe(true)
    await requestStop(db.client, s!.id, '0/1700000')
    expect((await readStreamStatus(db.client, s!.id))?.state).toBe('stopping')
    await expect(waitUntilStopped(db.client, s!.id, '0/1700000', { timeoutMs: 300, pollMs: 50 })).rejects.toMatchObject({ code: 'CDC_STOP_TIMEOUT', exitCode: 69 })
    setTimeout(() => void markStreamStopped(db.client, s!.id, '0/1700010'), 100)
    const stopped = await waitUntilStopped(db.client, s!.id, '0/1700000', { timeoutMs: 5000, pollMs: 20 })
    expect(stopped.stoppedPosition).toBe('0/1700010')
    // LSNs compare as numbers, not text: 0/9 is before 0/10
    await expect(waitUntilStopped(db.client, s!.id, 'F/0', { timeoutMs: 100, pollMs: 20 })).rejects.toMatchObject({ code: 'CDC_STOP_TIMEOUT' })
  })

  it('refuses a malformed stop position', async () => {
    const [s] = await readStreamStatuses(db.client)
    await expect(requestStop(db.client, s!.id, '12345')).rejects.toThrow(/not a PostgreSQL LSN/)
  })

  it('counts dead letters and reads lag samples since a time', async () => {
    const [s] = await readStreamStatuses(db.client)
    const since = new Date(Date.now() - 60_000)
    await insertDeadLetters(db.client, s!.id, [{ table: 'public.t', op: 'insert', key: { id: '1' }, position: '0/1', error: 'boom' }])
    expect(await countDeadLetters(db.client, s!.id)).toBe(1)
    expect(await countDeadLetters(db.client)).toBe(1)
    const samples = await readLagSamples(db.client, s!.id, since)
    expect(samples).toHaveLength(1)
    expect(samples[0]).toMatchObject({ lagMs: 40, eventsPerSec: 5, appliedPosition: '0/16B4000' })
    expect(await readLagSamples(db.client, s!.id, new Date(Date.now() + 60_000))).toEqual([])
  })

  it('withdraws a stop request: a stopping stream is running again and no request remains', async () => {
    const [s] = await readStreamStatuses(db.client)
    await markStreamRunning(db.client, s!.id, 'host', 123)
    await requestStop(db.client, s!.id, '0/1800000')
    expect(await recordTick(db.client, s!.id, { appliedPosition: '0/16B4000', eventsApplied: 10, transactionsApplied: 2, eventsPerSec: 0 })).toBe('0/1800000')
    expect(await withdrawStop(db.client, s!.id)).toBe(true)
    expect(await readStreamStatus(db.client, s!.id)).toMatchObject({ state: 'running', stopRequestedPosition: undefined, stopRequestedAt: undefined })
    // What the running process reads at its next tick: nothing to stop at.
    expect(await recordTick(db.client, s!.id, { appliedPosition: '0/16B4000', eventsApplied: 10, transactionsApplied: 2, eventsPerSec: 0 })).toBeUndefined()
    expect(await withdrawStop(db.client, s!.id)).toBe(false)
    await expect(withdrawStop(db.client, 999_999)).rejects.toMatchObject({ code: 'CDC_NO_STREAM' })
  })
})
