import { describe, expect, it } from 'vitest'
import { codes, readTd } from './td-script.js'

const EXPORT = `CREATE SET TABLE Sales.Orders ,FALLBACK ,
     NO BEFORE JOURNAL,
     NO AFTER JOURNAL,
     CHECKSUM = DEFAULT,
     DEFAULT MERGEBLOCKRATIO,
     MAP = TD_MAP1
     (
      OrderId INTEGER NOT NULL,
      "Title" VARCHAR(8) CHARACTER SET UNICODE NOT CASESPECIFIC COMPRESS ,
      Code CHAR(3) CHARACTER SET LATIN CASESPECIFIC NOT NULL,
      Flag BYTEINT COMPRESS (0 ,1 ),
      Amount NUMBER(18,4) COMPRESS (10000 ,20000 ),
      Placed DATE FORMAT 'yyyy-mm-dd' TITLE 'Order date',
      Note VARCHAR(100) UPPERCASE,
      Mail VARCHAR(50) CHARACTER SET UNICODE NOT CASESPECIFIC COMPRESS USING TD_SYSFNLIB.TRANSUNICODETOUTF8 DECOMPRESS USING TD_SYSFNLIB.TRANSUTF8TOUNICODE ,
      CustomerId INTEGER,
PRIMARY KEY ( OrderId ),
CONSTRAINT FK_Cust FOREIGN KEY ( CustomerId ) REFERENCES WITH NO CHECK OPTION Sales.Customer ( CustomerId ))
UNIQUE INDEX ord_code ( Code ,OrderId )
INDEX ( Placed );`

describe('Teradata DDL: tables', () => {
  it('reads a SHOW TABLE export: SET, options, columns, keys, soft reference, indexes', () => {
    const r = readTd(EXPORT)
    const t = r.schema.tables[0]!
    expect(r.schema.engine).toBe('teradata')
    expect([t.schema, t.name, t.rejectsDuplicateRows]).toEqual(['SALES', 'ORDERS', true])
    expect(t.columns.map((c) => [c.name, c.nativeType.text, c.type.kind, c.nullable])).toEqual([
      ['ORDERID', 'INTEGER', 'int', false],
      ['TITLE', 'VARCHAR(8)', 'text', true],
      ['CODE', 'CHAR(3)', 'text', false],
      ['FLAG', 'BYTEINT', 'int', true],
      ['AMOUNT', 'NUMBER(18,4)', 'decimal', true],
      ['PLACED', 'DATE', 'date', true],
      ['NOTE', 'VARCHAR(100)', 'text', true],
      ['MAIL', 'VARCHAR(50)', 'text', true],
      ['CUSTOMERID', 'INTEGER', 'int', true],
    ])
    expect(t.columns.map((c) => c.caseSpecific)).toEqual([undefined, false, true, undefined, undefined, undefined, false, false, undefined])
    expect(t.columns.find((c) => c.name === 'PLACED')!.comment).toBe('Order date')
    expect(t.primaryKey?.columns).toEqual(['ORDERID'])
    expect(t.foreignKeys).toMatchObject([{ name: 'FK_CUST', columns: ['CUSTOMERID'], references: { schema: 'SALES', name: 'CUSTOMER' }, refColumns: ['CUSTOMERID'], validated: false }])
    expect(r.schema.indexes.map((i) => [i.name, i.unique, i.keys.map((k) => k.column)])).toEqual([
      ['ORD_CODE', true, ['CODE', 'ORDERID']],
      ['ORDERS_IX2', false, ['PLACED']],
    ])
    expect(codes(r).sort()).toEqual(['TERADATA_COMPRESS', 'TERADATA_FORMAT', 'TERADATA_SOFT_REFERENCE', 'TERADATA_TABLE_OPTIONS', 'TERADATA_UPPERCASE'])
    const byCode = Object.fromEntries(r.findings.map((f) => [f.code, f]))
    expect(byCode.TERADATA_COMPRESS!.message).toMatch(/^COMPRESS on TITLE, FLAG, AMOUNT, MAIL:/)
    expect(byCode.TERADATA_FORMAT!.message).toContain("PLACED 'yyyy-mm-dd'")
    expect(byCode.TERADATA_TABLE_OPTIONS!.message).toContain('FALLBACK, NO BEFORE JOURNAL, NO AFTER JOURNAL, CHECKSUM = DEFAULT, DEFAULT MERGEBLOCKRATIO, MAP = TD_MAP1')
    expect(byCode.TERADATA_TABLE_OPTIONS!.severity).toBe('info')
  })

  it('reads UNIQUE PRIMARY INDEX, PRIMARY INDEX with a name, and NO PRIMARY INDEX', () => {
    const r = readTd(
      'CREATE MULTISET TABLE a (x INT, y INT) UNIQUE PRIMARY INDEX (x);\nCREATE TABLE b (x INT, y INT) PRIMARY INDEX b_pi (x, y);\nCREATE TABLE c (x INT) NO PRIMARY INDEX;',
    )
    expect(r.schema.tables.map((t) => [t.name, t.rejectsDuplicateRows, t.distribution])).toEqual([
      ['A', false, { kind: 'primary-index', columns: ['X'], unique: true }],
      ['B', undefined, { kind: 'primary-index', columns: ['X', 'Y'], unique: false }],
      ['C', undefined, { kind: 'none' }],
    ])
  })

  it('takes the primary key, else the first UNIQUE, for the primary index when none is written', () => {
    const r = readTd('CREATE TABLE a (x INT NOT NULL PRIMARY KEY, y INT UNIQUE);\nCREATE TABLE b (x INT, y INT, UNIQUE (y, x));\nCREATE TABLE c (x INT);')
    expect(r.schema.tables.map((t) => t.distribution)).toEqual([
      { kind: 'primary-index', columns: ['X'], unique: true },
      { kind: 'primary-index', columns: ['Y', 'X'], unique: true },
      undefined,
    ])
  })

  it('reads volatile, global temporary and global temporary trace tables with ON COMMIT', () => {
    const r = readTd(
      'CREATE MULTISET VOLATILE TABLE v (a INT) ON COMMIT PRESERVE ROWS;\nCREATE GLOBAL TEMPORARY TABLE g (a INT);\nCREATE VOLATILE TABLE w, NO LOG (a INT);\nCREATE GLOBAL TEMPORARY TRACE TABLE tr (a INT) ON COMMIT PRESERVE ROWS;',
    )
    expect(codes(r)).toEqual(['TERADATA_TABLE_OPTIONS'])
    expect(r.schema.tables.map((t) => [t.name, t.temporary])).toEqual([
      ['V', { onCommit: 'preserve', scope: 'session' }],
      ['G', { onCommit: 'delete' }],
      ['W', { onCommit: 'delete', scope: 'session' }],
      ['TR', { onCommit: 'preserve' }],
    ])
  })

  it('reads types: BYTEINT, NUMBER, PERIOD, JSON, XML, LOB sizes, intervals, TIMESTAMP WITH TIME ZONE', () => {
    const r = readTd(`CREATE TABLE t (
      a BYTEINT, b NUMBER, c NUMBER(*,2), d PERIOD(DATE), e PERIOD(TIMESTAMP(6) WITH TIME ZONE),
      f JSON(16000) CHARACTER SET UNICODE, g XML, h BLOB(2097088000), i CLOB(10M) CHARACTER SET LATIN,
      j INTERVAL DAY(2) TO SECOND(3), k TIMESTAMP(0) WITH TIME ZONE, l TIME(0), m DECIMAL(38,0), n LONG VARCHAR,
      o VARBYTE(100), p SYSUDTLIB.MyType
    );`)
    const cols = r.schema.tables[0]!.columns
    expect(cols.map((c) => [c.nativeType.name, c.type])).toEqual([
      ['BYTEINT', { kind: 'int', bytes: 1 }],
      ['NUMBER', { kind: 'decimal' }],
      ['NUMBER', { kind: 'decimal', precision: 38, scale: 2 }],
      ['PERIOD(DATE)', { kind: 'unsupported', native: 'PERIOD(DATE)' }],
      ['PERIOD(TIMESTAMP WITH TIME ZONE)', { kind: 'unsupported', native: 'PERIOD(TIMESTAMP(6) WITH TIME ZONE)' }],
      ['JSON', { kind: 'json' }],
      ['XML', { kind: 'xml' }],
      ['BLOB', { kind: 'binary' }],
      ['CLOB', { kind: 'clob' }],
      ['INTERVAL DAY TO SECOND', { kind: 'interval', fields: 'day-second', precision: 3 }],
      ['TIMESTAMP WITH TIME ZONE', { kind: 'timestamp', precision: 0, tz: 'utc' }],
      ['TIME', { kind: 'time', precision: 0, tz: false }],
      ['DECIMAL', { kind: 'decimal', precision: 38, scale: 0 }],
      ['LONG VARCHAR', { kind: 'text', fixed: false, maxChars: 64000 }],
      ['VARBYTE', { kind: 'binary', maxBytes: 100 }],
      ['MYTYPE', { kind: 'user-defined', schema: 'SYSUDTLIB', name: 'MYTYPE' }],
    ])
    expect(cols[8]!.nativeType.length).toBe(10 * 1024 * 1024)
    expect(r.findings).toEqual([])
  })

  it('reads identity columns, defaults, WITH DEFAULT and checks', () => {
    const r = readTd(`CREATE TABLE t (
      id INTEGER GENERATED ALWAYS AS IDENTITY (START WITH 100 INCREMENT BY 10 MINVALUE 1 MAXVALUE 999999 NO CYCLE),
      k BIGINT GENERATED BY DEFAULT AS IDENTITY,
      s VARCHAR(10) DEFAULT 'x' NOT NULL,
      n INTEGER WITH DEFAULT,
      d DATE DEFAULT DATE '2020-01-01',
      today DATE DEFAULT DATE,
      now_t TIME DEFAULT TIME,
      nothing NUMERIC (20,0) DEFAULT NULL (BIGINT),
      f BYTEINT CHECK ( f IN (0, 1) ) NOT NULL
    );`)
    const [id, k, s, n, d, today, nowT, nothing, f] = r.schema.tables[0]!.columns
    expect(id!.identity).toEqual({ always: true, start: '100', increment: '10' })
    expect(k!.identity).toEqual({ always: false })
    expect([s!.defaultExpr?.text, s!.nullable]).toEqual(["'x'", false])
    expect(n!.defaultExpr?.text).toBe('0')
    expect(d!.defaultExpr?.text).toBe("DATE '2020-01-01'")
    expect([today!.defaultExpr?.text, nowT!.defaultExpr?.text, nothing!.defaultExpr?.text]).toEqual(['CURRENT_DATE', 'CURRENT_TIME', 'NULL'])
    expect(f!.nullable).toBe(false)
    expect(r.schema.tables[0]!.checks.map((c) => c.expr.text)).toEqual(['f IN (0, 1)'])
  })

  it('makes character columns NOT CASESPECIFIC unless CASESPECIFIC is written (Teradata session mode)', () => {
    const r = readTd('CREATE TABLE t (a VARCHAR(5), b CHAR(2) CS, c VARCHAR(5) NOT CS, d INTEGER, e CLOB);')
    expect(r.schema.tables[0]!.columns.map((c) => c.caseSpecific)).toEqual([false, true, false, undefined, undefined])
  })

  it('maps a single-level RANGE_N over a DATE column to range partitions with a DEFAULT for NO RANGE', () => {
    const r = readTd(`CREATE TABLE t (id INT, d DATE) PRIMARY INDEX (id)
      PARTITION BY RANGE_N(d BETWEEN DATE '2020-01-01' AND DATE '2020-12-31' EACH INTERVAL '1' MONTH,
                           DATE '2021-01-01' EACH INTERVAL '1' DAY,
                           '2022-01-01' AND '2022-12-31', NO RANGE OR UNKNOWN);`)
    expect(r.schema.tables[0]!.partitioning).toEqual({
      method: 'range',
      columns: ['D'],
      partitions: [
        { name: 'P1', values: ["DATE '2021-01-01'"] },
        { name: 'P2', values: ["DATE '2022-01-01'"] },
        { name: 'P3', values: ["DATE '2023-01-01'"] },
        { name: 'NO_RANGE', values: ['DEFAULT'] },
      ],
    })
    expect(codes(r)).toEqual(['TERADATA_RANGE_EACH'])
  })

  it('maps RANGE_N over an integer with * bounds', () => {
    const r = readTd('CREATE TABLE t (k INTEGER) PARTITION BY RANGE_N(k BETWEEN * AND 99, 100 AND 199, 200 AND *);')
    expect(r.schema.tables[0]!.partitioning?.partitions).toEqual([
      { name: 'P1', values: ['100'] },
      { name: 'P2', values: ['200'] },
      { name: 'P3', values: ['MAXVALUE'] },
    ])
  })

  it('leaves CASE_N and multi-level partitioning out with a warning that names the clause', () => {
    const r = readTd(`CREATE TABLE t (a INT, c VARCHAR(5), d DATE)
      PARTITION BY (CASE_N(c = '1', NO CASE), RANGE_N(d BETWEEN DATE '2020-01-01' AND DATE '2020-12-31' EACH INTERVAL '1' DAY));
      CREATE TABLE u (c VARCHAR(5)) PARTITION BY CASE_N(c = '1', NO CASE);`)
    expect(r.schema.tables.map((t) => t.partitioning)).toEqual([undefined, undefined])
    expect(r.findings.map((f) => [f.code, f.severity, f.object])).toEqual([
      ['TERADATA_PARTITIONING', 'warning', 'TABLE T'],
      ['TERADATA_PARTITIONING', 'warning', 'TABLE U'],
    ])
    expect(r.findings[0]!.message).toMatch(/2-level partitioning/)
    expect(r.findings[0]!.at).toMatchObject({ line: 2, column: 20 })
  })

  it('copies a known table for CREATE TABLE … AS t WITH DATA and adds the INSERT as data', () => {
    const r = readTd('CREATE TABLE a (x INT, CONSTRAINT pk_a PRIMARY KEY (x));\nCREATE TABLE b AS a WITH DATA PRIMARY INDEX (x);\nCREATE TABLE c AS nowhere WITH NO DATA;\nCREATE TABLE d AS (SELECT 1 AS x) WITH DATA;')
    expect(r.schema.tables.map((t) => t.name)).toEqual(['A', 'B'])
    expect(r.schema.tables[1]!.columns.map((c) => c.name)).toEqual(['X'])
    expect(r.schema.tables[1]!.primaryKey).toMatchObject({ columns: ['X'], name: undefined })
    expect(r.data.map((d) => d.text)).toEqual(['INSERT INTO B SELECT * FROM a'])
    expect(codes(r)).toEqual(['CREATE_TABLE_AS_UNKNOWN', 'CREATE_TABLE_AS_SELECT'])
  })

  it('ALTER TABLE ADD constraint/column and DROP column change the table', () => {
    const r = readTd('CREATE TABLE t (a NUMBER NOT NULL, b INT);\nALTER TABLE t ADD CONSTRAINT t_uk UNIQUE (a), ADD c VARCHAR(5), DROP b;')
    const t = r.schema.tables[0]!
    expect(t.columns.map((c) => c.name)).toEqual(['A', 'C'])
    expect(t.uniques).toMatchObject([{ name: 'T_UK', columns: ['A'] }])
  })
})

describe('Teradata DDL: other objects and statements', () => {
  it('reads CREATE/REPLACE VIEW with its query text and position; REPLACE replaces', () => {
    const r = readTd("CREATE VIEW v (a) AS LOCKING ROW FOR ACCESS SEL a FROM t;\nREPLACE VIEW v AS\nSEL a, b FROM t WHERE c = 'x';", { defaultDatabase: 'Dw' })
    expect(r.schema.views).toMatchObject([{ schema: 'DW', name: 'V', query: { text: "SEL a, b FROM t WHERE c = 'x'", at: { line: 3, column: 1 } } }])
  })

  it('reads join indexes as materialized views and hash indexes as indexes', () => {
    const r = readTd(`CREATE JOIN INDEX dw.ji ,FALLBACK ,CHECKSUM = DEFAULT AS
SELECT (dw.t.a ),(dw.t.b ) FROM dw.t ORDER BY dw.t.a ASC PRIMARY INDEX ( a );
CREATE HASH INDEX hi (a, b) ON dw.t BY (a) ORDER BY HASH (a);
CREATE UNIQUE INDEX ux (b) ON dw.t;
CREATE INDEX (a, b) ON dw.t;`)
    expect(r.schema.views).toMatchObject([{ schema: 'DW', name: 'JI', materialized: true, query: { text: 'SELECT (dw.t.a ),(dw.t.b ) FROM dw.t' } }])
    expect(r.schema.indexes.map((i) => [i.name, i.unique, i.table.name, i.keys.map((k) => k.column)])).toEqual([
      ['HI', false, 'T', ['A', 'B']],
      ['UX', true, 'T', ['B']],
      ['T_A_B_IX', false, 'T', ['A', 'B']],
    ])
    expect(codes(r)).toEqual(['JOIN_INDEX', 'HASH_INDEX'])
  })

  it('keeps macros, procedures and functions as code with their whole text', () => {
    const r = readTd(`CREATE MACRO dw.m (k INTEGER) AS (DELETE FROM t WHERE a = :k; SELECT 1;);
REPLACE PROCEDURE dw.p (IN k INTEGER)
BEGIN
  DELETE FROM t WHERE a = k;
END;
CREATE FUNCTION dw.f (d DATE) RETURNS INTEGER LANGUAGE SQL DETERMINISTIC CONTAINS SQL RETURN EXTRACT(YEAR FROM d);`)
    expect(r.schema.code.map((c) => [c.kind, c.schema, c.name, c.source.at?.line])).toEqual([
      ['macro', 'DW', 'M', 1],
      ['procedure', 'DW', 'P', 2],
      ['function', 'DW', 'F', 6],
    ])
    expect(r.schema.code[1]!.source.text).toMatch(/^REPLACE PROCEDURE dw\.p[\s\S]*END$/)
  })

  it('DATABASE sets the database of unqualified names; CREATE DATABASE and COLLECT STATISTICS are noted', () => {
    const r = readTd('CREATE DATABASE sales FROM dbc AS PERM = 1e9;\nDATABASE sales;\nCREATE TABLE t (a INT);\nCOLLECT STATISTICS COLUMN (a) ON t;', { defaultDatabase: 'other' })
    expect(r.schema.tables.map((t) => t.schema)).toEqual(['SALES'])
    expect(r.findings.map((f) => [f.code, f.severity])).toEqual([
      ['TERADATA_ADMIN_OBJECT', 'info'],
      ['COLLECT_STATISTICS', 'info'],
    ])
  })

  it('keeps INSERT/INS/UPD/DEL/EXEC statements (LOCKING modifiers too) as data in script order, notes queries, and reports USING requests', () => {
    const r = readTd(
      "INS t (1);\n/* c */ insert into t values (2);\nUPD t SET a = 3;\nEXEC m(1);\nSEL * FROM t;\nLOCKING TABLE s FOR ACCESS INSERT INTO t SEL * FROM s;\nLOCKING ROW FOR ACCESS SELECT * FROM s;\nUSING (a INTEGER) INSERT INTO t VALUES (:a);",
    )
    expect(r.data.map((d) => [d.text, d.at?.line, d.at?.column])).toEqual([
      ['INS t (1)', 1, 1],
      ['insert into t values (2)', 2, 9],
      ['UPD t SET a = 3', 3, 1],
      ['EXEC m(1)', 4, 1],
      ['LOCKING TABLE s FOR ACCESS INSERT INTO t SEL * FROM s', 6, 1],
    ])
    expect(r.findings.map((f) => [f.code, f.severity])).toEqual([
      ['TERADATA_QUERY', 'info'],
      ['TERADATA_QUERY', 'info'],
      ['TERADATA_USING_REQUEST', 'action'],
    ])
  })

  it('COMMENT ON a table or column becomes its comment', () => {
    const r = readTd("CREATE TABLE d.t (a INT);\nCOMMENT ON TABLE d.t AS 'orders';\nCOMMENT ON COLUMN d.t.a IS 'key';\nCOMMENT ON d.t.a 'key 2';\nCOMMENT ON MACRO d.m AS 'x';")
    const t = r.schema.tables[0]!
    expect([t.comment, t.columns[0]!.comment]).toEqual(['orders', 'key 2'])
    expect(codes(r)).toEqual(['TERADATA_COMMENT_SKIPPED'])
  })

  it('a syntax error names file, line and column, and the rest of the file converts', () => {
    const r = readTd('CREATE TABLE a (x INT);\nCREATE TABLE b (\n  x INT,\n  y INT) PRIMARY INDEX (x _1);\nCREATE TABLE c (z INT);')
    expect(r.schema.tables.map((t) => t.name)).toEqual(['A', 'C'])
    expect(r.findings).toHaveLength(1)
    expect(r.findings[0]).toMatchObject({ code: 'SQL_SYNTAX', severity: 'action', at: { file: r.file, line: 4, column: 27 } })
    expect(r.findings[0]!.message).toContain(`${r.file}:4:27`)
  })
})
