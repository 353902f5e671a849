import { describe, expect, it } from 'vitest'
import { captureFor, createChangeTables } from '../../../../src/cdc/cdc-capture.js'
import type { LoadRunForCdc } from '../../../../src/engines/postgres/control-schema-cdc.js'
import type { SourceTransaction } from '../../../../src/model/change-event.js'
import { ORDERS_PLAN as orders } from './capture-plan.js'
import { recordedSalesCatalog } from './recorded-catalog.js'
import { recordedDriver, type Recorded } from './recorded-driver.js'

/** `godwit cdc --source teradata://…`: the capture choice wires the load run and the flags into TeradataCapture. */
const URL = 'teradata://cdc:secret@td.example.com/Sales'
const LOAD_START = '2026-12-06 06:00:00.000000'
const run = (sourceTime: string | undefined = LOAD_START): LoadRunForCdc => ({ id: 4, runKey: 'k', state: 'done', selection: [], position: { engine: 'teradata', ...(sourceTime ? { sourceTime } : {}) } })
const marks = (...pairs: [string, string][]) => new Map(pairs)
const clock: Recorded = { match: /^SELECT TO_CHAR\(CURRENT_TIMESTAMP/, rows: [['2026-12-06 07:00:00.000000']] }

describe('cdc capture choice for a Teradata source', () => {
  it('watermark mode (the default): starts every table at the load clock, polls from it, and says deletes are not seen', async () => {
    const froms: unknown[] = []
    const driver = recordedDriver([clock, { match: /FROM "Sales"\."Orders" WHERE "UpdatedAt" >=/, rows: (p) => (froms.push(p[0]), froms.length === 1 ? [[7, '1.50', '2026-12-06 06:10:00.000000', '2026-12-06 06:10:00.000000', 0]] : []) }])
    // Table and column names as a user types them: Teradata matches them case-blind.
    const c = await captureFor(URL, run(), [orders], 5_000, { watermarkColumns: marks(['sales.orders', 'updatedat']), teradataDriver: driver })
    expect(c.engine).toBe('teradata')
    expect(c.startPosition).toBe('0;wm:Sales.Orders=2026-12-06%2006%3A00%3A00.000000')
    expect(c.warnings).toEqual([expect.stringMatching(/does not see rows deleted/)])
    await c.preflight()
    const side = await c.openSide()
    const open = await side.open({ position: c.startPosition, partialEvents: 0, events: 0, transactions: 0 })
    const it = open.items[Symbol.asyncIterator]()
    const first = (await it.next()).value as { kind: 'transaction'; tx: SourceTransaction }
    await open.close()
    await side.close()
    expect(froms[0]).toBe(LOAD_START)
    expect(first.tx.events).toEqual([{ kind: 'update', table: 'Sales.Orders', after: { values: { OrderId: '7', Total: '1.5', UpdatedAt: '2026-12-06 06:10:00' }, unchanged: [] } }])
    expect(first.tx.endPosition).toBe('1;to:2026-12-06 06:59:54.000000;wm:Sales.Orders=2026-12-06%2006%3A10%3A00.000000')
    expect(driver.executed.find((e) => /"UpdatedAt" >=/.test(e.sql))!.sql).toContain(`"UpdatedAt" < CURRENT_TIMESTAMP(6) - INTERVAL '5' SECOND(4)`)
  })

  it('watermark options are checked against the load run: missing, stray, unknown or non-temporal columns, keyless tables, no load clock', async () => {
    const choose = (o: Parameters<typeof captureFor>[4], plans = [orders], r = run()) => captureFor(URL, r, plans, 10, o)
    await expect(choose({})).rejects.toMatchObject({ code: 'CDC_WATERMARK_MISSING', exitCode: 2, object: 'Sales.Orders', hint: expect.stringContaining('--watermark-column Sales.Orders=<column>') })
    await expect(choose({ watermarkColumns: marks(['Sales.Orders', 'UpdatedAt'], ['Sales.Lines', 'At']) })).rejects.toMatchObject({ code: 'CDC_WATERMARK_TABLE', message: expect.stringContaining('Sales.Lines') })
    await expect(choose({ watermarkColumns: marks(['Sales.Orders', 'Changed']) })).rejects.toMatchObject({ code: 'CDC_WATERMARK_COLUMN', object: 'Sales.Orders.Changed', hint: 'Its columns: OrderId, Total, UpdatedAt.' })
    await expect(choose({ watermarkColumns: marks(['Sales.Orders', 'Total']) })).rejects.toMatchObject({ code: 'CDC_WATERMARK_COLUMN', message: expect.stringContaining('is decimal, not a TIMESTAMP or DATE') })
    const { key: _key, ...keyless } = orders
    await expect(choose({ mode: 'change-table' }, [keyless])).rejects.toMatchObject({ code: 'CDC_NO_KEY', object: 'Sales.Orders' })
    await expect(choose({ watermarkColumns: marks(['Sales.Orders', 'UpdatedAt']) }, [orders], run(''))).rejects.toMatchObject({ code: 'CDC_NO_SOURCE_TIME' })
  })

  it('change-table mode: starts at poll 0 and refuses to start while a table has no change table', async () => {
    let present: unknown[][] = []
    const driver = recordedDriver([{ match: /FROM DBC\.TablesV/, rows: () => present }])
    const c = await captureFor(URL, run(), [orders], 10, { mode: 'change-table', teradataDriver: driver })
    expect(c).toMatchObject({ engine: 'teradata', startPosition: '0', warnings: [] })
    const err = await c.preflight().then(() => undefined, (e: unknown) => e)
    expect(err).toMatchObject({ code: 'CDC_NO_CHANGE_TABLE', exitCode: 4, object: 'Sales.Orders', hint: expect.stringContaining('--create-change-tables') })
    expect(driver.executed.at(-1)!.params).toEqual(['Sales', 'godwit_chg_Orders'])
    present = [['godwit_chg_Orders']]
    await c.preflight()
  })
})

describe('godwit cdc --create-change-tables on a Teradata source', () => {
  it('creates the change table and triggers of each selected table that has none, from the catalog, and leaves the others', async () => {
    const presence: Recorded = { match: /^SELECT TableName FROM DBC\.TablesV WHERE DatabaseName = \? AND TableName = \?$/, rows: (p) => (p[1] === 'godwit_chg_Orders' ? [['godwit_chg_Orders']] : []) }
    const driver = recordedDriver([presence, ...recordedSalesCatalog(), { match: /^CREATE (MULTISET TABLE|TRIGGER) /, rows: undefined }])
    const r = await createChangeTables(URL, ['Sales.Customer', 'Sales.Orders'], driver)
    expect(r).toEqual({ created: ['Sales.godwit_chg_Customer'], present: ['Sales.Orders'] })
    const ddl = driver.executed.filter((e) => e.sql.startsWith('CREATE ')).map((e) => e.sql)
    expect(ddl).toHaveLength(4)
    expect(ddl[0]).toContain('CREATE MULTISET TABLE "Sales"."godwit_chg_Customer", NO FALLBACK (')
    expect(ddl[0]).toMatch(/"CustomerId" INTEGER NOT NULL\n\) PRIMARY INDEX \("CustomerId"\)$/)
    expect(ddl.slice(1).map((s) => /^CREATE TRIGGER (\S+) AFTER (\w+) ON "Sales"\."Customer"/.exec(s)?.slice(1))).toEqual([
      ['"Sales"."godwit_ins_Customer"', 'INSERT'], ['"Sales"."godwit_upd_Customer"', 'UPDATE'], ['"Sales"."godwit_del_Customer"', 'DELETE'],
    ])
  })
})
