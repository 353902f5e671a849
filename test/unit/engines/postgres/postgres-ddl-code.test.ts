import { describe, expect, it } from 'vitest'
import type { TypeDef, ViewDef } from '../../../../src/model/schema.js'
import { codes, column, model, native, render, syntaxErrors, table } from './ddl-fixtures.js'

const view = (name: string, query: string, extra: Partial<ViewDef> = {}): ViewDef => ({ schema: 'HR', name, query: { text: query }, ...extra })
const EMPLOYEES = table('EMPLOYEES', [column('EMPLOYEE_ID', 'NUMBER(6)')], { schema: 'HR' })

describe('renderPostgresDdl: views, synonyms, code, grants (code phase)', () => {
  it('orders a view after the views it reads', () => {
    const r = render(model({ views: [view('C', 'SELECT * FROM b JOIN a USING (x)'), view('B', 'SELECT * FROM "A"'), view('A', 'SELECT 1 AS x')] }))
    expect(r.statements.map((s) => s.object)).toEqual(['VIEW HR.A', 'VIEW HR.B', 'VIEW HR.C'])
  })

  it('keeps views of the same name in different schemas', () => {
    const r = render(model({ views: [view('V', 'SELECT 1 AS x'), view('V', 'SELECT 2 AS x', { schema: 'OE' }), view('W', 'SELECT * FROM v')] }))
    expect(r.statements.map((s) => s.object)).toEqual(['VIEW HR.V', 'VIEW OE.V', 'VIEW HR.W'])
  })

  it('writes column lists, CHECK OPTION and comments', () => {
    const r = render(model({ views: [view('V', 'SELECT employee_id FROM employees', { columns: ['ID'], withCheckOption: true, comment: 'v', columnComments: { ID: 'the id' } })] }))
    expect(r.sql('code')).toBe("CREATE VIEW hr.v (id) AS\nSELECT employee_id FROM employees\nWITH CHECK OPTION;\nCOMMENT ON VIEW hr.v IS 'v';\nCOMMENT ON COLUMN hr.v.id IS 'the id';")
    expect(codes(r)).toEqual([])
    expect(syntaxErrors(r)).toEqual([])
  })

  it('WITH READ ONLY: an INSTEAD OF trigger refuses DML on the view, as Oracle does', () => {
    const r = render(model({ views: [view('V', 'SELECT employee_id FROM employees', { readOnly: true })] }))
    expect(r.sql('code')).toBe(
      'CREATE VIEW hr.v AS\nSELECT employee_id FROM employees;\n\nCREATE TRIGGER v_read_only INSTEAD OF INSERT OR UPDATE OR DELETE ON hr.v FOR EACH ROW EXECUTE FUNCTION godwit_ora.read_only_view();',
    )
    expect(codes(r)).toEqual([])
    expect(syntaxErrors(r)).toEqual([])
  })

  it('materialized views, with an info finding about refresh', () => {
    const r = render(model({ views: [view('MV', 'SELECT count(*) AS n FROM employees', { materialized: true })] }))
    expect(r.sql('code')).toBe('CREATE MATERIALIZED VIEW hr.mv AS\nSELECT count(*) AS n FROM employees;')
    expect(codes(r)).toEqual(['MATERIALIZED_VIEW_REFRESH'])
    expect(syntaxErrors(r)).toEqual([])
  })

  it('an object view names its columns after its type, supertype first (OE oc_inventories)', () => {
    const attr = (name: string) => ({ name, nativeType: native('NUMBER(6)'), type: { kind: 'int', bytes: 4 } as const })
    const types: TypeDef[] = [
      { schema: 'HR', name: 'BASE_TYP', kind: 'object', attributes: [attr('ID')], final: false, source: { text: '' } },
      { schema: 'HR', name: 'INV_TYP', kind: 'object', under: { schema: 'HR', name: 'BASE_TYP' }, attributes: [attr('WAREHOUSE')], source: { text: '' } },
    ]
    const r = render(model({ types, views: [view('OV', 'SELECT 1, 2 FROM dual', { ofType: { schema: 'HR', name: 'INV_TYP' } })] }))
    expect(r.statements.find((s) => s.object === 'VIEW HR.OV')?.sql).toBe('CREATE VIEW hr.ov (id, warehouse) AS\nSELECT 1, 2 FROM dual;')
    expect(syntaxErrors(r)).toEqual([])
  })

  it('keeps an untranslatable view commented out with an action item at its position', () => {
    const r = render(model({ views: [view('V', 'SELECT UNTRANSLATABLE FROM dual')] }))
    expect(r.sql('code')).toBe('-- ACTION ITEM (x.sql:3:7): cannot translate SELECT UNTRANSLATABLE FROM dual\n-- CREATE VIEW HR.V AS\n-- SELECT UNTRANSLATABLE FROM dual')
    expect(r.findings[0]).toMatchObject({ severity: 'action', object: 'VIEW HR.V', source: 'CREATE VIEW HR.V AS\nSELECT UNTRANSLATABLE FROM dual' })
  })

  it.each([
    ['a table in the model', { name: 'EMP', public: false, schema: 'HR', target: { name: 'EMPLOYEES' } }, 'CREATE VIEW hr.emp AS SELECT * FROM employees;', 'SYNONYM_AS_VIEW'],
    ['a schema-qualified target', { name: 'JOBS', public: true, target: { schema: 'OTHER', name: 'JOBS' } }, 'CREATE VIEW jobs AS SELECT * FROM other.jobs;', 'SYNONYM_AS_VIEW'],
    ['its own name in the same schema', { name: 'EMPLOYEES', public: true, target: { schema: 'HR', name: 'EMPLOYEES' } }, '', 'SYNONYM_SAME_NAME'],
  ])('a synonym for %s', (_, synonym, expected, code) => {
    const r = render(model({ tables: [EMPLOYEES], synonyms: [synonym] }))
    expect(r.sql('code')).toBe(expected)
    expect(codes(r)).toEqual([code])
    expect(syntaxErrors(r)).toEqual([])
  })

  it.each([
    ['an unknown unqualified target', { name: 'S', public: false, target: { name: 'NOWHERE' } }, 'SYNONYM_TARGET_UNKNOWN'],
    ['a remote object', { name: 'R', public: false, target: { schema: 'X', name: 'T' }, dbLink: 'REMOTE' }, 'SYNONYM_DB_LINK'],
  ])('a synonym for %s is an action item', (_, synonym, code) => {
    const r = render(model({ synonyms: [synonym] }))
    expect(r.sql('code')).toMatch(/^-- ACTION ITEM.*\n-- CREATE SYNONYM/)
    expect(r.findings).toEqual([expect.objectContaining({ code, severity: 'action' })])
  })

  it('creates a synonym over a table before the views that read it, and one over a view after that view (OE countries)', () => {
    const r = render(
      model({
        tables: [EMPLOYEES],
        views: [view('EMP_V', 'SELECT * FROM emp')],
        synonyms: [
          { name: 'EMP_V_SYN', public: false, schema: 'HR', target: { schema: 'HR', name: 'EMP_V' } },
          { name: 'EMP', public: false, schema: 'HR', target: { name: 'EMPLOYEES' } },
        ],
      }),
    )
    expect(r.statements.filter((s) => s.phase === 'code').map((s) => s.object)).toEqual(['SYNONYM HR.EMP', 'VIEW HR.EMP_V', 'SYNONYM HR.EMP_V_SYN'])
    expect(syntaxErrors(r)).toEqual([])
  })

  it('puts translated code through the translator, triggers last, and comments out what it refuses', () => {
    const r = render(
      model({
        code: [
          { name: 'TRG', kind: 'trigger', table: { name: 'EMPLOYEES' }, source: { text: 'CREATE TRIGGER trg ...' } },
          { name: 'F', kind: 'function', source: { text: 'CREATE FUNCTION f ...' } },
          { name: 'PKG', kind: 'package-body', source: { text: 'CREATE PACKAGE BODY pkg UNTRANSLATABLE' } },
        ],
      }),
    )
    expect(r.statements.map((s) => [s.object, s.sql.split('\n')[0]])).toEqual([
      ['FUNCTION F', 'CREATE FUNCTION f ...'],
      ['PACKAGE BODY PKG', '-- ACTION ITEM (x.sql:3:7): cannot translate CREATE PACKAGE BODY pkg UNTRANSLATABLE'],
      ['TRIGGER TRG', 'CREATE TRIGGER trg ...'],
    ])
  })

  it('grants run only when the role exists, else raise a NOTICE; PUBLIC directly', () => {
    const r = render(model({ tables: [EMPLOYEES], grants: [{ privileges: ['SELECT', 'UPDATE'], on: { schema: 'HR', name: 'EMPLOYEES' }, to: ['OE', 'PUBLIC'], withGrantOption: true }] }))
    expect(r.statements.map((s) => s.sql)).toContain(
      [
        'DO $godwit$',
        'BEGIN',
        "  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'oe') THEN",
        '    GRANT SELECT, UPDATE ON TABLE hr.employees TO oe WITH GRANT OPTION;',
        '  ELSE',
        "    RAISE NOTICE 'role % does not exist: GRANT SELECT, UPDATE ON TABLE hr.employees skipped', 'oe';",
        '  END IF;',
        'END',
        '$godwit$;',
      ].join('\n'),
    )
    expect(r.sql('code')).toContain('GRANT SELECT, UPDATE ON TABLE hr.employees TO PUBLIC WITH GRANT OPTION;')
    expect(syntaxErrors(r)).toEqual([])
  })

  it.each([
    [['SELECT'], { name: 'EMP_SEQ' }, 'GRANT USAGE, SELECT ON SEQUENCE emp_seq TO PUBLIC;', []],
    [['SELECT', 'ALTER', 'INDEX'], { name: 'EMPLOYEES' }, 'GRANT SELECT ON TABLE employees TO PUBLIC;', ['GRANT_PRIVILEGE_DROPPED', 'GRANT_PRIVILEGE_DROPPED']],
    [['UPDATE (salary, "Bonus")', 'INSERT'], { name: 'EMPLOYEES' }, 'GRANT UPDATE (salary, "Bonus"), INSERT ON TABLE employees TO PUBLIC;', []],
    [['EXECUTE'], { name: 'F' }, 'GRANT EXECUTE ON ROUTINE f TO PUBLIC;', []],
    [['EXECUTE'], { name: 'PKG' }, 'GRANT USAGE ON SCHEMA pkg TO PUBLIC;\nGRANT EXECUTE ON ALL ROUTINES IN SCHEMA pkg TO PUBLIC;', []],
    [['READ'], { name: 'EMPLOYEES' }, 'GRANT SELECT ON TABLE employees TO PUBLIC;', []],
  ])('maps privileges %j on %j', (privileges, on, expected, findingCodes) => {
    const code = [{ name: 'F', kind: 'function' as const, source: { text: 'CREATE FUNCTION f' } }, { name: 'PKG', kind: 'package' as const, source: { text: 'CREATE PACKAGE pkg' } }]
    const r = render(model({ tables: [EMPLOYEES], sequences: [{ name: 'EMP_SEQ' }], code, grants: [{ privileges, on, to: ['PUBLIC'] }] }))
    expect(r.statements.filter((s) => s.object.startsWith('GRANT')).map((s) => s.sql).join('\n')).toBe(expected)
    expect(codes(r)).toEqual(findingCodes)
  })

  it.each([
    [{ privileges: ['CREATE SESSION'], to: ['OE'] }, 'GRANT_SYSTEM_PRIVILEGE'],
    [{ privileges: ['CONNECT'], to: ['OE'] }, 'GRANT_SYSTEM_PRIVILEGE'],
    [{ privileges: ['READ'], on: { name: 'DATA_DIR' }, onKind: 'DIRECTORY', to: ['OE'] }, 'GRANT_ORACLE_ONLY_OBJECT'],
    [{ privileges: ['DEBUG'], on: { name: 'F' }, to: ['OE'] }, 'GRANT_PRIVILEGE_UNSUPPORTED'],
    [{ privileges: ['EXECUTE'], on: { name: 'NOT_READ' }, to: ['OE'] }, 'GRANT_ON_CODE'],
    [{ privileges: ['DEBUG'], on: { name: 'EMPLOYEES' }, to: ['OE'] }, 'GRANT_PRIVILEGE_UNSUPPORTED'],
  ])('keeps grant %j commented out as an action item', (grant, code) => {
    const r = render(model({ tables: [EMPLOYEES], code: [{ name: 'F', kind: 'function', source: { text: 'CREATE FUNCTION f' } }], grants: [grant] }))
    expect(r.statements.find((s) => s.object.startsWith('GRANT'))?.sql).toMatch(/^-- ACTION ITEM/)
    expect(codes(r)).toEqual([code])
  })
})
