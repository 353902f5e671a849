import { describe, expect, it } from 'vitest'
import { convertToPostgres, OUTPUT_FILES, renderOutputFile } from '../../../src/convert/convert.js'
import { DEFAULT_REDSHIFT_TARGET } from '../../../src/convert/target.js'
import { readOracleDdl } from '../../../src/engines/oracle/oracle-ddl-reader.js'
import { useDatabase } from '../../support/database.js'
import { postgresSyntaxError } from '../../support/pg-parser.js'
import { readDdl } from '../engines/oracle/ddl-script.js'

function convert(sql: string, version = 14): ReturnType<typeof convertToPostgres> {
  const read = readOracleDdl([{ text: sql, at: { file: 'kinds.sql', line: 1, column: 1 }, plsql: false }])
  return convertToPostgres(read, { targetSchema: 'app', target: { engine: 'postgres', version } })
}

/**
 * One valid statement of each kind in the statement chapters of Oracle's SQL Language Reference
 * (Oracle 23ai): what godwit writes for it (the first words of each statement) and the findings
 * it reports. None is dropped without a finding, none is refused as a syntax error, and what is
 * written parses as PostgreSQL.
 */
const KINDS: ReadonlyArray<readonly [oracle: string, output: string, findings: string]> = [
  ["ADMINISTER KEY MANAGEMENT SET KEYSTORE OPEN IDENTIFIED BY password", "", "info STATEMENT_SKIPPED"],
  ["ALTER ANALYTIC VIEW sales_av COMPILE", "", "info STATEMENT_SKIPPED"],
  ["ALTER ATTRIBUTE DIMENSION time_attr_dim COMPILE", "", "info STATEMENT_SKIPPED"],
  ["ALTER AUDIT POLICY dml_pol ADD ACTIONS DELETE ON hr.employees", "", "info STATEMENT_SKIPPED"],
  ["ALTER CLUSTER personnel SIZE 1024", "", "info STATEMENT_SKIPPED"],
  ["ALTER DATABASE OPEN", "", "info STATEMENT_SKIPPED"],
  ["ALTER DATABASE LINK remote CONNECT TO hr IDENTIFIED BY pw", "", "info STATEMENT_SKIPPED"],
  ["ALTER DIMENSION customers_dim COMPILE", "", "info STATEMENT_SKIPPED"],
  ["ALTER DISKGROUP dgroup_01 ADD DISK '/devices/disks/d100'", "", "info STATEMENT_SKIPPED"],
  ["ALTER FLASHBACK ARCHIVE test_archive1 SET DEFAULT", "", "info STATEMENT_SKIPPED"],
  ["ALTER FUNCTION oe.get_bal COMPILE", "", "info STATEMENT_SKIPPED"],
  ["ALTER FUNCTION oe.get_bal EDITIONABLE", "", "info STATEMENT_SKIPPED"],
  ["ALTER HIERARCHY product_hier RENAME TO myproduct_hier", "", "info STATEMENT_SKIPPED"],
  ["ALTER INDEX ord_customer_ix REBUILD", "", "info STATEMENT_SKIPPED"],
  ["ALTER INDEX ord_customer_ix RENAME TO ord_cust_ix", "", "warning DDL_UNKNOWN_OBJECT"],
  ["ALTER INDEXTYPE position_indextype COMPILE", "", "info STATEMENT_SKIPPED"],
  ["ALTER JAVA SOURCE \"Agent\" COMPILE", "", "info STATEMENT_SKIPPED"],
  ["ALTER LIBRARY hr.my_lib COMPILE", "", "info STATEMENT_SKIPPED"],
  ["ALTER MATERIALIZED VIEW sales_mv REFRESH COMPLETE", "", "info STATEMENT_SKIPPED"],
  ["ALTER MATERIALIZED VIEW LOG ON order_items ADD (unit_price)", "", "info STATEMENT_SKIPPED"],
  ["ALTER OPERATOR eq_op COMPILE", "", "info STATEMENT_SKIPPED"],
  ["ALTER OUTLINE salaries REBUILD", "", "info STATEMENT_SKIPPED"],
  ["ALTER PACKAGE emp_mgmt COMPILE PACKAGE", "", "info STATEMENT_SKIPPED"],
  ["ALTER PLUGGABLE DATABASE pdb1 OPEN", "", "info STATEMENT_SKIPPED"],
  ["ALTER PROCEDURE hr.remove_emp COMPILE", "", "info STATEMENT_SKIPPED"],
  ["ALTER PROFILE new_profile LIMIT PASSWORD_REUSE_TIME 90", "", "info STATEMENT_SKIPPED"],
  ["ALTER RESOURCE COST CPU_PER_SESSION 100", "", "info STATEMENT_SKIPPED"],
  ["ALTER ROLE warehouse_user IDENTIFIED BY pw", "", "info STATEMENT_SKIPPED"],
  ["ALTER ROLLBACK SEGMENT rbs_one ONLINE", "", "info STATEMENT_SKIPPED"],
  ["ALTER SEQUENCE customers_seq MAXVALUE 1500", "", "warning DDL_UNKNOWN_OBJECT"],
  ["ALTER TABLE video ADD (c NUMBER GENERATED ALWAYS AS (f(skript)) VIRTUAL BY USER FOR STATISTICS)", "", "warning DDL_UNKNOWN_OBJECT"],
  ["ALTER SESSION SET NLS_DATE_FORMAT = 'YYYY-MM-DD'", "", "warning NLS_SESSION_SETTING"],
  ["ALTER SESSION SET TIME_ZONE = 'Europe/Oslo'", "", "warning NLS_SESSION_SETTING"],
  ["ALTER SESSION SET OPTIMIZER_MODE = ALL_ROWS", "", "info STATEMENT_SKIPPED"],
  ["ALTER SYNONYM offices COMPILE", "", "info STATEMENT_SKIPPED"],
  ["ALTER SYSTEM SET JOB_QUEUE_PROCESSES = 10", "", "info STATEMENT_SKIPPED"],
  ["ALTER TABLESPACE tbs_01 ADD DATAFILE 'tbs_f04.dbf' SIZE 100K", "", "info STATEMENT_SKIPPED"],
  ["ALTER TRIGGER update_job_history DISABLE", "", "warning TRIGGER_DISABLED"],
  ["ALTER TYPE data_typ ADD ATTRIBUTE (y NUMBER) CASCADE", "", "warning DDL_UNKNOWN_OBJECT"],
  ["ALTER USER sidney IDENTIFIED BY second_2nd_pwd", "", "info STATEMENT_SKIPPED"],
  ["ALTER USER sidney QUOTA UNLIMITED ON users", "", "info STATEMENT_SKIPPED"],
  ["ALTER VIEW customer_ro COMPILE", "", "info STATEMENT_SKIPPED"],
  ["ALTER VIEW v READ ONLY", "", "info STATEMENT_SKIPPED"],
  ["ANALYZE TABLE orders COMPUTE STATISTICS", "ANALYZE orders", ""],
  ["ASSOCIATE STATISTICS WITH PACKAGES emp_mgmt DEFAULT SELECTIVITY 10", "", "info STATEMENT_SKIPPED"],
  ["AUDIT SELECT ON hr.employees", "", "info STATEMENT_SKIPPED"],
  ["CALL my_proc(1)", "DO $$", ""],
  ["COMMENT ON TABLE employees IS 'x'", "", "warning DDL_UNKNOWN_OBJECT"],
  ["COMMENT ON INDEXTYPE it IS 'x'", "", "info COMMENT_IGNORED"],
  ["COMMIT", "", "info STATEMENT_SKIPPED"],
  ["CREATE ANALYTIC VIEW sales_av USING sales_fact DIMENSION BY (time_attr_dim KEY month_id REFERENCES month_id HIERARCHIES (time_hier DEFAULT)) MEASURES (sales FACT sales)", "", "action ORACLE_ONLY_OBJECT"],
  ["CREATE ATTRIBUTE DIMENSION time_attr_dim USING time_dim ATTRIBUTES (year_id) LEVEL year KEY year_id", "", "action ORACLE_ONLY_OBJECT"],
  ["CREATE AUDIT POLICY table_pol PRIVILEGES CREATE ANY TABLE", "", "warning ORACLE_ONLY_OBJECT"],
  ["CREATE CLUSTER personnel (department NUMBER(4)) SIZE 512", "", "warning ORACLE_ONLY_OBJECT"],
  ["CREATE CONTEXT hr_context USING emp_mgmt", "", "action ORACLE_ONLY_OBJECT"],
  ["CREATE CONTROLFILE REUSE DATABASE \"demo\" NORESETLOGS", "", "info ORACLE_ONLY_OBJECT"],
  ["CREATE DATABASE sample", "", "info ORACLE_ONLY_OBJECT"],
  ["CREATE DATABASE LINK local CONNECT TO hr IDENTIFIED BY pw USING 'local'", "", "action ORACLE_ONLY_OBJECT"],
  ["CREATE DIMENSION customers_dim LEVEL customer IS (customers.cust_id)", "", "warning ORACLE_ONLY_OBJECT"],
  ["CREATE DIRECTORY admin AS '/disk1/oracle/admin'", "", "info DIRECTORY_MAPPED"],
  ["CREATE DISKGROUP dgroup_01 EXTERNAL REDUNDANCY DISK '/devices/diska1'", "", "info ORACLE_ONLY_OBJECT"],
  ["CREATE SEARCH INDEX i6 ON t7 (doc) FOR JSON", "", "action ORACLE_ONLY_OBJECT"],
  ["CREATE VECTOR INDEX i7 ON t7 (v) ORGANIZATION INMEMORY NEIGHBOR GRAPH", "", "action ORACLE_ONLY_OBJECT"],
  ["CREATE TABLE t4 (a NUMBER ANNOTATIONS (display 'x'), b NUMBER DEFAULT ON NULL FOR INSERT AND UPDATE 0)", "CREATE TABLE", "info ANNOTATIONS_IGNORED, warning DEFAULT_ON_NULL"],
  ["CREATE DOMAIN email AS VARCHAR2(100) CONSTRAINT email_chk CHECK (REGEXP_LIKE(email, '^.+@.+$'))", "", "action ORACLE_ONLY_OBJECT"],
  ["CREATE EDITION test_ed", "", "warning ORACLE_ONLY_OBJECT"],
  ["CREATE SEQUENCE app_seq SHARING = METADATA START WITH 5 NOSCALE KEEP GLOBAL ORDER", "CREATE SEQUENCE", "info SEQUENCE_OPTION_DROPPED"],
  ["CREATE SEQUENCE data_seq SHARING = DATA", "CREATE SEQUENCE", "info SEQUENCE_OPTION_DROPPED"],
  ["CREATE SEQUENCE none_seq SHARING = NONE NOKEEP NOORDER", "CREATE SEQUENCE", "info SEQUENCE_OPTION_DROPPED"],
  ["CREATE SEQUENCE scaled_seq SCALE EXTEND", "CREATE SEQUENCE", "warning SEQUENCE_OPTION_DROPPED"],
  ["CREATE SEQUENCE session_seq SESSION", "CREATE SEQUENCE", "warning SEQUENCE_OPTION_DROPPED"],
  ["CREATE SEQUENCE plain_seq NOSCALE GLOBAL NOSHARD", "CREATE SEQUENCE", ""],
  ["CREATE TABLE vec (id NUMBER, embedding VECTOR(768, FLOAT32))", "CREATE TABLE", "action UNSUPPORTED_TYPE"],
  ["CREATE TABLE video (skript NUMBER, c NUMBER GENERATED ALWAYS AS (skript * 2) VIRTUAL BY USER FOR STATISTICS)", "CREATE TABLE", "info STATISTICS_COLUMN"],
  ["CREATE TABLE ed (a NUMBER, v NUMBER GENERATED ALWAYS AS (a + 1) VIRTUAL EVALUATE USING CURRENT EDITION UNUSABLE BEFORE EDITION e1)", "CREATE TABLE", "info EDITION_CLAUSE"],
  ["CREATE TABLE \"ET$00A1\" (\"A\", \"B\") ORGANIZATION EXTERNAL (TYPE ORACLE_DATAPUMP DEFAULT DIRECTORY \"DATA_PUMP_DIR\" ACCESS PARAMETERS (DEBUG = (0, 0) DATAPUMP INTERNAL TABLE \"X\".\"Y\" JOB (\"SYS\", \"SYS_EXPORT_TABLE_01\", 1) WORKERID 1 PARALLEL 1 VERSION '19.0.0' ENCRYPTPASSWORDISNULL COMPRESSION DISABLED ENCRYPTION DISABLED TABLEEXISTS) LOCATION ('bogus.dat')) PARALLEL 1 REJECT LIMIT UNLIMITED AS SELECT /*+ NESTED_TABLE_GET_REFS */ \"A\", \"B\" FROM RELATIONAL(\"X\".\"Y\" @TOPRD NOT XMLTYPE) AS OF SCN 1 KU$", "", "action EXTERNAL_TABLE_UNLOAD"],
  ["CREATE FLASHBACK ARCHIVE test_archive TABLESPACE example RETENTION 1 MONTH", "", "warning ORACLE_ONLY_OBJECT"],
  ["CREATE HIERARCHY time_hier USING time_attr_dim (month CHILD OF year)", "", "action ORACLE_ONLY_OBJECT"],
  ["CREATE INDEXTYPE position_indextype FOR position_between(NUMBER, NUMBER) USING position_im", "", "action ORACLE_ONLY_OBJECT"],
  ["CREATE INMEMORY JOIN GROUP prod_id1 (inventories(product_id), order_items(product_id))", "", "info ORACLE_ONLY_OBJECT"],
  ["CREATE JSON RELATIONAL DUALITY VIEW dv AS SELECT JSON {'_id' : e.id} FROM emp e WITH INSERT UPDATE DELETE", "", "action ORACLE_ONLY_OBJECT"],
  ["CREATE LIBRARY ext_lib AS '/OR/lib/ext_lib.so'", "", "action ORACLE_ONLY_OBJECT"],
  ["CREATE LOCKDOWN PROFILE hr_prof", "", "info ORACLE_ONLY_OBJECT"],
  ["CREATE MATERIALIZED VIEW LOG ON employees WITH PRIMARY KEY", "", "info MATERIALIZED_VIEW_LOG"],
  ["CREATE MATERIALIZED ZONEMAP sales_zmap ON sales (cust_id, prod_id)", "", "info ORACLE_ONLY_OBJECT"],
  ["CREATE MLE MODULE mod1 LANGUAGE JAVASCRIPT AS export function f() { return 1 }", "", "action ORACLE_ONLY_OBJECT"],
  ["CREATE OPERATOR eq_op BINDING (VARCHAR2, VARCHAR2) RETURN NUMBER USING eq_f", "", "action ORACLE_ONLY_OBJECT"],
  ["CREATE OUTLINE salaries FOR CATEGORY special ON SELECT last_name FROM employees", "", "info ORACLE_ONLY_OBJECT"],
  ["CREATE PFILE = 'my_init.ora' FROM SPFILE = 's_params.ora'", "", "info ORACLE_ONLY_OBJECT"],
  ["CREATE PLUGGABLE DATABASE salespdb ADMIN USER salesadm IDENTIFIED BY password", "", "info ORACLE_ONLY_OBJECT"],
  ["CREATE PROFILE new_profile LIMIT PASSWORD_REUSE_MAX 10", "", "warning ORACLE_ONLY_OBJECT"],
  ["CREATE PROPERTY GRAPH g VERTEX TABLES (persons KEY (id))", "", "action ORACLE_ONLY_OBJECT"],
  ["CREATE RESTORE POINT good_data", "", "info ORACLE_ONLY_OBJECT"],
  ["CREATE ROLE dw_manager", "", "warning ORACLE_ONLY_OBJECT"],
  ["CREATE ROLLBACK SEGMENT rbs_one TABLESPACE rbs_ts", "", "info ORACLE_ONLY_OBJECT"],
  ["CREATE SCHEMA AUTHORIZATION oe CREATE TABLE new_product (color VARCHAR2(10) PRIMARY KEY) CREATE VIEW new_product_view AS SELECT color FROM new_product GRANT SELECT ON new_product_view TO hr", "CREATE TABLE; ALTER TABLE; SET search_path; DO $godwit$", ""],
  ["CREATE SPFILE FROM PFILE = '$ORACLE_HOME/work/t_init1.ora'", "", "info ORACLE_ONLY_OBJECT"],
  ["CREATE TABLESPACE tbs_01 DATAFILE 'tbs_f2.dbf' SIZE 40M", "", "info ORACLE_ONLY_OBJECT"],
  ["CREATE TABLESPACE SET ts1 IN SHARDSPACE sgr1", "", "info ORACLE_ONLY_OBJECT"],
  ["CREATE USER sidney IDENTIFIED BY out_standing1", "", "warning ORACLE_ONLY_OBJECT"],
  ["CREATE LOGICAL PARTITION TRACKING ON sales PARTITION BY RANGE (time_id) INTERVAL (NUMTOYMINTERVAL(1,'MONTH')) (PARTITION p1 VALUES LESS THAN (DATE '2020-01-01'))", "", "info ORACLE_ONLY_OBJECT"],
  ["DELETE FROM employees WHERE employee_id = 1", "DELETE FROM", ""],
  ["DISASSOCIATE STATISTICS FROM PACKAGES emp_mgmt", "", "info STATEMENT_SKIPPED"],
  ["DROP TABLE employees PURGE", "", "info DROP_APPLIED"],
  ["DROP VIEW emp_view", "", "info DROP_APPLIED"],
  ["DROP PACKAGE emp_mgmt", "", "info DROP_APPLIED"],
  ["DROP PUBLIC DATABASE LINK remote", "", "info DROP_IGNORED"],
  ["DROP AUDIT POLICY dml_pol", "", "info DROP_IGNORED"],
  ["DROP JAVA SOURCE \"Agent\"", "", "info DROP_IGNORED"],
  ["DROP USER sidney CASCADE", "", "info DROP_IGNORED"],
  ["DROP ROLE dw_manager", "", "info DROP_IGNORED"],
  ["DROP DATABASE LINK remote", "", "info DROP_IGNORED"],
  ["DROP DIRECTORY admin", "", "info DROP_IGNORED"],
  ["DROP MATERIALIZED VIEW LOG ON employees", "", "info DROP_IGNORED"],
  ["DROP TABLESPACE tbs_01 INCLUDING CONTENTS", "", "info DROP_IGNORED"],
  ["EXPLAIN PLAN FOR SELECT * FROM employees", "", "info STATEMENT_SKIPPED"],
  ["FLASHBACK TABLE employees TO BEFORE DROP", "", "warning FLASHBACK_BEFORE_DROP"],
  ["FLASHBACK DATABASE TO RESTORE POINT good_data", "", "info STATEMENT_SKIPPED"],
  ["FLASHBACK TABLE employees TO TIMESTAMP SYSTIMESTAMP - INTERVAL '1' HOUR", "", "warning FLASHBACK_TABLE"],
  ["GRANT SELECT ON employees TO hr", "DO $godwit$", ""],
  ["INSERT INTO t VALUES (1)", "INSERT INTO", ""],
  ["LOCK TABLE employees IN EXCLUSIVE MODE NOWAIT", "", "info STATEMENT_SKIPPED"],
  ["MERGE INTO t USING s ON (t.id = s.id) WHEN MATCHED THEN UPDATE SET t.v = s.v", "UPDATE t", "warning MERGE_AS_CTE"],
  ["NOAUDIT SELECT ON hr.employees", "", "info STATEMENT_SKIPPED"],
  ["PURGE RECYCLEBIN", "", "info STATEMENT_SKIPPED"],
  ["RENAME employees TO emps", "", "warning DDL_UNKNOWN_OBJECT"],
  ["REVOKE SELECT ON employees FROM hr", "DO $godwit$", ""],
  ["ROLLBACK", "", "info STATEMENT_SKIPPED"],
  ["SAVEPOINT sp1", "", "info STATEMENT_SKIPPED"],
  ["SELECT * FROM employees", "", "info STATEMENT_SKIPPED"],
  ["SET CONSTRAINTS ALL DEFERRED", "", "info STATEMENT_SKIPPED"],
  ["SET ROLE dw_manager", "", "info STATEMENT_SKIPPED"],
  ["SET TRANSACTION READ ONLY", "", "info STATEMENT_SKIPPED"],
  ["TRUNCATE TABLE employees", "TRUNCATE TABLE", ""],
  ["TRUNCATE TABLE hr.employees DROP STORAGE CASCADE", "TRUNCATE TABLE", "info TRUNCATE_CASCADE"],
  ["TRUNCATE CLUSTER personnel", "", "warning TRUNCATE_CLUSTER"],
  ["UPDATE employees SET salary = 1", "UPDATE employees", ""],
]

describe('every Oracle statement kind: written, or a finding says why not', () => {
  it.each(KINDS)('%s', (oracle, output, findings) => {
    const r = convert(oracle)
    const written = r.statements.filter((s) => !s.sql.startsWith('--') && !s.object.startsWith('SCHEMA'))
    expect([...new Set(written.map((s) => s.sql.split(/\s+/).slice(0, 2).join(' ')))].join('; ')).toBe(output)
    expect([...new Set(r.findings.map((f) => `${f.severity} ${f.code}`))].join(', ')).toBe(findings)
    expect(written.length + r.findings.length).toBeGreaterThan(0)
    for (const s of written) expect(postgresSyntaxError(s.sql)).toBeUndefined()
  })
})

describe('on Redshift', () => {
  it('the statements PostgreSQL writes differently: no partitions, no TRUNCATE … CASCADE, no WITH NO DATA', () => {
    const script = `CREATE TABLE s (id NUMBER, d DATE) PARTITION BY RANGE (d) (PARTITION q1 VALUES LESS THAN (DATE '2020-04-01'));
CREATE GLOBAL TEMPORARY TABLE g AS SELECT * FROM s;
ANALYZE TABLE s PARTITION (q1) COMPUTE STATISTICS;
TRUNCATE TABLE s CASCADE;
`
    const result = convertToPostgres(readDdl(script), { targetSchema: 'app', target: DEFAULT_REDSHIFT_TARGET })
    expect(result.statements.filter((s) => s.phase === 'data').map((s) => s.sql)).toEqual([
      'CREATE TABLE g AS SELECT * FROM (SELECT * FROM s) godwit_source LIMIT 0',
      'ANALYZE s',
      'TRUNCATE TABLE s',
    ])
  })
})

describe.each([14, 17] as const)('statements run on PostgreSQL %i', (major) => {
  const db = useDatabase(`statement_kinds_${major}`, major)

  it('a type the script defines and then alters (ADD, MODIFY, DROP ATTRIBUTE) is created with its final attributes, and so are its object tables', async () => {
    const script = `CREATE TYPE addr_t AS OBJECT (street VARCHAR2(10), city VARCHAR2(20), zip NUMBER(5));
/
CREATE TABLE addrs OF addr_t;
CREATE TABLE people (id NUMBER PRIMARY KEY, home addr_t);
ALTER TYPE addr_t ADD ATTRIBUTE country VARCHAR2(30) CASCADE;
ALTER TYPE addr_t MODIFY ATTRIBUTE street VARCHAR2(80) CASCADE INCLUDING TABLE DATA;
ALTER TYPE addr_t DROP ATTRIBUTE zip INVALIDATE
/
ALTER TYPE addr_t ADD ATTRIBUTE (region VARCHAR2(10)) CASCADE CONVERT TO SUBSTITUTABLE;
`
    const result = convertToPostgres(readDdl(script), { targetSchema: 'app', target: { engine: 'postgres', version: major } })
    expect(result.findings).toEqual([])
    for (const { phase } of OUTPUT_FILES) await db.client.query(renderOutputFile(result, phase))
    const attributes = async (relation: string) =>
      (await db.client.query<{ a: string }>(`SELECT attname || ' ' || format_type(atttypid, atttypmod) AS a FROM pg_attribute WHERE attrelid = '${relation}'::regclass AND attnum > 0 ORDER BY attnum`)).rows.map((r) => r.a)
    const final = ['street character varying(80)', 'city character varying(20)', 'country character varying(30)', 'region character varying(10)']
    expect(await attributes('addr_t')).toEqual(final)
    expect(await attributes('addrs')).toEqual(final)
    await db.client.query("INSERT INTO people VALUES (1, ROW('a street longer than ten', 'Oslo', 'NO', 'east'))")
    expect((await db.client.query('SELECT (home).country, (home).street FROM people')).rows).toEqual([{ country: 'NO', street: 'a street longer than ten' }])
  })

  it('CREATE SCHEMA AUTHORIZATION creates its objects in the owner\'s schema; CALL and TRUNCATE run in script order', async () => {
    const script = `CREATE SCHEMA AUTHORIZATION oe
  CREATE TABLE new_product (color VARCHAR2(10) PRIMARY KEY, n NUMBER)
  CREATE VIEW new_product_view AS SELECT color FROM new_product WHERE n > 0
  GRANT SELECT ON new_product_view TO PUBLIC;
CREATE PROCEDURE oe.add_product (c VARCHAR2, k NUMBER) AS BEGIN INSERT INTO oe.new_product VALUES (c, k); END;
/
CALL oe.add_product('green', 1);
TRUNCATE TABLE oe.new_product;
CALL oe.add_product('red', 1);
CALL oe.add_product('blue', 0);
`
    const result = convertToPostgres(readDdl(script), { targetSchema: 'app', target: { engine: 'postgres', version: major } })
    expect(result.findings.filter((f) => f.severity === 'action')).toEqual([])
    for (const { phase } of OUTPUT_FILES) await db.client.query(renderOutputFile(result, phase))
    expect((await db.client.query('SELECT color FROM oe.new_product_view')).rows).toEqual([{ color: 'red' }])
    expect((await db.client.query("SELECT has_table_privilege('public', 'oe.new_product_view', 'SELECT') AS v")).rows).toEqual([{ v: true }])
  })
})
