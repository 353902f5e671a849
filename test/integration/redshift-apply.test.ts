import { describe, expect, it } from 'vitest'
import { netChanges, type ApplyTable } from '../../src/cdc/net-changes.js'
import type { CdcCheckpoint } from '../../src/engines/postgres/control-schema-cdc.js'
import type { TargetTableMap } from '../../src/engines/postgres/pg-change-apply.js'
import { openRedshiftApplySide } from '../../src/engines/redshift/redshift-apply.js'
import type { ChangeEvent, SourceTransaction } from '../../src/model/change-event.js'
import { useDatabase } from '../support/database.js'

/**
 * Redshift's apply SQL (stage by multi-row INSERT, DELETE … USING, INSERT … SELECT, UPDATE …
 * FROM, checkpoint UPDATE-then-INSERT) is also valid PostgreSQL: it runs here against a target
 * table WITHOUT a primary key, as Redshift keeps it (declared keys are not enforced there).
 */
const COLUMNS = ['id', 'region', 'amount', 'note']
const TABLE: ApplyTable = { columns: COLUMNS, key: ['id'] }
const MAP: TargetTableMap = {
  source: 'app.orders',
  targetSchema: 'public',
  targetName: 'orders',
  columns: COLUMNS.map((c) => ({ source: c, target: c === 'note' ? 'remark' : c })),
  key: ['id'],
}
const START: CdcCheckpoint = { position: '0/100', partialEvents: 0, events: 0, transactions: 0 }

let lsn = 0x200
function tx(events: ChangeEvent[]): SourceTransaction {
  lsn += 0x10
  const p = `0/${lsn.toString(16).toUpperCase()}`
  return { txId: String(lsn), commitPosition: p, endPosition: p, commitTime: new Date('2026-01-01T00:00:00Z'), events, eventOffset: 0, complete: true, heartbeat: false }
}
const row = (id: number, region: string, amount: string, note: string | null) => ({ values: { id: String(id), region, amount, note }, unchanged: [] })
const ins = (id: number, region = 'eu', amount = '1.00', note: string | null = 'n'): ChangeEvent => ({ kind: 'insert', table: 'app.orders', after: row(id, region, amount, note) })

function checkpointAfter(txs: SourceTransaction[], before: CdcCheckpoint): CdcCheckpoint {
  const last = txs[txs.length - 1]!
  return { position: last.endPosition, commitTime: last.commitTime, txId: last.txId, partialEvents: 0, events: before.events + txs.reduce((n, t) => n + t.events.length, 0), transactions: before.transactions + txs.length }
}

function asRedshift(url: string): string {
  const u = new URL(url)
  return `redshift://${u.username}:${u.password}@${u.host}${u.pathname}?sslmode=disable`
}

describe('CDC apply on Redshift (its SQL run on PostgreSQL)', () => {
  const db = useDatabase('rs_apply')
  const tables = new Map([['app.orders', TABLE]])
  const maps = new Map([['app.orders', MAP]])

  async function contents(): Promise<string[]> {
    const r = await db.client.query<{ r: string }>(`SELECT concat_ws('|', id, region, amount, remark) AS r FROM orders ORDER BY id, region`)
    return r.rows.map((x) => x.r)
  }

  it('applies inserts, updates, deletes, key changes and partial updates set-based, with the checkpoint in the same transaction', async () => {
    await db.client.query(`CREATE TABLE orders (id int NOT NULL, region varchar(8), amount numeric(12,2) CHECK (amount < 1000000), remark varchar(100))`)
    // A key the load wrote twice (Redshift would not have refused it): an upsert must leave one row.
    await db.client.query(`INSERT INTO orders VALUES (1, 'old', 0, 'dup'), (1, 'old', 0, 'dup'), (2, 'eu', 2, 'keep')`)
    const side = await openRedshiftApplySide(asRedshift(db.url), maps, 7, START)
    try {
      expect(await side.readCheckpoint()).toEqual(START)
      const many = Array.from({ length: 2500 }, (_, i) => ins(100 + i, 'us', `${i}.50`, `tab\there "q" ü`))
      const txs = [
        tx([ins(1, 'eu', '10.00', 'fresh'), ...many]),
        tx([
          { kind: 'update', table: 'app.orders', before: row(100, 'us', '0.50', null), after: row(100, 'us', '99.99', 'updated') },
          { kind: 'delete', table: 'app.orders', before: { values: { id: '101' }, unchanged: [] } },
          // Key change with the whole new row: delete 102, upsert 9102.
          { kind: 'update', table: 'app.orders', before: row(102, 'us', '2.50', null), after: row(9102, 'us', '2.50', 'moved') },
          // Partial update (note not sent: unchanged TOAST): only region and amount change.
          { kind: 'update', table: 'app.orders', after: { values: { id: '2', region: 'ap', amount: '3.25' }, unchanged: ['note'] } },
        ]),
      ]
      // The restart position (Oracle: the oldest transaction open at the checkpoint) is kept with it.
      const cp = { ...checkpointAfter(txs, START), restartPosition: '0/180' }
      expect(await side.applyBatch(netChanges(txs, tables), cp)).toEqual({ deadLetters: 0 })
      const rows = await contents()
      expect(rows).toHaveLength(1 + 1 + 2500 - 2 + 1)
      expect(rows.slice(0, 4)).toEqual(['1|eu|10.00|fresh', '2|ap|3.25|keep', '100|us|99.99|updated', '103|us|3.50|tab\there "q" ü'])
      expect(rows[rows.length - 1]).toBe('9102|us|2.50|moved')
      expect(await side.readCheckpoint()).toEqual(cp)

      // A batch the target refuses (CHECK) leaves data and checkpoint as they were.
      const bad = [tx([ins(5000, 'eu', '1.00'), { kind: 'update', table: 'app.orders', before: row(2, 'ap', '3.25', 'keep'), after: row(2, 'ap', '5000000.00', 'keep') }])]
      await expect(side.applyBatch(netChanges(bad, tables), checkpointAfter(bad, cp))).rejects.toMatchObject({
        code: 'CDC_APPLY_REFUSED',
        exitCode: 5,
        message: expect.stringMatching(/^redshift refused a batch of changes to app\.orders \(source positions 0\/[0-9A-F]+ … 0\/[0-9A-F]+\): .*check constraint/),
      })
      expect(await contents()).toEqual(rows)
      expect(await side.readCheckpoint()).toEqual(cp)

      // A source TRUNCATE is a DELETE inside the transaction, then the batch goes on.
      const trunc = [tx([{ kind: 'truncate', tables: ['app.orders'], cascade: false, restartIdentity: false }, ins(1, 'eu', '1.00', 'after')])]
      await side.applyBatch(netChanges(trunc, tables), checkpointAfter(trunc, cp))
      expect(await contents()).toEqual(['1|eu|1.00|after'])
    } finally {
      await side.close()
    }
    // A new session (a restart) resumes from the target's checkpoint, not from the state store's start.
    const again = await openRedshiftApplySide(asRedshift(db.url), maps, 7, START)
    try {
      expect((await again.readCheckpoint()).transactions).toBe(3)
    } finally {
      await again.close()
    }
  })

  it('keyless tables: deletes exactly n of m identical rows (NULLs equal), without a row address; a row the target lacks stops the batch whole', async () => {
    await db.client.query(`CREATE TABLE log (a int, b text); INSERT INTO log VALUES (1, 'x'), (1, 'x'), (1, 'x'), (2, NULL), (3, 'y')`)
    const logMap: TargetTableMap = { source: 'app.log', targetSchema: 'public', targetName: 'log', columns: ['a', 'b'].map((c) => ({ source: c, target: c })) }
    const logTables = new Map([['app.log', { columns: ['a', 'b'] }]])
    const side = await openRedshiftApplySide(asRedshift(db.url), new Map([['app.log', logMap]]), 8, START)
    const v = (a: string, b: string | null) => ({ values: { a, b }, unchanged: [] })
    const logRows = async () => (await db.client.query<{ r: string }>(`SELECT concat_ws('|', a, coalesce(b, 'NULL')) AS r FROM log ORDER BY 1`)).rows.map((x) => x.r)
    try {
      const txs = [
        tx([
          { kind: 'delete', table: 'app.log', before: v('1', 'x') },
          { kind: 'delete', table: 'app.log', before: v('1', 'x') },
          { kind: 'update', table: 'app.log', before: v('2', null), after: v('2', 'z') },
          { kind: 'insert', table: 'app.log', after: v('4', 'w') },
          { kind: 'insert', table: 'app.log', after: v('1', 'x') },
        ]),
      ]
      const cp = checkpointAfter(txs, START)
      await side.applyBatch(netChanges(txs, logTables), cp)
      expect(await logRows()).toEqual(['1|x', '1|x', '2|z', '3|y', '4|w'])
      const bad = [tx([{ kind: 'delete', table: 'app.log', before: v('3', 'y') }, { kind: 'delete', table: 'app.log', before: v('9', 'gone') }])]
      await expect(side.applyBatch(netChanges(bad, logTables), checkpointAfter(bad, cp))).rejects.toMatchObject({ code: 'CDC_APPLY_REFUSED', message: expect.stringContaining('app.log: 1 deleted or updated row(s)') })
      expect(await logRows()).toEqual(['1|x', '1|x', '2|z', '3|y', '4|w'])
      expect(await side.readCheckpoint()).toEqual(cp)
    } finally {
      await side.close()
    }
  })
})
