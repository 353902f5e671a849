import { describe, expect, it } from 'vitest'
import type { IndexDef, ViewDef } from '../../../../src/model/schema.js'
import { codes, column, model, render, syntaxErrors, table } from './ddl-fixtures.js'

const T = table('T', [column('A', 'NUMBER(5)'), column('B', 'VARCHAR2(20)'), column('DOC', 'CLOB')], { schema: 'HR' })
const index = (extra: Partial<IndexDef>): IndexDef => ({ name: 'T_IX', table: { schema: 'HR', name: 'T' }, unique: false, kind: 'btree', keys: [{ column: 'A' }], ...extra })

describe('renderPostgresDdl: indexes (post-data)', () => {
  it.each<[string, Partial<IndexDef>, string, string[]]>([
    ['plain', {}, 'CREATE INDEX t_ix ON hr.t (a);', []],
    ['unique, descending', { unique: true, keys: [{ column: 'A' }, { column: 'B', descending: true }] }, 'CREATE UNIQUE INDEX t_ix ON hr.t (a, b DESC);', []],
    ['function-based', { keys: [{ expr: { text: 'upper(b)' } }] }, 'CREATE INDEX t_ix ON hr.t ((upper(b)));', []],
    ['bitmap', { kind: 'bitmap' }, 'CREATE INDEX t_ix ON hr.t (a);', ['BITMAP_INDEX']],
    ['reverse', { kind: 'reverse' }, 'CREATE INDEX t_ix ON hr.t (a);', ['REVERSE_INDEX']],
    [
      'Oracle Text',
      { kind: 'domain', indexType: 'CTXSYS.CONTEXT', keys: [{ column: 'DOC' }] },
      "CREATE INDEX t_ix ON hr.t USING gin (to_tsvector('simple', doc::text));",
      ['TEXT_INDEX'],
    ],
  ])('%s', (_, extra, expected, findingCodes) => {
    const r = render(model({ tables: [T], indexes: [index(extra)] }))
    expect(r.sql('post-data')).toBe(expected)
    expect(codes(r)).toEqual(findingCodes)
    expect(syntaxErrors(r)).toEqual([])
  })

  it('creates an index on a materialized view right after the view, in the code phase (SH fweek_pscat_sales_mv)', () => {
    const mv: ViewDef = { schema: 'HR', name: 'MV', query: { text: 'SELECT a FROM t' }, materialized: true }
    const r = render(model({ tables: [T], views: [mv], indexes: [index({}), index({ name: 'MV_IX', table: { schema: 'HR', name: 'MV' } })] }))
    expect(r.sql('post-data')).toBe('CREATE INDEX t_ix ON hr.t (a);')
    expect(r.statements.filter((s) => s.phase === 'code').map((s) => s.sql.split(' AS\n')[0])).toEqual(['CREATE MATERIALIZED VIEW hr.mv', 'CREATE INDEX mv_ix ON hr.mv (a);'])
    expect(syntaxErrors(r)).toEqual([])
  })

  it('makes a LOCAL index on a partitioned table a plain index on the parent', () => {
    const p = table('P', [column('A', 'NUMBER(5)')], { partitioning: { method: 'hash', columns: ['A'], partitions: [], count: 2 } })
    const r = render(model({ tables: [p], indexes: [index({ table: { name: 'P' }, partitioned: 'local' })] }))
    expect(r.sql('post-data')).toBe('CREATE INDEX t_ix ON p (a);')
  })

  it('comments out domain indexes it has no counterpart for, and expression unique indexes on partitioned tables', () => {
    const p = table('P', [column('A', 'NUMBER(5)')], { partitioning: { method: 'hash', columns: ['A'], partitions: [], count: 2 } })
    const r = render(
      model({
        tables: [T, p],
        indexes: [index({ name: 'GEO_IX', kind: 'domain', indexType: 'MDSYS.SPATIAL_INDEX' }), index({ name: 'P_UX', table: { name: 'P' }, unique: true, keys: [{ expr: { text: 'a + 1' } }] })],
      }),
    )
    expect(r.statements.every((s) => s.sql.startsWith('CREATE TABLE') || s.sql.startsWith('-- ACTION ITEM'))).toBe(true)
    expect(r.sql('post-data')).toContain('-- CREATE INDEX GEO_IX ON HR.T (A) INDEXTYPE IS MDSYS.SPATIAL_INDEX')
    expect(codes(r)).toEqual(['DOMAIN_INDEX_UNSUPPORTED', 'UNIQUE_EXPRESSION_INDEX_PARTITIONED'])
  })

  it('comments out an index whose expression cannot be translated', () => {
    const r = render(model({ tables: [T], indexes: [index({ keys: [{ expr: { text: 'UNTRANSLATABLE(b)' } }] })] }))
    expect(r.sql('post-data')).toContain('-- CREATE INDEX T_IX ON HR.T (UNTRANSLATABLE(b))')
    expect(r.findings[0]).toMatchObject({ severity: 'action', object: 'INDEX HR.T_IX' })
  })

  it('truncates index names longer than 63 bytes with a hash, reporting it', () => {
    const r = render(model({ tables: [T], indexes: [index({ name: `${'LONG_'.repeat(14)}IX` })] }))
    const name = /INDEX (\S+) ON/.exec(r.sql('post-data'))![1]!
    expect(name).toMatch(/^long_long_.*_[0-9a-f]{8}$/)
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(63)
    expect(codes(r)).toEqual(['NAME_TRUNCATED'])
  })
})
