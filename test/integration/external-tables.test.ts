import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { convertToPostgres, OUTPUT_FILES, renderOutputFile } from '../../src/convert/convert.js'
import { parseDirectoryPaths } from '../../src/convert/directory-paths.js'
import { DEFAULT_REDSHIFT_TARGET } from '../../src/convert/target.js'
import { useDatabase } from '../support/database.js'
import { postgresSyntaxError } from '../support/pg-parser.js'
import { readDdl } from '../unit/engines/oracle/ddl-script.js'

/** Oracle's own example shape: ORACLE_LOADER over a comma-separated file with a header line. */
const EXTERNAL = (directory: string) => `CREATE OR REPLACE DIRECTORY ext_dir AS '${directory}';
CREATE TABLE emp_ext (
  emp_id   NUMBER(6),
  name     VARCHAR2(40),
  hired    DATE,
  salary   NUMBER(8,2)
)
ORGANIZATION EXTERNAL (
  TYPE ORACLE_LOADER
  DEFAULT DIRECTORY ext_dir
  ACCESS PARAMETERS (
    RECORDS DELIMITED BY NEWLINE
    SKIP 1
    NOBADFILE NOLOGFILE NODISCARDFILE
    FIELDS TERMINATED BY ';' OPTIONALLY ENCLOSED BY '"' NOTRIM
    (emp_id, name CHAR(40), hired CHAR(10) DATE_FORMAT DATE MASK "YYYY-MM-DD", salary)
  )
  LOCATION ('emp.csv')
);
COMMENT ON TABLE emp_ext IS 'staff file';
`

function convert(script: string, directories: readonly string[] = [], major = 14) {
  return convertToPostgres(readDdl(script), { targetSchema: 'app', target: { engine: 'postgres', version: major }, directories: parseDirectoryPaths({}, directories) })
}

describe.each([14, 17] as const)('an ORACLE_LOADER external table on PostgreSQL %i', (major) => {
  const db = useDatabase(`external_tables_${major}`, major)
  let dir: string

  beforeAll(() => {
    // The server reads the file as its own operating-system user (postgres when the suite runs as root).
    dir = mkdtempSync(join(tmpdir(), 'godwit-external-'))
    chmodSync(dir, 0o755)
    writeFileSync(join(dir, 'emp.csv'), 'EMP_ID;NAME;HIRED;SALARY\n100;"King; Steven";2003-06-17;24000\n101;;2005-09-21;17000.5\n102;"";2001-01-13;\n')
    chmodSync(join(dir, 'emp.csv'), 0o644)
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('becomes a file_fdw foreign table over the file of its directory, and SELECT reads the rows as Oracle does', async () => {
    const result = convert(EXTERNAL(dir), [], major)
    expect(result.findings.map((f) => `${f.severity} ${f.code}`)).toEqual(['info DIRECTORY_MAPPED', 'warning FILE_FDW_TABLE'])
    expect(result.findings[1]!.message).toContain(`reading ${dir}/emp.csv: the file must be on the database server`)
    expect(result.findings[1]!.message).toContain('pg_read_server_files')
    const pre = result.statements.filter((s) => s.phase === 'pre-data').map((s) => s.sql)
    expect(pre).toContain('CREATE EXTENSION IF NOT EXISTS file_fdw;')
    expect(pre).toContain('CREATE SERVER IF NOT EXISTS godwit_files FOREIGN DATA WRAPPER file_fdw;')
    expect(pre.find((s) => s.startsWith('CREATE FOREIGN TABLE'))).toBe(
      "CREATE FOREIGN TABLE emp_ext (\n  emp_id integer OPTIONS (force_null 'true'),\n  name varchar(40) OPTIONS (force_null 'true'),\n" +
        "  hired timestamp(0) OPTIONS (force_null 'true'),\n  salary numeric(8,2) OPTIONS (force_null 'true')\n) SERVER godwit_files " +
        `OPTIONS (filename '${dir}/emp.csv', format 'csv', delimiter ';', quote '"', header 'true');`,
    )
    for (const { phase } of OUTPUT_FILES) await db.client.query(renderOutputFile(result, phase))
    const { rows } = await db.client.query('SELECT emp_id, name, hired::text AS hired, salary::text AS salary FROM emp_ext ORDER BY emp_id')
    // The header line is skipped; an empty field is NULL, quoted or not, as Oracle reads it.
    expect(rows).toEqual([
      { emp_id: 100, name: 'King; Steven', hired: '2003-06-17 00:00:00', salary: '24000.00' },
      { emp_id: 101, name: null, hired: '2005-09-21 00:00:00', salary: '17000.50' },
      { emp_id: 102, name: null, hired: '2001-01-13 00:00:00', salary: null },
    ])
    expect((await db.client.query("SELECT obj_description('emp_ext'::regclass, 'pg_class') AS c")).rows).toEqual([{ c: 'staff file' }])
  })

  it('reads the path of a directory the scripts do not define from --directory', async () => {
    const script = EXTERNAL(dir).split('\n').slice(1).join('\n').replaceAll('emp_ext', 'emp_mapped')
    const unmapped = convert(script, [], major)
    expect(unmapped.findings.map((f) => `${f.severity} ${f.code}`)).toContain('action EXTERNAL_TABLE')
    expect(unmapped.findings.find((f) => f.code === 'EXTERNAL_TABLE')!.message).toContain('directory EXT_DIR has no known path: define it in the scripts (CREATE DIRECTORY) or map it with --directory EXT_DIR=/path/on/the/database/server')
    const mapped = convert(script, [`ext_dir=${dir}`], major)
    expect(mapped.findings.map((f) => `${f.severity} ${f.code}`)).toEqual(['warning FILE_FDW_TABLE'])
    for (const { phase } of OUTPUT_FILES) await db.client.query(renderOutputFile(mapped, phase))
    expect((await db.client.query('SELECT count(*)::int AS n FROM emp_mapped')).rows).toEqual([{ n: 3 }])
  })
})

describe('external tables file_fdw cannot read the same way', () => {
  const table = (clause: string) => `CREATE DIRECTORY d AS '/srv/files';\nCREATE TABLE t (a NUMBER, b VARCHAR2(5)) ORGANIZATION EXTERNAL (${clause});`
  const loader = (params: string, location = "LOCATION ('t.dat')") => table(`TYPE ORACLE_LOADER DEFAULT DIRECTORY d ACCESS PARAMETERS (${params}) ${location}`)

  it.each([
    ['fixed-width fields', loader('RECORDS FIXED 20 FIELDS (a POSITION(1:10) CHAR, b (11:15) CHAR)'), ['RECORDS FIXED: no file_fdw form', 'POSITION: no file_fdw form']],
    ['LOAD WHEN', loader("RECORDS DELIMITED BY NEWLINE LOAD WHEN (b = 'x') FIELDS TERMINATED BY ','"), ['LOAD WHEN: no file_fdw form']],
    ['a preprocessor', loader("RECORDS DELIMITED BY NEWLINE PREPROCESSOR d:'unzip.sh' FIELDS TERMINATED BY ','"), ['PREPROCESSOR: no file_fdw form']],
    ['a bad file and a log file', loader("RECORDS DELIMITED BY NEWLINE BADFILE d:'t.bad' LOGFILE 't.log' FIELDS TERMINATED BY ','"), ['BADFILE: no file_fdw form', 'LOGFILE: no file_fdw form']],
    ['two files', loader("RECORDS DELIMITED BY NEWLINE FIELDS TERMINATED BY ','", "LOCATION ('t1.dat', 't2.dat')"), ['LOCATION names 2 files: a file_fdw table reads one']],
    ['two header lines', loader("RECORDS DELIMITED BY NEWLINE SKIP 2 FIELDS TERMINATED BY ','"), ['2 lines are skipped at the start: file_fdw skips one header line at most']],
    ['a date mask PostgreSQL does not read', loader('RECORDS DELIMITED BY NEWLINE FIELDS TERMINATED BY \',\' (a, b CHAR(5) DATE_FORMAT DATE MASK "DD.MM.YYYY")'), ['DATE_FORMAT MASK "DD.MM.YYYY": no file_fdw form']],
    ['different opening and closing enclosures', loader("FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '(' and ')' LRTRIM"), ['ENCLOSED BY … AND another character: no file_fdw form']],
    ['binary and length-prefixed fields', loader('RECORDS VARIABLE 2 DATA IS BIG ENDIAN CHARACTERSET US7ASCII FIELDS (a VARCHAR(2,12), b VARRAW(4,100))'), ['RECORDS VARIABLE: no file_fdw form', 'DATA IS … ENDIAN: no file_fdw form', 'field VARRAW: no file_fdw form']],
    ['a field list in another order', loader("RECORDS DELIMITED BY NEWLINE FIELDS TERMINATED BY ',' (b, a)"), ['the field list does not name the columns in their order: file_fdw reads the fields into the columns by position']],
    ['a Data Pump file', table("TYPE ORACLE_DATAPUMP DEFAULT DIRECTORY d LOCATION ('t.dmp')"), ['TYPE ORACLE_DATAPUMP: file_fdw reads text files only', 'no ACCESS PARAMETERS: the field layout is not stated']],
    ['an HDFS source', table("TYPE ORACLE_HDFS DEFAULT DIRECTORY d ACCESS PARAMETERS (com.oracle.bigdata.fileformat=textfile) LOCATION ('hdfs:/data/t')"), ['TYPE ORACLE_HDFS: file_fdw reads text files only']],
  ])('%s: a regular table and an action item naming what cannot map', (_what, script, reasons) => {
    const r = convert(script)
    const action = r.findings.find((f) => f.code === 'EXTERNAL_TABLE')!
    expect(action.severity).toBe('action')
    for (const reason of reasons) expect(action.message).toContain(reason)
    expect(r.findings.filter((f) => f.severity === 'action')).toHaveLength(1)
    expect(r.statements.some((s) => s.sql.startsWith('CREATE TABLE t ('))).toBe(true)
    expect(r.statements.some((s) => s.sql.includes('file_fdw'))).toBe(false)
    for (const s of r.statements) if (!s.sql.startsWith('--')) expect(postgresSyntaxError(s.sql)).toBeUndefined()
  })

  it('maps X\'09\' and double-quoted delimiters, FIELDS CSV, FIELD NAMES FIRST FILE and CHARACTERSET to file_fdw options', () => {
    const r = convert(`CREATE DIRECTORY d AS '/srv/files';
CREATE TABLE t1 (a NUMBER) ORGANIZATION EXTERNAL (DEFAULT DIRECTORY d ACCESS PARAMETERS (RECORDS DELIMITED BY NEWLINE FIELDS TERMINATED BY X'09' ENCLOSED BY "'" AND "'" NOTRIM) LOCATION ('t.tsv'));
CREATE TABLE t2 (a NUMBER) ORGANIZATION EXTERNAL (ACCESS PARAMETERS (RECORDS DELIMITED BY DETECTED NEWLINE CHARACTERSET WE8MSWIN1252 FIELD NAMES FIRST FILE FIELDS CSV WITH EMBEDDED) LOCATION (d:'t.csv'));
CREATE TABLE t3 (a NUMBER) ORGANIZATION EXTERNAL (DEFAULT DIRECTORY d ACCESS PARAMETERS (FIELDS TERMINATED BY '|' NOTRIM) LOCATION ('t.txt'));`)
    expect(r.findings.filter((f) => f.severity === 'action')).toEqual([])
    const options = r.statements.filter((s) => s.sql.startsWith('CREATE FOREIGN TABLE')).map((s) => s.sql.slice(s.sql.indexOf(') SERVER') + 2))
    expect(options).toEqual([
      "SERVER godwit_files OPTIONS (filename '/srv/files/t.tsv', format 'csv', delimiter '\t', quote '''');",
      "SERVER godwit_files OPTIONS (filename '/srv/files/t.csv', format 'csv', delimiter ',', quote '\"', header 'true', encoding 'WIN1252');",
      // No RECORDS clause: ORACLE_LOADER's default, newline-delimited records.
      "SERVER godwit_files OPTIONS (filename '/srv/files/t.txt', format 'csv', delimiter '|', quote '\"');",
    ])
  })

  it('on Redshift stays a regular table with an action item (Spectrum needs an external schema)', () => {
    const r = convertToPostgres(readDdl(loader("RECORDS DELIMITED BY NEWLINE FIELDS TERMINATED BY ','")), { targetSchema: 'app', target: DEFAULT_REDSHIFT_TARGET })
    expect(r.findings.filter((f) => f.severity === 'action').map((f) => f.code)).toEqual(['EXTERNAL_TABLE'])
    expect(r.findings.find((f) => f.code === 'EXTERNAL_TABLE')!.message).toContain('CREATE EXTERNAL SCHEMA')
    expect(r.statements.some((s) => s.sql.includes('file_fdw'))).toBe(false)
  })

  it('--directory refuses what is not NAME=/absolute/path', () => {
    expect(() => parseDirectoryPaths({}, ['ext_dir'])).toThrow(/expected NAME=\/path/)
    expect(() => parseDirectoryPaths({}, ['ext_dir=files'])).toThrow(/must be absolute/)
    expect(parseDirectoryPaths({ EXT_DIR: '/a' }, ['ext_dir=/b'])).toEqual([{ name: 'EXT_DIR', path: '/b' }])
  })
})
