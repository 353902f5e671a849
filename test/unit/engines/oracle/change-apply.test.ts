import { describe, expect, it } from 'vitest'
import { netChanges, type ApplyTable } from '../../../../src/cdc/net-changes.js'
import { GodwitError } from '../../../../src/core/errors.js'
import { CHECKPOINT_DDL } from '../../../../src/engines/oracle/oracle-apply-sql.js'
import { OracleChangeApplier } from '../../../../src/engines/oracle/oracle-apply.js'
import type { CdcCheckpoint } from '../../../../src/engines/postgres/control-schema-cdc.js'
import type { TargetTableMap } from '../../../../src/engines/postgres/pg-change-apply.js'
import type { ChangeEvent, SourceTransaction } from '../../../../src/model/change-event.js'
import { recordedWriteSession, type RecordedAnswer, type RecordedCall } from './recorded-session.js'

/** ALL_TAB_COLUMNS as a recorded Oracle answers it for the two tables the reverse stream writes. */
const DICTIONARY: Record<string, object[]> = {
  ORDERS: [
    { COLUMN_NAME: 'ID', DATA_TYPE: 'NUMBER', DATA_TYPE_OWNER: null, DATA_LENGTH: 22, CHAR_LENGTH: 0, CHAR_USED: null, DATA_PRECISION: 10, DATA_SCALE: 0 },
    { COLUMN_NAME: 'NOTE', DATA_TYPE: 'VARCHAR2', DATA_TYPE_OWNER: null, DATA_LENGTH: 6, CHAR_LENGTH: 6, CHAR_USED: 'B', DATA_PRECISION: null, DATA_SCALE: null },
    { COLUMN_NAME: 'AMOUNT', DATA_TYPE: 'NUMBER', DATA_TYPE_OWNER: null, DATA_LENGTH: 22, CHAR_LENGTH: 0, CHAR_USED: null, DATA_PRECISION: 8, DATA_SCALE: 2 },
    { COLUMN_NAME: 'PLACED', DATA_TYPE: 'DATE', DATA_TYPE_OWNER: null, DATA_LENGTH: 7, CHAR_LENGTH: 0, CHAR_USED: null, DATA_PRECISION: null, DATA_SCALE: null },
    { COLUMN_NAME: 'SEEN', DATA_TYPE: 'TIMESTAMP(6) WITH TIME ZONE', DATA_TYPE_OWNER: null, DATA_LENGTH: 13, CHAR_LENGTH: 0, CHAR_USED: null, DATA_PRECISION: null, DATA_SCALE: 6 },
    { COLUMN_NAME: 'DATA', DATA_TYPE: 'BLOB', DATA_TYPE_OWNER: null, DATA_LENGTH: 4000, CHAR_LENGTH: 0, CHAR_USED: null, DATA_PRECISION: null, DATA_SCALE: null },
  ],
  AUDIT_LOG: [
    { COLUMN_NAME: 'MSG', DATA_TYPE: 'VARCHAR2', DATA_TYPE_OWNER: null, DATA_LENGTH: 20, CHAR_LENGTH: 20, CHAR_USED: 'C', DATA_PRECISION: null, DATA_SCALE: null },
    { COLUMN_NAME: 'N', DATA_TYPE: 'NUMBER', DATA_TYPE_OWNER: null, DATA_LENGTH: 22, CHAR_LENGTH: 0, CHAR_USED: null, DATA_PRECISION: null, DATA_SCALE: null },
  ],
}

/** The reversed load plan of a cutover from Oracle: PostgreSQL names → the Oracle names they came from. */
const MAPS = new Map<string, TargetTableMap>([
  ['public.orders', { source: 'public.orders', targetSchema: 'SHOP', targetName: 'ORDERS', columns: ['id', 'note', 'amount', 'placed', 'seen', 'data'].map((c) => ({ source: c, target: c.toUpperCase() })), key: ['id'] }],
  ['public.audit_log', { source: 'public.audit_log', targetSchema: 'SHOP', targetName: 'AUDIT_LOG', columns: [{ source: 'msg', target: 'MSG' }, { source: 'n', target: 'N' }] }],
])
const TABLES = new Map<string, ApplyTable>([
  ['public.orders', { columns: ['id', 'note', 'amount', 'placed', 'seen', 'data'], key: ['id'] }],
  ['public.audit_log', { columns: ['msg', 'n'] }],
])

const ORDERS = '"SHOP"."ORDERS"'
const START: CdcCheckpoint = { position: '0/100', partialEvents: 0, events: 0, transactions: 0 }

function answers(extra: RecordedAnswer[] = [], checkpointRows: unknown[] = []): RecordedAnswer[] {
  return [
    ...extra,
    { match: /^ALTER SESSION/ },
    { match: /FROM USER_TABLES/, rows: [] },
    { match: /^CREATE TABLE GODWIT_CDC_CHECKPOINT/ },
    { match: /FROM ALL_TAB_COLUMNS/, rows: (b) => DICTIONARY[b.name!] ?? [] },
    { match: /FROM GODWIT_CDC_CHECKPOINT/, rows: checkpointRows },
    { match: /^(SET CONSTRAINTS|MERGE INTO GODWIT_CDC_CHECKPOINT|DELETE|INSERT|UPDATE)/ },
  ]
}

let seq = 0
function tx(events: ChangeEvent[]): SourceTransaction {
  seq++
  return { txId: String(seq), commitPosition: `0/${seq}00`, endPosition: `0/${seq}08`, commitTime: new Date(Date.UTC(2026, 11, 6, 10, 0, seq)), events, eventOffset: 0, complete: true, heartbeat: false }
}
const row = (values: Record<string, string | null>) => ({ values, unchanged: [] })
const order = (id: string, over: Record<string, string | null> = {}) => row({ id, note: 'ok', amount: '12.50', placed: '2026-12-01 08:30:00', seen: '2026-12-01 09:30:00.25+01', data: '\\xcafe', ...over })

/** Everything after the applier opened: the batch's calls. */
const batchCalls = (calls: readonly RecordedCall[], from: number) => calls.slice(from)

describe('OracleChangeApplier (recorded Oracle session)', () => {
  it('opens: session settings, creates the checkpoint table with the documented DDL, reads each table from the dictionary', async () => {
    const s = recordedWriteSession(answers())
    await OracleChangeApplier.open(s, MAPS, 7)
    const sqls = s.calls.map((c) => ('sql' in c ? c.sql : c.op))
    expect(sqls.filter((x) => x.startsWith('ALTER SESSION'))).toContain(`ALTER SESSION SET NLS_NUMERIC_CHARACTERS = '.,'`)
    expect(sqls).toContain(CHECKPOINT_DDL)
    expect(s.calls.filter((c) => 'sql' in c && /ALL_TAB_COLUMNS/.test(c.sql)).map((c) => (c as { binds: object }).binds)).toEqual([{ owner: 'SHOP', name: 'ORDERS' }, { owner: 'SHOP', name: 'AUDIT_LOG' }])
  })

  it('applies one batch as one transaction: deletes by key, upserts as UPDATE then INSERT of the keys not found, the checkpoint MERGE, one COMMIT', async () => {
    const s = recordedWriteSession(answers([{ match: /^UPDATE "SHOP"."ORDERS"/, rowsAffected: (b) => (b.c0 === '2' ? 1 : 0) }]))
    const a = await OracleChangeApplier.open(s, MAPS, 7)
    const from = s.calls.length
    const batch = [tx([{ kind: 'insert', table: 'public.orders', after: order('1') }, { kind: 'update', table: 'public.orders', after: order('2', { note: 'déjà' }) }]), tx([{ kind: 'delete', table: 'public.orders', before: row({ id: '3' }) }])]
    const cp: CdcCheckpoint = { position: '0/208', commitTime: batch[1]!.commitTime, txId: '2', partialEvents: 0, events: 3, transactions: 2 }
    await a.applyBatch(netChanges(batch, TABLES), cp)
    const calls = batchCalls(s.calls, from)
    expect(calls.map((c) => c.op)).toEqual(['execute', 'executeMany', 'executeMany', 'executeMany', 'execute', 'commit'])
    expect(calls[0]).toMatchObject({ sql: 'SET CONSTRAINTS ALL DEFERRED' })
    expect(calls[1]).toEqual({ op: 'executeMany', sql: `DELETE FROM ${ORDERS} WHERE "ID" = TO_NUMBER(:c0)`, rows: [{ c0: '3' }] })
    const update = calls[2] as Extract<RecordedCall, { op: 'executeMany' }>
    expect(update.sql).toBe(
      `UPDATE ${ORDERS} SET "NOTE" = :c1, "AMOUNT" = TO_NUMBER(:c2), "PLACED" = TO_DATE(:c3, 'YYYY-MM-DD HH24:MI:SS BC', 'NLS_DATE_LANGUAGE=AMERICAN'), ` +
        `"SEEN" = FROM_TZ(TO_TIMESTAMP(:c4, 'YYYY-MM-DD HH24:MI:SS.FF9 BC', 'NLS_DATE_LANGUAGE=AMERICAN'), 'UTC'), "DATA" = :c5 WHERE "ID" = TO_NUMBER(:c0)`,
    )
    // The values as Oracle reads them: DATE whole seconds with the era, timestamptz as the UTC instant, bytea as bytes.
    expect(update.rows[0]).toEqual({ c0: '1', c1: 'ok', c2: '12.5', c3: '2026-12-01 08:30:00 AD', c4: '2026-12-01 08:30:00.250000000 AD', c5: Buffer.from('cafe', 'hex') })
    expect(update.rows[1]).toMatchObject({ c0: '2', c1: 'déjà' })
    // Only key 1 was missing: it alone is inserted.
    expect(calls[3]).toMatchObject({ op: 'executeMany', sql: expect.stringMatching(/^INSERT INTO "SHOP"."ORDERS" \("ID", "NOTE", "AMOUNT", "PLACED", "SEEN", "DATA"\) VALUES \(TO_NUMBER\(:c0\), :c1, /), rows: [expect.objectContaining({ c0: '1' })] })
    expect(calls[4]).toMatchObject({ op: 'execute', sql: expect.stringMatching(/^MERGE INTO GODWIT_CDC_CHECKPOINT/), binds: { stream_id: '7', position: '0/208', tx_id: '2', events: '3', transactions: '2', partial_events: '0', commit_time: cp.commitTime!.toISOString() } })
  })

  it('keyless tables: deletes exactly n of the identical rows with ROWNUM, then inserts; too few rows found rolls the batch back', async () => {
    const s = recordedWriteSession(answers([{ match: /^DELETE FROM "SHOP"."AUDIT_LOG"/, rowsAffected: (b) => Number(b.n) }]))
    const a = await OracleChangeApplier.open(s, MAPS, 7)
    const from = s.calls.length
    const same = row({ msg: 'hi', n: null })
    await a.applyBatch(netChanges([tx([{ kind: 'delete', table: 'public.audit_log', before: same }, { kind: 'delete', table: 'public.audit_log', before: same }, { kind: 'insert', table: 'public.audit_log', after: row({ msg: 'new', n: '1' }) }])], TABLES), START)
    const calls = batchCalls(s.calls, from)
    expect(calls[1]).toEqual({
      op: 'execute',
      sql: `DELETE FROM "SHOP"."AUDIT_LOG" WHERE ("MSG" = :c0 OR ("MSG" IS NULL AND :c0 IS NULL)) AND ("N" = TO_NUMBER(:c1) OR ("N" IS NULL AND :c1 IS NULL)) AND ROWNUM <= TO_NUMBER(:n)`,
      binds: { c0: 'hi', c1: null, n: '2' },
    })
    expect(calls[2]).toMatchObject({ op: 'executeMany', sql: 'INSERT INTO "SHOP"."AUDIT_LOG" ("MSG", "N") VALUES (:c0, TO_NUMBER(:c1))', rows: [{ c0: 'new', c1: '1' }] })
    expect(calls.at(-1)).toEqual({ op: 'commit' })

    const short = recordedWriteSession(answers([{ match: /^DELETE FROM "SHOP"."AUDIT_LOG"/, rowsAffected: 1 }]))
    const b = await OracleChangeApplier.open(short, MAPS, 7)
    const err = await b.applyBatch(netChanges([tx([{ kind: 'delete', table: 'public.audit_log', before: same }, { kind: 'delete', table: 'public.audit_log', before: same }])], TABLES), START).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'CDC_APPLY_REFUSED', message: expect.stringContaining('1 row(s) of 2 found') })
    expect(short.calls.at(-1)).toEqual({ op: 'rollback' })
    expect(short.calls.some((c) => c.op === 'commit' || ('sql' in c && c.sql.startsWith('MERGE')))).toBe(false)
  })

  it('a value Oracle cannot hold stops the batch before anything is sent, naming table, key and column', async () => {
    const s = recordedWriteSession(answers())
    const a = await OracleChangeApplier.open(s, MAPS, 7)
    const from = s.calls.length
    // 'naïve!' is 6 characters but 7 UTF-8 bytes: VARCHAR2(6 BYTE) cannot hold it.
    const batch = [tx([{ kind: 'insert', table: 'public.orders', after: order('1') }, { kind: 'insert', table: 'public.orders', after: order('9', { note: 'naïve!' }) }])]
    const err = (await a.applyBatch(netChanges(batch, TABLES), START).catch((e: unknown) => e)) as GodwitError
    expect(err).toBeInstanceOf(GodwitError)
    expect(err.code).toBe('CDC_VALUE_REFUSED')
    expect(err.exitCode).toBe(5)
    expect(err.message).toContain('SHOP.ORDERS.NOTE cannot hold the value of public.orders.note for the row with key {"id":"9"}')
    expect(err.message).toContain('7 bytes (UTF-8) do not fit 6 bytes')
    expect(batchCalls(s.calls, from)).toEqual([])
  })

  it.each([
    ['amount', '1234567.5', 'integer digits'],
    ['amount', '1.005', 'decimal places'],
    ['placed', '2026-12-01 08:30:00.5', 'DATE keeps whole seconds'],
    ['seen', '2026-12-01 09:30:00', 'has no time zone'],
    ['data', 'cafe', 'hex form'],
  ])('refuses %s = %s (%s)', async (column, value, reason) => {
    const s = recordedWriteSession(answers())
    const a = await OracleChangeApplier.open(s, MAPS, 7)
    const err = (await a.applyBatch(netChanges([tx([{ kind: 'insert', table: 'public.orders', after: order('4', { [column]: value }) }])], TABLES), START).catch((e: unknown) => e)) as GodwitError
    expect(err.code).toBe('CDC_VALUE_REFUSED')
    expect(err.message).toContain(`SHOP.ORDERS.${column.toUpperCase()}`)
    expect(err.message).toContain(reason)
  })

  it('a refusal by the server (ORA-12899) rolls the batch back and names the table and the row by the failing offset', async () => {
    const s = recordedWriteSession(answers([{ match: /^INSERT INTO "SHOP"."ORDERS"/, error: (b) => (b.c0 === '6' ? 'ORA-12899: value too large for column "SHOP"."ORDERS"."NOTE" (actual: 7, maximum: 6)' : undefined) }, { match: /^UPDATE "SHOP"."ORDERS"/, rowsAffected: 0 }]))
    const a = await OracleChangeApplier.open(s, MAPS, 7)
    const err = (await a.applyBatch(netChanges([tx([{ kind: 'insert', table: 'public.orders', after: order('5') }, { kind: 'insert', table: 'public.orders', after: order('6') }])], TABLES), START).catch((e: unknown) => e)) as GodwitError
    expect(err.code).toBe('CDC_APPLY_REFUSED')
    expect(err.message).toContain('Oracle refused a change to SHOP.ORDERS (from public.orders) (row with key {"id":"6"})')
    expect(err.message).toContain('[ORACLE_VALUE_TOO_LARGE]')
    expect(err.message).not.toContain('secret')
    expect(err.hint).toContain('widen the column')
    expect(s.calls.at(-1)).toEqual({ op: 'rollback' })
  })

  it('a lost connection or a deadlock is handed back as transient (the replay loop reconnects and resumes from the checkpoint)', async () => {
    for (const ora of ['ORA-03113: end-of-file on communication channel', 'ORA-00060: deadlock detected while waiting for resource']) {
      const s = recordedWriteSession(answers([{ match: /^DELETE/, error: ora }]))
      const a = await OracleChangeApplier.open(s, MAPS, 7)
      const err = (await a.applyBatch(netChanges([tx([{ kind: 'delete', table: 'public.orders', before: row({ id: '1' }) }])], TABLES), START).catch((e: unknown) => e)) as GodwitError & { transient?: boolean }
      expect(err.transient).toBe(true)
      expect(err.exitCode).toBe(5)
      expect(s.calls.at(-1)).toEqual({ op: 'rollback' })
    }
  })

  it('resumes from the checkpoint Oracle committed, and from the stream start before the first batch', async () => {
    const none = recordedWriteSession(answers())
    expect(await (await OracleChangeApplier.open(none, MAPS, 7)).readCheckpoint(START)).toEqual(START)
    const kept = recordedWriteSession(answers([], [{ position: '0/208', commit_time: '2026-12-06T10:00:02.000000Z', tx_id: '2', partial_tx: null, partial_events: '0', events: '3', transactions: '2', restart_position: null }]))
    const cp = await (await OracleChangeApplier.open(kept, MAPS, 7)).readCheckpoint(START)
    expect(cp).toMatchObject({ position: '0/208', txId: '2', events: 3, transactions: 2, partialEvents: 0 })
    expect(cp.commitTime?.toISOString()).toBe('2026-12-06T10:00:02.000Z')
    expect(kept.calls.at(-1)).toMatchObject({ op: 'query', binds: { stream_id: '7' } })
  })

  it('truncate is a DELETE inside the transaction; a key-changing partial update moves the row by its old key', async () => {
    const s = recordedWriteSession(answers())
    const a = await OracleChangeApplier.open(s, MAPS, 7)
    const from = s.calls.length
    await a.applyBatch(
      netChanges([tx([{ kind: 'truncate', tables: ['public.orders'], cascade: false, restartIdentity: false }, { kind: 'update', table: 'public.orders', before: row({ id: '1' }), after: { values: { id: '2', note: 'x', amount: '1', placed: '2026-01-01 00:00:00', seen: '2026-01-01 00:00:00+00' }, unchanged: ['data'] } }])], TABLES),
      START,
    )
    const calls = batchCalls(s.calls, from)
    expect(calls[1]).toEqual({ op: 'execute', sql: `DELETE FROM ${ORDERS}`, binds: {} })
    expect(calls[2]).toMatchObject({ op: 'execute', sql: expect.stringMatching(/^UPDATE "SHOP"."ORDERS" SET "ID" = TO_NUMBER\(:c0\), "NOTE" = :c1, .* WHERE "ID" = TO_NUMBER\(:k0\)$/), binds: { c0: '2', k0: '1' } })
  })

  it('refuses a keyless table with a LOB column, and a column missing in Oracle, when it opens', async () => {
    const lob = recordedWriteSession(answers([{ match: /FROM ALL_TAB_COLUMNS/, rows: (b) => (b.name === 'AUDIT_LOG' ? [{ ...DICTIONARY.AUDIT_LOG![0]!, DATA_TYPE: 'CLOB' }, DICTIONARY.AUDIT_LOG![1]!] : DICTIONARY[b.name!]!) }]))
    await expect(OracleChangeApplier.open(lob, MAPS, 7)).rejects.toMatchObject({ code: 'CDC_KEYLESS_LOB' })
    expect(lob.closed).toBe(true)
    const gone = recordedWriteSession(answers([{ match: /FROM ALL_TAB_COLUMNS/, rows: (b) => (DICTIONARY[b.name!] ?? []).filter((r) => (r as { COLUMN_NAME: string }).COLUMN_NAME !== 'SEEN') }]))
    await expect(OracleChangeApplier.open(gone, MAPS, 7)).rejects.toMatchObject({ code: 'CDC_TARGET_TABLES', message: expect.stringContaining('SHOP.ORDERS has no column SEEN') })
  })
})
