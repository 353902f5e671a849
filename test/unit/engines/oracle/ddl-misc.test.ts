import { describe, expect, it } from 'vitest'
import { readDdl } from './ddl-script.js'

describe('CREATE SEQUENCE', () => {
  it.each([
    ['START WITH 207 INCREMENT BY 1 NOCACHE NOCYCLE', { start: '207', increment: '1', cache: 1, cycle: false }],
    ['START WITH 3300 INCREMENT BY 100 MAXVALUE 9900 NOCACHE NOCYCLE', { start: '3300', increment: '100', max: '9900', cache: 1, cycle: false }],
    ['INCREMENT BY -1 MINVALUE -999999999999999999999999999 MAXVALUE 0 CACHE 20 CYCLE ORDER', { increment: '-1', min: '-999999999999999999999999999', max: '0', cache: 20, cycle: true }],
    ['', {}],
  ])('CREATE SEQUENCE s %s', (options, expected) => {
    const r = readDdl(`CREATE SEQUENCE s ${options};`)
    expect(r.findings).toEqual([])
    const { at: _at, ...sequence } = r.schema.sequences[0]!
    expect(sequence).toEqual({ name: 'S', ...expected })
  })

  it('ALTER SEQUENCE merges the options it states', () => {
    const r = readDdl('CREATE SEQUENCE s START WITH 1 CACHE 20;\nALTER SEQUENCE s INCREMENT BY 5 NOCACHE;')
    expect(r.schema.sequences[0]).toMatchObject({ start: '1', increment: '5', cache: 1 })
  })
})

describe('synonyms and grants', () => {
  it('CREATE [PUBLIC] SYNONYM, with schemas and database links', () => {
    const r = readDdl('CREATE SYNONYM countries FOR hr.countries;\nCREATE OR REPLACE PUBLIC SYNONYM emp FOR hr.employees;\nCREATE SYNONYM remote_t FOR t@link.example.com;', { defaultSchema: 'OE' })
    expect(r.findings).toEqual([])
    expect(r.schema.synonyms).toMatchObject([
      { schema: 'OE', name: 'COUNTRIES', public: false, target: { schema: 'HR', name: 'COUNTRIES' } },
      { name: 'EMP', public: true, target: { schema: 'HR', name: 'EMPLOYEES' } },
      { name: 'REMOTE_T', target: { schema: 'OE', name: 'T' }, dbLink: 'LINK.EXAMPLE.COM' },
    ])
    expect(r.schema.synonyms[1]!.schema).toBeUndefined()
  })

  it('GRANT object and system privileges', () => {
    const r = readDdl('GRANT SELECT, UPDATE (salary), REFERENCES ON hr.employees TO oe, "Mixed" WITH GRANT OPTION;\nGRANT CREATE SESSION, ON COMMIT REFRESH TO app;\nGRANT READ ON DIRECTORY data_dir TO app;')
    expect(r.findings).toEqual([])
    expect(r.schema.grants).toMatchObject([
      { privileges: ['SELECT', 'UPDATE (salary)', 'REFERENCES'], on: { schema: 'HR', name: 'EMPLOYEES' }, to: ['OE', 'Mixed'], withGrantOption: true },
      { privileges: ['CREATE SESSION', 'ON COMMIT REFRESH'], to: ['APP'] },
      { privileges: ['READ'], on: { name: 'DATA_DIR' }, to: ['APP'] },
    ])
    expect(r.schema.grants[1]!.on).toBeUndefined()
  })

  it('REVOKE, and object kinds named before the object, kept in script order', () => {
    const r = readDdl('GRANT SELECT ON TABLE t TO maria, harry;\nREVOKE EXECUTE ON PROCEDURE hr.p FROM george;\nREVOKE REFERENCES ON t FROM oe CASCADE CONSTRAINTS FORCE;\nREVOKE app_role FROM u;\nGRANT SELECT ON sequence TO u;')
    expect(r.schema.grants).toMatchObject([
      { privileges: ['SELECT'], on: { name: 'T' }, onKind: 'TABLE', to: ['MARIA', 'HARRY'] },
      { privileges: ['EXECUTE'], on: { schema: 'HR', name: 'P' }, onKind: 'PROCEDURE', to: ['GEORGE'], revoke: true },
      { privileges: ['REFERENCES'], on: { name: 'T' }, to: ['OE'], revoke: true },
      { privileges: ['APP_ROLE'], to: ['U'], revoke: true },
      // An object called SEQUENCE, not a kind: TO follows.
      { privileges: ['SELECT'], on: { name: 'SEQUENCE' }, to: ['U'] },
    ])
    expect(r.schema.grants[0]!.revoke).toBeUndefined()
    expect(r.findings.map((f) => [f.code, f.severity])).toEqual([['REVOKE_CASCADE_CONSTRAINTS', 'warning']])
  })
})

describe('COMMENT ON', () => {
  it('merges table and column comments; an empty comment removes it', () => {
    const r = readDdl(`CREATE TABLE t (a NUMBER, b NUMBER);
COMMENT ON TABLE t IS 'rows of t';
COMMENT ON COLUMN t.a IS 'It''s a';
COMMENT ON COLUMN t.b IS 'b';
COMMENT ON COLUMN t.b IS '';`)
    expect(r.findings).toEqual([])
    expect(r.schema.tables[0]).toMatchObject({ comment: 'rows of t', columns: [{ name: 'A', comment: "It's a" }, { name: 'B' }] })
    expect(r.schema.tables[0]!.columns[1]!.comment).toBeUndefined()
  })

  it('accepts schema.table.column and reports comments on objects not read', () => {
    const r = readDdl(`CREATE TABLE hr.t (a NUMBER);
COMMENT ON COLUMN hr.t.a IS 'x';
COMMENT ON TABLE nope IS 'y';
COMMENT ON COLUMN hr.t.ghost IS 'z';
COMMENT ON INDEXTYPE it IS 'w';`)
    expect(r.schema.tables[0]!.columns[0]!.comment).toBe('x')
    expect(r.findings.map((f) => [f.code, f.severity])).toEqual([['DDL_UNKNOWN_OBJECT', 'warning'], ['DDL_UNKNOWN_OBJECT', 'warning'], ['COMMENT_IGNORED', 'info']])
  })
})

describe('DROP and RENAME', () => {
  it('DROP USER … CASCADE removes the objects of that schema the scripts defined before it; each DROP says why no SQL is written', () => {
    const r = readDdl(`CREATE TABLE hr.t (a NUMBER);
CREATE VIEW hr.v AS SELECT a FROM hr.t;
CREATE TABLE app.keep (a NUMBER);
DROP USER hr CASCADE;
DROP USER app;
DROP TABLE employee;
DROP MATERIALIZED VIEW LOG ON app.keep;
DROP PUBLIC DATABASE LINK remote;`)
    expect(r.schema.tables.map((t) => t.name)).toEqual(['KEEP'])
    expect(r.schema.views).toEqual([])
    expect(r.findings.map((f) => [f.severity, f.code, f.object])).toEqual([
      ['info', 'DROP_IGNORED', 'USER HR'], ['info', 'DROP_IGNORED', 'USER APP'], ['info', 'DROP_APPLIED', 'TABLE EMPLOYEE'],
      ['info', 'DROP_IGNORED', 'MATERIALIZED VIEW LOG APP.KEEP'], ['info', 'DROP_IGNORED', 'PUBLIC DATABASE LINK REMOTE'],
    ])
    expect(r.findings[0]!.message).toContain('CASCADE removes the 2 objects of schema HR')
    expect(r.findings[1]!.message).not.toContain('CASCADE')
    expect(r.findings[2]!.message).toMatch(/which the scripts read do not define .*no DROP is written/)
  })

  it('DROP removes the object (a table takes its indexes) with an info finding', () => {
    const r = readDdl(`CREATE TABLE t (a NUMBER);
CREATE INDEX t_ix ON t (a);
CREATE SEQUENCE s;
CREATE VIEW v AS SELECT 1 x FROM dual;
CREATE TRIGGER t_trg BEFORE INSERT ON t FOR EACH ROW BEGIN NULL; END;
/
DROP TABLE t CASCADE CONSTRAINTS PURGE;
DROP SEQUENCE s;
DROP VIEW v;
DROP PACKAGE nothing;
DROP USER scott CASCADE;`)
    expect(r.schema).toMatchObject({ tables: [], indexes: [], sequences: [], views: [], code: [] })
    expect(r.findings.map((f) => [f.code, f.object])).toEqual([
      ['DROP_APPLIED', 'TABLE T'], ['DROP_APPLIED', 'SEQUENCE S'], ['DROP_APPLIED', 'VIEW V'], ['DROP_APPLIED', 'PACKAGE NOTHING'], ['DROP_IGNORED', 'USER SCOTT'],
    ])
    expect(r.findings.every((f) => f.severity === 'info')).toBe(true)
  })

  it('DROP PACKAGE BODY leaves the package spec', () => {
    const r = readDdl('CREATE PACKAGE p AS END;\n/\nCREATE PACKAGE BODY p AS END;\n/\nDROP PACKAGE BODY p;')
    expect(r.schema.code.map((c) => c.kind)).toEqual(['package'])
  })

  it('RENAME renames a table', () => {
    const r = readDdl('CREATE TABLE t (a NUMBER);\nRENAME t TO t2;')
    expect(r.schema.tables.map((t) => t.name)).toEqual(['T2'])
  })
})

describe('Oracle 12c+ clauses that are read, not refused', () => {
  it('a virtual column BY USER/SYSTEM FOR STATISTICS (DBMS_METADATA writes it for extended statistics) is not a column: an info finding says so', () => {
    const r = readDdl(`CREATE TABLE video (skript NUMBER, b NUMBER);
ALTER TABLE VIDEO ADD (c NUMBER GENERATED ALWAYS AS (f(SKRIPT)) VIRTUAL BY USER FOR STATISTICS);
ALTER TABLE video ADD ("SYS_STUXYZ" NUMBER GENERATED ALWAYS AS (SYS_OP_COMBINED_HASH("SKRIPT","B")) VIRTUAL BY SYSTEM FOR STATISTICS);`)
    expect(r.schema.tables[0]!.columns.map((c) => c.name)).toEqual(['SKRIPT', 'B'])
    expect(r.findings.map((f) => [f.severity, f.code, f.object])).toEqual([['info', 'STATISTICS_COLUMN', 'COLUMN VIDEO.C'], ['info', 'STATISTICS_COLUMN', 'COLUMN VIDEO.SYS_STUXYZ']])
    expect(r.findings[0]!.message).toContain('CREATE STATISTICS … ON (f(SKRIPT)) FROM VIDEO')
  })

  it('CREATE/ALTER SEQUENCE: SHARING, SCALE, SHARD and SESSION are read and reported; options PostgreSQL behaves as are read silently', () => {
    const r = readDdl(`CREATE SEQUENCE my_seq SHARING = METADATA;
CREATE SEQUENCE s2 SHARING = DATA START WITH 5 INCREMENT BY 2 KEEP NOORDER GLOBAL NOSCALE NOSHARD;
ALTER SEQUENCE s2 SCALE NOEXTEND SESSION;
ALTER SEQUENCE s2 SHARD EXTEND;`)
    expect(r.schema.sequences).toMatchObject([{ name: 'MY_SEQ' }, { name: 'S2', start: '5', increment: '2' }])
    expect(r.findings.map((f) => `${f.severity} ${f.object} ${f.message.split(':')[0]}`)).toEqual([
      'info SEQUENCE MY_SEQ SHARING left out',
      'info SEQUENCE S2 SHARING left out',
      'warning SEQUENCE S2 SCALE left out',
      'warning SEQUENCE S2 SESSION left out',
      'warning SEQUENCE S2 SHARD left out',
    ])
  })

  it('ALTER TABLE … READ ONLY is a warning (PostgreSQL tables accept changes), READ WRITE an info; neither is called storage', () => {
    const r = readDdl('CREATE TABLE ro (a NUMBER);\nALTER TABLE ro READ ONLY;\nALTER TABLE ro READ WRITE;')
    expect(r.findings.map((f) => `${f.severity} ${f.code}`)).toEqual(['warning TABLE_READ_ONLY', 'info TABLE_READ_ONLY'])
    expect(r.findings[0]!.message).toContain('REVOKE')
  })

  it('DROP TABLE … CASCADE CONSTRAINTS takes the foreign keys that reference it out of the other tables', () => {
    const r = readDdl(`CREATE TABLE dept (id NUMBER PRIMARY KEY);
CREATE TABLE emp (id NUMBER, dept_id NUMBER REFERENCES dept, boss NUMBER REFERENCES emp);
DROP TABLE dept CASCADE CONSTRAINTS;`)
    expect(r.schema.tables.map((t) => t.name)).toEqual(['EMP'])
    expect(r.schema.tables[0]!.foreignKeys.map((fk) => fk.references.name)).toEqual(['EMP'])
  })

  it('immutable, blockchain, sharded and duplicated tables, ROW ARCHIVAL and FLASHBACK ARCHIVE are read and reported; CONSISTENT HASH is not refused', () => {
    const r = readDdl(`CREATE IMMUTABLE TABLE imm (a NUMBER) NO DROP UNTIL 1 DAYS IDLE NO DELETE UNTIL 16 DAYS AFTER INSERT;
CREATE BLOCKCHAIN TABLE bc (a NUMBER) NO DROP UNTIL 1 DAYS IDLE NO DELETE LOCKED HASHING USING "SHA2_512" VERSION "v1";
CREATE TABLE arch (a NUMBER) ROW ARCHIVAL;
CREATE TABLE fb (a NUMBER) NO FLASHBACK ARCHIVE;
ALTER TABLE fb FLASHBACK ARCHIVE fa1;
CREATE SHARDED TABLE sh (a NUMBER PRIMARY KEY) PARTITION BY CONSISTENT HASH (a) PARTITIONS AUTO TABLESPACE SET ts1;
CREATE DUPLICATED TABLE dup (a NUMBER);`)
    expect(r.schema.tables.map((t) => `${t.name}${t.partitioning ? ' partitioned' : ''}`)).toEqual(['IMM', 'BC', 'ARCH', 'FB', 'SH', 'DUP'])
    expect(r.findings.map((f) => `${f.severity} ${f.code} ${f.object}`)).toEqual([
      'warning IMMUTABLE_TABLE TABLE IMM',
      'warning IMMUTABLE_TABLE TABLE BC',
      'warning ROW_ARCHIVAL TABLE ARCH',
      'warning FLASHBACK_ARCHIVE TABLE FB',
      'info SHARDED_TABLE TABLE SH',
      'info SHARDED_TABLE TABLE DUP',
    ])
  })

  it('SHARING = … (application containers) is read on tables, views, types, synonyms and directories, with an info finding', () => {
    const r = readDdl(`CREATE TABLE t SHARING = EXTENDED DATA (a NUMBER);
CREATE OR REPLACE VIEW v SHARING = METADATA AS SELECT a FROM t;
CREATE TYPE ty SHARING = NONE AS OBJECT (a NUMBER);
/
CREATE SYNONYM s SHARING = METADATA FOR t;
CREATE DIRECTORY d SHARING = DATA AS '/srv';`)
    expect(r.schema.tables).toHaveLength(1)
    expect(r.schema.views).toHaveLength(1)
    expect(r.findings.filter((f) => f.code === 'SHARING_IGNORED').map((f) => f.object)).toEqual(['TABLE T', 'VIEW V', 'TYPE TY', 'SYNONYM S', 'DIRECTORY D'])
  })

  it('FLASHBACK TABLE … TO BEFORE DROP brings back what the script dropped without PURGE, with its indexes and triggers', () => {
    const r = readDdl(`CREATE TABLE t (a NUMBER);
CREATE INDEX t_a ON t (a);
CREATE TRIGGER t_trg BEFORE INSERT ON t FOR EACH ROW BEGIN NULL; END;
/
DROP TABLE t;
FLASHBACK TABLE t TO BEFORE DROP;
CREATE TABLE p (a NUMBER);
DROP TABLE p PURGE;
FLASHBACK TABLE p TO BEFORE DROP;
CREATE TABLE q (a NUMBER);
CREATE INDEX q_a ON q (a);
DROP TABLE q;
FLASHBACK TABLE q TO BEFORE DROP RENAME TO q2;`)
    expect(r.schema.tables.map((t) => t.name)).toEqual(['T', 'Q2'])
    expect(r.schema.indexes.map((i) => `${i.name} ON ${i.table.name}`)).toEqual(['T_A ON T', 'Q_A ON Q2'])
    expect(r.schema.code.map((o) => o.name)).toEqual(['T_TRG'])
    expect(r.findings.filter((f) => f.code.startsWith('FLASHBACK')).map((f) => `${f.severity} ${f.code} ${f.object}`)).toEqual([
      'info FLASHBACK_RESTORED TABLE T',
      'warning FLASHBACK_BEFORE_DROP TABLE P',
      'info FLASHBACK_RESTORED TABLE Q',
    ])
  })

  it('ALTER TABLE repeats ADD / MODIFY / DROP clauses without commas, as Oracle allows', () => {
    const r = readDdl(`CREATE TABLE ta (id NUMBER, old NUMBER);
CREATE TABLE tb (id NUMBER PRIMARY KEY);
ALTER TABLE ta ADD tb_id NUMBER(5) ADD FOREIGN KEY (tb_id) REFERENCES tb (id);
ALTER TABLE ta ADD x NUMBER GENERATED ALWAYS AS (id + 1) DROP COLUMN old MODIFY id NOT NULL;`)
    expect(r.findings).toEqual([])
    const ta = r.schema.tables[0]!
    expect(ta.columns.map((c) => `${c.name}${c.nullable ? '' : ' NOT NULL'}`)).toEqual(['ID NOT NULL', 'TB_ID', 'X'])
    expect(ta.foreignKeys.map((fk) => fk.references.name)).toEqual(['TB'])
  })
})
