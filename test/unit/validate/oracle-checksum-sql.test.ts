import { describe, expect, it } from 'vitest'
import type { LogicalType } from '../../../src/model/logical-type.js'
import {
  oracleBucketChecksumsQuery,
  oracleCanonicalExpr,
  oracleCanPushDown,
  oracleLineExpr,
  oracleRangeWhere,
  OracleBinds,
  oracleSegmentChecksumQuery,
  oracleSplitPointsQuery,
} from '../../../src/engines/oracle/oracle-checksum-sql.js'
import type { SideTable } from '../../../src/validate/side-table.js'

const ORDERS: SideTable = {
  schema: 'SALES',
  name: 'ORDERS',
  keyLength: 2,
  columns: [
    { name: 'REGION', type: { kind: 'text', fixed: false, maxChars: 10 }, nativeType: 'VARCHAR2(10)' },
    { name: 'ORDER_ID', type: { kind: 'int', bytes: 8 }, nativeType: 'NUMBER(18)' },
    { name: 'AMOUNT', type: { kind: 'decimal', precision: 12, scale: 2 }, nativeType: 'NUMBER(12,2)' },
    { name: 'PLACED', type: { kind: 'timestamp', precision: 0, tz: 'none' }, nativeType: 'DATE' },
  ],
}

describe('Oracle canonical expressions (read → canonical text as PostgreSQL writes it)', () => {
  it.each<[string, LogicalType, string, string | undefined]>([
    ['integer', { kind: 'int', bytes: 4 }, 'NUMBER(9)', `TO_CHAR(X, 'TM9')`],
    ['NUMBER: TM9 with the leading 0 Oracle drops (.71 → 0.71)', { kind: 'decimal' }, 'NUMBER', `REGEXP_REPLACE(TO_CHAR(X, 'TM9'), '^(-?)\\.', '\\10.')`],
    ['VARCHAR2 as is', { kind: 'text', fixed: false }, 'VARCHAR2(20)', 'X'],
    ['CHAR without its padding', { kind: 'text', fixed: true }, 'CHAR(5)', `RTRIM(X, ' ')`],
    ['NVARCHAR2 converted to the database character set', { kind: 'text', fixed: false, national: true }, 'NVARCHAR2(20)', 'TO_CHAR(X)'],
    ['RAW as \\x + lower hex, NULL kept NULL (Oracle concatenation drops NULLs)', { kind: 'binary' }, 'RAW(16)', `NVL2(X, '\\x' || LOWER(RAWTOHEX(X)), NULL)`],
    ['DATE as timestamp(0), fraction trimmed', { kind: 'timestamp', tz: 'none', precision: 0 }, 'DATE', `NVL2(X, RTRIM(RTRIM(TO_CHAR(CAST(X AS TIMESTAMP), 'YYYY-MM-DD HH24:MI:SS.FF6'), '0'), '.') || CASE WHEN CAST(CAST(X AS TIMESTAMP) AS DATE) < DATE '0001-01-01' THEN ' BC' END, NULL)`],
    ['TIMESTAMP WITH TIME ZONE as its UTC instant', { kind: 'timestamp', tz: 'utc' }, 'TIMESTAMP(6) WITH TIME ZONE', `NVL2(X, RTRIM(RTRIM(TO_CHAR(SYS_EXTRACT_UTC(X), 'YYYY-MM-DD HH24:MI:SS.FF6'), '0'), '.') || CASE WHEN CAST(SYS_EXTRACT_UTC(X) AS DATE) < DATE '0001-01-01' THEN ' BC' END, NULL)`],
    ['NUMBER(1) mapped to boolean', { kind: 'boolean' }, 'NUMBER(1)', `CASE X WHEN 1 THEN 't' WHEN 0 THEN 'f' END`],
    ['BINARY_DOUBLE: no exact SQL text, hashed client-side', { kind: 'float', bytes: 8 }, 'BINARY_DOUBLE', undefined],
    ['CLOB: not hashable by STANDARD_HASH', { kind: 'clob' }, 'CLOB', undefined],
    ['BLOB', { kind: 'binary' }, 'BLOB', undefined],
  ])('%s', (_, type, native, expected) => {
    expect(oracleCanonicalExpr('X', type, native)).toBe(expected)
  })

  it('a table with a float or LOB column is hashed client-side', () => {
    expect(oracleCanPushDown(ORDERS)).toBe(true)
    expect(oracleCanPushDown({ ...ORDERS, columns: [...ORDERS.columns, { name: 'W', type: { kind: 'float', bytes: 8 }, nativeType: 'BINARY_DOUBLE' }] })).toBe(false)
  })
})

describe('Oracle segment SQL', () => {
  it('builds the canonical line with TAB separators, COPY escaping on text and \\N for a NULL column', () => {
    expect(oracleLineExpr(ORDERS)).toBe(
      `CASE WHEN "REGION" IS NULL THEN '\\N' ELSE REPLACE(REPLACE(REPLACE(REPLACE("REGION", '\\', '\\\\'), CHR(9), '\\t'), CHR(10), '\\n'), CHR(13), '\\r') END || CHR(9) || ` +
        `CASE WHEN "ORDER_ID" IS NULL THEN '\\N' ELSE TO_CHAR("ORDER_ID", 'TM9') END || CHR(9) || ` +
        `CASE WHEN "AMOUNT" IS NULL THEN '\\N' ELSE REGEXP_REPLACE(TO_CHAR("AMOUNT", 'TM9'), '^(-?)\\.', '\\10.') END || CHR(9) || ` +
        `CASE WHEN "PLACED" IS NULL THEN '\\N' ELSE NVL2("PLACED", RTRIM(RTRIM(TO_CHAR(CAST("PLACED" AS TIMESTAMP), 'YYYY-MM-DD HH24:MI:SS.FF6'), '0'), '.') || CASE WHEN CAST(CAST("PLACED" AS TIMESTAMP) AS DATE) < DATE '0001-01-01' THEN ' BC' END, NULL) END`,
    )
  })

  it('an all-blank CHAR is an empty field, not NULL, and RAW hex is escaped like the other engines', () => {
    const t = { ...ORDERS, columns: [{ name: 'CODE', type: { kind: 'text', fixed: true, maxChars: 3 }, nativeType: 'CHAR(3)' }, { name: 'GUID', type: { kind: 'binary' }, nativeType: 'RAW(16)' }] } as typeof ORDERS
    expect(oracleLineExpr(t)).toBe(
      `CASE WHEN "CODE" IS NULL THEN '\\N' ELSE REPLACE(REPLACE(REPLACE(REPLACE(RTRIM("CODE", ' '), '\\', '\\\\'), CHR(9), '\\t'), CHR(10), '\\n'), CHR(13), '\\r') END || CHR(9) || ` +
        `CASE WHEN "GUID" IS NULL THEN '\\N' ELSE REPLACE(REPLACE(REPLACE(REPLACE(NVL2("GUID", '\\x' || LOWER(RAWTOHEX("GUID")), NULL), '\\', '\\\\'), CHR(9), '\\t'), CHR(10), '\\n'), CHR(13), '\\r') END`,
    )
  })

  it('expands composite key bounds lexicographically (Oracle has no row-value <) and binds canonical text', () => {
    const b = new OracleBinds()
    expect(oracleRangeWhere(ORDERS, { lower: ['EU', '100'], upper: ['US'] }, b)).toBe(
      `("REGION" > :b0 OR ("REGION" = :b0 AND "ORDER_ID" >= TO_NUMBER(:b1))) AND "REGION" < :b2`,
    )
    expect(b.values).toEqual({ b0: 'EU', b1: '100', b2: 'US' })
    expect(oracleRangeWhere(ORDERS, {}, new OracleBinds())).toBe('1 = 1')
  })

  it('sums the first 8 bytes of STANDARD_HASH MD5 per segment, read at an SCN', () => {
    const q = oracleSegmentChecksumQuery(ORDERS, { lower: ['EU'] }, '123456789')
    expect(q.sql).toMatch(/^SELECT COUNT\(\*\) AS N, TO_CHAR\(SUM\(TO_NUMBER\(SUBSTR\(RAWTOHEX\(STANDARD_HASH\(CASE WHEN /)
    expect(q.sql).toContain(`, 'MD5')), 1, 16), 'XXXXXXXXXXXXXXXX'))) AS S FROM "SALES"."ORDERS" AS OF SCN 123456789 WHERE "REGION" >= :b0`)
    expect(q.binds).toEqual({ b0: 'EU' })
    expect(oracleSegmentChecksumQuery(ORDERS, {}, '12; DROP TABLE x').sql).toContain('AS OF SCN 12 WHERE')
  })

  it('splits a segment at every step-th key by ROW_NUMBER, keys as canonical text', () => {
    const q = oracleSplitPointsQuery(ORDERS, { upper: ['US', '5'] }, 250)
    expect(q.sql).toBe(
      `SELECT C0, C1 FROM (SELECT "REGION" AS C0, TO_CHAR("ORDER_ID", 'TM9') AS C1, ROW_NUMBER() OVER (ORDER BY "REGION", "ORDER_ID") AS RN FROM "SALES"."ORDERS" ` +
        `WHERE ("REGION" < :b0 OR ("REGION" = :b0 AND "ORDER_ID" < TO_NUMBER(:b1)))) WHERE MOD(RN, 250) = 0 ORDER BY RN`,
    )
  })

  it('buckets keyless rows by the first 4 md5 bytes, like PostgreSQL and Node', () => {
    const q = oracleBucketChecksumsQuery({ ...ORDERS, keyLength: 0 }, 64)
    expect(q.sql).toMatch(/^SELECT B, COUNT\(\*\) AS N, TO_CHAR\(SUM\(H\)\) AS S FROM \(SELECT MOD\(TO_NUMBER\(SUBSTR\(M, 1, 8\), 'XXXXXXXX'\), :buckets\) AS B/)
    expect(q.binds).toEqual({ buckets: '64' })
  })
})
