import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readSqlPlusScript, type ScriptReadResult } from '../../../../src/engines/oracle/sqlplus-script.js'

function readScript(sql: string): ScriptReadResult {
  const dir = mkdtempSync(join(tmpdir(), 'godwit-sqlplus-'))
  try {
    const file = join(dir, 'script.sql')
    writeFileSync(file, sql)
    return readSqlPlusScript(file)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

describe('readSqlPlusScript: line-continuation hyphen', () => {
  // The shape of Oracle's oe_p_*.sql sample data scripts.
  const script = [
    'set define off',
    'INSERT INTO t VALUES(1726-',
    ",'JA'-",
    ',UNISTR(-',
    "'LCD\\30e2'||-  ",
    "'PM'-",
    '));',
    'SELECT 10 -',
    '5 FROM dual;',
  ].join('\n')

  it('removes a trailing `-` outside strings and comments, as SQL*Plus does, keeping the line breaks', () => {
    const r = readScript(script)
    expect(r.statements.map((s) => s.text)).toEqual([
      ["INSERT INTO t VALUES(1726 ", ",'JA' ", ',UNISTR( ', "'LCD\\30e2'|| ", "'PM' ", '))'].join('\n'),
      // SQL*Plus reads `10 5` here too: that is why the famous example fails in Oracle.
      'SELECT 10  \n5 FROM dual',
    ])
  })

  it('positions after joined lines stay those of the file', () => {
    const r = readScript(script)
    expect(r.statements.map((s) => [s.at.line, s.at.column])).toEqual([
      [2, 1],
      [8, 1],
    ])
  })

  it('keeps a hyphen inside a string, a `--` comment and a PL/SQL unit', () => {
    const r = readScript(
      [
        "COMMENT ON COLUMN t.c IS 'Canceled - bad credit, -",
        "3: Shipped';",
        'SELECT 1 FROM dual --',
        ';',
        'BEGIN',
        '  x := 10 -',
        '    5;',
        'END;',
        '/',
      ].join('\n'),
    )
    expect(r.statements.map((s) => s.text)).toEqual([
      "COMMENT ON COLUMN t.c IS 'Canceled - bad credit, -\n3: Shipped'",
      'SELECT 1 FROM dual --',
      'BEGIN\n  x := 10 -\n    5;\nEND;',
    ])
  })
})

describe('readSqlPlusScript: comment lines between statements', () => {
  it('are skipped, so a PL/SQL unit after several of them still ends at its `/` (oe oc_cre.sql)', () => {
    const r = readScript(['--', '-- Create instead-of triggers', '--', 'CREATE OR REPLACE TRIGGER t', ' INSTEAD OF INSERT ON v FOR EACH ROW', 'BEGIN', '  INSERT INTO x VALUES (1);', 'END;', '/'].join('\n'))
    expect(r.statements).toHaveLength(1)
    expect(r.statements[0]).toMatchObject({ plsql: true, at: { line: 4, column: 1 } })
    expect(r.statements[0]!.text.endsWith('END;')).toBe(true)
  })
})

describe('readSqlPlusScript: `/` alone on a line', () => {
  it('runs the SQL statement in the buffer, as SQL*Plus does (DBMS_METADATA ends ALTER TYPE so); a `/` inside a string or comment does not', () => {
    const r = readScript(["ALTER TYPE t ADD ATTRIBUTE b VARCHAR2(10) CASCADE", '/', 'ALTER TYPE t', '  ADD ATTRIBUTE (c DATE)', '  CASCADE;', "INSERT INTO s VALUES ('a", '/', "b');", 'SELECT 1 /* x', '/', '*/ FROM dual;'].join('\n'))
    expect(r.statements.map((s) => s.text)).toEqual([
      'ALTER TYPE t ADD ATTRIBUTE b VARCHAR2(10) CASCADE',
      'ALTER TYPE t\n  ADD ATTRIBUTE (c DATE)\n  CASCADE',
      "INSERT INTO s VALUES ('a\n/\nb')",
      'SELECT 1 /* x\n/\n*/ FROM dual',
    ])
  })
})
