import { describe, expect, it } from 'vitest'
import { emptySchema, type SchemaModel } from '../../../../src/model/schema.js'
import { oracleToPostgres } from '../../../../src/convert/oracle-to-postgres.js'
import { column, model, table } from '../postgres/ddl-fixtures.js'
import { renderRedshift, tdColumn } from './redshift-fixtures.js'

/**
 * One golden file per rule of docs/redshift.md: the statements and the findings they raise.
 * Each output must also parse with PostgreSQL's parser once only Redshift's attributes are gone.
 */
async function golden(name: string, m: SchemaModel, translator = undefined as Parameters<typeof renderRedshift>[1]) {
  const r = renderRedshift(m, translator)
  await expect(r.golden()).toMatchFileSnapshot(`golden/${name}.sql`)
  expect(r.syntaxErrors()).toEqual([])
  return r
}

const teradata = (parts: Partial<SchemaModel>): SchemaModel => ({ ...emptySchema('teradata'), ...parts })

describe('renderRedshiftDdl: one golden file per rule', () => {
  it('types from Oracle: byte lengths, SUPER, VARBYTE, NUMERIC ≤ 38, no timestamp precision', async () => {
    const r = await golden(
      'types-oracle',
      model({
        tables: [
          table('T', [
            column('NAME_CHARS', 'VARCHAR2(100 CHAR)'),
            column('NAME_BYTES', 'VARCHAR2(100)'),
            column('LONG_CHARS', 'VARCHAR2(20000 CHAR)'),
            column('NATIONAL', 'NVARCHAR2(50)'),
            column('CODE', 'CHAR(2)'),
            column('CODE_CHARS', 'CHAR(10 CHAR)'),
            column('BODY', 'CLOB'),
            column('PICTURE', 'BLOB'),
            column('GUID', 'RAW(16)'),
            column('ANY_NUMBER', 'NUMBER'),
            column('AMOUNT', 'NUMBER(10,2)'),
            column('HUNDREDS', 'NUMBER(5,-2)'),
            column('SINGLE', 'BINARY_FLOAT'),
            column('DOUBLE', 'BINARY_DOUBLE'),
            column('CREATED', 'DATE'),
            column('PRECISE', 'TIMESTAMP(9)'),
            column('AT_ZONE', 'TIMESTAMP WITH TIME ZONE'),
            column('LOCAL', 'TIMESTAMP WITH LOCAL TIME ZONE'),
            column('TENURE', 'INTERVAL YEAR TO MONTH'),
            column('DURATION', 'INTERVAL DAY TO SECOND(3)'),
            column('DOC', 'JSON'),
            column('PAGE', 'XMLTYPE'),
            column('WHERE_IT_WAS', 'ROWID'),
          ]),
        ],
      }),
    )
    const ddl = r.statements[0]!.sql
    expect(ddl).toContain('name_chars varchar(400)')
    expect(ddl).toContain('name_bytes varchar(100)')
    expect(ddl).toContain('long_chars varchar(65535)')
    expect(ddl).toContain('doc super')
    expect(r.findings.filter((f) => f.code === 'REDSHIFT_VARCHAR_MAX').map((f) => f.message.split(' ')[1])).toEqual(['LONG_CHARS', 'BODY', 'PAGE'])
  })

  it('types from Teradata: 1-byte integers, TIME/TIMETZ, VARBYTE, NOT CASESPECIFIC', async () => {
    const r = await golden(
      'types-teradata',
      teradata({
        tables: [
          table('T', [
            tdColumn('TINY', { name: 'BYTEINT' }),
            tdColumn('SMALL', { name: 'SMALLINT' }),
            tdColumn('WHOLE', { name: 'INTEGER' }),
            tdColumn('BIG', { name: 'BIGINT' }),
            tdColumn('PRICE', { name: 'DECIMAL', precision: 38, scale: 4 }),
            tdColumn('RATIO', { name: 'FLOAT' }),
            tdColumn('DAY', { name: 'DATE' }),
            tdColumn('AT', { name: 'TIME', fractionalPrecision: 6 }),
            tdColumn('AT_ZONE', { name: 'TIME WITH TIME ZONE', fractionalPrecision: 0 }),
            tdColumn('BLOB_ISH', { name: 'VARBYTE', length: 100 }),
            tdColumn('NAME', { name: 'VARCHAR', length: 30 }, { caseSpecific: false }),
            tdColumn('MixedCase', { name: 'VARCHAR', length: 5 }),
          ]),
        ],
      }),
    )
    expect(r.statements[0]!.sql).toContain('tiny smallint')
    expect(r.statements[0]!.sql).toContain('name varchar(30) COLLATE case_insensitive')
    expect(r.findings.find((f) => f.code === 'REDSHIFT_CASE_FOLDED_NAME')?.message).toMatch(/^MixedCase: Redshift folds quoted names/)
  })

  it('distribution from a Teradata PRIMARY INDEX: one column → DISTKEY, several → AUTO, NoPI → EVEN', async () => {
    const r = await golden(
      'distribution-primary-index',
      teradata({
        tables: [
          table('ORDERS', [tdColumn('ORDER_ID', { name: 'INTEGER' }), tdColumn('CUSTOMER_ID', { name: 'INTEGER' })], { distribution: { kind: 'primary-index', columns: ['ORDER_ID'], unique: true } }),
          table('ORDER_LINES', [tdColumn('ORDER_ID', { name: 'INTEGER' }), tdColumn('LINE_NO', { name: 'SMALLINT' })], {
            distribution: { kind: 'primary-index', columns: ['ORDER_ID', 'LINE_NO'], unique: false },
          }),
          table('STAGE', [tdColumn('PAYLOAD', { name: 'VARCHAR', length: 200 })], { distribution: { kind: 'none' } }),
          table('DOCS', [tdColumn('DOC', { name: 'JSON' })], { distribution: { kind: 'primary-index', columns: ['DOC'], unique: false } }),
        ],
      }),
    )
    expect(r.statements.map((s) => s.sql.split('\n').filter((l) => /^DIST/.test(l)).join(' '))).toEqual(['DISTSTYLE KEY DISTKEY (order_id)', 'DISTSTYLE AUTO', 'DISTSTYLE EVEN', 'DISTSTYLE AUTO'])
  })

  it('DISTSTYLE ALL for a small dimension (stats rows ≤ 100,000, referenced by a foreign key), even with a PRIMARY INDEX', async () => {
    const r = await golden(
      'diststyle-all',
      teradata({
        tables: [
          table('REGION', [tdColumn('REGION_ID', { name: 'INTEGER' })], { stats: { rows: 12 }, distribution: { kind: 'primary-index', columns: ['REGION_ID'], unique: true }, primaryKey: { columns: ['REGION_ID'] } }),
          table('STORE', [tdColumn('STORE_ID', { name: 'INTEGER' }), tdColumn('REGION_ID', { name: 'INTEGER' })], {
            stats: { rows: 5_000_000 },
            primaryKey: { columns: ['STORE_ID'] },
            foreignKeys: [{ columns: ['REGION_ID'], references: { name: 'REGION' } }],
          }),
          table('LOOKUP', [tdColumn('CODE', { name: 'CHAR', length: 3 })], { stats: { rows: 40 } }),
        ],
      }),
    )
    expect(r.statements.filter((s) => s.sql.startsWith('CREATE TABLE')).map((s) => /DISTSTYLE (\w+)/.exec(s.sql)?.[1])).toEqual(['ALL', 'AUTO', 'AUTO'])
  })

  it('sort keys from range partitioning and date columns; hash partitioning → DISTKEY', async () => {
    const range = { method: 'range' as const, columns: ['SOLD_ON'], partitions: [{ name: 'P1', values: ["TO_DATE('2020-01-01','YYYY-MM-DD')"] }] }
    const r = await golden(
      'sortkey',
      model({
        tables: [
          table('SALES', [column('SOLD_ON', 'DATE'), column('SHIPPED_ON', 'DATE'), column('AMOUNT', 'NUMBER(10,2)')], { partitioning: range }),
          table('EVENTS', [column('ID', 'NUMBER(10)'), column('HAPPENED', 'TIMESTAMP')]),
          table('PEOPLE', [column('BORN', 'DATE'), column('HIRED', 'DATE')]),
          table('HASHED', [column('ACCOUNT', 'NUMBER(10)')], { partitioning: { method: 'hash', columns: ['ACCOUNT'], partitions: [], count: 8 } }),
        ],
      }),
    )
    expect(r.statements.filter((s) => s.sql.startsWith('CREATE TABLE')).map((s) => /SORTKEY (.*)/.exec(s.sql)?.[1])).toEqual(['(sold_on)', '(happened)', 'AUTO', 'AUTO'])
  })

  it('identity columns as IDENTITY(seed, step); a sequence that is a default becomes its IDENTITY, others are action items', async () => {
    const r = await golden(
      'identity-sequences',
      model({
        sequences: [{ name: 'ORDER_SEQ', start: '1000', increment: '10' }, { name: 'LONELY_SEQ' }],
        tables: [
          table('A', [column('ID', 'NUMBER(9)', { nullable: false, identity: { always: true } })]),
          table('B', [column('ID', 'NUMBER', { identity: { always: false, start: '100', increment: '5' } })]),
          table('ORDERS', [column('ORDER_ID', 'NUMBER(12)', { defaultExpr: { text: 'order_seq.NEXTVAL' } })]),
        ],
      }),
    )
    expect(r.findings.filter((f) => f.severity === 'action').map((f) => f.object)).toEqual(['SEQUENCE LONELY_SEQ'])
    expect(r.statements.find((s) => s.object === 'TABLE ORDERS')!.sql).toContain('order_id bigint GENERATED BY DEFAULT AS IDENTITY(1000, 10)')
  })

  it('keys and foreign keys are informational; checks and untrusted keys are action items; indexes are notes', async () => {
    const r = await golden(
      'constraints',
      model({
        tables: [
          table('DEPT', [column('ID', 'NUMBER(4)', { nullable: false }), column('NAME', 'VARCHAR2(30)')], { primaryKey: { name: 'DEPT_PK', columns: ['ID'] }, uniques: [{ columns: ['NAME'] }] }),
          table('EMP', [column('ID', 'NUMBER(6)'), column('DEPT_ID', 'NUMBER(4)'), column('SAL', 'NUMBER(8,2)'), column('BOSS_ID', 'NUMBER(6)')], {
            primaryKey: { columns: ['ID'] },
            checks: [{ name: 'SAL_POSITIVE', expr: { text: 'sal > 0' } }],
            foreignKeys: [
              { name: 'EMP_DEPT_FK', columns: ['DEPT_ID'], references: { name: 'DEPT' }, onDelete: 'cascade' },
              { name: 'EMP_BOSS_FK', columns: ['BOSS_ID'], references: { name: 'EMP' }, refColumns: ['ID'], validated: false },
            ],
          }),
        ],
        indexes: [{ name: 'EMP_SAL_IX', table: { name: 'EMP' }, unique: false, kind: 'btree', keys: [{ column: 'SAL', descending: true }] }],
      }),
    )
    expect(r.findings.filter((f) => f.severity === 'action').map((f) => f.code)).toEqual(['REDSHIFT_NO_CHECK', 'REDSHIFT_UNTRUSTED_KEY'])
    expect(r.findings.find((f) => f.code === 'REDSHIFT_CONSTRAINTS_NOT_ENFORCED')?.message).toContain('the 4 keys')
  })

  it('views, procedures, functions, triggers and grants through the real Oracle → PostgreSQL translator', async () => {
    const src = (text: string) => ({ text, at: { file: 'code.sql', line: 1, column: 1 } })
    const r = await golden(
      'code',
      model({
        tables: [table('EMP', [column('ID', 'NUMBER(6)'), column('SAL', 'NUMBER(8,2)'), column('HIRED', 'DATE')])],
        views: [
          { name: 'RECENT', query: src('SELECT id, hired FROM emp WHERE hired > SYSDATE - 30'), readOnly: true },
          { name: 'TOP_SAL', columns: ['ID', 'SAL'], query: src('SELECT id, sal FROM (SELECT id, sal FROM emp ORDER BY sal DESC) WHERE ROWNUM <= 10'), materialized: true },
          { name: 'DOCS', query: src("SELECT id FROM emp WHERE '{}' IS JSON") },
        ],
        code: [
          { name: 'RAISE_SAL', kind: 'procedure', source: src('CREATE OR REPLACE PROCEDURE raise_sal(p_id NUMBER, p_pct NUMBER) AS\nBEGIN\n  UPDATE emp SET sal = sal * (1 + p_pct / 100) WHERE id = p_id;\nEND;') },
          { name: 'SAL_OF', kind: 'function', source: src('CREATE OR REPLACE FUNCTION sal_of(p_id NUMBER) RETURN NUMBER AS\n  s NUMBER;\nBEGIN\n  SELECT sal INTO s FROM emp WHERE id = p_id;\n  RETURN s;\nEND;') },
          { name: 'EMP_AUDIT', kind: 'trigger', table: { name: 'EMP' }, source: src('CREATE OR REPLACE TRIGGER emp_audit BEFORE UPDATE ON emp FOR EACH ROW BEGIN NULL; END;') },
        ],
        grants: [{ privileges: ['SELECT', 'READ'], on: { name: 'EMP' }, to: ['REPORTING'] }],
      }),
      oracleToPostgres,
    )
    expect(r.statements.find((s) => s.object === 'VIEW RECENT')!.sql).toContain("date_trunc('second', getdate())")
    expect(r.statements.find((s) => s.object === 'VIEW TOP_SAL')!.sql).toMatch(/LIMIT 10;$/)
    expect(r.statements.find((s) => s.object === 'PROCEDURE RAISE_SAL')!.sql).toMatch(/^CREATE OR REPLACE PROCEDURE public.raise_sal\(p_id numeric\(38,18\), p_pct numeric\(38,18\)\)\nAS \$\$[\s\S]*\$\$\nLANGUAGE plpgsql/)
    expect(r.findings.filter((f) => f.severity === 'action').map((f) => `${f.object} ${f.code}`)).toEqual([
      'FUNCTION SAL_OF REDSHIFT_NO_CODE_FORM',
      'VIEW DOCS REDSHIFT_SUPPORT_FUNCTION',
      'TRIGGER EMP_AUDIT REDSHIFT_NO_CODE_FORM',
    ])
  })

  it('REVOKE without CASCADE (Redshift has RESTRICT only); GRANT on a procedure kind is an action item', () => {
    const r = renderRedshift(
      model({
        tables: [table('EMP', [column('ID', 'NUMBER(6)')])],
        grants: [
          { privileges: ['SELECT'], on: { name: 'EMP' }, to: ['REPORTING'], revoke: true },
          { privileges: ['EXECUTE'], on: { name: 'P' }, onKind: 'PROCEDURE', to: ['REPORTING'] },
        ],
      }),
    )
    expect(r.statements.filter((s) => s.object.startsWith('REVOKE')).map((s) => s.sql)).toEqual(['REVOKE SELECT ON TABLE emp FROM reporting;'])
    expect(r.findings.filter((f) => f.severity === 'action').map((f) => f.code)).toEqual(['GRANT_ON_CODE'])
  })
})
