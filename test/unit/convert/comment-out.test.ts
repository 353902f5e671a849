import { describe, expect, it } from 'vitest'
import { keptUnparsed } from '../../../src/convert/comment-out.js'
import type { Finding } from '../../../src/model/finding.js'

function unparsed(source: string, line: number): Finding {
  const at = { file: 'app.sql', line, column: 9 }
  return { code: 'SQL_SYNTAX', severity: 'action', object: `STATEMENT app.sql:${line}:1`, message: `app.sql:${line}:9: unexpected word; the statement was not converted`, at, source }
}

describe('keptUnparsed', () => {
  it('comments out every line under the position and the reason, without repeating the position', () => {
    const [kept] = keptUnparsed([unparsed('CREATE TABLE t (\n  id NUMBER,,\n)', 3)])
    expect(kept).toEqual({
      phase: 'pre-data',
      object: 'STATEMENT app.sql:3:1',
      sql: '-- ACTION ITEM (app.sql:3:9): unexpected word; the statement was not converted\n-- CREATE TABLE t (\n--   id NUMBER,,\n-- )',
    })
  })

  it('puts each statement in the file its first words point to, past leading comments', () => {
    const phases = keptUnparsed([
      unparsed('-- the view\nCREATE OR REPLACE FORCE VIEW v AS SELECT FROM', 1),
      unparsed('create unique index i on t (,)', 2),
      unparsed('ALTER TABLE t ADD CONSTRAINT', 3),
      unparsed('/* body */ CREATE PACKAGE BODY p AS', 4),
      unparsed('CREATE SEQUENCE s START WITH', 5),
      unparsed('CREATE TYPE BODY tb AS', 6),
    ]).map((k) => k.phase)
    expect(phases).toEqual(['code', 'post-data', 'post-data', 'code', 'pre-data', 'code'])
  })

  it('keeps only the reader\'s unparsed statements: other findings are not output', () => {
    expect(keptUnparsed([{ code: 'SQLPLUS_INCLUDE_MISSING', severity: 'warning', object: 'SCRIPT a.sql', message: 'missing' }, { ...unparsed('x', 1), source: undefined }])).toEqual([])
  })
})
