import { describe, expect, it } from 'vitest'
import type { ModelObject } from '../../../../src/convert/assess/assessable-object.js'
import { CONSTRUCTS } from '../../../../src/convert/assess/construct-catalogue.js'
import { detectConstructs } from '../../../../src/convert/assess/detect-constructs.js'
import { code, column, index, table, type, view } from './model-builders.js'

const ids = (o: ModelObject) => detectConstructs(o, CONSTRUCTS).hits.map((h) => h.id)
const v = (query: string): ModelObject => ({ kind: 'view', def: view('V', query) })
const proc = (body: string): ModelObject => ({ kind: 'procedure', def: code('procedure', 'P', `CREATE PROCEDURE p IS\n${body}\nEND;`) })

describe('construct detection from source tokens', () => {
  it.each<[string, ModelObject, string[]]>([
    ['plain view', v('SELECT id, name FROM employees WHERE id > 10'), []],
    ['hierarchical view', v('SELECT id FROM emp START WITH mgr IS NULL CONNECT BY PRIOR id = mgr'), ['connect-by']],
    ['hierarchy functions', v("SELECT SYS_CONNECT_BY_PATH(name, '/') FROM emp CONNECT BY NOCYCLE PRIOR id = mgr"), ['connect-by', 'connect-by-functions']],
    ['words in a literal do not count', v("SELECT 'CONNECT BY ROWNUM DECODE(' AS s FROM dual"), []],
    ['words in a comment do not count', v('SELECT 1 FROM dual -- uses ROWNUM and (+)\n'), []],
    ['(+) outer join', v('SELECT * FROM a, b WHERE a.id = b.id(+)'), ['outer-join-plus']],
    ['DECODE and NVL', v("SELECT DECODE(x, 1, 'a', 'b'), NVL(y, 0) FROM t"), ['decode', 'nvl']],
    ['ROWNUM', v('SELECT * FROM t WHERE ROWNUM <= 10'), ['rownum']],
    ['database link', v('SELECT * FROM orders@sales_link o'), ['db-link']],
    ['Oracle Text', v("SELECT * FROM docs WHERE CONTAINS(body, 'oracle') > 0"), ['oracle-text']],
    ['PIVOT', v("SELECT * FROM s PIVOT (SUM(amt) FOR q IN (1, 2))"), ['pivot']],
    ['XML functions', v("SELECT EXTRACTVALUE(x, '/a') FROM t"), ['xml-functions']],
    ['sequence NEXTVAL', v('SELECT emp_seq.NEXTVAL FROM dual'), ['sequence-pseudo-columns']],
    ['EXECUTE IMMEDIATE', proc("BEGIN EXECUTE IMMEDIATE 'TRUNCATE TABLE t'; END;"), ['execute-immediate']],
    ['dynamic OPEN FOR', proc("c SYS_REFCURSOR; BEGIN OPEN c FOR 'SELECT 1 FROM dual'; END;"), ['execute-immediate', 'ref-cursor']],
    ['autonomous transaction', proc('PRAGMA AUTONOMOUS_TRANSACTION; BEGIN INSERT INTO log VALUES (1); COMMIT; END;'), ['autonomous-transaction']],
    ['DBMS_* but not DBMS_OUTPUT', proc("BEGIN DBMS_LOCK.SLEEP(1); DBMS_OUTPUT.PUT_LINE('x'); END;"), ['dbms-package', 'dbms-output']],
    ['UTL_FILE', proc("f UTL_FILE.FILE_TYPE; BEGIN f := UTL_FILE.FOPEN('D', 'x', 'w'); END;"), ['utl-package']],
    ['bulk operations', proc('TYPE t IS TABLE OF NUMBER INDEX BY PLS_INTEGER; v t; BEGIN SELECT id BULK COLLECT INTO v FROM e; FORALL i IN 1..v.COUNT DELETE FROM e WHERE id = v(i); END;'), ['bulk-collect', 'forall', 'plsql-collection']],
    ['records, subtypes and a ref cursor type', proc('TYPE r_t IS RECORD (a NUMBER); SUBTYPE s_t IS NUMBER; TYPE c_t IS REF CURSOR; r r_t; BEGIN NULL; END;'), ['plsql-record', 'ref-cursor']],
    ['%ROWTYPE and cursor attributes', proc('r emp%ROWTYPE; BEGIN UPDATE emp SET x = 1; IF SQL%ROWCOUNT = 0 THEN NULL; END IF; END;'), ['rowtype', 'cursor-attributes']],
    ['MERGE', proc('BEGIN MERGE INTO t USING s ON (t.id = s.id) WHEN MATCHED THEN UPDATE SET t.x = s.x; END;'), ['merge']],
    ['compound trigger', { kind: 'trigger', def: code('trigger', 'T', 'CREATE TRIGGER t FOR UPDATE ON emp COMPOUND TRIGGER BEFORE STATEMENT IS BEGIN NULL; END BEFORE STATEMENT; END t;') }, ['compound-trigger']],
    ['package variables', { kind: 'package', def: code('package', 'PK', 'CREATE PACKAGE pk AS g_count NUMBER := 0; END;') }, ['package-variables']],
    ['pipelined function', { kind: 'function', def: code('function', 'F', 'CREATE FUNCTION f RETURN num_tab PIPELINED IS BEGIN PIPE ROW (1); END;') }, ['pipelined-function']],
    ['polymorphic table function', { kind: 'function', def: code('function', 'F', 'CREATE FUNCTION f(tab TABLE) RETURN TABLE PIPELINED ROW POLYMORPHIC USING f_pkg;') }, ['pipelined-function', 'polymorphic-table-function']],
    ['interface table function', { kind: 'function', def: code('function', 'F', 'CREATE FUNCTION f RETURN num_tab PIPELINED USING f_impl;') }, ['pipelined-function', 'polymorphic-table-function']],
    ['object type with methods', { kind: 'type', def: type('T', 'object', 'CREATE TYPE t AS OBJECT (a NUMBER, MEMBER FUNCTION f RETURN NUMBER)') }, ['object-type', 'type-methods']],
  ])('%s', (_title, object, expected) => {
    expect(ids(object).sort()).toEqual([...expected].sort())
  })
})

describe('construct detection from model structure', () => {
  it.each<[string, ModelObject, string[]]>([
    ['plain table', { kind: 'table', def: table('T') }, []],
    ['interval-partitioned table', { kind: 'table', def: table('T', { partitioning: { method: 'range', columns: ['D'], interval: "NUMTOYMINTERVAL(1,'MONTH')", partitions: [] } }) }, ['partitioned-table', 'interval-partitioning']],
    ['global temporary table', { kind: 'table', def: table('T', { temporary: { onCommit: 'delete' } }) }, ['global-temporary-table']],
    [
      'LOB, XMLTYPE, BFILE and object columns',
      {
        kind: 'table',
        def: table('T', {
          columns: [column('DOC', 'CLOB', { kind: 'clob' }), column('X', 'XMLTYPE', { kind: 'xml' }), column('F', 'BFILE', { kind: 'unsupported', native: 'BFILE' }), column('ADDR', 'CUST_ADDRESS_TYP', { kind: 'user-defined', name: 'CUST_ADDRESS_TYP' })],
        }),
      },
      ['lob', 'xmltype', 'bfile', 'object-column', 'unsupported-type'],
    ],
    ['virtual column', { kind: 'table', def: table('T', { columns: [column('V', 'NUMBER', { kind: 'decimal' }, { virtualExpr: { text: 'a + b' } })] }) }, ['virtual-column']],
    ['default with SYS_GUID', { kind: 'table', def: table('T', { columns: [column('G', 'RAW(16)', { kind: 'binary' }, { defaultExpr: { text: 'SYS_GUID()' } })] }) }, ['sys-guid']],
    ['bitmap index', { kind: 'index', def: index('I', { kind: 'bitmap' }) }, ['bitmap-index']],
    ['function-based index', { kind: 'index', def: index('I', { keys: [{ expr: { text: 'UPPER(last_name)' } }] }) }, ['function-based-index']],
    ['domain index', { kind: 'index', def: index('I', { kind: 'domain', indexType: 'CTXSYS.CONTEXT' }) }, ['domain-index']],
    ['sequence within bigint', { kind: 'sequence', def: { schema: 'HR', name: 'S', max: '9223372036854775807' } }, []],
    ['sequence beyond bigint', { kind: 'sequence', def: { schema: 'HR', name: 'S', max: '9999999999999999999999999999' } }, ['sequence-beyond-bigint']],
    ['synonym over a database link', { kind: 'synonym', def: { schema: 'HR', name: 'S', public: false, target: { name: 'T' }, dbLink: 'REMOTE' } }, ['synonym', 'synonym-db-link']],
    ['materialized view', { kind: 'materialized-view', def: view('MV', 'SELECT 1 FROM dual', { materialized: true }) }, ['materialized-view-refresh']],
  ])('%s', (_title, object, expected) => {
    expect(ids(object).sort()).toEqual([...expected].sort())
  })
})

describe('construct hits', () => {
  it('count occurrences, keep distinct samples and the first position in the file', () => {
    const body = code('package-body', 'PK', "CREATE PACKAGE BODY pk AS\nPROCEDURE a IS BEGIN\n  EXECUTE IMMEDIATE 'x';\n  EXECUTE IMMEDIATE 'y';\nEND;\nEND;")
    const [hit] = detectConstructs({ kind: 'package-body', def: body }, CONSTRUCTS).hits.filter((h) => h.id === 'execute-immediate')
    expect(hit).toMatchObject({ occurrences: 2, samples: ['EXECUTE IMMEDIATE'], at: { file: 'code.sql', line: 3, column: 3 } })
  })

  it('name the parts involved for structural constructs', () => {
    const t = table('T', { columns: [column('A', 'NUMBER', { kind: 'decimal' }, { virtualExpr: { text: '1' } }), column('B', 'NUMBER', { kind: 'decimal' }, { virtualExpr: { text: '2' } })] })
    const hit = detectConstructs({ kind: 'table', def: t }, CONSTRUCTS).hits.find((h) => h.id === 'virtual-column')
    expect(hit).toMatchObject({ occurrences: 2, samples: ['A', 'B'] })
  })

  it('report source the tokenizer cannot read as a warning instead of failing', () => {
    const result = detectConstructs(v("SELECT 'unterminated FROM dual"), CONSTRUCTS)
    expect(result.hits).toEqual([])
    expect(result.unreadable).toMatchObject([{ code: 'ASSESS_UNREADABLE_SOURCE', severity: 'warning', object: 'VIEW HR.V' }])
  })
})

describe('construct catalogue', () => {
  it('has unique ids and explains every construct', () => {
    expect(new Set(CONSTRUCTS.map((c) => c.id)).size).toBe(CONSTRUCTS.length)
    for (const c of CONSTRUCTS) {
      expect(c.minutes, c.id).toBeGreaterThan(0)
      expect(c.why.length, c.id).toBeGreaterThan(20)
      expect(c.appliesTo.length, c.id).toBeGreaterThan(0)
    }
  })
})

describe('construct samples', () => {
  it.each([
    ["SELECT NVL(a, 0) FROM t", 'nvl', 'NVL('],
    ['SELECT * FROM orders@sales_link', 'db-link', 'orders@sales_link'],
    ['SELECT * FROM t CONNECT   BY PRIOR a = b', 'connect-by', 'CONNECT BY'],
  ])('%s shows %s as %j', (query, id, sample) => {
    const hit = detectConstructs({ kind: 'view', def: view('V', query) }, CONSTRUCTS).hits.find((h) => h.id === id)
    expect(hit?.samples).toEqual([sample])
  })
})
