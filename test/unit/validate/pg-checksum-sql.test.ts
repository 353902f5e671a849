import { describe, expect, it } from 'vitest'
import { boundCastType, pgCanonicalExpr, pgLineExpr, rangeWhere, rawCopyQuery, segmentChecksumQuery, SqlParams } from '../../../src/engines/postgres/pg-checksum-sql.js'
import type { SideTable } from '../../../src/validate/side-table.js'

const LINES: SideTable = {
  schema: 'sales',
  name: 'order lines',
  keyLength: 2,
  columns: [
    { name: 'order_no', type: { kind: 'text', fixed: false, maxChars: 12 }, nativeType: 'character varying(12)' },
    { name: 'line', type: { kind: 'int', bytes: 4 }, nativeType: 'integer' },
    { name: 'qty', type: { kind: 'decimal', precision: 10, scale: 3 }, nativeType: 'numeric(10,3)' },
    { name: 'at', type: { kind: 'timestamp', tz: 'utc', precision: 3 }, nativeType: 'timestamp(3) with time zone' },
    { name: 'blob', type: { kind: 'binary' }, nativeType: 'bytea' },
  ],
}

describe('PostgreSQL canonical expressions', () => {
  it('render the canonical text: minimal numerics, UTC instants, t/f, jsonb text', () => {
    expect(pgCanonicalExpr('x', { kind: 'decimal' })).toBe('trim_scale(x)::text')
    expect(pgCanonicalExpr('x', { kind: 'timestamp', tz: 'utc' })).toBe("(x AT TIME ZONE 'UTC')::text")
    expect(pgCanonicalExpr('x', { kind: 'timestamp', tz: 'none' })).toBe('x::text')
    expect(pgCanonicalExpr('x', { kind: 'boolean' })).toBe("CASE WHEN x THEN 't' WHEN NOT x THEN 'f' END")
    expect(pgCanonicalExpr('x', { kind: 'json' })).toBe('x::jsonb::text')
  })

  it('build the line: COPY-escaped text, \\N for NULL, TAB between columns, bytea escaped once', () => {
    expect(pgLineExpr(LINES)).toBe(
      `coalesce(replace(replace(replace(replace("order_no"::text, '\\', '\\\\'), E'\\t', '\\t'), E'\\n', '\\n'), E'\\r', '\\r'), '\\N')` +
        ` || E'\\t' || coalesce("line"::text, '\\N')` +
        ` || E'\\t' || coalesce(trim_scale("qty")::text, '\\N')` +
        ` || E'\\t' || coalesce(("at" AT TIME ZONE 'UTC')::text, '\\N')` +
        ` || E'\\t' || coalesce('\\' || "blob"::text, '\\N')`,
    )
  })
})

describe('PostgreSQL segment predicates', () => {
  it('compare key prefixes as rows (plus the implied leading-column range the planner can estimate), bounds cast to the type without modifiers, text in byte order', () => {
    const p = new SqlParams()
    expect(rangeWhere(LINES, { lower: ['A-1', '2'], upper: ['B'] }, p, { byteOrder: true })).toBe(
      `("order_no" COLLATE "C", "line") >= ($1::character varying, $2::integer) AND "order_no" COLLATE "C" >= $1::character varying AND "order_no" COLLATE "C" < $3::character varying`,
    )
    expect(p.values).toEqual(['A-1', '2', 'B'])
    expect(rangeWhere({ ...LINES, where: 'qty > 0' }, {}, new SqlParams(), { byteOrder: false })).toBe('(qty > 0)')
    expect(rangeWhere(LINES, undefined, new SqlParams(), { byteOrder: false })).toBe('TRUE')
  })

  it('never casts a bound to a narrower type than the key (no rounding, char is not char(1))', () => {
    expect(boundCastType('numeric(10,3)')).toBe('numeric')
    expect(boundCastType('timestamp(3) with time zone')).toBe('timestamp with time zone')
    expect(boundCastType('character(5)')).toBe('bpchar')
  })

  it('sum the first 8 md5 bytes as signed bigints per segment, table names quoted', () => {
    const q = segmentChecksumQuery(LINES, { lower: ['A'] }, { byteOrder: false })
    expect(q.text).toMatch(/^SELECT count\(\*\)::int8 AS n, sum\(\('x' \|\| substr\(md5\(/)
    expect(q.text).toMatch(/, 1, 16\)\)::bit\(64\)::bigint\)::text AS s FROM "sales"\."order lines" WHERE "order_no" >= \$1::character varying$/)
    expect(q.values).toEqual(['A'])
  })

  it('COPY for client-side hashing inlines bounds as quoted literals (COPY takes no parameters)', () => {
    expect(rawCopyQuery(LINES, { lower: ["O'Brien"] }, { byteOrder: false })).toBe(
      `COPY (SELECT "order_no", "line", "qty", "at", "blob" FROM "sales"."order lines" WHERE "order_no" >= 'O''Brien'::character varying) TO STDOUT`,
    )
  })
})

