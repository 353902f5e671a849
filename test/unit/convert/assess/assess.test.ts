import { describe, expect, it } from 'vitest'
import { assess } from '../../../../src/convert/assess/assess.js'
import { actionItem, code, column, index, model, table, type, view } from './model-builders.js'

const find = (r: ReturnType<typeof assess>, label: string) => {
  const o = r.objects.find((x) => x.label === label)
  if (!o) throw new Error(`no ${label} in ${r.objects.map((x) => x.label).join(', ')}`)
  return o
}

describe('assess: difficulty per object', () => {
  it('scores a hierarchical view above a plain one', () => {
    const r = assess(model({ views: [view('PLAIN', 'SELECT id FROM emp'), view('TREE', 'SELECT id FROM emp CONNECT BY PRIOR id = mgr')] }), [])
    const plain = find(r, 'VIEW HR.PLAIN')
    const tree = find(r, 'VIEW HR.TREE')
    expect(tree.minutes).toBeGreaterThan(plain.minutes)
    expect(plain).toMatchObject({ difficulty: 'none', difficultyMinutes: 0, needsRewrite: false })
    expect(tree.difficulty).not.toBe('none')
  })

  it('lists EXECUTE IMMEDIATE in a package body and marks it for rewriting', () => {
    const body = code('package-body', 'PKG', "CREATE PACKAGE BODY pkg AS PROCEDURE p IS BEGIN EXECUTE IMMEDIATE 'DROP TABLE x'; END; END;")
    const o = find(assess(model({ code: [body] }), []), 'PACKAGE BODY HR.PKG')
    expect(o.constructs.map((c) => c.id)).toContain('execute-immediate')
    expect(o.needsRewrite).toBe(true)
  })

  it('adds the minutes of action items and attaches them to their object', () => {
    const m = model({ views: [view('V', 'SELECT 1 FROM dual')] })
    const without = find(assess(m, []), 'VIEW HR.V')
    const withItem = find(assess(m, [actionItem('VIEW HR.V')]), 'VIEW HR.V')
    expect(withItem.actionItems).toHaveLength(1)
    expect(withItem.minutes - without.minutes).toBe(20)
    expect(withItem.needsRewrite).toBe(true)
  })

  it('grades difficulty by the minutes beyond the base', () => {
    const r = assess(
      model({
        views: [
          view('LOW', "SELECT DECODE(a, 1, 'x') FROM t"),
          view('MEDIUM', 'SELECT * FROM a, b WHERE a.id = b.id(+) CONNECT BY PRIOR a.id = a.mgr'),
          view('HIGH', 'SELECT * FROM t@remote CONNECT BY PRIOR id = mgr'),
        ],
      }),
      [],
    )
    expect(['LOW', 'MEDIUM', 'HIGH'].map((n) => find(r, `VIEW HR.${n}`).difficulty)).toEqual(['low', 'medium', 'high'])
  })

  it('charges tables per column and long code per block of lines', () => {
    const wide = table('WIDE', { columns: Array.from({ length: 20 }, (_, i) => column(`C${i}`, 'NUMBER', { kind: 'decimal' })) })
    const longProc = code('procedure', 'LONGP', ['CREATE PROCEDURE longp IS BEGIN', ...Array.from({ length: 120 }, () => 'NULL;'), 'END;'].join('\n'))
    const r = assess(model({ tables: [table('NARROW'), wide], code: [longProc] }), [])
    expect(find(r, 'TABLE HR.WIDE').baseMinutes - find(r, 'TABLE HR.NARROW').baseMinutes).toBe(19 * 0.5)
    expect(find(r, 'PROCEDURE HR.LONGP').baseMinutes).toBe(30 + 2 * 10)
  })
})

describe('assess: findings', () => {
  it('attaches findings by label, by name when the kind words differ, and by table for column-level names', () => {
    const m = model({
      tables: [table('EMPLOYEES')],
      views: [view('MV', 'SELECT 1 FROM dual', { materialized: true })],
      code: [code('package', 'PKG', 'CREATE PACKAGE pkg AS END;'), code('package-body', 'PKG', 'CREATE PACKAGE BODY pkg AS END;')],
    })
    const r = assess(m, [
      actionItem('TABLE HR.EMPLOYEES'),
      actionItem('VIEW HR.MV'),
      actionItem('COLUMN HR.EMPLOYEES.SALARY'),
      actionItem('PACKAGE BODY HR.PKG'),
      actionItem('DATA statement 3'),
    ])
    expect(find(r, 'TABLE HR.EMPLOYEES').actionItems).toHaveLength(2)
    expect(find(r, 'MATERIALIZED VIEW HR.MV').actionItems).toHaveLength(1)
    expect(find(r, 'PACKAGE BODY HR.PKG').actionItems).toHaveLength(1)
    expect(find(r, 'PACKAGE HR.PKG').actionItems).toHaveLength(0)
    expect(r.unattachedFindings.map((f) => f.object)).toEqual(['DATA statement 3'])
    expect(r.effort.byKind.findings).toBe(20)
  })

  it('keeps warnings as notes without marking the object for rewriting', () => {
    const r = assess(model({ tables: [table('T')] }), [{ code: 'W', severity: 'warning', object: 'TABLE HR.T', message: 'check' }])
    expect(find(r, 'TABLE HR.T')).toMatchObject({ notes: [{ code: 'W' }], actionItems: [], needsRewrite: false, difficultyMinutes: 5 })
  })
})

describe('assess: inventory', () => {
  it('counts objects by kind on a hand-built model', () => {
    const m = model({
      tables: [
        table('A', {
          columns: [column('ID', 'NUMBER', { kind: 'decimal' }, { nullable: false }), column('N', 'VARCHAR2(10)')],
          primaryKey: { columns: ['ID'] },
          uniques: [{ columns: ['N'] }],
          checks: [{ expr: { text: 'ID > 0' } }, { expr: { text: "N <> 'x'" } }],
          foreignKeys: [{ columns: ['ID'], references: { name: 'B' } }],
        }),
        table('B', { partitioning: { method: 'hash', columns: ['ID'], partitions: [], count: 4 }, temporary: undefined }),
        table('G', { temporary: { onCommit: 'preserve' } }),
      ],
      indexes: [index('I1', { unique: true }), index('I2', { kind: 'bitmap' }), index('I3', { keys: [{ expr: { text: 'UPPER(N)' } }] })],
      sequences: [{ name: 'S1' }, { name: 'S2' }],
      views: [view('V', 'SELECT 1 FROM dual'), view('MV', 'SELECT 1 FROM dual', { materialized: true })],
      types: [type('T1', 'object', 'CREATE TYPE t1 AS OBJECT (a NUMBER)'), type('T2', 'varray', 'CREATE TYPE t2 AS VARRAY(5) OF NUMBER'), type('T0', 'forward', 'CREATE TYPE t0;')],
      code: [code('function', 'F', 'CREATE FUNCTION f RETURN NUMBER IS BEGIN RETURN 1; END;'), code('procedure', 'P', 'CREATE PROCEDURE p IS BEGIN NULL; END;'), code('trigger', 'TR', 'CREATE TRIGGER tr BEFORE INSERT ON a BEGIN NULL; END;'), code('package', 'PK', 'CREATE PACKAGE pk AS END;'), code('package-body', 'PK', 'CREATE PACKAGE BODY pk AS END;')],
      synonyms: [{ name: 'SYN', public: true, target: { schema: 'HR', name: 'A' } }],
      grants: [{ privileges: ['SELECT'], on: { schema: 'HR', name: 'A' }, to: ['PUBLIC'] }],
    })
    expect(assess(m, []).inventory).toEqual({
      tables: 3,
      columns: 4,
      partitionedTables: 1,
      temporaryTables: 1,
      indexes: { total: 3, byKind: { btree: 2, bitmap: 1, domain: 0, reverse: 0 }, unique: 1, functionBased: 1 },
      constraints: { primaryKeys: 1, uniques: 1, checks: 2, foreignKeys: 1, notNull: 1 },
      sequences: 2,
      views: 1,
      materializedViews: 1,
      types: { total: 2, object: 1, varray: 1, nestedTable: 0 },
      functions: 1,
      procedures: 1,
      packages: 1,
      packageBodies: 1,
      triggers: 1,
      typeBodies: 0,
      synonyms: 1,
      grants: 1,
    })
  })
})

describe('assess: effort and levels', () => {
  it('sums object minutes into the total and splits it per schema', () => {
    const m = model({ tables: [table('T'), { ...table('U'), schema: 'OE' }], indexes: [index('I', { schema: undefined, table: { schema: 'OE', name: 'U' } })] })
    const r = assess(m, [])
    expect(r.effort.minutes).toBe(r.objects.reduce((n, o) => n + o.minutes, 0))
    expect(r.schemas.map((s) => [s.schema, s.objects])).toEqual([
      ['HR', 1],
      ['OE', 2],
    ])
    expect(r.schemas.find((s) => s.schema === 'OE')!.inventory.indexes.total).toBe(1)
  })

  it('turns minutes into person-days with the configured hours per day', () => {
    const m = model({ code: Array.from({ length: 16 }, (_, i) => code('procedure', `P${i}`, 'CREATE PROCEDURE p IS BEGIN NULL; END;')) })
    expect(assess(m, []).effort).toMatchObject({ minutes: 480, hours: 8, personDays: 1 })
    expect(assess(m, [], { effort: { hoursPerDay: 4 } }).effort.personDays).toBe(2)
    expect(assess(m, [], { effort: { baseMinutes: { procedure: 60 } } }).effort.hours).toBe(16)
  })

  it.each<[string, Parameters<typeof model>[0], string]>([
    ['tables only', { tables: [table('T')] }, 'A-1'],
    ['triggers, nothing to rewrite', { tables: [table('T')], code: [code('trigger', 'TR', 'CREATE TRIGGER tr BEFORE INSERT ON t BEGIN NULL; END;')] }, 'A-2'],
    ['stored functions, nothing to rewrite', { code: [code('function', 'F', 'CREATE FUNCTION f RETURN NUMBER IS BEGIN RETURN 1; END;')] }, 'A-3'],
    ['a view needs rewriting, no stored functions', { views: [view('V', 'SELECT * FROM t@remote')] }, 'B-4'],
    ['a procedure needs rewriting', { code: [code('procedure', 'P', "CREATE PROCEDURE p IS BEGIN EXECUTE IMMEDIATE 'x'; END;")] }, 'B-5'],
    ['more than five days of rewriting', { code: Array.from({ length: 40 }, (_, i) => code('procedure', `P${i}`, 'CREATE PROCEDURE p IS PRAGMA AUTONOMOUS_TRANSACTION; BEGIN NULL; END;')) }, 'C-5'],
  ])('migration level: %s', (_title, parts, expected) => {
    expect(assess(model(parts), []).level.code).toBe(expected)
  })

  it('gives each schema its own level', () => {
    const r = assess(model({ tables: [table('T')], views: [{ ...view('V', 'SELECT * FROM t@remote'), schema: 'SH' }] }), [])
    expect(r.schemas.map((s) => `${s.schema} ${s.level.code}`)).toEqual(['HR A-1', 'SH B-4'])
    expect(r.level.code).toBe('B-4')
  })

  it('summarises constructs across objects, most costly first', () => {
    const r = assess(model({ views: [view('A', 'SELECT DECODE(x,1,2) FROM t'), view('B', 'SELECT DECODE(x,1,2), DECODE(y,1,2) FROM t CONNECT BY PRIOR a = b')] }), [])
    expect(r.constructs.map((c) => [c.id, c.objects, c.occurrences])).toEqual([
      ['connect-by', 1, 1],
      ['decode', 2, 3],
    ])
  })

  it('is plain data: survives a JSON round trip unchanged', () => {
    const r = assess(model({ views: [view('V', 'SELECT * FROM t CONNECT BY PRIOR a = b')] }), [actionItem('VIEW HR.V')], { generatedAt: '2026-01-01T00:00:00Z' })
    expect(JSON.parse(JSON.stringify(r))).toEqual(r)
  })
})
