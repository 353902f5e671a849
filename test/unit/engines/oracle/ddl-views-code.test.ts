import { describe, expect, it } from 'vitest'
import { readDdl } from './ddl-script.js'

describe('CREATE VIEW', () => {
  it('keeps the query verbatim with its own position, and the column list', () => {
    const r = readDdl(`CREATE OR REPLACE FORCE EDITIONABLE VIEW emp_v
  (id, name)
AS SELECT e.id, e.name
FROM emp e WHERE e.id > 0
WITH READ ONLY;`)
    expect(r.findings).toEqual([])
    expect(r.schema.views[0]).toMatchObject({
      name: 'EMP_V',
      columns: ['ID', 'NAME'],
      query: { text: 'SELECT e.id, e.name\nFROM emp e WHERE e.id > 0', at: { file: r.file, line: 3, column: 4 } },
      readOnly: true,
      at: { line: 1, column: 1 },
    })
  })

  it.each([
    ['AS SELECT 1 FROM dual WITH CHECK OPTION CONSTRAINT v_ck', { withCheckOption: true, query: { text: 'SELECT 1 FROM dual' } }],
    ['AS WITH x AS (SELECT 1 a FROM dual) SELECT a FROM x', { query: { text: 'WITH x AS (SELECT 1 a FROM dual) SELECT a FROM x' } }],
    ['OF inventory_typ WITH OBJECT OID (product_id) AS SELECT * FROM inv', { ofType: { name: 'INVENTORY_TYP' }, query: { text: 'SELECT * FROM inv' } }],
    ['OF corp_typ UNDER cust_v AS SELECT * FROM c', { ofType: { name: 'CORP_TYP' } }],
    ['(a, b, CONSTRAINT v_pk PRIMARY KEY (a) RELY DISABLE NOVALIDATE) AS SELECT 1, 2 FROM dual', { columns: ['A', 'B'] }],
  ])('CREATE VIEW v %s', (rest, expected) => {
    const r = readDdl(`CREATE VIEW v ${rest};`)
    expect(r.findings).toEqual([])
    expect(r.schema.views[0]).toMatchObject(expected)
  })

  it('CREATE OR REPLACE replaces the view in place and keeps its comments', () => {
    const r = readDdl(`CREATE VIEW v AS SELECT 1 a FROM dual;
COMMENT ON TABLE v IS 'the view';
COMMENT ON COLUMN v.a IS 'column a';
CREATE VIEW w AS SELECT 2 FROM dual;
CREATE OR REPLACE VIEW v AS SELECT 3 a FROM dual;`)
    expect(r.schema.views.map((v) => [v.name, v.query.text])).toEqual([['V', 'SELECT 3 a FROM dual'], ['W', 'SELECT 2 FROM dual']])
    expect(r.schema.views[0]).toMatchObject({ comment: 'the view', columnComments: { A: 'column a' } })
  })
})

describe('CREATE MATERIALIZED VIEW', () => {
  it('skips build/refresh/rewrite options and keeps the query', () => {
    const r = readDdl(`CREATE MATERIALIZED VIEW sales_mv
  PCTFREE 5 TABLESPACE x
  BUILD IMMEDIATE
  REFRESH FAST ON COMMIT WITH PRIMARY KEY
--  ON PREBUILT TABLE
  ENABLE QUERY REWRITE
AS SELECT t.m, SUM(s.amt) AS dollars FROM sales s, times t GROUP BY t.m;
COMMENT ON MATERIALIZED VIEW sales_mv IS 'monthly';`)
    expect(r.findings).toEqual([])
    expect(r.schema.views[0]).toMatchObject({ name: 'SALES_MV', materialized: true, query: { text: 'SELECT t.m, SUM(s.amt) AS dollars FROM sales s, times t GROUP BY t.m' }, comment: 'monthly' })
  })

  it('a materialized view log is an info finding', () => {
    const r = readDdl('CREATE MATERIALIZED VIEW LOG ON sales WITH ROWID, SEQUENCE (amt) INCLUDING NEW VALUES;')
    expect(r.schema.views).toEqual([])
    expect(r.findings).toMatchObject([{ code: 'MATERIALIZED_VIEW_LOG', severity: 'info', object: 'TABLE SALES' }])
  })
})

describe('code objects', () => {
  it.each([
    ['CREATE OR REPLACE PROCEDURE secure_dml\nIS\nBEGIN\n  NULL;\nEND secure_dml;\n/', { name: 'SECURE_DML', kind: 'procedure' }],
    ['CREATE FUNCTION hr.f (p NUMBER) RETURN NUMBER AS BEGIN RETURN p; END;\n/', { schema: 'HR', name: 'F', kind: 'function' }],
    ['CREATE OR REPLACE EDITIONABLE PACKAGE pkg AS g NUMBER; END pkg;\n/', { name: 'PKG', kind: 'package' }],
    ['CREATE OR REPLACE PACKAGE BODY pkg AS END pkg;\n/', { name: 'PKG', kind: 'package-body' }],
    ["CREATE TYPE BODY leaf_t AS OVERRIDING MEMBER FUNCTION d RETURN VARCHAR2 IS BEGIN RETURN 'x'; END; END;\n/", { name: 'LEAF_T', kind: 'type-body' }],
    ['CREATE OR REPLACE TRIGGER upd_hist\n  AFTER UPDATE OF job_id, department_id ON employees\n  FOR EACH ROW\nBEGIN\n  NULL;\nEND;\n/', { name: 'UPD_HIST', kind: 'trigger', table: { name: 'EMPLOYEES' } }],
    ['CREATE OR REPLACE TRIGGER ord_trg INSTEAD OF INSERT ON NESTED\n TABLE item_list OF oc_orders FOR EACH ROW\nBEGIN NULL; END;\n/', { name: 'ORD_TRG', kind: 'trigger', table: { name: 'OC_ORDERS' } }],
    ['CREATE TRIGGER logon_trg AFTER LOGON ON DATABASE BEGIN NULL; END;\n/', { name: 'LOGON_TRG', kind: 'trigger' }],
  ])('%s', (sql, expected) => {
    const r = readDdl(sql)
    expect(r.findings).toEqual([])
    const [code] = r.schema.code
    expect(code).toMatchObject(expected)
    expect(code!.source.text).toBe(sql.replace(/\n\/$/, ''))
    if (!('table' in expected)) expect(code!.table).toBeUndefined()
  })

  it('a package and its body share a name without replacing each other; CREATE OR REPLACE replaces', () => {
    const r = readDdl('CREATE PACKAGE p AS END;\n/\nCREATE PACKAGE BODY p AS END;\n/\nCREATE OR REPLACE PACKAGE p AS x NUMBER; END;\n/')
    expect(r.schema.code.map((c) => [c.kind, c.source.text])).toEqual([['package', 'CREATE OR REPLACE PACKAGE p AS x NUMBER; END;'], ['package-body', 'CREATE PACKAGE BODY p AS END;']])
  })
})
