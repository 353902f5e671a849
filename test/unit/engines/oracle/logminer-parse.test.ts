import { describe, expect, it } from 'vitest'
import { netChanges } from '../../../../src/cdc/net-changes.js'
import type { SourceTransaction } from '../../../../src/model/change-event.js'
import { logMinerProblems } from '../../../../src/engines/oracle/logminer-preflight.js'
import { parseRedo } from '../../../../src/engines/oracle/logminer-redo-parser.js'
import { contentsQuery, nextWindow } from '../../../../src/engines/oracle/logminer-sql.js'
import { LogMinerTransactionBuffer, type LogMinerRow } from '../../../../src/engines/oracle/logminer-transactions.js'

describe('SQL_REDO parsing', () => {
  it.each([
    [`insert into "HR"."EMP"("ID","NAME","HIRED","SAL","NOTE") values ('7','O''Brien',TO_DATE('2024-03-01 10:00:00', 'YYYY-MM-DD HH24:MI:SS'),'1234.5',NULL);`,
      { op: 'insert', schema: 'HR', table: 'EMP', after: { ID: '7', NAME: "O'Brien", HIRED: '2024-03-01 10:00:00', SAL: '1234.5', NOTE: null } }],
    [`update "HR"."EMP" set "SAL" = '1300', "NOTE" = NULL where "ID" = '7' and "NAME" = 'O''Brien' and "NOTE" IS NULL;`,
      { op: 'update', schema: 'HR', table: 'EMP', after: { SAL: '1300', NOTE: null }, before: { ID: '7', NAME: "O'Brien", NOTE: null } }],
    [`delete from "HR"."EMP" where "ID" = '7';`, { op: 'delete', schema: 'HR', table: 'EMP', before: { ID: '7' } }],
    [`insert into "HR"."DOC"("ID","RAW","TS","U","C","N") values (1,HEXTORAW('0AFF'),TO_TIMESTAMP('2024-03-01 10:00:00.123456'),UNISTR('\\00e9t\\00e9'),EMPTY_CLOB(),-1.5E+3);`,
      { op: 'insert', schema: 'HR', table: 'DOC', after: { ID: '1', RAW: '\\x0aff', TS: '2024-03-01 10:00:00.123456', U: 'été', C: '', N: '-1.5E+3' } }],
  ] as const)('%s', (redo, expected) => {
    expect(parseRedo(redo)).toEqual(expected)
  })

  it('refuses what it does not know, with the offset', () => {
    expect(() => parseRedo(`insert into "HR"."T"("A") values (SOMEFUNC('x'));`)).toThrow(/unsupported value function SOMEFUNC at offset/)
    expect(() => parseRedo(`insert into "HR"."T"("A","B") values ('x');`)).toThrow(/2 columns but 1 values/)
    expect(() => parseRedo(`alter table "HR"."T" add ("X" number);`)).toThrow(/not an insert, update or delete/)
  })
})

/** Rows as recorded from V$LOGMNR_CONTENTS (Oracle 19c, DICT_FROM_ONLINE_CATALOG), two interleaved transactions. */
const at = new Date('2024-03-01T10:00:00Z')
const row = (scn: number, xid: string, op: number, redo: string | null = null, extra: Partial<LogMinerRow> = {}): LogMinerRow => ({
  SCN: String(scn), XID: xid, OPERATION_CODE: op, CSF: 0, SEG_OWNER: redo ? 'HR' : null, TABLE_NAME: redo ? 'EMP' : null, ROW_ID: null, ROLLBACK: 0, STATUS: 0, INFO: null, TIMESTAMP: at, SQL_REDO: redo, ...extra,
})
const TABLES = new Map([['HR.EMP', ['ID', 'NAME', 'SAL']]])

describe('LogMiner rows → committed transactions', () => {
  it('buffers until COMMIT, drops ROLLBACK, joins CSF rows, undoes ROLLBACK=1 rows by ROW_ID, skips what was applied', () => {
    const b = new LogMinerTransactionBuffer(TABLES, { scn: '1000' })
    const items = [
      row(1001, 'A1', 6),
      row(1002, 'A1', 1, `insert into "HR"."EMP"("ID","NAME","SAL") values ('1','Ann',`, { CSF: 1, ROW_ID: 'r1' }),
      row(1002, 'A1', 1, `'10');`, { ROW_ID: 'r1' }),
      row(1003, 'B2', 6),
      row(1004, 'B2', 1, `insert into "HR"."EMP"("ID","NAME","SAL") values ('2','Bo','20');`, { ROW_ID: 'r2' }),
      row(1005, 'A1', 3, `update "HR"."EMP" set "SAL" = '11' where "ID" = '1';`, { ROW_ID: 'r1' }),
      row(1006, 'A1', 3, `update "HR"."EMP" set "SAL" = '10' where "ID" = '1';`, { ROW_ID: 'r1', ROLLBACK: 1 }), // rollback to savepoint
      row(1007, 'B2', 36),
      row(1008, 'A1', 7),
    ].map((r) => b.push(r)).filter((x) => x !== undefined)
    expect(items).toHaveLength(1)
    const tx = (items[0] as { tx: SourceTransaction }).tx
    expect(tx).toMatchObject({ txId: 'A1', commitPosition: '1008', complete: true })
    expect(tx.events).toEqual([{ kind: 'insert', table: 'HR.EMP', after: { values: { ID: '1', NAME: 'Ann', SAL: '10' }, unchanged: [] } }])
    const again = new LogMinerTransactionBuffer(TABLES, { scn: '1008', txId: 'A1' })
    for (const r of [row(1001, 'A1', 6), row(1002, 'A1', 1, `insert into "HR"."EMP"("ID","NAME","SAL") values ('1','Ann','10');`), row(1008, 'A1', 7)]) expect(again.push(r)).toBeUndefined()
  })

  it('a primary-key-logged update becomes a partial update of the changed columns', () => {
    const b = new LogMinerTransactionBuffer(TABLES, { scn: '0' })
    b.push(row(5, 'C3', 6))
    b.push(row(6, 'C3', 3, `update "HR"."EMP" set "SAL" = '30' where "ID" = '3';`))
    const item = b.push(row(7, 'C3', 7)) as { tx: SourceTransaction }
    const [step] = netChanges([item.tx], new Map([['HR.EMP', { columns: ['ID', 'NAME', 'SAL'], key: ['ID'] }]]))
    expect(step?.kind === 'rows' && [...step.keyed.get('HR.EMP')!.values()].map((c) => [c.op, c.values])).toEqual([['patch', { ID: '3', SAL: '30' }]])
  })

  it('keeps the resume SCN at the start of the oldest open transaction', () => {
    const b = new LogMinerTransactionBuffer(TABLES, { scn: '0' })
    b.push(row(50, 'D4', 6))
    b.push(row(60, 'E5', 6))
    b.push(row(70, 'E5', 7))
    expect(b.resumeScn('100')).toBe('49') // mining reads SCN > it, and D4's first change may share its START's SCN
    expect(b.openTransactions).toBe(1)
  })

  it('stops at DDL on a captured table and at rows the online catalog cannot translate', () => {
    const b = new LogMinerTransactionBuffer(TABLES, { scn: '0' })
    expect(b.push(row(9, 'F6', 5, null, { SEG_OWNER: 'HR', TABLE_NAME: 'EMP', SQL_REDO: 'alter table "HR"."EMP" add ("X" number)' }))).toMatchObject({ kind: 'schema-change', table: 'HR.EMP', position: '9' })
    expect(b.push(row(10, 'F7', 1, `insert into "HR"."EMP"("COL 1") values (HEXTORAW('00'));`, { STATUS: 2, INFO: 'Dictionary Mismatch' }))).toMatchObject({ kind: 'schema-change', detail: expect.stringMatching(/Dictionary Mismatch/) })
  })
})

describe('LogMiner SQL', () => {
  it('binds the captured tables and reads only what the buffer needs', () => {
    const q = contentsQuery(['HR.EMP', 'HR.DEPT'])
    expect(q.binds).toEqual({ o0: 'HR', t0: 'EMP', o1: 'HR', t1: 'DEPT' })
    expect(q.text).toContain('OPERATION_CODE IN (6, 7, 36) OR (OPERATION_CODE IN (1, 2, 3, 5) AND ((SEG_OWNER = :o0 AND TABLE_NAME = :t0) OR (SEG_OWNER = :o1 AND TABLE_NAME = :t1)))')
    expect(q.text).toContain('ORDER BY SCN, RS_ID, SSN')
  })

  it('windows SCNs up to the current SCN', () => {
    expect(nextWindow('100', '100', 1000n)).toBeUndefined()
    expect(nextWindow('100', '5000', 1000n)).toEqual({ lo: '100', hi: '1100' })
    expect(nextWindow('100', '500', 1000n)).toEqual({ lo: '100', hi: '500' })
  })

  it('names each missing prerequisite with the statement that fixes it', () => {
    const problems = logMinerProblems(
      { LOG_MODE: 'NOARCHIVELOG', SUPPLEMENTAL_LOG_DATA_MIN: 'NO', SUPPLEMENTAL_LOG_DATA_PK: 'NO', SUPPLEMENTAL_LOG_DATA_ALL: 'NO' },
      [{ OWNER: 'HR', TABLE_NAME: 'EMP', LOG_GROUP_TYPE: 'PRIMARY KEY LOGGING' }],
      ['CREATE SESSION', 'LOGMINING', 'SELECT_CATALOG_ROLE', 'EXECUTE_CATALOG_ROLE'],
      new Map([['HR.EMP', true], ['HR.NOKEY', false]]),
    )
    expect(problems.map((p) => [p.code, p.object, p.fix])).toEqual([
      ['ARCHIVELOG_OFF', 'database', 'SHUTDOWN IMMEDIATE; STARTUP MOUNT; ALTER DATABASE ARCHIVELOG; ALTER DATABASE OPEN;'],
      ['SUPPLEMENTAL_MIN_OFF', 'database', 'ALTER DATABASE ADD SUPPLEMENTAL LOG DATA;'],
      ['TABLE_NOT_LOGGED', 'HR.NOKEY', 'ALTER TABLE "HR"."NOKEY" ADD SUPPLEMENTAL LOG DATA (ALL) COLUMNS;'],
      ['PRIVILEGE_MISSING', 'SELECT ANY TRANSACTION', 'GRANT SELECT ANY TRANSACTION TO <godwit user>;'],
    ])
  })
})
