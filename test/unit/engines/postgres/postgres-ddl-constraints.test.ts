import { describe, expect, it } from 'vitest'
import type { IndexDef } from '../../../../src/model/schema.js'
import { codes, column, model, render, syntaxErrors, table } from './ddl-fixtures.js'

const EMP = { schema: 'HR', name: 'EMPLOYEES' }
const employees = (extra = {}) =>
  table('EMPLOYEES', [column('EMPLOYEE_ID', 'NUMBER(6)', { nullable: false }), column('EMAIL', 'VARCHAR2(25)'), column('MANAGER_ID', 'NUMBER(6)')], { schema: 'HR', ...extra })
const uniqueIndex = (name: string, columns: string[], extra: Partial<IndexDef> = {}): IndexDef => ({
  name,
  table: EMP,
  unique: true,
  kind: 'btree',
  keys: columns.map((c) => ({ column: c })),
  ...extra,
})

describe('renderPostgresDdl: keys, checks and foreign keys (post-data)', () => {
  it('lets a primary key take over the same-named unique index (HR emp_emp_id_pk)', () => {
    const r = render(model({ tables: [employees({ primaryKey: { name: 'EMP_EMP_ID_PK', columns: ['EMPLOYEE_ID'] } })], indexes: [uniqueIndex('EMP_EMP_ID_PK', ['EMPLOYEE_ID'])] }))
    expect(r.sql('post-data')).toBe(
      'CREATE UNIQUE INDEX emp_emp_id_pk ON hr.employees (employee_id);\nALTER TABLE hr.employees ADD CONSTRAINT emp_emp_id_pk PRIMARY KEY USING INDEX emp_emp_id_pk;',
    )
    expect(syntaxErrors(r)).toEqual([])
  })

  it('lets a unique key take over a differently named unique index on the same columns', () => {
    const r = render(model({ tables: [employees({ uniques: [{ name: 'EMP_EMAIL_UK', columns: ['EMAIL'] }] })], indexes: [uniqueIndex('EMP_EMAIL_IX', ['EMAIL'])] }))
    expect(r.sql('post-data')).toContain('ADD CONSTRAINT emp_email_uk UNIQUE USING INDEX emp_email_ix;')
    expect(r.statements.filter((s) => s.sql.startsWith('CREATE UNIQUE INDEX'))).toHaveLength(1)
  })

  it('drops a same-named index the constraint cannot use, so the names do not clash', () => {
    const r = render(model({ tables: [employees({ primaryKey: { name: 'EMP_PK', columns: ['EMPLOYEE_ID'] } })], indexes: [uniqueIndex('EMP_PK', ['EMPLOYEE_ID'], { unique: false })] }))
    expect(r.sql('post-data')).toBe('ALTER TABLE hr.employees ADD CONSTRAINT emp_pk PRIMARY KEY (employee_id);')
    expect(codes(r)).toEqual(['INDEX_MERGED_INTO_CONSTRAINT'])
  })

  it('keeps DEFERRABLE on keys and foreign keys, and ON DELETE actions', () => {
    const r = render(
      model({
        tables: [
          employees({
            primaryKey: { name: 'EMP_PK', columns: ['EMPLOYEE_ID'], deferrable: true, initiallyDeferred: true },
            foreignKeys: [{ name: 'EMP_MANAGER_FK', columns: ['MANAGER_ID'], references: EMP, refColumns: ['EMPLOYEE_ID'], onDelete: 'set null', deferrable: true }],
          }),
        ],
      }),
    )
    expect(r.sql('post-data')).toBe(
      'ALTER TABLE hr.employees ADD CONSTRAINT emp_pk PRIMARY KEY (employee_id) DEFERRABLE INITIALLY DEFERRED;\n' +
        'ALTER TABLE hr.employees ADD CONSTRAINT emp_manager_fk FOREIGN KEY (manager_id) REFERENCES hr.employees (employee_id) ON DELETE SET NULL DEFERRABLE;',
    )
    expect(syntaxErrors(r)).toEqual([])
  })

  it('writes NOVALIDATE foreign keys and checks as NOT VALID, and warns about NOVALIDATE keys', () => {
    const r = render(
      model({
        tables: [
          employees({
            uniques: [{ name: 'EMP_UK', columns: ['EMAIL'], validated: false }],
            checks: [{ name: 'EMP_CK', expr: { text: 'employee_id > 0' }, validated: false }],
            foreignKeys: [{ name: 'EMP_FK', columns: ['MANAGER_ID'], references: { name: 'MANAGERS' }, onDelete: 'cascade', validated: false }],
          }),
        ],
      }),
    )
    expect(r.sql('post-data')).toContain('ADD CONSTRAINT emp_ck CHECK (employee_id > 0) NOT VALID;')
    expect(r.sql('post-data')).toContain('FOREIGN KEY (manager_id) REFERENCES managers ON DELETE CASCADE NOT VALID;')
    expect(codes(r)).toEqual(['NOVALIDATE_KEY'])
    expect(syntaxErrors(r)).toEqual([])
  })

  it('creates a NOVALIDATE foreign key of a partitioned table validated, warning (SH sales: PostgreSQL has no NOT VALID there)', () => {
    const sales = table('SALES', [column('PROMO_ID', 'NUMBER(6)')], {
      partitioning: { method: 'hash', columns: ['PROMO_ID'], partitions: [], count: 2 },
      foreignKeys: [{ name: 'SALES_PROMO_FK', columns: ['PROMO_ID'], references: { name: 'PROMOTIONS' }, validated: false }],
    })
    const r = render(model({ tables: [sales] }))
    expect(r.sql('post-data')).toContain('ADD CONSTRAINT sales_promo_fk FOREIGN KEY (promo_id) REFERENCES promotions;')
    expect(r.findings.filter((f) => f.code === 'NOVALIDATE_KEY').map((f) => f.message)).toEqual([expect.stringContaining('partitioned tables')])
    expect(syntaxErrors(r)).toEqual([])
  })

  it('drops DEFERRABLE from checks, saying so', () => {
    const r = render(model({ tables: [employees({ checks: [{ expr: { text: 'email IS NOT NULL' }, deferrable: true }] })] }))
    expect(r.sql('post-data')).toBe('ALTER TABLE hr.employees ADD CHECK (email IS NOT NULL);')
    expect(codes(r)).toEqual(['DEFERRABLE_CHECK'])
  })

  it.each([
    ['primary key', { primaryKey: { name: 'EMP_PK', columns: ['EMPLOYEE_ID'], enabled: false } }, 'ALTER TABLE hr.employees ADD CONSTRAINT emp_pk PRIMARY KEY (employee_id);'],
    ['check', { checks: [{ name: 'CK', expr: { text: 'employee_id > 0' }, enabled: false }] }, 'ALTER TABLE HR.EMPLOYEES ADD CONSTRAINT CK CHECK (employee_id > 0)'],
    [
      'foreign key',
      { foreignKeys: [{ name: 'FK', columns: ['MANAGER_ID'], references: { name: 'M' }, enabled: false }] },
      'ALTER TABLE hr.employees ADD CONSTRAINT fk FOREIGN KEY (manager_id) REFERENCES m;',
    ],
  ])('keeps a DISABLED %s commented out, with an action item', (_, extra, statement) => {
    const r = render(model({ tables: [employees(extra)] }))
    expect(r.sql('post-data')).toMatch(/^-- ACTION ITEM: .* DISABLED in the source/)
    expect(r.sql('post-data')).toContain(`\n-- ${statement}`)
    expect(r.findings).toEqual([expect.objectContaining({ code: 'CONSTRAINT_DISABLED', severity: 'action' })])
  })

  it('comments out a check whose condition cannot be translated', () => {
    const r = render(model({ tables: [employees({ checks: [{ name: 'CK', expr: { text: 'UNTRANSLATABLE(email)' } }] })] }))
    expect(r.sql('post-data')).toContain('-- ALTER TABLE HR.EMPLOYEES ADD CONSTRAINT CK CHECK (UNTRANSLATABLE(email))')
    expect(r.findings[0]).toMatchObject({ severity: 'action', object: 'CONSTRAINT HR.CK', at: { file: 'x.sql', line: 3, column: 7 } })
  })

  it('orders keys before indexes before foreign keys, whatever the table order', () => {
    const r = render(
      model({
        tables: [
          table('CHILD', [column('P', 'NUMBER(5)')], { foreignKeys: [{ name: 'FK', columns: ['P'], references: { name: 'PARENT' } }] }),
          table('PARENT', [column('ID', 'NUMBER(5)')], { primaryKey: { name: 'PARENT_PK', columns: ['ID'] } }),
        ],
        indexes: [{ name: 'CHILD_IX', table: { name: 'CHILD' }, unique: false, kind: 'btree', keys: [{ column: 'P' }] }],
      }),
    )
    expect(r.statements.filter((s) => s.phase === 'post-data').map((s) => s.object)).toEqual(['CONSTRAINT PARENT_PK', 'INDEX CHILD_IX', 'CONSTRAINT FK'])
  })

  it('adds the partition key to a key on a partitioned table, and comments out foreign keys that referenced the narrower key', () => {
    const sales = table('SALES', [column('ID', 'NUMBER(10)'), column('TIME_ID', 'DATE')], {
      primaryKey: { name: 'SALES_PK', columns: ['ID'] },
      partitioning: { method: 'range', columns: ['TIME_ID'], partitions: [{ name: 'P1', values: ['MAXVALUE'] }] },
    })
    const child = table('RETURNS', [column('SALE_ID', 'NUMBER(10)')], { foreignKeys: [{ name: 'RET_FK', columns: ['SALE_ID'], references: { name: 'SALES' } }] })
    const r = render(model({ tables: [sales, child] }))
    expect(r.sql('post-data')).toContain('ALTER TABLE sales ADD CONSTRAINT sales_pk PRIMARY KEY (id, time_id);')
    expect(r.sql('post-data')).toContain('-- ALTER TABLE returns ADD CONSTRAINT ret_fk FOREIGN KEY (sale_id) REFERENCES sales;')
    expect(r.findings.map((f) => [f.code, f.severity])).toEqual([
      ['PARTITION_KEY_ADDED', 'warning'],
      ['FOREIGN_KEY_NO_UNIQUE_TARGET', 'action'],
    ])
    expect(syntaxErrors(r)).toEqual([])
  })

  it('truncates constraint names longer than 63 bytes with a hash, keeping two such names distinct', () => {
    const long = 'C'.repeat(70)
    const r = render(model({ tables: [employees({ checks: [{ name: `${long}1`, expr: { text: 'true' } }, { name: `${long}2`, expr: { text: 'true' } }] })] }))
    const names = r.statements.filter((s) => s.phase === 'post-data').map((s) => /CONSTRAINT (\S+)/.exec(s.sql)?.[1])
    expect(names.every((n) => n !== undefined && Buffer.byteLength(n) <= 63)).toBe(true)
    expect(new Set(names).size).toBe(2)
    expect(codes(r)).toEqual(['NAME_TRUNCATED', 'NAME_TRUNCATED'])
  })
})
