import { describe, expect, it } from 'vitest'
import {
  chunkQuery,
  chunksFromBoundaries,
  extentsQuery,
  keyBoundariesQuery,
  keyRangeCondition,
  planRowidChunks,
  selectExpression,
  type OracleBinds,
} from '../../../../src/engines/oracle/oracle-extract-sql.js'
import type { LoadColumn } from '../../../../src/load/load-source.js'
import type { LogicalType } from '../../../../src/model/logical-type.js'

const NUM: LogicalType = { kind: 'decimal', precision: 38, scale: 0 }
const TEXT: LogicalType = { kind: 'text', fixed: false, maxChars: 30 }
const DATE: LogicalType = { kind: 'timestamp', precision: 0, tz: 'none' }

describe('Oracle key ranges without row-value comparison', () => {
  it('one column: plain comparisons with converted binds', () => {
    const binds: OracleBinds = {}
    expect(keyRangeCondition([{ name: 'ID', type: NUM }], { lower: ['100'], upper: ['200'] }, binds)).toBe('"ID" >= TO_NUMBER(:lo0) AND "ID" < TO_NUMBER(:hi0)')
    expect(binds).toEqual({ lo0: '100', hi0: '200' })
  })

  it('two columns: (a, b) >= (x, y) becomes a > x OR (a = x AND b >= y)', () => {
    const binds: OracleBinds = {}
    const key = [{ name: 'ORDER_ID', type: NUM }, { name: 'LINE', type: NUM }]
    expect(keyRangeCondition(key, { lower: ['7', '2'] }, binds)).toBe('("ORDER_ID" > TO_NUMBER(:lo0) OR ("ORDER_ID" = TO_NUMBER(:lo0) AND "LINE" >= TO_NUMBER(:lo1)))')
    expect(keyRangeCondition(key, { upper: ['9', '1'] }, binds)).toBe('("ORDER_ID" < TO_NUMBER(:hi0) OR ("ORDER_ID" = TO_NUMBER(:hi0) AND "LINE" < TO_NUMBER(:hi1)))')
    expect(binds).toEqual({ lo0: '7', lo1: '2', hi0: '9', hi1: '1' })
  })

  it('three columns nest, and each key type converts its bound explicitly', () => {
    const binds: OracleBinds = {}
    const key = [{ name: 'REGION', type: TEXT }, { name: 'DAY', type: DATE }, { name: 'SEQ', type: { kind: 'int', bytes: 8 } as LogicalType }]
    expect(keyRangeCondition(key, { lower: ['EU', '2024-01-01 00:00:00.000000000', '5'] }, binds)).toBe(
      '("REGION" > :lo0 OR ("REGION" = :lo0 AND ("DAY" > TO_DATE(SUBSTR(:lo1, 1, 19), \'YYYY-MM-DD HH24:MI:SS\') OR ("DAY" = TO_DATE(SUBSTR(:lo1, 1, 19), \'YYYY-MM-DD HH24:MI:SS\') AND "SEQ" >= TO_NUMBER(:lo2)))))',
    )
  })

  it('a bound shorter than the key compares its prefix; an open range is 1 = 1; a longer bound is an error', () => {
    const key = [{ name: 'A', type: NUM }, { name: 'B', type: NUM }]
    expect(keyRangeCondition(key, { lower: ['3'] }, {})).toBe('"A" >= TO_NUMBER(:lo0)')
    expect(keyRangeCondition(key, undefined, {})).toBe('1 = 1')
    expect(() => keyRangeCondition(key, { lower: ['1', '2', '3'] }, {})).toThrow(RangeError)
  })
})

describe('flashback chunk query', () => {
  const columns: LoadColumn[] = [
    { name: 'ID', targetName: 'id', type: NUM, pgType: 'numeric(38)' },
    { name: 'HIRED', targetName: 'hired', type: DATE, pgType: 'timestamp(0) without time zone' },
    { name: 'AT', targetName: 'at', type: { kind: 'timestamp', precision: 9, tz: 'utc' }, pgType: 'timestamp(6) with time zone' },
  ]

  it('reads the chunk as of the load SCN with its range bound', () => {
    const q = chunkQuery({ schema: 'HR', table: 'EMP', seq: 3, key: ['ID'], range: { lower: ['10'], upper: ['20'] }, estimatedRows: 10 }, columns, '123456789012')
    expect(q.sql).toBe(
      'SELECT "ID", TO_CHAR(CAST("HIRED" AS TIMESTAMP(9)), \'YYYY-MM-DD HH24:MI:SS.FF9 BC\', \'NLS_DATE_LANGUAGE=AMERICAN\'), ' +
        'TO_CHAR(SYS_EXTRACT_UTC("AT"), \'YYYY-MM-DD HH24:MI:SS.FF9 BC\', \'NLS_DATE_LANGUAGE=AMERICAN\') ' +
        'FROM "HR"."EMP" AS OF SCN TO_NUMBER(:scn) WHERE "ID" >= TO_NUMBER(:lo0) AND "ID" < TO_NUMBER(:hi0)',
    )
    expect(q.binds).toEqual({ scn: '123456789012', lo0: '10', hi0: '20' })
  })

  it('a whole-table chunk has no range; a ROWID chunk compares row addresses', () => {
    expect(chunkQuery({ schema: 'HR', table: 'EMP', seq: 0, estimatedRows: 1 }, columns.slice(0, 1), '5').sql).toBe('SELECT "ID" FROM "HR"."EMP" AS OF SCN TO_NUMBER(:scn) WHERE 1 = 1')
    const q = chunkQuery({ schema: 'HR', table: 'EMP', seq: 1, key: ['ROWID'], range: { lower: ['AAAR3sAAEAAAACXAAA'] }, estimatedRows: 1 }, columns.slice(0, 1), '5')
    expect(q.sql).toBe('SELECT "ID" FROM "HR"."EMP" AS OF SCN TO_NUMBER(:scn) WHERE ROWID >= CHARTOROWID(:lo0)')
    expect(q.binds).toEqual({ scn: '5', lo0: 'AAAR3sAAEAAAACXAAA' })
  })

  it('refuses a key column that is not read, and names it can not quote', () => {
    expect(() => chunkQuery({ schema: 'HR', table: 'EMP', seq: 0, key: ['NOPE'], estimatedRows: 1 }, columns, '5')).toThrow(/chunk key column NOPE/)
    expect(() => selectExpression('A"B', NUM)).toThrow(expect.objectContaining({ code: 'ORACLE_NAME_INVALID' }))
  })
})

describe('select expressions per logical type', () => {
  it.each([
    [{ kind: 'timestamp', precision: 6, tz: 'local' }, 'TO_CHAR(SYS_EXTRACT_UTC(CAST("C" AS TIMESTAMP(9) WITH TIME ZONE)), \'YYYY-MM-DD HH24:MI:SS.FF9 BC\', \'NLS_DATE_LANGUAGE=AMERICAN\')'],
    [{ kind: 'interval', fields: 'day-second', precision: 6 }, 'TO_CHAR("C")'],
    [{ kind: 'rowid' }, 'ROWIDTOCHAR("C")'],
    [{ kind: 'xml' }, 'XMLSERIALIZE(CONTENT "C" AS CLOB)'],
    [{ kind: 'json' }, 'JSON_SERIALIZE("C" RETURNING CLOB)'],
    [{ kind: 'clob' }, '"C"'],
    [{ kind: 'float', bytes: 8 }, '"C"'],
  ] as [LogicalType, string][])('%o', (type, sql) => {
    expect(selectExpression('C', type)).toBe(sql)
  })

  it('refuses object types', () => {
    expect(() => selectExpression('SHAPE', { kind: 'unsupported', native: 'SDO_GEOMETRY' })).toThrow(/SHAPE: values of type SDO_GEOMETRY cannot be extracted/)
  })
})

describe('chunk planning', () => {
  it('takes every n-th key in key order, from a sample for big tables', () => {
    const key = [{ name: 'A', type: NUM }, { name: 'B', type: TEXT }]
    const full = keyBoundariesQuery('HR', 'T', key, 50000)
    expect(full.sql).toBe(
      'SELECT K0, K1 FROM (SELECT TO_CHAR("A", \'TM9\') AS K0, "B" AS K1, ROW_NUMBER() OVER (ORDER BY "A", "B") AS RN FROM "HR"."T") WHERE MOD(RN, TO_NUMBER(:step)) = 0 ORDER BY RN',
    )
    expect(full.binds).toEqual({ step: '50000' })
    const sampled = keyBoundariesQuery('HR', 'T', key, 50000, 2)
    expect(sampled.sql).toContain('FROM "HR"."T" SAMPLE (2))')
    expect(sampled.binds).toEqual({ step: '1000' })
  })

  it('tiles the key space: first chunk open below, last open above, each upper the next lower', () => {
    const chunks = chunksFromBoundaries('HR', 'T', ['A'], [['10'], ['20']], 30)
    expect(chunks).toEqual([
      { schema: 'HR', table: 'T', seq: 0, key: ['A'], range: { upper: ['10'] }, estimatedRows: 10 },
      { schema: 'HR', table: 'T', seq: 1, key: ['A'], range: { lower: ['10'], upper: ['20'] }, estimatedRows: 10 },
      { schema: 'HR', table: 'T', seq: 2, key: ['A'], range: { lower: ['20'] }, estimatedRows: 10 },
    ])
    expect(chunksFromBoundaries('HR', 'T', ['A'], [], 5)).toEqual([{ schema: 'HR', table: 'T', seq: 0, key: ['A'], estimatedRows: 5 }])
  })

  it('groups extents into ROWID-range chunks by block count', () => {
    expect(extentsQuery('HR', 'T').binds).toEqual({ owner: 'HR', name: 'T' })
    expect(extentsQuery('HR', 'T').sql).toContain('DBMS_ROWID.ROWID_CREATE(1, o.DATA_OBJECT_ID, e.RELATIVE_FNO, e.BLOCK_ID, 0)')
    const extents = [
      { lo: 'R1', blocks: 8 },
      { lo: 'R2', blocks: 8 },
      { lo: 'R3', blocks: 128 },
      { lo: 'R4', blocks: 8 },
    ]
    const chunks = planRowidChunks('HR', 'T', extents, 16, 1000)
    expect(chunks.map((c) => c.range)).toEqual([{ upper: ['R3'] }, { lower: ['R3'], upper: ['R4'] }, { lower: ['R4'] }])
    expect(chunks.every((c) => c.key?.[0] === 'ROWID')).toBe(true)
  })
})
