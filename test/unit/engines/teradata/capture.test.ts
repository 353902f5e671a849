import { describe, expect, it } from 'vitest'
import { formatCapturePosition, parseCapturePosition } from '../../../../src/engines/teradata/teradata-capture-position.js'
import {
  changeTableDdl, changeTableDropDdl, changeTableName, claimChangesStatement, claimedRowsQuery, purgeChangesStatement, watermarkQuery, type ChangeTableSource,
} from '../../../../src/engines/teradata/teradata-capture-sql.js'
import { TeradataCapture, teradataStartPosition, type TeradataCaptureTable } from '../../../../src/engines/teradata/teradata-capture.js'
import { comparePositions } from '../../../../src/model/change-position.js'
import type { CaptureItem, SourceTransaction } from '../../../../src/model/change-event.js'
import { recordedDriver, type Recorded } from './recorded-driver.js'

const orders: ChangeTableSource = {
  schema: 'Sales',
  name: 'Orders',
  key: ['OrderId'],
  columns: [
    { name: 'OrderId', type: { kind: 'int', bytes: 8 }, nativeType: 'BIGINT' },
    { name: 'Total', type: { kind: 'decimal', precision: 38, scale: 2 }, nativeType: 'DECIMAL(38,2)' },
    { name: 'UpdatedAt', type: { kind: 'timestamp', precision: 6, tz: 'none' }, nativeType: 'TIMESTAMP(6)' },
  ],
}
const watermark = { column: 'UpdatedAt', settleSeconds: 5, lookbackSeconds: 0 }

describe('capture positions', () => {
  it('round-trip the poll and the watermarks, names with separators included, and order by poll', () => {
    const p = { poll: 42n, watermarks: new Map([['Sales.Orders', '2026-12-06 06:00:00.000001'], ['Odd;db.a=b', '2026-01-01']]) }
    const text = formatCapturePosition(p)
    expect(text).toBe('42;wm:Odd%3Bdb.a%3Db=2026-01-01;wm:Sales.Orders=2026-12-06%2006%3A00%3A00.000001')
    expect(parseCapturePosition(text)).toEqual(p)
    expect(comparePositions('teradata', text, '9')).toBe(1)
    expect(comparePositions('teradata', '9;wm:x=1', '9')).toBe(0)
    expect(() => parseCapturePosition('x;1')).toThrow(/poll number first/)
    expect(() => comparePositions('teradata', 'abc', '1')).toThrow(/not a Teradata position/)
  })

  it('order by the clock a poll covers up to, comparable with a clock reading; positions stored without one (before to: existed) stay readable and come first', () => {
    const p = { poll: 7n, to: '2026-12-06 10:00:00.250000', watermarks: new Map([['Sales.Orders', '2026-12-06 09:59:50.000000']]) }
    const text = formatCapturePosition(p)
    expect(text).toBe('7;to:2026-12-06 10:00:00.250000;wm:Sales.Orders=2026-12-06%2009%3A59%3A50.000000')
    expect(parseCapturePosition(text)).toEqual(p)
    const frozen = 'time 2026-12-06 10:00:00.25 UTC'
    expect(comparePositions('teradata', text, frozen)).toBe(0)
    expect(comparePositions('teradata', '6;to:2026-12-06 10:00:00.249999', frozen)).toBe(-1)
    expect(comparePositions('teradata', '8;to:2026-12-06 10:00:01.000000', frozen)).toBe(1)
    // The clock decides before the poll number (a restarted stream counts on from its checkpoint).
    expect(comparePositions('teradata', '3;to:2026-12-06 10:00:02.000000', text)).toBe(1)
    expect(comparePositions('teradata', '7;to:2026-12-06 10:00:00.250000', '6;to:2026-12-06 10:00:00.250000')).toBe(1)
    // A checkpoint stored by an earlier godwit (poll only) is before every clocked position, whatever its poll.
    expect(comparePositions('teradata', '900;wm:Sales.Orders=x', frozen)).toBe(-1)
    expect(comparePositions('teradata', frozen, '900;wm:Sales.Orders=x')).toBe(1)
    expect(comparePositions('teradata', 'time 2026-12-06 10:00:00 UTC', 'time 2026-12-06 09:59:59.999999 UTC')).toBe(1)
    expect(() => comparePositions('teradata', 'time yesterday UTC', frozen)).toThrow(/not a Teradata position/)
    expect(() => comparePositions('teradata', '5;to:soon', frozen)).toThrow(/not a Teradata clock reading: "soon"/)
  })

  it('start after a load: poll 0, watermark tables at the load start', () => {
    const tables: TeradataCaptureTable[] = [{ ...orders, mode: 'watermark', watermark }, { ...orders, name: 'Lines', mode: 'change-table' }]
    expect(teradataStartPosition(tables, '2026-12-06 06:00:00.000000')).toBe('0;wm:Sales.Orders=2026-12-06%2006%3A00%3A00.000000')
  })
})

describe('capture SQL', () => {
  it('watermark: >= the watermark (minus the lookback), older than the clock minus the settle time, soft deletes flagged', () => {
    const q = watermarkQuery(orders, { ...watermark, lookbackSeconds: 30, deletedWhen: `"Total" < 0` }, '2026-12-06 06:00:00.000000')
    expect(q.sql).toBe(
      `SELECT "OrderId", TO_CHAR("Total"), TO_CHAR("UpdatedAt", 'YYYY-MM-DD HH24:MI:SS.FF6'), TO_CHAR("UpdatedAt", 'YYYY-MM-DD HH24:MI:SS.FF6'), ` +
        `CASE WHEN "Total" < 0 THEN 1 ELSE 0 END FROM "Sales"."Orders" ` +
        `WHERE "UpdatedAt" >= CAST(? AS TIMESTAMP(6)) - INTERVAL '30' SECOND(4) AND "UpdatedAt" < CURRENT_TIMESTAMP(6) - INTERVAL '5' SECOND(4)`,
    )
    expect(q.params).toEqual(['2026-12-06 06:00:00.000000'])
    expect(() => watermarkQuery(orders, { ...watermark, column: 'Total' }, 'x')).toThrow(/must be a TIMESTAMP or DATE/)
    expect(() => watermarkQuery(orders, { ...watermark, column: 'Nope' }, 'x')).toThrow(/no watermark column Nope/)
  })

  it('change table: table, statement triggers for insert/update/delete, and their removal', () => {
    const [table, ins, upd, del] = changeTableDdl(orders)
    expect(table).toContain('CREATE MULTISET TABLE "Sales"."godwit_chg_Orders", NO FALLBACK (')
    expect(table).toContain('  "OrderId" BIGINT NOT NULL\n) PRIMARY INDEX ("OrderId")')
    expect(ins).toBe(`CREATE TRIGGER "Sales"."godwit_ins_Orders" AFTER INSERT ON "Sales"."Orders" REFERENCING NEW_TABLE AS nt FOR EACH STATEMENT (INSERT INTO "Sales"."godwit_chg_Orders" (godwit_op, "OrderId") SELECT 'I', "OrderId" FROM nt;)`)
    expect(upd).toContain(`REFERENCING OLD_TABLE AS ot NEW_TABLE AS nt FOR EACH STATEMENT (INSERT INTO "Sales"."godwit_chg_Orders" (godwit_op, "OrderId") SELECT 'U', "OrderId" FROM ot; INSERT`)
    expect(del).toContain(`AFTER DELETE ON "Sales"."Orders" REFERENCING OLD_TABLE AS ot`)
    expect(changeTableDropDdl(orders)).toEqual(['DROP TRIGGER "Sales"."godwit_ins_Orders"', 'DROP TRIGGER "Sales"."godwit_upd_Orders"', 'DROP TRIGGER "Sales"."godwit_del_Orders"', 'DROP TABLE "Sales"."godwit_chg_Orders"'])
    expect(() => changeTableDdl({ ...orders, key: [] })).toThrow(/has no key/)
  })

  it('change table names stay within 128 characters and unique', () => {
    const long = 'x'.repeat(125)
    expect(changeTableName(long)).toHaveLength(128)
    expect(changeTableName(long)).not.toBe(changeTableName(`${'x'.repeat(124)}y`))
  })

  it('claim, read claimed keys with the current rows, purge applied polls', () => {
    expect(claimChangesStatement(orders, 7n)).toEqual({ sql: 'UPDATE "Sales"."godwit_chg_Orders" SET godwit_poll = ? WHERE godwit_poll IS NULL', params: ['7'] })
    expect(claimChangesStatement(orders, 7n, 5n).sql).toMatch(/WHERE godwit_poll IS NULL OR godwit_poll > \?$/)
    expect(claimedRowsQuery(orders, 7n).sql).toBe(
      `SELECT c."OrderId", r."OrderId", TO_CHAR(r."Total"), TO_CHAR(r."UpdatedAt", 'YYYY-MM-DD HH24:MI:SS.FF6'), CASE WHEN r."OrderId" IS NULL THEN 0 ELSE 1 END ` +
        `FROM (SELECT DISTINCT "OrderId" FROM "Sales"."godwit_chg_Orders" WHERE godwit_poll = ?) AS c LEFT JOIN "Sales"."Orders" AS r ON r."OrderId" = c."OrderId"`,
    )
    expect(purgeChangesStatement(orders, 6n)).toEqual({ sql: 'DELETE FROM "Sales"."godwit_chg_Orders" WHERE godwit_poll <= ?', params: ['6'] })
  })
})

async function take(items: AsyncIterable<CaptureItem>, n: number): Promise<SourceTransaction[]> {
  const out: SourceTransaction[] = []
  const it = items[Symbol.asyncIterator]()
  while (out.length < n) {
    const r = await it.next()
    if (r.done) break
    if (r.value.kind === 'transaction') out.push(r.value.tx)
  }
  return out
}

const clock: Recorded = { match: /^SELECT TO_CHAR\(CURRENT_TIMESTAMP/, rows: [['2026-12-06 07:00:00.000000']] }
const checkpoint = (position: string) => ({ position, partialEvents: 0, events: 0, transactions: 0 })

describe('TeradataCapture', () => {
  it('watermark polls: >= boundary keeps a row committed late with the same stamp, drops the ones already sent, flags soft deletes', async () => {
    const polls = [
      [[1, '10.00', '2026-12-06 06:00:00.000000', '2026-12-06 06:00:00.000000', 0], [2, '20.00', '2026-12-06 06:00:01.000000', '2026-12-06 06:00:01.000000', 0]],
      [[2, '20.00', '2026-12-06 06:00:01.000000', '2026-12-06 06:00:01.000000', 0], [3, '.5', '2026-12-06 06:00:01.000000', '2026-12-06 06:00:01.000000', 0], [1, '-1.00', '2026-12-06 06:00:02.000000', '2026-12-06 06:00:02.000000', 1]],
      [],
    ]
    const froms: unknown[] = []
    const driver = recordedDriver([clock, { match: /FROM "Sales"\."Orders" WHERE "UpdatedAt" >=/, rows: (params) => (froms.push(params[0]), polls[froms.length - 1] ?? []) }])
    const capture = new TeradataCapture('teradata://cdc:secret@td/Sales', { tables: [{ ...orders, mode: 'watermark', watermark: { ...watermark, deletedWhen: '"Total" < 0' } }], pollMs: 1, startFrom: '2026-12-06 05:59:00.000000' }, driver)
    const open = await capture.open(checkpoint('0'))
    const [first, second, third] = await take(open.items, 3)
    await open.close()
    await capture.close()
    expect(froms).toEqual(['2026-12-06 05:59:00.000000', '2026-12-06 06:00:01.000000', '2026-12-06 06:00:02.000000'])
    expect(first!.events.map((e) => (e.kind === 'update' ? e.after.values : e))).toEqual([
      { OrderId: '1', Total: '10', UpdatedAt: '2026-12-06 06:00:00' },
      { OrderId: '2', Total: '20', UpdatedAt: '2026-12-06 06:00:01' },
    ])
    // The clock read 07:00:00: rows younger than the 5 s settle time wait, plus 1 s for the clock's step.
    expect(first!.endPosition).toBe('1;to:2026-12-06 06:59:54.000000;wm:Sales.Orders=2026-12-06%2006%3A00%3A01.000000')
    // A poll's changes come after what the poll before it covered: from the start (no clock), then from its `to:`.
    expect([first!.commitPosition, second!.commitPosition]).toEqual(['1', '2;to:2026-12-06 06:59:54.000000'])
    expect(first!.commitTime).toEqual(new Date('2026-12-06T07:00:00.000Z'))
    expect(second!.events).toEqual([
      { kind: 'update', table: 'Sales.Orders', after: { values: { OrderId: '3', Total: '0.5', UpdatedAt: '2026-12-06 06:00:01' }, unchanged: [] } },
      { kind: 'delete', table: 'Sales.Orders', before: { values: { OrderId: '1' }, unchanged: [] } },
    ])
    expect(third!.heartbeat).toBe(true)
    expect(third!.txId).toBe('poll-3')
    expect((await capture.status()).position).toBe(third!.endPosition)
  })

  it('change-table polls: claim, upsert present keys, delete missing ones, purge once applied; a restart re-claims unapplied polls', async () => {
    const driver = recordedDriver([
      clock,
      { match: /^UPDATE "Sales"\."godwit_chg_Orders"/, rows: undefined },
      { match: /^DELETE FROM "Sales"\."godwit_chg_Orders"/, rows: undefined },
      { match: /^SELECT c\."OrderId"/, rows: (params) => (params[0] === '6' ? [[5, 5, '1.00', '2026-12-06 06:00:00.000000', 1], [9, null, null, null, 0]] : []) },
    ])
    const capture = new TeradataCapture('teradata://cdc:secret@td/Sales', { tables: [{ ...orders, mode: 'change-table' }], pollMs: 1, startFrom: '' }, driver)
    const open = await capture.open(checkpoint('5'))
    const [first] = await take(open.items, 1)
    expect(first!.events).toEqual([
      { kind: 'update', table: 'Sales.Orders', after: { values: { OrderId: '5', Total: '1', UpdatedAt: '2026-12-06 06:00:00' }, unchanged: [] } },
      { kind: 'delete', table: 'Sales.Orders', before: { values: { OrderId: '9' }, unchanged: [] } },
    ])
    // Change tables claim after the clock is read: only the clock's step stands between the reading and what is covered.
    expect(first!.endPosition).toBe('6;to:2026-12-06 06:59:59.000000')
    open.acknowledge(first!.endPosition)
    await take(open.items, 1)
    await open.close()
    await capture.close()
    const sent = driver.executed.filter((e) => /godwit_chg_Orders" SET|DELETE FROM/.test(e.sql)).map((e) => [e.sql.split(' WHERE ')[1], e.params])
    expect(sent).toEqual([
      ['godwit_poll IS NULL OR godwit_poll > ?', ['6', '5']],
      ['godwit_poll <= ?', ['6']],
      ['godwit_poll IS NULL', ['7']],
    ])
  })
})
