import { describe, expect, it } from 'vitest'
import type { PgColumn, PgTableInfo } from '../../../src/engines/postgres/pg-catalog.js'
import { chooseTransfer, mapColumns } from '../../../src/load/column-mapping.js'
import { runKeyOf } from '../../../src/load/run-key.js'
import type { SourceTable } from '../../../src/load/source-engine.js'

const col = (name: string, pgType: string, typeOid: number): PgColumn => ({ name, pgType, typeOid, type: { kind: 'text', fixed: false }, nullable: true })
const target = (columns: PgColumn[]): PgTableInfo => ({ schema: 'hr', name: 'emp', columns, uniqueKeys: [], estimatedRows: 0, totalBytes: 0 })
const source = (columns: [string, string][]): SourceTable => ({
  schema: 'HR',
  name: 'EMP',
  columns: columns.map(([name, nativeType]) => ({ name, nativeType, type: { kind: 'text', fixed: false } })),
  estimatedRows: 0,
})

describe('source → target columns', () => {
  it('matches by exact name, else by the one name equal ignoring case', () => {
    const { columns: cols } = mapColumns(source([['id', 'integer'], ['ENAME', 'VARCHAR2(10)']]), target([col('ename', 'varchar(10)', 1043), col('id', 'integer', 23), col('extra', 'text', 25)]))
    expect(cols.map((c) => [c.name, c.targetName, c.pgType])).toEqual([['id', 'id', 'integer'], ['ENAME', 'ename', 'varchar(10)']])
  })

  it('leaves out a source column whose target column is generated: the target computes it', () => {
    const m = mapColumns(source([['id', 'integer'], ['doubled', 'integer']]), target([col('id', 'integer', 23), col('doubled', 'integer', 23)]), new Set(['doubled']))
    expect(m.columns.map((c) => c.name)).toEqual(['id'])
    expect(m.generated).toEqual(['doubled'])
  })

  it('fails naming the table and column when the target lacks a source column', () => {
    expect(() => mapColumns(source([['SAL', 'NUMBER']]), target([col('id', 'integer', 23)]))).toThrow(
      expect.objectContaining({ code: 'LOAD_COLUMN_MISSING', message: expect.stringMatching(/hr\.emp has no column for source column HR\.EMP\.SAL/) }),
    )
  })

  it('passes PostgreSQL COPY data through when every type agrees: binary for built-in types, text when a user type is involved', () => {
    const t = target([col('id', 'integer', 23), col('mood', 'mood', 16500)])
    const s = source([['id', 'integer'], ['mood', 'mood']])
    const { columns: cols } = mapColumns(s, t)
    expect(chooseTransfer('postgres', s, cols.slice(0, 1), t, false)).toBe('passthrough-binary')
    expect(chooseTransfer('postgres', s, cols, t, false)).toBe('passthrough-text')
    expect(chooseTransfer('postgres', s, cols, t, true)).toBe('transcode')
    expect(chooseTransfer('oracle', s, cols, t, false)).toBe('transcode')
    const narrower = target([col('id', 'bigint', 20), col('mood', 'mood', 16500)])
    expect(chooseTransfer('postgres', s, mapColumns(s, narrower).columns, narrower, false)).toBe('transcode')
  })
})

describe('run identity', () => {
  it('is the source database and the selection, not the credentials or the selection order', () => {
    const a = runKeyOf('postgres://u:secret@db:5432/shop', ['sales.*', 'hr.*'])
    expect(runKeyOf('postgres://other:pw@db:5432/shop', ['hr.*', 'sales.*'])).toBe(a)
    // An Oracle URL selects the user's own schema unless ?schema= says otherwise: both are part of the run.
    const hr = runKeyOf('oracle://hr:x@h:1521/svc', [])
    expect(runKeyOf('oracle://HR:y@h:1521/svc', [])).toBe(hr)
    expect(runKeyOf('oracle://sales:y@h:1521/svc', [])).not.toBe(hr)
    expect(runKeyOf('oracle://hr:x@h:1521/svc?schema=SALES', [])).not.toBe(hr)
    expect(runKeyOf('postgres://u:secret@db:5432/shop2', ['sales.*', 'hr.*'])).not.toBe(a)
    expect(runKeyOf('postgres://u:secret@db:5432/shop', ['sales.*'])).not.toBe(a)
    expect(a).not.toContain('secret')
  })
})
