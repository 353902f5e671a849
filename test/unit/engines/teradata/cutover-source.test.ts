import { describe, expect, it } from 'vitest'
import { TeradataCutoverSource } from '../../../../src/engines/teradata/teradata-cutover-source.js'
import { recordedDriver, type Recorded } from './recorded-driver.js'

const URL = 'teradata://cut:secret@td.example.com/Sales'
const CLOCK: Recorded = { match: /^SELECT TO_CHAR\(CURRENT_TIMESTAMP/, rows: [['2026-12-06 10:00:00.250000']] }

describe('TeradataCutoverSource (recorded driver)', () => {
  it('freezes nothing itself (the application is stopped, or --freeze-cmd), refuses --freeze-role, and the frozen position is the clock read after it', async () => {
    const src = new TeradataCutoverSource(URL, recordedDriver([CLOCK]))
    expect(src.defaultFreeze).toBe('none')
    expect(await src.freeze({ tables: ['Sales.Orders'] })).toMatchObject({ method: 'none', note: expect.stringMatching(/taken to be stopped already; godwit froze nothing/) })
    await expect(src.freeze({ role: 'app', tables: ['Sales.Orders'] })).rejects.toMatchObject({ code: 'CUTOVER_FREEZE_ROLE', exitCode: 2, hint: expect.stringMatching(/--freeze-cmd\/--unfreeze-cmd running the REVOKE\/GRANT/) })
    expect(await src.undoFreeze()).toBe('nothing to undo')
    expect(await src.currentPosition()).toBe('time 2026-12-06 10:00:00.250000 UTC')
    await src.close()
  })

  it('an unreadable clock is a source error, not a position', async () => {
    const src = new TeradataCutoverSource(URL, recordedDriver([{ match: /CURRENT_TIMESTAMP/, rows: [[null]] }]))
    await expect(src.currentPosition()).rejects.toMatchObject({ code: 'TERADATA_CLOCK_UNREADABLE', exitCode: 4 })
    await src.close()
  })

  it('feed health: a clocked capture position is compared with the clock; one stored without a clock (earlier godwit) is fine until the next poll; nothing applied fails', async () => {
    const src = new TeradataCutoverSource(URL, recordedDriver([CLOCK]))
    expect(await src.changeFeedHealth({ streamId: 3, appliedPosition: '12;to:2026-12-06 09:59:54.000000;wm:Sales.Orders=x' })).toEqual({
      title: 'Teradata capture position', ok: true, detail: 'cdc captured every change committed before 2026-12-06 09:59:54.000000 UTC; the source clock reads 2026-12-06 10:00:00.250000',
    })
    expect(await src.changeFeedHealth({ streamId: 3, appliedPosition: '12;to:2026-12-06 10:00:09.000000' })).toMatchObject({ ok: true, detail: expect.stringMatching(/ahead of it: the clocks of the two sessions disagree/) })
    expect(await src.changeFeedHealth({ streamId: 3, appliedPosition: '12;wm:Sales.Orders=x' })).toMatchObject({ ok: true, detail: expect.stringMatching(/^cdc applied poll 12, stored without a clock/) })
    expect(await src.changeFeedHealth({ streamId: 3 })).toMatchObject({ ok: false, detail: 'stream 3 has applied nothing yet' })
    await src.close()
  })

  it('identity columns from DBC.IdCol: AvailValue bounds what was handed out; a BY DEFAULT column also counts its stored maximum; names fold as convert writes them', async () => {
    const driver = recordedDriver([
      { match: /FROM DBC\.IdCol i/, rows: [['Orders', 'OrderId', 'GA', '221.', 1], ['Lines', 'LineId', 'GD', 500, 10], ['Notes', 'NoteId', 'GD', 40, 1]] },
      { match: /^SELECT CAST\(MAX\("LineId"\) AS BIGINT\) FROM "Sales"\."Lines"$/, rows: [[BigInt(900)]] },
      { match: /^SELECT CAST\(MAX\("NoteId"\) AS BIGINT\) FROM "Sales"\."Notes"$/, rows: [[null]] },
    ])
    const src = new TeradataCutoverSource(URL, driver)
    expect(await src.readSequences(['Sales'])).toEqual([
      { name: 'Sales.Orders.OrderId', lastValue: '221', increment: '1', ownedBy: 'Sales.Orders.OrderId', identity: true },
      { name: 'Sales.Lines.LineId', lastValue: '900', increment: '10', ownedBy: 'Sales.Lines.LineId', identity: true },
      { name: 'Sales.Notes.NoteId', lastValue: '40', increment: '1', ownedBy: 'Sales.Notes.NoteId', identity: true },
    ])
    expect(driver.executed[0]!.params).toEqual(['Sales'])
    expect(driver.executed[0]!.sql).toMatch(/JOIN DBC\.TVM t ON t\.TVMId = i\.TableID AND t\.DatabaseId = i\.DatabaseID/)
    expect(['OrderId', 'Order', 'My Col'].map((n) => src.targetObjectName(n))).toEqual(['orderid', 'order', 'MY COL'])
    await src.close()
  })

  it('without SELECT on DBC.IdCol: the identity columns from DBC.ColumnsV and MAX(column) each, said so in a note; any other error stops', async () => {
    const driver = recordedDriver([
      { match: /FROM DBC\.IdCol i/, error: '[Teradata Database] [Error 3523] The user does not have SELECT access to DBC.IdCol.' },
      { match: /FROM DBC\.ColumnsV WHERE/, rows: [['Orders', 'OrderId', 'GA'], ['Empty', 'Id', 'GA']] },
      { match: /MAX\("OrderId"\)/, rows: [['206']] },
      { match: /MAX\("Id"\)/, rows: [[null]] },
    ])
    const src = new TeradataCutoverSource(URL, driver)
    const seqs = await src.readSequences(['Sales'])
    expect(seqs.map((s) => [s.name, s.lastValue, s.increment])).toEqual([['Sales.Orders.OrderId', '206', '1'], ['Sales.Empty.Id', undefined, '1']])
    expect(seqs[0]!.note).toMatch(/^DBC\.IdCol is not readable by this user .*the highest value stored in the column was used/)
    await src.close()
    const broken = new TeradataCutoverSource(URL, recordedDriver([{ match: /FROM DBC\.IdCol i/, error: '[Teradata Database] [Error 2631] Transaction ABORTed due to deadlock.' }]))
    await expect(broken.readSequences(['Sales'])).rejects.toThrow(/Error 2631/)
    const odd = new TeradataCutoverSource(URL, recordedDriver([{ match: /FROM DBC\.IdCol i/, rows: [['Orders', 'OrderId', 'GA', 'n/a', 1]] }]))
    await expect(odd.readSequences(['Sales'])).rejects.toMatchObject({ code: 'CUTOVER_IDENTITY_VALUE', message: 'Sales.Orders.OrderId AvailValue: "n/a" is not an integer' })
    await broken.close()
    await odd.close()
  })
})
