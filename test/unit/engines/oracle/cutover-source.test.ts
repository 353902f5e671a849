import { describe, expect, it } from 'vitest'
import type { SourceFreeze } from '../../../../src/engines/cutover-source.js'
import { OracleCutoverSource } from '../../../../src/engines/oracle/oracle-cutover-source.js'
import { pairSequences, type SequenceState } from '../../../../src/engines/postgres/pg-sequence-sync.js'
import { fallbackPlan } from '../../../../src/cutover/fallback-plan.js'
import { recordedSession, type RecordedAnswer } from './recorded-session.js'

/**
 * The Oracle side of cutover on recorded dictionary answers (ALL_TABLES, ALL_SEQUENCES,
 * ALL_TAB_IDENTITY_COLS, V$DATABASE): the statements godwit sends and what it makes of the rows.
 */
const READ_ONLY: Record<string, string> = { EMPLOYEES: 'NO', DEPARTMENTS: 'YES', JOBS: 'NO' }
const dictionary: RecordedAnswer[] = [
  { match: /FROM ALL_TABLES/, rows: (b) => (READ_ONLY[b.name!] ? [{ READ_ONLY: READ_ONLY[b.name!] }] : []) },
  { match: /^ALTER SESSION SET DDL_LOCK_TIMEOUT/, rows: [] },
]
const TABLES = ['HR.EMPLOYEES', 'HR.DEPARTMENTS', 'HR.JOBS']
const alters = (s: ReturnType<typeof recordedSession>) => s.sent.filter((x) => x.sql.startsWith('ALTER TABLE')).map((x) => x.sql)

describe('Oracle cutover source: freeze by read-only tables', () => {
  it('records the tables and their earlier state before it alters any, and leaves a table that was read-only alone', async () => {
    const s = recordedSession([...dictionary, { match: /^ALTER TABLE/, rows: [] }])
    const remembered: SourceFreeze[] = []
    const f = await new OracleCutoverSource(s).freeze({ tables: TABLES }, undefined, async (p) => {
      expect(alters(s)).toEqual([]) // nothing altered before the plan is stored
      remembered.push(p)
    })
    expect(remembered).toHaveLength(1)
    expect(f.readOnlyTables).toEqual([{ table: 'HR.EMPLOYEES', wasReadOnly: false }, { table: 'HR.DEPARTMENTS', wasReadOnly: true }, { table: 'HR.JOBS', wasReadOnly: false }])
    expect(s.sent.find((x) => x.sql.startsWith('ALTER SESSION'))?.sql).toBe('ALTER SESSION SET DDL_LOCK_TIMEOUT = 30')
    expect(alters(s)).toEqual(['ALTER TABLE "HR"."EMPLOYEES" READ ONLY', 'ALTER TABLE "HR"."JOBS" READ ONLY'])
    expect(f.note).toMatch(/READ ONLY on 2 tables \(HR.DEPARTMENTS read-only already, left so\)/)

    const undo = recordedSession([{ match: /^ALTER TABLE/, rows: [] }])
    expect(await new OracleCutoverSource(undo).undoFreeze(f)).toMatch(/READ WRITE on HR.EMPLOYEES, HR.JOBS: the source is writable again/)
    expect(alters(undo)).toEqual(['ALTER TABLE "HR"."EMPLOYEES" READ WRITE', 'ALTER TABLE "HR"."JOBS" READ WRITE'])
  })

  it('resumed after a crash, it keeps the first attempt’s record: a table it made read-only is still made writable by the undo', async () => {
    // The crashed attempt altered EMPLOYEES; ALL_TABLES now says YES for it, which must not count.
    const s = recordedSession([
      { match: /FROM ALL_TABLES/, rows: [{ READ_ONLY: 'YES' }] },
      { match: /^ALTER SESSION/, rows: [] },
      { match: /"EMPLOYEES" READ ONLY/, error: 'ORA-14139: table HR.EMPLOYEES is already in read-only mode' },
      { match: /^ALTER TABLE/, rows: [] },
    ])
    const earlier: SourceFreeze = { method: 'read-only-tables', readOnlyTables: [{ table: 'HR.EMPLOYEES', wasReadOnly: false }, { table: 'HR.JOBS', wasReadOnly: false }], note: 'planned' }
    const f = await new OracleCutoverSource(s).freeze({ tables: ['HR.EMPLOYEES', 'HR.JOBS'] }, earlier, async () => undefined)
    expect(s.sent.some((x) => /ALL_TABLES/.test(x.sql))).toBe(false)
    expect(f.readOnlyTables).toEqual(earlier.readOnlyTables)
    expect(alters(s)).toEqual(['ALTER TABLE "HR"."EMPLOYEES" READ ONLY', 'ALTER TABLE "HR"."JOBS" READ ONLY'])
  })

  it('a transaction holding a table past DDL_LOCK_TIMEOUT: a clear error naming it; the undo then skips tables the freeze never reached', async () => {
    const s = recordedSession([...dictionary, { match: /"JOBS" READ ONLY/, error: 'ORA-00054: resource busy and acquire with NOWAIT specified or timeout expired' }, { match: /^ALTER TABLE/, rows: [] }])
    let planned: SourceFreeze | undefined
    const err = await new OracleCutoverSource(s).freeze({ tables: TABLES }, undefined, async (p) => void (planned = p)).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'CUTOVER_FREEZE_BUSY', exitCode: 4, object: 'HR.JOBS' })
    expect((err as Error).message).toBe('HR.JOBS: a transaction kept changes on it open for 30 s, so it could not be made read-only')
    expect((err as { hint: string }).hint).toMatch(/V\$LOCKED_OBJECT/)
    const undo = recordedSession([{ match: /"JOBS" READ WRITE/, error: 'ORA-14140: table HR.JOBS is already in read/write mode' }, { match: /^ALTER TABLE/, rows: [] }])
    expect(await new OracleCutoverSource(undo).undoFreeze(planned!)).toMatch(/READ WRITE on HR.EMPLOYEES, HR.JOBS/)
  })

  it('refuses --freeze-role and a table the user cannot see', async () => {
    await expect(new OracleCutoverSource(recordedSession(dictionary)).freeze({ role: 'APP', tables: TABLES }, undefined, async () => undefined)).rejects.toMatchObject({ code: 'CUTOVER_FREEZE_ROLE', exitCode: 2 })
    await expect(new OracleCutoverSource(recordedSession(dictionary)).freeze({ tables: ['HR.GONE'] }, undefined, async () => undefined)).rejects.toMatchObject({ code: 'CUTOVER_NO_TABLE', object: 'HR.GONE' })
  })

  it('the fall-back plan prints the READ WRITE statements for the tables godwit froze', () => {
    const plan = fallbackPlan({ sourceUrl: 'oracle://gw@db/FREEPDB1', targetUrl: 'postgres://t', tables: [], freeze: { method: 'read-only-tables', readOnlyTables: [{ table: 'HR.EMPLOYEES', wasReadOnly: false }, { table: 'HR.DEPARTMENTS', wasReadOnly: true }], note: '' } })
    expect(plan.commands).toContain('# in SQL*Plus on the source: ALTER TABLE "HR"."EMPLOYEES" READ WRITE;')
  })

  it('with a fall-back stream: the tables made writable first (cdc --reverse writes to them), then cdc --reverse into Oracle, sequences by hand', () => {
    const freeze = { method: 'read-only-tables' as const, readOnlyTables: [{ table: 'HR.EMPLOYEES', wasReadOnly: false }], note: '' }
    const plan = fallbackPlan({ sourceUrl: 'oracle://gw@db/FREEPDB1', targetUrl: 'postgres://t', tables: [], freeze, stream: { name: 'godwit_fallback_4', position: '0/3000060' } })
    expect(plan.reverseReplication).toBe('ready')
    const unfreeze = plan.commands.indexOf('# in SQL*Plus on the source: ALTER TABLE "HR"."EMPLOYEES" READ WRITE;')
    const reverse = plan.commands.indexOf('godwit cdc --reverse --source "oracle://gw@db/FREEPDB1" --target "postgres://t"')
    expect(unfreeze).toBeGreaterThanOrEqual(0)
    expect(reverse).toBeGreaterThan(unfreeze)
    expect(plan.commands.filter((c) => c.includes('READ WRITE'))).toHaveLength(1)
    expect(plan.commands.join('\n')).toMatch(/set each Oracle sequence past the largest value of its column/)
  })
})

describe('Oracle cutover source: positions', () => {
  it('reads the SCN from V$DATABASE, or from DBMS_FLASHBACK without SELECT on V_$DATABASE', async () => {
    expect(await new OracleCutoverSource(recordedSession([{ match: /V\$DATABASE/, rows: [{ SCN: '9087123' }] }])).currentPosition()).toBe('9087123')
    const s = recordedSession([{ match: /V\$DATABASE/, error: 'ORA-00942: table or view does not exist' }, { match: /DBMS_FLASHBACK/, rows: [{ SCN: '9087124' }] }])
    expect(await new OracleCutoverSource(s).currentPosition()).toBe('9087124')
    const none = recordedSession([{ match: /SCN/, error: 'ORA-01031: insufficient privileges' }])
    await expect(new OracleCutoverSource(none).currentPosition()).rejects.toMatchObject({ code: 'ORACLE_CATALOG_ACCESS' })
  })

  it('the change feed is healthy while the redo from the applied SCN on is still on disk', async () => {
    const src = new OracleCutoverSource(recordedSession([{ match: /V\$ARCHIVED_LOG/, rows: [{ SCN: '5000' }] }]))
    expect(await src.changeFeedHealth({ streamId: 3, appliedPosition: '7200' })).toEqual({ title: 'redo for LogMiner on disk', ok: true, detail: 'oldest redo on disk starts at SCN 5000; cdc applied up to SCN 7200' })
    expect(await src.changeFeedHealth({ streamId: 3, appliedPosition: '4200' })).toMatchObject({ ok: false, detail: expect.stringMatching(/the redo in between is gone/) })
    expect(await src.changeFeedHealth({ streamId: 3 })).toMatchObject({ ok: false, detail: 'stream 3 has applied nothing yet' })
  })
})

describe('Oracle cutover source: sequences and identity columns', () => {
  const SEQUENCES = [
    { SEQUENCE_OWNER: 'HR', SEQUENCE_NAME: 'DEPARTMENTS_SEQ', LAST_NUMBER: '290', INCREMENT_BY: '10', SCALE_FLAG: 'N', TABLE_NAME: null, COLUMN_NAME: null },
    { SEQUENCE_OWNER: 'HR', SEQUENCE_NAME: 'ISEQ$$_73421', LAST_NUMBER: '221', INCREMENT_BY: '1', SCALE_FLAG: 'N', TABLE_NAME: 'EMPLOYEES', COLUMN_NAME: 'EMPLOYEE_ID' },
    { SEQUENCE_OWNER: 'HR', SEQUENCE_NAME: 'CountDown', LAST_NUMBER: '-41', INCREMENT_BY: '-1', SCALE_FLAG: 'N', TABLE_NAME: null, COLUMN_NAME: null },
  ]

  it('reads LAST_NUMBER per sequence, the identity column behind each ISEQ$$ sequence, and pairs them with the target by the naming rule', async () => {
    const s = recordedSession([{ match: /FROM DBA_SEQUENCES/, rows: (b) => (b.owner === 'HR' ? SEQUENCES : []) }])
    const src = new OracleCutoverSource(s)
    const read = await src.readSequences(['HR'])
    expect(read).toEqual([
      { name: 'HR.DEPARTMENTS_SEQ', lastValue: '290', increment: '10', identity: false },
      { name: 'HR.ISEQ$$_73421', lastValue: '221', increment: '1', ownedBy: 'HR.EMPLOYEES.EMPLOYEE_ID', identity: true },
      { name: 'HR.CountDown', lastValue: '-41', increment: '-1', identity: false },
    ])
    expect(s.sent[0]!.sql).toMatch(/LEFT JOIN DBA_TAB_IDENTITY_COLS I ON I.OWNER = S.SEQUENCE_OWNER AND I.SEQUENCE_NAME = S.SEQUENCE_NAME/)
    const target: SequenceState[] = [
      { name: 'hr.departments_seq', increment: '10', identity: false },
      { name: 'hr.employees_employee_id_seq', increment: '1', ownedBy: 'hr.employees.employee_id', identity: true },
      { name: 'hr.CountDown', increment: '-1', identity: false },
    ]
    const pairs = pairSequences(read, target, new Map([['HR', 'hr']]), (n) => src.targetObjectName(n))
    expect(pairs.map((p) => [p.source.name, p.target?.name])).toEqual([
      ['HR.DEPARTMENTS_SEQ', 'hr.departments_seq'],
      ['HR.ISEQ$$_73421', 'hr.employees_employee_id_seq'],
      ['HR.CountDown', 'hr.CountDown'],
    ])
  })

  it('before 18c (no SCALE_FLAG) it asks again without the column, and keeps to what worked for the next owner', async () => {
    const s = recordedSession([
      { match: /S\.SCALE_FLAG/, error: 'ORA-00904: "S"."SCALE_FLAG": invalid identifier' },
      { match: /FROM DBA_SEQUENCES/, rows: [SEQUENCES[0]] },
    ])
    expect(await new OracleCutoverSource(s).readSequences(['HR', 'OE'])).toHaveLength(2)
    expect(s.sent.map((x) => [/S\.SCALE_FLAG/.test(x.sql) ? 'with' : 'without', x.binds.owner])).toEqual([['with', 'HR'], ['without', 'HR'], ['without', 'OE']])
  })

  it('without SELECT_CATALOG_ROLE (no DBA_* views) it reads ALL_SEQUENCES: what the user may use', async () => {
    const s = recordedSession([
      { match: /FROM DBA_SEQUENCES/, error: 'ORA-00942: table or view does not exist' },
      { match: /FROM ALL_SEQUENCES/, rows: [SEQUENCES[1]] },
    ])
    expect(await new OracleCutoverSource(s).readSequences(['HR'])).toEqual([{ name: 'HR.ISEQ$$_73421', lastValue: '221', increment: '1', ownedBy: 'HR.EMPLOYEES.EMPLOYEE_ID', identity: true }])
    expect(s.sent.map((x) => /FROM (\w+)_SEQUENCES/.exec(x.sql)![1])).toEqual(['DBA', 'DBA', 'ALL'])
  })

  it('another error is not taken for a missing view', async () => {
    const s = recordedSession([{ match: /_SEQUENCES/, error: 'ORA-01031: insufficient privileges' }])
    await expect(new OracleCutoverSource(s).readSequences(['HR'])).rejects.toMatchObject({ code: 'ORACLE_CATALOG_ACCESS' })
    expect(s.sent).toHaveLength(1)
  })

  it('refuses a scalable sequence: its values are not bounded by LAST_NUMBER', async () => {
    const s = recordedSession([{ match: /FROM DBA_SEQUENCES/, rows: [{ ...SEQUENCES[0], SCALE_FLAG: 'Y' }] }])
    await expect(new OracleCutoverSource(s).readSequences(['HR'])).rejects.toMatchObject({ code: 'CUTOVER_SCALABLE_SEQUENCE', object: 'HR.DEPARTMENTS_SEQ' })
  })
})
