import { describe, expect, it } from 'vitest'
import { runCdc } from '../../src/cdc/run-cdc.js'
import { ensureLoadControlSchema, insertRun, insertTablePlan, markRunDone } from '../../src/engines/postgres/control-schema-load.js'
import { ORDERS_PLAN } from '../unit/engines/teradata/capture-plan.js'
import { recordedDriver } from '../unit/engines/teradata/recorded-driver.js'
import { useDatabase } from '../support/database.js'

/**
 * godwit cdc from a Teradata source into real PostgreSQL: the load run is recorded as a Teradata
 * load records it (the source clock at its start), the source answers from recordings (no
 * Teradata server here), and the stream, its checkpoint and the applied rows are real.
 */
const SOURCE = 'teradata://cdc:secret@td.example.com/Sales'
const LOAD_START = '2026-12-06 06:00:00.000000'
/** The source clock: now, so the lag is small and the stream catches up. */
const now = (): string => new Date().toISOString().replace('T', ' ').replace('Z', '000')

describe('godwit cdc from a Teradata source (recorded driver) into PostgreSQL', () => {
  const db = useDatabase('cdc_td')

  it('watermark capture from the load clock: changed rows applied, the watermark kept in the target checkpoint, a restart polls from it', async () => {
    await db.client.query(`CREATE SCHEMA sales; CREATE TABLE sales.orders (order_id bigint PRIMARY KEY, total numeric(38,2), updated_at timestamp(6));
      INSERT INTO sales.orders VALUES (7, 1.00, '2026-12-06 05:00:00'), (8, 2.00, '2026-12-06 05:00:00')`)
    await ensureLoadControlSchema(db.client)
    const runId = await insertRun(db.client, { runKey: 'td', source: SOURCE, selection: ['Sales.Orders'], position: { engine: 'teradata', sourceTime: LOAD_START, lock: 'access' }, options: {} })
    await insertTablePlan(db.client, runId, ORDERS_PLAN, [])
    await markRunDone(db.client, runId)

    const froms: unknown[] = []
    let changes: unknown[][] = [
      [7, '10.50', '2026-12-06 06:30:00.000000', '2026-12-06 06:30:00.000000', 0],
      [9, '.25', '2026-12-06 06:31:00.500000', '2026-12-06 06:31:00.500000', 0],
    ]
    const driver = recordedDriver([
      { match: /^SELECT TO_CHAR\(CURRENT_TIMESTAMP/, rows: () => [[now()]] },
      { match: /FROM "Sales"\."Orders" WHERE "UpdatedAt" >=/, rows: (p) => (froms.push(p[0]), changes.splice(0)) },
    ])
    const options = { sourceUrl: SOURCE, targetUrl: db.url, fromLoadRun: runId, untilCaughtUp: true, maxLagMs: 2_000, maxDurationSeconds: 30, capture: { watermarkColumns: new Map([['Sales.Orders', 'UpdatedAt']]), teradataDriver: driver } }
    const first = await runCdc(options)
    expect(first).toMatchObject({ reason: 'caught-up', exitCode: 0, eventsApplied: 2 })
    expect(froms[0]).toBe(LOAD_START)
    expect(first.appliedPosition).toMatch(/^\d+;to:\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6};wm:Sales\.Orders=2026-12-06%2006%3A31%3A00\.500000$/)
    const rows = await db.client.query(`SELECT order_id::int AS id, total::text AS total, updated_at::text AS at FROM sales.orders ORDER BY 1`)
    expect(rows.rows).toEqual([
      { id: 7, total: '10.50', at: '2026-12-06 06:30:00' },
      { id: 8, total: '2.00', at: '2026-12-06 05:00:00' },
      { id: 9, total: '0.25', at: '2026-12-06 06:31:00.5' },
    ])
    const stream = await db.client.query(`SELECT source_engine, start_position FROM godwit.cdc_streams`)
    expect(stream.rows).toEqual([{ source_engine: 'teradata', start_position: '0;wm:Sales.Orders=2026-12-06%2006%3A00%3A00.000000' }])

    froms.length = 0
    changes = [[8, '3.00', '2026-12-06 06:40:00.000000', '2026-12-06 06:40:00.000000', 0]]
    const second = await runCdc(options)
    expect(second).toMatchObject({ reason: 'caught-up', streamId: first.streamId, eventsApplied: 3 })
    expect(froms[0]).toBe('2026-12-06 06:31:00.500000')
    expect((await db.client.query(`SELECT total::text AS t FROM sales.orders WHERE order_id = 8`)).rows).toEqual([{ t: '3.00' }])
  }, 90_000)
})
