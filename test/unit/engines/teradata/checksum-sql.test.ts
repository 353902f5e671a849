import { describe, expect, it } from 'vitest'
import {
  teradataRangeWhere, teradataRowByKeyQuery, teradataRowCountQuery, teradataRowsQuery, teradataSampledBoundsQuery, teradataSplitPointsQuery,
} from '../../../../src/engines/teradata/teradata-checksum-sql.js'
import type { SideTable } from '../../../../src/validate/side-table.js'

const t: SideTable = {
  schema: 'Sales',
  name: 'OrderLine',
  keyLength: 2,
  columns: [
    { name: 'Sku', type: { kind: 'text', fixed: false, maxChars: 40 }, nativeType: 'VARCHAR(40)' },
    { name: 'OrderDate', type: { kind: 'date' }, nativeType: 'DATE' },
    { name: 'Price', type: { kind: 'decimal', precision: 18, scale: 4 }, nativeType: 'DECIMAL(18,4)' },
  ],
}

describe('Teradata validation SQL', () => {
  it('compares compound keys without row values, text CASESPECIFIC, each repeated value bound again', () => {
    const w = teradataRangeWhere(t, { lower: ['a', '2024-01-01'], upper: ['m'] })
    expect(w.sql).toBe(
      `(("Sku" (CASESPECIFIC)) > ? OR (("Sku" (CASESPECIFIC)) = ? AND "OrderDate" >= CAST(? AS DATE FORMAT 'YYYY-MM-DD'))) AND ("Sku" (CASESPECIFIC)) < ?`,
    )
    expect(w.params).toEqual(['a', 'a', '2024-01-01', 'm'])
  })

  it('an open range with a --where filter', () => {
    expect(teradataRangeWhere({ ...t, where: 'Price > 0' }, {})).toEqual({ sql: '(Price > 0)', params: [] })
    expect(teradataRangeWhere(t, undefined)).toEqual({ sql: '1 = 1', params: [] })
  })

  it('reads rows in the load text forms, dirty, for hashing in Node', () => {
    expect(teradataRowsQuery(t, {}).sql).toBe(
      `LOCKING TABLE "Sales"."OrderLine" FOR ACCESS SELECT "Sku", TO_CHAR("OrderDate", 'YYYY-MM-DD'), TO_CHAR("Price") FROM "Sales"."OrderLine" WHERE 1 = 1`,
    )
    expect(teradataRowCountQuery(t).sql).toBe('LOCKING TABLE "Sales"."OrderLine" FOR ACCESS SELECT CAST(COUNT(*) AS BIGINT) FROM "Sales"."OrderLine"')
  })

  it('reads a row by its full key', () => {
    const q = teradataRowByKeyQuery(t, ['x', '2024-02-01'])
    expect(q.sql).toContain(`WHERE ("Sku" (CASESPECIFIC)) = ? AND "OrderDate" = CAST(? AS DATE FORMAT 'YYYY-MM-DD')`)
    expect(q.params).toEqual(['x', '2024-02-01'])
  })

  it('split points and sampled bounds with QUALIFY over ROW_NUMBER', () => {
    const s = teradataSplitPointsQuery(t, { lower: ['k'] }, 1000)
    expect(s.sql).toBe(
      `SELECT "Sku", TO_CHAR("OrderDate", 'YYYY-MM-DD') FROM "Sales"."OrderLine" WHERE ("Sku" (CASESPECIFIC)) >= ? ` +
        `QUALIFY ROW_NUMBER() OVER (ORDER BY ("Sku" (CASESPECIFIC)), "OrderDate") MOD 1000 = 0 ORDER BY ("Sku" (CASESPECIFIC)), "OrderDate"`,
    )
    expect(s.params).toEqual(['k'])
    expect(teradataSampledBoundsQuery(t, 50_000, 10).sql).toBe(
      `SELECT "Sku" FROM (SELECT "Sku" FROM "Sales"."OrderLine" SAMPLE 50000) AS s QUALIFY ROW_NUMBER() OVER (ORDER BY ("Sku" (CASESPECIFIC))) MOD 5000 = 0 ORDER BY ("Sku" (CASESPECIFIC))`,
    )
  })
})
