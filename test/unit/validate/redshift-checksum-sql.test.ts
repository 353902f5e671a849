import { describe, expect, it } from 'vitest'
import {
  redshiftAggregatesQuery,
  redshiftBucketChecksumsQuery,
  redshiftBucketRowsQuery,
  redshiftCanonicalExpr,
  redshiftCanPushDown,
  redshiftLineField,
  redshiftRowsByKeysQuery,
  redshiftRowsQuery,
  redshiftSegmentChecksumQuery,
  redshiftSplitPointsQuery,
  redshiftTileBoundsQuery,
} from '../../../src/engines/redshift/redshift-checksum-sql.js'
import type { LogicalType } from '../../../src/model/logical-type.js'
import type { SideTable } from '../../../src/validate/side-table.js'

const T: SideTable = {
  schema: 'sales',
  name: 'Orders',
  keyLength: 2,
  columns: [
    { name: 'region', type: { kind: 'text', fixed: false, maxChars: 20 }, nativeType: 'character varying(20)' },
    { name: 'id', type: { kind: 'int', bytes: 8 }, nativeType: 'bigint' },
    { name: 'amount', type: { kind: 'decimal', precision: 12, scale: 2 }, nativeType: 'numeric(12,2)' },
    { name: 'note', type: { kind: 'text', fixed: true, maxChars: 4 }, nativeType: 'character(4)' },
    { name: 'at', type: { kind: 'timestamp', tz: 'utc' }, nativeType: 'timestamp with time zone' },
    { name: 'raw', type: { kind: 'binary' }, nativeType: 'varbyte(64)' },
  ],
}

const ALL = [
  redshiftSegmentChecksumQuery(T, { lower: ['eu', '5'], upper: ['us'] }),
  redshiftRowsQuery(T, { lower: ['eu', '5'] }),
  redshiftRowsByKeysQuery(T, [['eu', '1'], ['us', '2']]),
  redshiftSplitPointsQuery(T, {}, 1000),
  redshiftTileBoundsQuery(T, 16),
  redshiftBucketChecksumsQuery(T, 64),
  redshiftBucketRowsQuery(T, 64, [3, 9]),
  redshiftAggregatesQuery(T, [1, 2]),
]

describe('Redshift checksum SQL', () => {
  it('uses nothing Redshift lacks: no ::text (VARCHAR(256)), no backslash in a literal, no arrays, row values, COLLATE, trim_scale or sampling', () => {
    for (const q of ALL) {
      expect(q.text).not.toMatch(/::|\\|unnest|ARRAY\[|COLLATE|trim_scale|TABLESAMPLE|pg_stats|\) >= \(|\) < \(/i)
    }
  })

  it('hashes with MD5 and reads its first 16 hex digits as two STRTOL halves, summed exactly as DECIMAL(38,0)', () => {
    expect(ALL[0]!.text).toContain(
      'CAST(SUM((STRTOL(SUBSTRING(m, 1, 8), 16) * CAST(4294967296 AS DECIMAL(38,0)) + STRTOL(SUBSTRING(m, 9, 8), 16))) AS DECIMAL(38,0)) AS s FROM (SELECT MD5(',
    )
    expect(ALL[5]!.text).toMatch(/^SELECT MOD\(STRTOL\(SUBSTRING\(m, 1, 8\), 16\), \$1\) AS b/)
  })

  it('compares compound keys lexicographically with typed bounds, as parameters', () => {
    const q = ALL[0]!
    expect(q.text).toContain(
      'WHERE ("region" > CAST($1 AS VARCHAR(65535)) OR ("region" = CAST($1 AS VARCHAR(65535)) AND "id" >= CAST($2 AS BIGINT))) AND "region" < CAST($3 AS VARCHAR(65535))',
    )
    expect(q.values).toEqual(['eu', '5', 'us'])
    expect(ALL[2]!.text).toContain('WHERE (("region" = CAST($1 AS VARCHAR(65535)) AND "id" = CAST($2 AS BIGINT)) OR ("region" = CAST($3 AS VARCHAR(65535)) AND "id" = CAST($4 AS BIGINT)))')
  })

  it('renders each kind as the canonical text rules say, NULL deciding on the column', () => {
    const expr = (type: LogicalType) => redshiftCanonicalExpr('x', type)
    expect(expr({ kind: 'int', bytes: 4 })).toBe('CAST(x AS VARCHAR(20))')
    expect(expr({ kind: 'decimal', scale: 2 })).toBe("CASE WHEN POSITION('.' IN CAST(x AS VARCHAR(64))) > 0 THEN RTRIM(RTRIM(CAST(x AS VARCHAR(64)), '0'), '.') ELSE CAST(x AS VARCHAR(64)) END")
    expect(expr({ kind: 'text', fixed: true })).toBe('RTRIM(x)')
    expect(expr({ kind: 'timestamp', tz: 'none' })).toBe("RTRIM(RTRIM(TO_CHAR(x, 'YYYY-MM-DD HH24:MI:SS.US'), '0'), '.') || CASE WHEN x < CAST('0001-01-01' AS DATE) THEN ' BC' ELSE '' END")
    expect(expr({ kind: 'timestamp', tz: 'utc' })).toContain("TO_CHAR((x AT TIME ZONE 'UTC'), ")
    expect(expr({ kind: 'boolean' })).toBe("CASE WHEN x THEN 't' WHEN NOT x THEN 'f' END")
    expect(expr({ kind: 'binary' })).toBe("CHR(92) || 'x' || LOWER(FROM_VARBYTE(x, 'hex'))")
    for (const kind of ['float', 'time', 'json'] as const) {
      const type = (kind === 'float' ? { kind, bytes: 8 } : kind === 'time' ? { kind, tz: false } : { kind }) as LogicalType
      expect(expr(type)).toBeUndefined()
      expect(redshiftCanPushDown({ ...T, columns: [...T.columns, { name: 'v', type, nativeType: kind }] })).toBe(false)
    }
    expect(redshiftCanPushDown(T)).toBe(true)
    expect(redshiftLineField(T.columns[0]!)).toBe(
      `CASE WHEN "region" IS NULL THEN CHR(92) || 'N' ELSE REPLACE(REPLACE(REPLACE(REPLACE("region", CHR(92), CHR(92) || CHR(92)), CHR(9), CHR(92) || 't'), CHR(10), CHR(92) || 'n'), CHR(13), CHR(92) || 'r') END`,
    )
    expect(redshiftLineField(T.columns[5]!)).toBe(`CASE WHEN "raw" IS NULL THEN CHR(92) || 'N' ELSE CHR(92) || CHR(92) || 'x' || LOWER(FROM_VARBYTE("raw", 'hex')) END`)
  })
})
