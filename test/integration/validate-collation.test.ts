import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runValidation } from '../../src/validate/run-validation.js'
import { freshDatabase } from '../support/database.js'
import { exec } from './load-support.js'

/**
 * Segments are cut in byte order on both sides. A text key column with its own collation (here
 * ICU, in a C-collated database) must still be compared in byte order, or equal rows land in
 * different segments and show up as missing on one side and extra on the other.
 */
describe('validate: text keys in a column collation', () => {
  let source: { url: string; drop: () => Promise<void> }
  let target: { url: string; drop: () => Promise<void> }
  const rows = `INSERT INTO t SELECT k, length(k) FROM (SELECT chr(65 + g % 26) || chr(97 + (g / 26) % 26) || '-' || g AS k FROM generate_series(1, 3000) g
    UNION ALL SELECT lower(chr(65 + g % 26)) || '_' || g FROM generate_series(1, 1000) g) s; ANALYZE t`
  beforeAll(async () => {
    ;[source, target] = await Promise.all([freshDatabase('vcoll_src'), freshDatabase('vcoll_tgt')])
    await exec(source.url, `CREATE TABLE t (k text PRIMARY KEY, v int); ${rows}`)
    await exec(target.url, `CREATE TABLE t (k text COLLATE "en-x-icu" PRIMARY KEY, v int); ${rows}; UPDATE t SET v = -1 WHERE k = 'b_1'`)
  })
  afterAll(async () => {
    await source?.drop()
    await target?.drop()
  })

  it('finds only the one changed row, not equal rows in differently ordered segments', async () => {
    const r = await runValidation({ sourceUrl: source.url, targetUrl: target.url, tables: ['public.t'], jobs: 2, tuning: { segmentRows: 300, leafRows: 50 } })
    const t = r.tables[0]!
    expect(t.segments.checked).toBeGreaterThan(5)
    expect(t.differences.map((d) => ({ kind: d.kind, key: d.key }))).toEqual([{ kind: 'changed', key: { k: 'b_1' } }])
  })
})
