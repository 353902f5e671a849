import { describe, expect, it } from 'vitest'
import { readDdl } from './ddl-script.js'

function index(sql: string) {
  const r = readDdl(sql, { defaultSchema: 'HR' })
  expect(r.findings).toEqual([])
  expect(r.schema.indexes).toHaveLength(1)
  return r.schema.indexes[0]!
}

describe('CREATE INDEX', () => {
  it.each([
    ['CREATE INDEX emp_ix ON employees (last_name, first_name)', { unique: false, kind: 'btree', keys: [{ column: 'LAST_NAME' }, { column: 'FIRST_NAME' }] }],
    ['CREATE UNIQUE INDEX emp_uk ON employees (email DESC)', { unique: true, kind: 'btree', keys: [{ column: 'EMAIL', descending: true }] }],
    ['CREATE BITMAP INDEX s_bix ON sales (prod_id) LOCAL NOLOGGING', { kind: 'bitmap', partitioned: 'local', keys: [{ column: 'PROD_ID' }] }],
    ['CREATE INDEX r_ix ON t (id) REVERSE TABLESPACE x PCTFREE 10 STORAGE (INITIAL 1M) COMPUTE STATISTICS', { kind: 'reverse' }],
    ['CREATE INDEX g_ix ON t (id) GLOBAL PARTITION BY HASH (id) PARTITIONS 4', { partitioned: 'global' }],
    ['CREATE INDEX l_ix ON t (id) LOCAL (PARTITION a TABLESPACE x, PARTITION b)', { partitioned: 'local' }],
    ["CREATE INDEX txt_ix ON docs (body) INDEXTYPE IS ctxsys.context PARAMETERS ('nopopulate')", { kind: 'domain', indexType: 'CTXSYS.CONTEXT' }],
    ['CREATE INDEX q_ix ON t ("Mixed" ASC)', { keys: [{ column: 'Mixed' }] }],
  ])('%s', (sql, expected) => {
    expect(index(`${sql};`)).toMatchObject(expected)
  })

  it('keeps expression keys (function-based indexes) as source text with position', () => {
    const r = readDdl('CREATE INDEX up_ix\n  ON customers (UPPER(last_name) DESC, id, a + b);')
    const keys = r.schema.indexes[0]!.keys
    expect(keys).toMatchObject([{ expr: { text: 'UPPER(last_name)' }, descending: true }, { column: 'ID' }, { expr: { text: 'a + b' } }])
    expect(keys[0]!.expr!.at).toEqual({ file: r.file, line: 2, column: 17 })
  })

  it('gives unqualified index and table names the default schema, and keeps written ones', () => {
    expect(index('CREATE INDEX ix ON oe.orders (id);')).toMatchObject({ schema: 'HR', name: 'IX', table: { schema: 'OE', name: 'ORDERS' } })
  })
})
