import { describe, expect, it } from 'vitest'
import { mapOracleCatalog, splitTopLevel } from '../../../../src/engines/oracle/oracle-catalog-mapping.js'
import type { OracleCatalogRows } from '../../../../src/engines/oracle/oracle-catalog-queries.js'
import type { SchemaModel, TableDef } from '../../../../src/model/schema.js'
import { catalogFixture } from '../../../fixtures/oracle-catalog/catalog-fixture.js'

const hr = mapOracleCatalog(catalogFixture('hr'), { schemas: ['HR'] })
const co = mapOracleCatalog(catalogFixture('co'), { schemas: ['CO'] })

function table(model: SchemaModel, name: string): TableDef {
  const t = model.tables.find((x) => x.name === name)
  if (!t) throw new Error(`no table ${name} in ${model.tables.map((x) => x.name).join(', ')}`)
  return t
}

describe('mapOracleCatalog: tables and columns (HR)', () => {
  it('keeps the selected schema, and leaves out materialized-view container tables', () => {
    expect(hr.tables.map((t) => `${t.schema}.${t.name}`)).toEqual(['HR.REGIONS', 'HR.COUNTRIES', 'HR.DEPARTMENTS', 'HR.EMPLOYEES'])
    expect(hr.engine).toBe('oracle')
    expect(hr.capturedAt).toBe('2026-11-23T14:00:00.000Z')
  })

  it('maps columns in COLUMN_ID order with native and logical types', () => {
    const emp = table(hr, 'EMPLOYEES')
    expect(emp.columns.map((c) => c.name)).toEqual([
      'EMPLOYEE_ID', 'FIRST_NAME', 'LAST_NAME', 'EMAIL', 'HIRE_DATE', 'SALARY', 'COMMISSION_PCT', 'MANAGER_ID', 'DEPARTMENT_ID',
    ])
    expect(emp.columns[0]).toEqual({
      name: 'EMPLOYEE_ID', nativeType: { name: 'NUMBER', precision: 6, text: 'NUMBER(6)' }, type: { kind: 'int', bytes: 4 }, nullable: false,
    })
    expect(emp.columns[5]!.type).toEqual({ kind: 'decimal', precision: 8, scale: 2 })
    expect(emp.columns[1]!.nativeType).toEqual({ name: 'VARCHAR2', length: 20, text: 'VARCHAR2(20)' })
    expect(emp.columns[4]!.type).toEqual({ kind: 'timestamp', precision: 0, tz: 'none' })
  })

  it('trims DATA_DEFAULT into the default expression', () => {
    expect(table(hr, 'EMPLOYEES').columns[4]!.defaultExpr).toEqual({ text: 'SYSDATE' })
  })

  it('folds NOT NULL checks (named or system) into nullable=false and emits only real checks', () => {
    const emp = table(hr, 'EMPLOYEES')
    expect(emp.columns.filter((c) => !c.nullable).map((c) => c.name)).toEqual(['EMPLOYEE_ID', 'LAST_NAME', 'EMAIL', 'HIRE_DATE'])
    expect(emp.checks).toEqual([
      { name: 'EMP_SALARY_MIN', expr: { text: 'salary > 0' } },
      { expr: { text: 'salary < 1000000' } },
      { name: 'EMP_COMM_CK', expr: { text: 'commission_pct <= 0.8' }, enabled: false, validated: false, deferrable: true, initiallyDeferred: true },
    ])
  })

  it('maps keys and foreign keys with referenced table, columns and delete rule', () => {
    const emp = table(hr, 'EMPLOYEES')
    expect(emp.primaryKey).toEqual({ name: 'EMP_EMP_ID_PK', columns: ['EMPLOYEE_ID'] })
    expect(emp.uniques).toEqual([{ name: 'EMP_EMAIL_UK', columns: ['EMAIL'] }])
    expect(emp.foreignKeys).toEqual([
      { name: 'EMP_DEPT_FK', columns: ['DEPARTMENT_ID'], references: { schema: 'HR', name: 'DEPARTMENTS' }, refColumns: ['DEPARTMENT_ID'], onDelete: 'set null' },
      { name: 'EMP_MANAGER_FK', columns: ['MANAGER_ID'], references: { schema: 'HR', name: 'EMPLOYEES' }, refColumns: ['EMPLOYEE_ID'], onDelete: 'cascade' },
    ])
  })

  it('resolves a foreign key into a schema not read through its key columns, or names the key when unseen', () => {
    const rows = catalogFixture('hr')
    const fk = (name: string, rName: string) => ({
      ...rows.constraints.find((c) => c.CONSTRAINT_NAME === 'EMP_DEPT_FK')!, CONSTRAINT_NAME: name, R_OWNER: 'OE', R_CONSTRAINT_NAME: rName, DELETE_RULE: 'NO ACTION',
    })
    const m = mapOracleCatalog(
      {
        ...rows,
        constraints: [...rows.constraints, fk('EMP_CUST_FK', 'CUSTOMERS_PK'), fk('EMP_HIDDEN_FK', 'SECRET_PK')],
        constraintColumns: [
          ...rows.constraintColumns,
          { OWNER: 'HR', CONSTRAINT_NAME: 'EMP_CUST_FK', TABLE_NAME: 'EMPLOYEES', COLUMN_NAME: 'MANAGER_ID', POSITION: 1 },
          { OWNER: 'HR', CONSTRAINT_NAME: 'EMP_HIDDEN_FK', TABLE_NAME: 'EMPLOYEES', COLUMN_NAME: 'MANAGER_ID', POSITION: 1 },
          { OWNER: 'OE', CONSTRAINT_NAME: 'CUSTOMERS_PK', TABLE_NAME: 'CUSTOMERS', COLUMN_NAME: 'CUSTOMER_ID', POSITION: 1 },
        ],
      },
      { schemas: ['HR'] },
    )
    const fks = table(m, 'EMPLOYEES').foreignKeys
    expect(fks.find((f) => f.name === 'EMP_CUST_FK')).toEqual({
      name: 'EMP_CUST_FK', columns: ['MANAGER_ID'], references: { schema: 'OE', name: 'CUSTOMERS' }, refColumns: ['CUSTOMER_ID'],
    })
    expect(fks.find((f) => f.name === 'EMP_HIDDEN_FK')).toEqual({ name: 'EMP_HIDDEN_FK', columns: ['MANAGER_ID'], references: { schema: 'OE', name: 'SECRET_PK' } })
  })

  it('marks index-organized tables, keeps row counts and comments', () => {
    expect(table(hr, 'COUNTRIES').organization).toBe('index')
    expect(table(hr, 'REGIONS').organization).toBeUndefined()
    expect(table(hr, 'EMPLOYEES').stats).toEqual({ rows: 107 })
    expect(table(hr, 'REGIONS').comment).toBe('Regions table that contains region numbers and names.')
    expect(table(hr, 'REGIONS').columns[0]!.comment).toBe('Primary key of regions table.')
  })
})

describe('mapOracleCatalog: indexes (HR)', () => {
  it('leaves out indexes that only back a primary key or unique constraint', () => {
    expect(hr.indexes.map((i) => i.name)).toEqual([
      'DEPT_LOCATION_IX', 'EMP_NAME_IX', 'EMP_UPPER_EMAIL_IX', 'EMP_HIRE_DESC_IX', 'EMP_DEPT_BIX', 'EMP_MGR_RIX',
    ])
  })

  it.each([
    ['EMP_NAME_IX', { unique: false, kind: 'btree', keys: [{ column: 'LAST_NAME' }, { column: 'FIRST_NAME' }] }],
    ['EMP_UPPER_EMAIL_IX', { unique: true, kind: 'btree', keys: [{ expr: { text: 'UPPER("EMAIL")' } }] }],
    ['EMP_HIRE_DESC_IX', { unique: false, kind: 'btree', keys: [{ column: 'HIRE_DATE', descending: true }, { column: 'EMPLOYEE_ID' }] }],
    ['EMP_DEPT_BIX', { kind: 'bitmap', keys: [{ column: 'DEPARTMENT_ID' }] }],
    ['EMP_MGR_RIX', { kind: 'reverse', keys: [{ column: 'MANAGER_ID' }] }],
  ])('%s', (name, expected) => {
    const index = hr.indexes.find((i) => i.name === name)
    expect(index).toMatchObject({ schema: 'HR', table: { schema: 'HR', name: 'EMPLOYEES' }, ...expected })
  })
})

describe('mapOracleCatalog: other objects (HR)', () => {
  it('reads sequences with Oracle defaults left out and NOCACHE as cache 1', () => {
    expect(hr.sequences).toEqual([
      { schema: 'HR', name: 'DEPARTMENTS_SEQ', start: '280', increment: '10', max: '9990', cache: 1, cycle: false },
      { schema: 'HR', name: 'EMPLOYEES_SEQ', start: '207', increment: '1', cache: 1, cycle: false },
      { schema: 'HR', name: 'COUNTDOWN_SEQ', start: '-1', increment: '-1', min: '-1000', cache: 20, cycle: true },
    ])
  })

  it('reads views (read only from its O constraint, comments) and materialized views', () => {
    const view = hr.views.find((v) => v.name === 'EMP_DETAILS_VIEW')
    expect(view).toEqual({
      schema: 'HR',
      name: 'EMP_DETAILS_VIEW',
      query: { text: 'SELECT\n  e.employee_id,\n  d.department_name\nFROM\n  employees e,\n  departments d\nWHERE e.department_id = d.department_id' },
      readOnly: true,
      comment: 'Employees with their department',
      columnComments: { EMPLOYEE_ID: 'Employee number' },
    })
    expect(hr.views.find((v) => v.name === 'EMP_SUMMARY_MV')).toMatchObject({ materialized: true, query: { text: expect.stringMatching(/^SELECT department_id/) } })
  })

  it('rebuilds code from ALL_SOURCE lines, with the trigger table', () => {
    expect(hr.code.map((c) => [c.kind, c.name, c.table])).toEqual([
      ['procedure', 'SECURE_DML', undefined],
      ['trigger', 'SECURE_EMPLOYEES', { schema: 'HR', name: 'EMPLOYEES' }],
    ])
    expect(hr.code[1]!.source.text).toBe(
      'CREATE OR REPLACE TRIGGER secure_employees\n  BEFORE INSERT OR UPDATE OR DELETE ON employees\nBEGIN\n  secure_dml;\nEND secure_employees;',
    )
  })

  it('keeps the schema\'s synonyms and the public ones pointing into it', () => {
    expect(hr.synonyms).toEqual([
      { schema: 'HR', name: 'EMP', public: false, target: { schema: 'HR', name: 'EMPLOYEES' } },
      { name: 'EMPLOYEES', public: true, target: { schema: 'HR', name: 'EMPLOYEES' } },
      { schema: 'HR', name: 'REMOTE_JOBS', public: false, target: { schema: 'HR', name: 'JOBS' }, dbLink: 'HQ.EXAMPLE.COM' },
    ])
  })

  it('groups privileges per object, grantee and grant option', () => {
    expect(hr.grants).toEqual([
      { privileges: ['REFERENCES', 'SELECT'], on: { schema: 'HR', name: 'EMPLOYEES' }, to: ['OE'] },
      { privileges: ['SELECT'], on: { schema: 'HR', name: 'DEPARTMENTS' }, to: ['PM'], withGrantOption: true },
    ])
  })
})

describe('mapOracleCatalog: CO', () => {
  it('maps identity columns without the hidden sequence default, defaults of 1 left out', () => {
    const customers = table(co, 'CUSTOMERS')
    expect(customers.columns[0]).toMatchObject({ name: 'CUSTOMER_ID', identity: { always: true, start: '1000', increment: '10' } })
    expect(customers.columns[0]!.defaultExpr).toBeUndefined()
    const orders = table(co, 'ORDERS')
    expect(orders.columns[0]!.identity).toEqual({ always: false, onNull: true })
    expect(orders.columns[0]!.nativeType).toEqual({ name: 'INTEGER', text: 'INTEGER' })
    expect(orders.columns[3]!.defaultExpr).toEqual({ text: "'OPEN'" })
  })

  it('maps timestamps, intervals, CHAR semantics, RAW, user and XML types', () => {
    const cols = Object.fromEntries([...table(co, 'CUSTOMERS').columns, ...table(co, 'ORDERS').columns].map((c) => [c.name, c]))
    expect(cols.ORDER_TMS!.nativeType).toEqual({ name: 'TIMESTAMP', fractionalPrecision: 6, text: 'TIMESTAMP(6)' })
    expect(cols.CREATED_AT!.type).toEqual({ kind: 'timestamp', precision: 6, tz: 'utc' })
    expect(cols.DELIVERY_WINDOW!.type).toEqual({ kind: 'interval', fields: 'day-second', precision: 6 })
    expect(cols.ORDER_STATUS!.nativeType).toEqual({ name: 'VARCHAR2', length: 10, semantics: 'CHAR', text: 'VARCHAR2(10 CHAR)' })
    expect(cols.TRACKING_ID!.type).toEqual({ kind: 'binary', maxBytes: 16 })
    expect(cols.ADDRESS!.type).toEqual({ kind: 'user-defined', name: 'ADDRESS_T' })
    expect(cols.PROFILE!.type).toEqual({ kind: 'xml' })
    expect(cols.CREATED_AT!.defaultExpr).toEqual({ text: 'SYSTIMESTAMP' })
  })

  it('marks invisible columns and keeps virtual column expressions apart from defaults', () => {
    const cols = table(co, 'CUSTOMERS').columns
    expect(cols.map((c) => c.name).slice(-2)).toEqual(['EMAIL_DOMAIN', 'NOTES'])
    expect(cols.find((c) => c.name === 'NOTES')).toMatchObject({ invisible: true })
    const domain = cols.find((c) => c.name === 'EMAIL_DOMAIN')!
    expect(domain.virtualExpr).toEqual({ text: 'SUBSTR("EMAIL_ADDRESS",INSTR("EMAIL_ADDRESS",\'@\')+1)' })
    expect(domain.defaultExpr).toBeUndefined()
  })

  it('leaves system-named constraints unnamed', () => {
    const orders = table(co, 'ORDERS')
    expect(orders.primaryKey).toEqual({ columns: ['ORDER_ID'] })
    expect(orders.foreignKeys).toEqual([
      { columns: ['CUSTOMER_ID'], references: { schema: 'CO', name: 'CUSTOMERS' }, refColumns: ['CUSTOMER_ID'] },
    ])
    expect(orders.checks[0]!.name).toBe('ORDERS_STATUS_C')
    expect(co.indexes.map((i) => i.name)).not.toContain('SYS_C009001')
  })

  it('maps range-interval partitioning with hash subpartitions, skipping interval-made partitions', () => {
    expect(table(co, 'ORDER_ARCHIVE').partitioning).toEqual({
      method: 'range',
      columns: ['ORDER_TMS'],
      interval: "NUMTOYMINTERVAL(1,'MONTH')",
      partitions: [
        { name: 'P_OLD', values: ["TO_DATE(' 2018-01-01 00:00:00', 'SYYYY-MM-DD HH24:MI:SS', 'NLS_CALENDAR=GREGORIAN')"] },
        { name: 'P2018', values: ["TIMESTAMP' 2019-01-01 00:00:00'"] },
      ],
      subpartitioning: { method: 'hash', columns: ['ORDER_ID'], count: 4 },
    })
  })

  it('maps hash partitions with only system names as a partition count', () => {
    expect(table(co, 'ORDER_HASH').partitioning).toEqual({ method: 'hash', columns: ['ORDER_ID'], partitions: [], count: 4 })
  })

  it('maps local/global partitioned indexes and domain index types', () => {
    expect(co.indexes.find((i) => i.name === 'ORDER_ARCHIVE_TMS_I')?.partitioned).toBe('local')
    expect(co.indexes.find((i) => i.name === 'ORDER_ARCHIVE_ID_I')?.partitioned).toBe('global')
    expect(co.indexes.find((i) => i.name === 'CUSTOMERS_NAME_CTX')).toMatchObject({ kind: 'domain', indexType: 'CTXSYS.CONTEXT' })
  })

  it('maps global temporary tables to their ON COMMIT behaviour', () => {
    expect(table(co, 'CART_TMP').temporary).toEqual({ onCommit: 'preserve' })
    expect(table(co, 'CART_TXN_TMP').temporary).toEqual({ onCommit: 'delete' })
    expect(table(co, 'ORDERS').temporary).toBeUndefined()
  })

  it('maps object types (own attributes only, supertype), varrays, nested tables and forward types', () => {
    const byName = Object.fromEntries(co.types.map((t) => [t.name, t]))
    expect(byName.ADDRESS_T).toMatchObject({ kind: 'object', final: false, source: { text: expect.stringMatching(/^CREATE OR REPLACE TYPE address_t AS OBJECT/) } })
    expect(byName.ADDRESS_T!.attributes!.map((a) => [a.name, a.nativeType.text])).toEqual([['STREET', 'VARCHAR2(100 CHAR)'], ['ZIP', 'NUMBER(5)']])
    expect(byName.INTL_ADDRESS_T).toMatchObject({ under: { schema: 'CO', name: 'ADDRESS_T' } })
    expect(byName.INTL_ADDRESS_T!.attributes!.map((a) => a.name)).toEqual(['COUNTRY'])
    expect(byName.PHONE_LIST_T).toMatchObject({ kind: 'varray', limit: 5, element: { type: { kind: 'text', fixed: false, maxChars: 25 } } })
    expect(byName.ORDER_LINES_T).toMatchObject({ kind: 'nested-table', element: { type: { kind: 'user-defined', name: 'ADDRESS_T' } } })
    expect(byName.PENDING_T).toMatchObject({ kind: 'forward' })
  })

  it('maps packages, package bodies and functions', () => {
    expect(co.code.map((c) => `${c.kind} ${c.name}`).sort()).toEqual(['function ORDER_TOTAL', 'package ORDER_API', 'package-body ORDER_API'])
  })
})

describe('mapOracleCatalog: selection', () => {
  const rows = catalogFixture('hr')

  it('applies include/exclude globs to every kind of object, exclude winning', () => {
    const m = mapOracleCatalog(rows, { schemas: ['HR'], include: ['emp*', 'dep*'], exclude: ['*_SEQ', 'EMP_DETAILS_VIEW'] })
    expect(m.tables.map((t) => t.name)).toEqual(['DEPARTMENTS', 'EMPLOYEES'])
    expect(m.sequences).toEqual([])
    expect(m.views.map((v) => v.name)).toEqual(['EMP_SUMMARY_MV'])
    expect(m.grants.map((g) => g.on?.name)).toEqual(['EMPLOYEES', 'DEPARTMENTS'])
  })

  it('drops indexes of tables left out', () => {
    const m = mapOracleCatalog(rows, { schemas: ['HR'], exclude: ['EMPLOYEES'] })
    expect(m.indexes.map((i) => i.name)).toEqual(['DEPT_LOCATION_IX'])
  })

  it('with no schemas keeps every owner in the rows', () => {
    const m = mapOracleCatalog(rows, { schemas: [] })
    expect(m.tables.map((t) => t.name)).toContain('BONUS')
    expect(m.indexes.map((i) => i.name)).toContain('BONUS_IX')
    expect(m.synonyms.map((s) => s.name)).toContain('BONUS')
  })

  it('an empty catalog is an empty model', () => {
    const empty = Object.fromEntries(Object.keys(rows).filter((k) => k !== 'capturedAt').map((k) => [k, []])) as unknown as OracleCatalogRows
    expect(mapOracleCatalog(empty, { schemas: ['HR'] })).toEqual({
      engine: 'oracle', types: [], sequences: [], tables: [], indexes: [], views: [], code: [], synonyms: [], grants: [],
    })
  })
})

describe('splitTopLevel (HIGH_VALUE lists)', () => {
  it.each([
    ['MAXVALUE', ['MAXVALUE']],
    ["100, MAXVALUE", ['100', 'MAXVALUE']],
    ["'A', 'B,C', DEFAULT", ["'A'", "'B,C'", 'DEFAULT']],
    ["TO_DATE(' 2018-01-01', 'SYYYY-MM-DD'), 5", ["TO_DATE(' 2018-01-01', 'SYYYY-MM-DD')", '5']],
    ['', []],
  ])('%s', (text, items) => {
    expect(splitTopLevel(text)).toEqual(items)
  })
})
