import { describe, expect, it } from 'vitest'
import { TeradataChecksumSide } from '../../../../src/engines/teradata/teradata-checksum-side.js'
import { ClientHashedSide } from '../../../../src/validate/client-hash.js'
import type { SideTable } from '../../../../src/validate/side-table.js'
import { recordedDriver } from './recorded-driver.js'

const t: SideTable = {
  schema: 'Sales',
  name: 'Lines',
  keyLength: 0,
  columns: [
    { name: 'Sku', type: { kind: 'text', fixed: true, maxChars: 6 }, nativeType: 'CHAR(6)' },
    { name: 'Qty', type: { kind: 'int', bytes: 4 }, nativeType: 'INTEGER' },
  ],
}
const rows = Array.from({ length: 40 }, (_, i) => [`s${i % 7}    `, i % 3 === 0 ? null : i])

function side() {
  const driver = recordedDriver([
    { match: /^SET /, rows: undefined },
    { match: /^LOCKING TABLE "Sales"\."Lines" FOR ACCESS SELECT "Sku", "Qty"/, rows },
    { match: / SAMPLE 50000\)/, rows: [['a  '], ['a  '], ['b  '], [null], ['c  ']] },
    { match: /^SELECT TO_CHAR\(CURRENT_TIMESTAMP/, rows: [['2026-12-06 07:00:00.000000']] },
  ])
  return { driver, inner: new TeradataChecksumSide('teradata://v:secret@td/Sales', 2, driver) }
}

describe('TeradataChecksumSide', () => {
  it('keyless tables: buckets hashed in Node hold every row exactly once, matching the bucket checksums', async () => {
    const { inner } = side()
    const hashed = new ClientHashedSide(inner, 'source')
    const sums = await hashed.bucketChecksums(t, 8)
    const perBucket = await Promise.all([...Array(8).keys()].map((b) => hashed.bucketRows(t, 8, [b])))
    expect(perBucket.flat()).toHaveLength(rows.length)
    for (const [b, sum] of sums) expect(perBucket[b]).toHaveLength(sum.rows)
    expect(perBucket.flat().filter((r) => r[0] === 's1')).toHaveLength(6)
    await hashed.close()
  })

  it('sampled bounds are canonical, ascending cuts without repeats or NULLs; the position is the source clock', async () => {
    const { inner } = side()
    const keyed = { ...t, keyLength: 1 }
    expect(await inner.initialBounds(keyed, 4)).toEqual([['a'], ['b'], ['c']])
    expect(await inner.position()).toBe('time 2026-12-06 07:00:00.000000 UTC')
    await inner.close()
  })

  it('refuses to checksum in SQL and column aggregates, with typed errors', async () => {
    const { inner } = side()
    await expect(inner.checksum(t)).rejects.toMatchObject({ code: 'VALIDATE_TERADATA_NO_HASH' })
    await expect(inner.aggregates(t, [1])).rejects.toMatchObject({ code: 'VALIDATE_TERADATA_AGGREGATES' })
    await inner.close()
  })
})
