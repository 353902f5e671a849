import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readBteqScript } from '../../../../src/engines/teradata/bteq-script.js'
import { codes, readBteq } from './td-script.js'

describe('BTEQ scripts', () => {
  it('splits statements at ; and gives each its file, line and column', () => {
    const r = readBteq('-- header\nCREATE TABLE t (a INT);\n\n  SELECT 1; SELECT 2;\nINSERT INTO t VALUES (1)\n;\n')
    expect(r.statements.map((s) => [s.text, s.at.line, s.at.column])).toEqual([
      ['CREATE TABLE t (a INT)', 2, 1],
      ['SELECT 1', 4, 3],
      ['SELECT 2', 4, 13],
      ['INSERT INTO t VALUES (1)', 5, 1],
    ])
    expect(r.statements[0]!.at.file).toBe(r.file)
  })

  it('keeps ; inside strings, quoted names, comments and parentheses', () => {
    const r = readBteq(`INSERT INTO t VALUES ('a;b', "x;y"); /* c; d */ SELECT 1 -- e; f\n;`)
    expect(r.statements.map((s) => s.text)).toEqual([`INSERT INTO t VALUES ('a;b', "x;y")`, 'SELECT 1 -- e; f'])
  })

  it("keeps a macro's statements inside its AS ( … )", () => {
    const r = readBteq('CREATE MACRO m (k INTEGER) AS (\n  DELETE FROM t WHERE a = :k;\n  INSERT INTO t VALUES (:k);\n);\nSELECT 1;')
    expect(r.statements).toHaveLength(2)
    expect(r.statements[0]!.text).toMatch(/^CREATE MACRO m[\s\S]*INSERT INTO t VALUES \(:k\);\n\)$/)
  })

  it("keeps a procedure's ; inside BEGIN … END, with IF/LOOP/CASE blocks", () => {
    const proc = [
      'REPLACE PROCEDURE p (IN n INTEGER)',
      'BEGIN',
      '  DECLARE i INTEGER DEFAULT 0;',
      '  IF n > 0 THEN SET i = CASE WHEN n > 9 THEN 9 ELSE n END; END IF;',
      '  L1: LOOP SET i = i - 1; IF i = 0 THEN LEAVE L1; END IF; END LOOP L1;',
      '  CASE n WHEN 1 THEN SET i = 1; ELSE SET i = 2; END CASE;',
      'END;',
      'BT;',
    ].join('\n')
    const r = readBteq(proc)
    expect(r.statements.map((s) => s.text.split('\n')[0])).toEqual(['REPLACE PROCEDURE p (IN n INTEGER)', 'BT'])
    expect(r.statements[0]!.text.endsWith('END')).toBe(true)
  })

  it('skips dot commands with an info finding each, never showing the password of .LOGON', () => {
    const r = readBteq('.LOGON tdprod/etl_user,s3cret\n.SET WIDTH 200\nCREATE TABLE t (a INT);\n.IF ERRORCODE <> 0 THEN .QUIT 8\n.LOGOFF\n')
    expect(r.statements.map((s) => s.text)).toEqual(['CREATE TABLE t (a INT)'])
    expect(codes(r)).toEqual(['BTEQ_COMMAND', 'BTEQ_COMMAND', 'BTEQ_COMMAND', 'BTEQ_COMMAND'])
    expect(r.findings.map((f) => f.at?.line)).toEqual([1, 2, 4, 5])
    expect(JSON.stringify(r.findings)).not.toContain('s3cret')
    expect(r.findings[2]!.message).toMatch(/ON_ERROR_STOP/)
  })

  it('stops at .QUIT and says what it did not read', () => {
    const r = readBteq('CREATE TABLE t (a INT);\n.QUIT 0\nCREATE TABLE u (a INT);\n')
    expect(r.statements).toHaveLength(1)
    expect(codes(r)).toEqual(['BTEQ_AFTER_QUIT'])
  })

  it('follows .RUN FILE and reports a missing one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'godwit-bteq-'))
    try {
      writeFileSync(join(dir, 'part.sql'), 'CREATE TABLE p (a INT);\n')
      writeFileSync(join(dir, 'main.sql'), `.RUN FILE = ${join(dir, 'part.sql')}\n.RUN FILE=nowhere.sql\nCREATE TABLE m (a INT);\n`)
      const r = readBteqScript(join(dir, 'main.sql'))
      expect(r.statements.map((s) => s.text)).toEqual(['CREATE TABLE p (a INT)', 'CREATE TABLE m (a INT)'])
      expect(r.files).toEqual([join(dir, 'main.sql'), join(dir, 'part.sql')])
      expect(codes(r)).toEqual(['BTEQ_RUN_MISSING'])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('reads a statement missing its ; apart from the CREATE/REPLACE on a later line, with a warning', () => {
    const r = readBteq('sel weekday(1)\n\nREPLACE MACRO m AS (SELECT 1;);\n')
    expect(r.statements.map((s) => [s.text, s.at.line])).toEqual([
      ['sel weekday(1)', 1],
      ['REPLACE MACRO m AS (SELECT 1;)', 3],
    ])
    expect(codes(r)).toEqual(['BTEQ_MISSING_SEMICOLON'])
  })
})
