import { describe, expect, it } from 'vitest'
import { UsageError } from '../../../../src/core/errors.js'
import { addressChunks, chunkQuery, selectExpression } from '../../../../src/engines/teradata/teradata-extract-sql.js'
import type { LoadChunk, LoadColumn } from '../../../../src/load/load-source.js'
import type { LogicalType } from '../../../../src/model/logical-type.js'

const col = (name: string, type: LogicalType): LoadColumn => ({ name, targetName: name.toLowerCase(), type, pgType: 'text' })

describe('selectExpression', () => {
  it.each<[LogicalType, string]>([
    [{ kind: 'int', bytes: 8 }, '"c"'],
    [{ kind: 'float', bytes: 8 }, '"c"'],
    [{ kind: 'text', fixed: true, maxChars: 3 }, '"c"'],
    [{ kind: 'binary', maxBytes: 16 }, '"c"'],
    [{ kind: 'clob' }, '"c"'],
    [{ kind: 'decimal', precision: 38, scale: 2 }, 'TO_CHAR("c")'],
    [{ kind: 'date' }, `TO_CHAR("c", 'YYYY-MM-DD')`],
    [{ kind: 'time', precision: 0, tz: false }, `CAST(CAST("c" AS FORMAT 'HH:MI:SS.S(6)') AS VARCHAR(21))`],
    [{ kind: 'time', precision: 3, tz: true }, `CAST(CAST("c" AS FORMAT 'HH:MI:SS.S(6)Z') AS VARCHAR(21))`],
    [{ kind: 'timestamp', precision: 6, tz: 'none' }, `TO_CHAR("c", 'YYYY-MM-DD HH24:MI:SS.FF6')`],
    [{ kind: 'timestamp', precision: 0, tz: 'utc' }, `TO_CHAR(("c" AT TIME ZONE INTERVAL '00:00' HOUR TO MINUTE), 'YYYY-MM-DD HH24:MI:SS.FF6')`],
    [{ kind: 'interval', fields: 'year-month' }, 'CAST(CAST("c" AS INTERVAL YEAR(4) TO MONTH) AS VARCHAR(12))'],
    [{ kind: 'interval', fields: 'day-second', precision: 6 }, 'CAST(CAST("c" AS INTERVAL DAY(4) TO SECOND(6)) AS VARCHAR(30))'],
    [{ kind: 'json' }, 'CAST("c" AS CLOB CHARACTER SET UNICODE)'],
    [{ kind: 'xml' }, 'XMLSERIALIZE(CONTENT "c" AS CLOB)'],
    [{ kind: 'unsupported', native: 'PERIOD(DATE)' }, `'[' || '' || TO_CHAR(BEGIN("c"), 'YYYY-MM-DD') || '' || ',' || '' || TO_CHAR(END("c"), 'YYYY-MM-DD') || '' || ')'`],
  ])('%o', (type, sql) => {
    expect(selectExpression('c', type)).toBe(sql)
  })

  it('PERIOD(TIMESTAMP WITH TIME ZONE) is a quoted range of UTC instants', () => {
    const sql = selectExpression('w', { kind: 'unsupported', native: 'PERIOD(TIMESTAMP(6) WITH TIME ZONE)' })
    expect(sql).toContain(`TO_CHAR((BEGIN("w") AT TIME ZONE INTERVAL '00:00' HOUR TO MINUTE), 'YYYY-MM-DD HH24:MI:SS.FF6')`)
    expect(sql.startsWith(`'[' || '"' ||`)).toBe(true)
  })

  it.each<LogicalType>([
    { kind: 'unsupported', native: 'ST_GEOMETRY' },
    { kind: 'user-defined', schema: 'SYSUDTLIB', name: 'MONEY' },
  ])('refuses %o with a typed error naming the column', (type) => {
    expect(() => selectExpression('Shape', type)).toThrow(UsageError)
    expect(() => selectExpression('Shape', type)).toThrow(/Teradata column Shape/)
  })

  it('quotes names, doubling quotes inside', () => {
    expect(selectExpression('a"b', { kind: 'int', bytes: 4 })).toBe('"a""b"')
  })
})

describe('chunkQuery', () => {
  const columns = [col('OrderId', { kind: 'int', bytes: 8 }), col('Total', { kind: 'decimal', precision: 38, scale: 2 })]
  const base: LoadChunk = { schema: 'Sales', table: 'Orders', seq: 1, estimatedRows: 10 }

  it('hash-bucket ranges of the primary index, dirty read by default', () => {
    const q = chunkQuery({ ...base, range: { lower: ['HASHBUCKET', '1000'], upper: ['HASHBUCKET', '2000'] } }, columns, ['CustomerId', 'OrderDate'], 'access')
    expect(q.sql).toBe(
      'LOCKING TABLE "Sales"."Orders" FOR ACCESS SELECT "OrderId", TO_CHAR("Total") FROM "Sales"."Orders" ' +
        'WHERE HASHBUCKET(HASHROW("CustomerId", "OrderDate")) >= ? AND HASHBUCKET(HASHROW("CustomerId", "OrderDate")) < ?',
    )
    expect(q.params).toEqual([1000, 2000])
  })

  it('partition ranges, open at the ends, with a read lock when asked', () => {
    const q = chunkQuery({ ...base, range: { upper: ['PARTITION', '12'] } }, columns, [], 'read')
    expect(q.sql).toBe('LOCKING TABLE "Sales"."Orders" FOR READ SELECT "OrderId", TO_CHAR("Total") FROM "Sales"."Orders" WHERE PARTITION < ?')
    expect(q.params).toEqual([12])
  })

  it('a whole-table chunk has no WHERE', () => {
    expect(chunkQuery(base, columns, [], 'access').sql).toBe('LOCKING TABLE "Sales"."Orders" FOR ACCESS SELECT "OrderId", TO_CHAR("Total") FROM "Sales"."Orders"')
  })

  it('refuses bounds that are not Teradata addresses, mixed kinds, or a hash range without a primary index', () => {
    expect(() => chunkQuery({ ...base, range: { lower: ['42'] } }, columns, ['a'], 'access')).toThrow(/not a Teradata hash-bucket or partition bound/)
    expect(() => chunkQuery({ ...base, range: { lower: ['PARTITION', '1'], upper: ['HASHBUCKET', '9'] } }, columns, ['a'], 'access')).toThrow(/mix PARTITION and HASHBUCKET/)
    expect(() => chunkQuery({ ...base, range: { lower: ['HASHBUCKET', '1'] } }, columns, [], 'access')).toThrow(/primary index columns/)
  })
})

describe('addressChunks', () => {
  it('tiles the whole bucket space without gap or overlap', () => {
    const chunks = addressChunks('S', 'T', 'HASHBUCKET', 0, 1_048_575, 4, 1000)
    expect(chunks.map((c) => c.range)).toEqual([
      { upper: ['HASHBUCKET', '262144'] },
      { lower: ['HASHBUCKET', '262144'], upper: ['HASHBUCKET', '524288'] },
      { lower: ['HASHBUCKET', '524288'], upper: ['HASHBUCKET', '786432'] },
      { lower: ['HASHBUCKET', '786432'] },
    ])
    expect(chunks.map((c) => c.seq)).toEqual([0, 1, 2, 3])
    expect(chunks.every((c) => c.estimatedRows === 250)).toBe(true)
  })

  it('never makes more chunks than there are partitions, and one chunk has no range', () => {
    expect(addressChunks('S', 'T', 'PARTITION', 1, 3, 10, 30)).toHaveLength(3)
    expect(addressChunks('S', 'T', 'PARTITION', 1, 1, 1, 30)).toEqual([{ schema: 'S', table: 'T', seq: 0, estimatedRows: 30 }])
  })
})
