import { describe, expect, it } from 'vitest'
import { readOracleDdl } from '../../../../src/engines/oracle/oracle-ddl-reader.js'
import { readDdl } from './ddl-script.js'

describe('readOracleDdl', () => {
  it('a malformed statement is a SQL_SYNTAX action item naming file:line:column; the rest still reads', () => {
    const sql = `CREATE TABLE a (id NUMBER);

CREATE TABLE broken (id NUMBER,, name VARCHAR2(10));

CREATE TABLE b (id NUMBER);`
    const r = readDdl(sql)
    expect(r.schema.tables.map((t) => t.name)).toEqual(['A', 'B'])
    expect(r.findings).toHaveLength(1)
    const [f] = r.findings
    expect(f).toMatchObject({ code: 'SQL_SYNTAX', severity: 'action', at: { file: r.file, line: 3, column: 32 }, source: 'CREATE TABLE broken (id NUMBER,, name VARCHAR2(10))' })
    expect(f!.message).toContain(`${r.file}:3:32`)
  })

  it('an unterminated literal is a syntax finding too', () => {
    const r = readDdl("CREATE TABLE a (id NUMBER);\nCOMMENT ON TABLE a IS 'oops;\n")
    expect(r.findings.map((f) => f.code)).toEqual(['SQL_SYNTAX'])
    expect(r.schema.tables).toHaveLength(1)
  })

  it('data and action statements go to `data` in order, with the position of their first word', () => {
    const r = readDdl(`CREATE TABLE t (a NUMBER);
INSERT INTO t VALUES (1);
-- a comment before the statement
UPDATE t SET a = 2;
BEGIN
  DELETE FROM t;
END;
/
MERGE INTO t USING dual ON (1 = 1) WHEN MATCHED THEN UPDATE SET a = 3;
CALL p(1);
DECLARE x NUMBER; BEGIN NULL; END;
/`)
    expect(r.findings).toEqual([])
    expect(r.data.map((d) => [d.text.split(/\s/)[0], d.at?.line, d.at?.column])).toEqual([
      ['INSERT', 2, 1], ['UPDATE', 4, 1], ['BEGIN', 5, 1], ['MERGE', 9, 1], ['CALL', 10, 1], ['DECLARE', 11, 1],
    ])
    expect(r.data[1]!.text).toBe('UPDATE t SET a = 2')
  })

  it.each([
    ['COMMIT'], ['ROLLBACK'], ['ALTER SESSION SET NLS_LANGUAGE=American'], ['SET TRANSACTION READ ONLY'],
    ['PURGE RECYCLEBIN'], ['SELECT * FROM dual'], ['ADMINISTER KEY MANAGEMENT SET KEYSTORE OPEN IDENTIFIED BY pw'], ['ALTER TRIGGER trg COMPILE'], ['ALTER INDEX ix REBUILD'],
  ])('%s is consumed with an info finding', (sql) => {
    const r = readDdl(`${sql};`)
    expect(r.findings.map((f) => f.severity)).toEqual(['info'])
    expect(r.data).toEqual([])
  })

  it('ANALYZE and TRUNCATE are kept in script order for the converter, which writes them or says why not', () => {
    const r = readDdl('ANALYZE TABLE t COMPUTE STATISTICS;\nTRUNCATE TABLE t;')
    expect(r.findings).toEqual([])
    expect(r.data.map((d) => d.text)).toEqual(['ANALYZE TABLE t COMPUTE STATISTICS', 'TRUNCATE TABLE t'])
  })

  it('ALTER SESSION SET CURRENT_SCHEMA gives the statements after it their schema', () => {
    const r = readDdl('CREATE TABLE a (x NUMBER);\nALTER SESSION SET CURRENT_SCHEMA = hr;\nCREATE TABLE b (x NUMBER);\nCREATE INDEX b_ix ON b (x);\nALTER INDEX b_ix RENAME TO b_x_ix;')
    expect(r.schema.tables.map((t) => [t.schema, t.name])).toEqual([[undefined, 'A'], ['HR', 'B']])
    expect(r.schema.indexes.map((i) => [i.schema, i.name, i.table])).toEqual([['HR', 'B_X_IX', { schema: 'HR', name: 'B' }]])
    expect(r.findings.map((f) => [f.code, f.severity])).toEqual([['CURRENT_SCHEMA', 'info']])
  })

  it('CREATE SCHEMA AUTHORIZATION reads each statement as the owner', () => {
    const r = readDdl('CREATE SCHEMA AUTHORIZATION oe\n  CREATE TABLE t (a NUMBER, b VARCHAR2(5) CHECK (b IN (\'x\', \'y\')))\n  CREATE VIEW v AS SELECT a FROM t\n  GRANT SELECT ON v TO hr;')
    expect(r.findings).toEqual([])
    expect(r.schema.tables.map((t) => [t.schema, t.name, t.at?.line])).toEqual([['OE', 'T', 2]])
    expect(r.schema.views.map((v) => [v.schema, v.name, v.query.text])).toEqual([['OE', 'V', 'SELECT a FROM t']])
    expect(r.schema.grants).toMatchObject([{ privileges: ['SELECT'], on: { schema: 'OE', name: 'V' }, to: ['HR'] }])
  })

  it('ALTER TRIGGER … DISABLE is a warning: the converted trigger would be enabled', () => {
    expect(readDdl('ALTER TRIGGER secure_employees DISABLE;').findings).toMatchObject([{ code: 'TRIGGER_DISABLED', severity: 'warning' }])
  })

  it.each([
    ['CREATE DIMENSION times_dim LEVEL day IS (times.time_id)', 'warning', 'DIMENSION TIMES_DIM'],
    ["CREATE OR REPLACE CONTEXT app_ctx USING app_pkg", 'action', 'CONTEXT APP_CTX'],
    ["CREATE PUBLIC DATABASE LINK remote CONNECT TO u IDENTIFIED BY p USING 'tns'", 'action', 'DATABASE LINK REMOTE'],
    ["CREATE LIBRARY c_lib AS '/lib/x.so'", 'action', 'LIBRARY C_LIB'],
  ])('%s has no PostgreSQL equivalent and is reported with the reason', (sql, severity, object) => {
    const r = readDdl(`${sql};`)
    expect(r.findings).toMatchObject([{ code: 'ORACLE_ONLY_OBJECT', severity, object }])
    expect(r.findings[0]!.message).toMatch(/not converted: .+/)
  })

  it('CREATE JAVA is reported with the reason, not dropped', () => {
    const r = readDdl('CREATE OR REPLACE AND COMPILE JAVA SOURCE NAMED "Hello" AS public class Hello {}\n/')
    expect(r.findings).toMatchObject([{ code: 'ORACLE_ONLY_OBJECT', severity: 'action', object: 'JAVA SOURCE Hello' }])
  })

  it('a CREATE of a kind godwit does not read is an action item', () => {
    expect(readDdl('CREATE MINING MODEL m;').findings).toMatchObject([{ code: 'UNSUPPORTED_DDL', severity: 'action', object: 'CREATE MINING' }])
  })

  it('an unknown statement is a syntax finding', () => {
    expect(readDdl('FROBNICATE everything;').findings).toMatchObject([{ code: 'SQL_SYNTAX' }])
  })

  it('names: unquoted upper-cased, quoted kept, written schemas kept, the default schema for the rest', () => {
    const r = readDdl('CREATE TABLE emp ("Id" NUMBER, name VARCHAR2(5));\nCREATE TABLE "Audit"."Log" (x NUMBER);', { defaultSchema: 'HR' })
    expect(r.schema.tables.map((t) => [t.schema, t.name, t.columns.map((c) => c.name)])).toEqual([
      ['HR', 'EMP', ['Id', 'NAME']],
      ['Audit', 'Log', ['X']],
    ])
    expect(readDdl('CREATE TABLE emp (a NUMBER);').schema.tables[0]!.schema).toBeUndefined()
  })

  it('returns an empty oracle schema for no statements', () => {
    expect(readOracleDdl([])).toEqual({
      schema: { engine: 'oracle', types: [], sequences: [], tables: [], indexes: [], views: [], code: [], synonyms: [], grants: [] },
      data: [],
      findings: [],
    })
  })
})
