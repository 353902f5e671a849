import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { oracleLogicalType } from '../../src/engines/oracle/oracle-types.js'
import { freshDatabase } from '../support/database.js'
import { column, model, native, render, table, type Rendered } from '../unit/engines/postgres/ddl-fixtures.js'

/**
 * A small model with the constructs the renderer must get right, rendered and run on the real
 * test PostgreSQL in phase order (pre-data, a row of data, post-data, code).
 */
const SCHEMA_MODEL = model({
  types: [
    {
      schema: 'HR',
      name: 'ADDRESS_TYP',
      kind: 'object',
      attributes: [
        { name: 'STREET', nativeType: native('VARCHAR2(40)'), type: oracleLogicalType(native('VARCHAR2(40)')) },
        { name: 'CITY', nativeType: native('VARCHAR2(30)'), type: oracleLogicalType(native('VARCHAR2(30)')) },
      ],
      source: { text: 'CREATE TYPE address_typ AS OBJECT (street VARCHAR2(40), city VARCHAR2(30))' },
    },
    { schema: 'HR', name: 'PHONE_LIST_TYP', kind: 'varray', limit: 3, element: { nativeType: native('VARCHAR2(20)'), type: oracleLogicalType(native('VARCHAR2(20)')) }, source: { text: 'x' } },
  ],
  tables: [
    table(
      'DEPARTMENTS',
      [column('DEPARTMENT_ID', 'NUMBER(4)', { nullable: false, identity: { always: false, start: '10', increment: '10' } }), column('NAME', 'VARCHAR2(30)', { nullable: false })],
      { schema: 'HR', primaryKey: { name: 'DEPT_ID_PK', columns: ['DEPARTMENT_ID'] }, comment: 'Departments' },
    ),
    table(
      'EMPLOYEES',
      [
        column('EMPLOYEE_ID', 'NUMBER(6)', { nullable: false }),
        column('SALARY', 'NUMBER(8,2)'),
        column('DEPARTMENT_ID', 'NUMBER(4)'),
        column('ADDRESS', 'HR.ADDRESS_TYP'),
        column('PHONES', 'HR.PHONE_LIST_TYP'),
      ],
      {
        schema: 'HR',
        primaryKey: { name: 'EMP_EMP_ID_PK', columns: ['EMPLOYEE_ID'] },
        checks: [{ name: 'EMP_SALARY_MIN', expr: { text: 'salary > 0' } }],
        foreignKeys: [{ name: 'EMP_DEPT_FK', columns: ['DEPARTMENT_ID'], references: { schema: 'HR', name: 'DEPARTMENTS' } }],
      },
    ),
    table('SALES', [column('SALE_ID', 'NUMBER(10)'), column('TIME_ID', 'DATE')], {
      schema: 'HR',
      primaryKey: { name: 'SALES_PK', columns: ['SALE_ID'] },
      partitioning: {
        method: 'range',
        columns: ['TIME_ID'],
        partitions: [
          { name: 'Q1_1998', values: ["TO_DATE(' 1998-04-01 00:00:00', 'SYYYY-MM-DD HH24:MI:SS', 'NLS_CALENDAR=GREGORIAN')"] },
          { name: 'LATER', values: ['MAXVALUE'] },
        ],
      },
    }),
  ],
  indexes: [{ schema: 'HR', name: 'EMP_EMP_ID_PK', table: { schema: 'HR', name: 'EMPLOYEES' }, unique: true, kind: 'btree', keys: [{ column: 'EMPLOYEE_ID' }] }],
  grants: [{ privileges: ['SELECT'], on: { schema: 'HR', name: 'EMPLOYEES' }, to: ['GODWIT_NO_SUCH_ROLE'] }],
})

const DATA = [
  "INSERT INTO hr.departments (department_id, name) VALUES (10, 'Administration'), (20, 'Marketing')",
  "INSERT INTO hr.employees VALUES (100, 24000, 10, ROW('1 Main St', 'Oxford'), ARRAY['+44 1'])",
  "INSERT INTO hr.sales VALUES (1, '1998-02-01'), (2, '2001-01-01')",
]

describe('rendered PostgreSQL DDL runs on PostgreSQL', () => {
  let rendered: Rendered
  let client: pg.Client
  let drop: () => Promise<void>
  const notices: string[] = []

  beforeAll(async () => {
    rendered = render(SCHEMA_MODEL)
    const db = await freshDatabase('pgddl')
    drop = db.drop
    client = new pg.Client({ connectionString: db.url })
    await client.connect()
    client.on('notice', (n) => notices.push(n.message ?? ''))
    await client.query('CREATE SCHEMA hr; SET search_path = hr, public')
    await client.query(rendered.sql('pre-data'))
    for (const sql of DATA) await client.query(sql)
    await client.query(rendered.sql('post-data'))
    await client.query(rendered.sql('code'))
  })

  afterAll(async () => {
    await client?.end()
    await drop?.()
  })

  const rows = async (sql: string): Promise<string[]> => (await client.query<{ x: string }>(sql)).rows.map((r) => r.x)

  it('creates the composite type and the array domain', async () => {
    expect(await rows("SELECT typname || ':' || typtype::text AS x FROM pg_type WHERE typnamespace = 'hr'::regnamespace AND typname IN ('address_typ', 'phone_list_typ') ORDER BY 1")).toEqual([
      'address_typ:c',
      'phone_list_typ:d',
    ])
  })

  it('creates the partitioned table with its partitions', async () => {
    expect(await rows("SELECT c.relname AS x FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'hr.sales'::regclass ORDER BY 1")).toEqual([
      'sales_later',
      'sales_q1_1998',
    ])
    expect(await rows("SELECT tableoid::regclass::text AS x FROM hr.sales ORDER BY sale_id")).toEqual(['sales_q1_1998', 'sales_later'])
  })

  it('creates keys (the primary key on the reused index), checks and foreign keys', async () => {
    expect(
      await rows("SELECT conname || ':' || contype::text AS x FROM pg_constraint WHERE connamespace = 'hr'::regnamespace AND contype IN ('p', 'u', 'c', 'f') AND conrelid <> 0 ORDER BY 1"),
    ).toEqual(expect.arrayContaining(['dept_id_pk:p', 'emp_dept_fk:f', 'emp_emp_id_pk:p', 'emp_salary_min:c', 'sales_pk:p']))
    expect(await rows("SELECT indexrelid::regclass::text AS x FROM pg_index WHERE indrelid = 'hr.employees'::regclass")).toEqual(['emp_emp_id_pk'])
  })

  it('moves the identity sequence past the loaded ids (max 20, increment 10)', async () => {
    expect(await rows("INSERT INTO hr.departments (name) VALUES ('Purchasing') RETURNING department_id::text AS x")).toEqual(['30'])
  })

  it('keeps the comment', async () => {
    expect(await rows("SELECT obj_description('hr.departments'::regclass, 'pg_class') AS x")).toEqual(['Departments'])
  })

  it('skips the grant to a missing role with a NOTICE', async () => {
    expect(notices.some((n) => n.includes('godwit_no_such_role'))).toBe(true)
  })

  it('rejects a row the check forbids', async () => {
    await expect(client.query('INSERT INTO hr.employees (employee_id, salary) VALUES (101, -1)')).rejects.toThrow(/emp_salary_min/)
  })
})
