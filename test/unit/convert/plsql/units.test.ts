import { describe, expect, it } from 'vitest'
import { translateAnonymousBlock, translateCodeObject } from '../../../../src/convert/plsql/translate-plsql.js'
import { UnsupportedConstructError } from '../../../../src/convert/translate-context.js'
import { codeDef, expectValidPostgres, plsqlContext } from './plsql-test-context.js'

describe('routines', () => {
  it('function: RETURNS, pinned search_path, column-first name resolution', () => {
    const out = translateCodeObject(
      codeDef('function', 'NET', 'CREATE OR REPLACE FUNCTION net (p_amount IN NUMBER, p_rate NUMBER DEFAULT 0.2) RETURN NUMBER DETERMINISTIC IS BEGIN RETURN p_amount * (1 - p_rate); END net;'),
      plsqlContext(),
    )
    expectValidPostgres(out)
    expect(out).toHaveLength(1)
    expect(out[0]).toContain('CREATE OR REPLACE FUNCTION hr.net(p_amount numeric, p_rate numeric DEFAULT 0.2) RETURNS numeric')
    expect(out[0]).toContain('SET search_path = hr, public')
    expect(out[0]).toContain('#variable_conflict use_column')
    expect(out[0]).toContain('RETURN p_amount * (1 - p_rate);')
  })

  it('procedure: OUT and IN OUT parameters become OUT and INOUT', () => {
    const out = translateCodeObject(
      codeDef('procedure', 'P', 'CREATE PROCEDURE hr.p (a IN NUMBER, b OUT VARCHAR2, c IN OUT NOCOPY DATE) AS BEGIN b := TO_CHAR(a); END;'),
      plsqlContext(),
    )
    expectValidPostgres(out)
    expect(out[0]).toMatch(/^CREATE OR REPLACE PROCEDURE hr\.p\(a numeric, OUT b text, INOUT c timestamp\(0\)\)\nLANGUAGE plpgsql/)
    expect(out[0]).toContain('b := a::text;')
  })

  it('drops a DEFAULT that precedes a parameter without one or a procedure OUT parameter, with a warning (demo record_sighting)', () => {
    const ctx = plsqlContext()
    const out = translateCodeObject(
      codeDef('procedure', 'RECORD_SIGHTING', 'CREATE PROCEDURE record_sighting (p_bird IN NUMBER, p_flock IN NUMBER DEFAULT 1, p_id OUT NUMBER, p_note IN VARCHAR2 DEFAULT NULL) IS BEGIN p_id := p_bird; END;'),
      ctx,
    )
    expectValidPostgres(out)
    // The order is kept (positional callers), p_note keeps its default: nothing required follows it.
    expect(out[0]).toMatch(/^CREATE OR REPLACE PROCEDURE hr\.record_sighting\(p_bird numeric, p_flock numeric, OUT p_id numeric, p_note text DEFAULT NULL\)/)
    expect(ctx.findings.map((f) => [f.code, f.severity, f.message.split(':')[0]])).toEqual([['PARAMETER_DEFAULT_DROPPED', 'warning', 'parameter P_FLOCK loses its DEFAULT']])
  })

  it('keeps trailing defaults as they are', () => {
    const ctx = plsqlContext()
    const out = translateCodeObject(codeDef('function', 'F', 'CREATE FUNCTION f (a IN NUMBER, b IN NUMBER DEFAULT 2) RETURN NUMBER IS BEGIN RETURN a + b; END;'), ctx)
    expect(out[0]).toContain('hr.f(a numeric, b numeric DEFAULT 2)')
    expect(ctx.findings.filter((f) => f.code === 'PARAMETER_DEFAULT_DROPPED')).toEqual([])
  })

  it('refuses a function with OUT parameters and a return value', () => {
    const def = codeDef('function', 'F', 'CREATE FUNCTION f (a OUT NUMBER) RETURN NUMBER IS BEGIN a := 1; RETURN 2; END;')
    expect(() => translateCodeObject(def, plsqlContext())).toThrow(UnsupportedConstructError)
  })

  it('leaves search_path to the caller for a procedure that commits, with a warning', () => {
    const ctx = plsqlContext()
    const out = translateCodeObject(codeDef('procedure', 'P', 'CREATE PROCEDURE p IS BEGIN DELETE FROM jobs; COMMIT; END;'), ctx)
    expect(out[0]).not.toContain('search_path')
    expect(ctx.findings.map((f) => f.code)).toEqual(['SEARCH_PATH_NOT_SET'])
  })

  it('reports a syntax error with file, line and column', () => {
    const def = { ...codeDef('procedure', 'P', 'CREATE PROCEDURE p IS\nBEGIN\n  IF x THEN NULL; END;\nEND;'), source: { text: 'CREATE PROCEDURE p IS\nBEGIN\n  IF x THEN NULL; END;\nEND;', at: { file: 'x.sql', line: 10, column: 1 } } }
    expect(() => translateCodeObject(def, plsqlContext())).toThrow(/x\.sql:12:/)
  })
})

describe('triggers', () => {
  it("row trigger: :OLD → OLD, UPDATE OF columns, AFTER returns NULL (HR's update_job_history)", () => {
    const out = translateCodeObject(
      codeDef(
        'trigger',
        'UPDATE_JOB_HISTORY',
        'CREATE OR REPLACE TRIGGER update_job_history AFTER UPDATE OF job_id, department_id ON employees FOR EACH ROW BEGIN add_job_history(:old.employee_id, :old.hire_date, sysdate, :old.job_id, :old.department_id); END;',
        'EMPLOYEES',
      ),
      plsqlContext(),
    )
    expectValidPostgres(out)
    expect(out).toHaveLength(2)
    expect(out[0]).toContain('CREATE OR REPLACE FUNCTION hr.update_job_history_fn()\nRETURNS trigger')
    expect(out[0]).toMatch(/CALL add_job_history\(OLD\.employee_id, OLD\.hire_date, .+, OLD\.job_id, OLD\.department_id\);/)
    expect(out[0]).toContain('RETURN NULL;')
    expect(out[1]).toBe(
      'CREATE OR REPLACE TRIGGER update_job_history\nAFTER UPDATE OF job_id, department_id ON hr.employees\nFOR EACH ROW\nEXECUTE FUNCTION hr.update_job_history_fn()',
    )
  })

  it('BEFORE row trigger assigns :NEW and returns NEW', () => {
    const out = translateCodeObject(
      codeDef('trigger', 'T', 'CREATE TRIGGER t BEFORE INSERT ON order_items FOR EACH ROW DECLARE n NUMBER; BEGIN SELECT 1 INTO n FROM dual; :new.line_item_id := n; END;'),
      plsqlContext(),
    )
    expectValidPostgres(out)
    expect(out[0]).toContain('NEW.line_item_id := n;')
    expect(out[0]).toMatch(/RETURN NEW;\nEND;/)
  })

  it('statement trigger with INSERTING/UPDATING/DELETING and UPDATING(col)', () => {
    const out = translateCodeObject(
      codeDef(
        'trigger',
        'T',
        "CREATE TRIGGER t BEFORE INSERT OR UPDATE OR DELETE ON employees FOR EACH ROW WHEN (new.salary > 0) BEGIN IF INSERTING OR UPDATING('SALARY') THEN NULL; ELSIF DELETING THEN RETURN; END IF; END;",
      ),
      plsqlContext(),
    )
    expectValidPostgres(out)
    expect(out[0]).toContain("IF (TG_OP = 'INSERT') OR (TG_OP = 'UPDATE' AND NEW.salary IS DISTINCT FROM OLD.salary) THEN")
    expect(out[0]).toContain("ELSIF (TG_OP = 'DELETE') THEN\n    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW;")
    expect(out[1]).toContain('BEFORE INSERT OR UPDATE OR DELETE ON hr.employees\nFOR EACH ROW\nWHEN (NEW.salary > 0)')
  })

  it('REFERENCING aliases, sequences in SELECT INTO :NEW (the classic key trigger)', () => {
    const base = plsqlContext()
    const ctx = { ...base, catalog: { ...base.catalog, sequences: [{ name: 'EMP_SEQ' }] } }
    const out = translateCodeObject(
      codeDef(
        'trigger',
        'T',
        'CREATE TRIGGER t BEFORE INSERT ON employees REFERENCING NEW AS n OLD AS o FOR EACH ROW WHEN (n.employee_id IS NULL) BEGIN SELECT emp_seq.NEXTVAL INTO :n.employee_id FROM dual; :n.last_name := UPPER(:o.last_name); END;',
      ),
      ctx,
    )
    expectValidPostgres(out)
    expect(out[0]).toContain("SELECT nextval('emp_seq') INTO STRICT NEW.employee_id;\n  NEW.last_name := upper(OLD.last_name);")
    expect(out[1]).toContain('WHEN (NEW.employee_id IS NULL)')
  })

  it('statement-level trigger fires FOR EACH STATEMENT', () => {
    const out = translateCodeObject(codeDef('trigger', 'S', 'CREATE TRIGGER s BEFORE INSERT OR UPDATE OR DELETE ON employees BEGIN secure_dml; END;'), plsqlContext())
    expectValidPostgres(out)
    expect(out[0]).toContain('CALL secure_dml();')
    expect(out[1]).toContain('FOR EACH STATEMENT')
  })

  it('INSTEAD OF trigger on a view is row level', () => {
    const out = translateCodeObject(
      codeDef('trigger', 'V', 'CREATE TRIGGER v INSTEAD OF INSERT ON emp_v FOR EACH ROW BEGIN INSERT INTO employees (employee_id) VALUES (:NEW.id); END;'),
      plsqlContext(),
    )
    expectValidPostgres(out)
    expect(out[0]).toContain('INSERT INTO employees (employee_id) VALUES (NEW.id);')
    expect(out[1]).toContain('INSTEAD OF INSERT ON hr.emp_v\nFOR EACH ROW')
  })

  it('a trigger created DISABLE is disabled after creation; FOLLOWS is reported', () => {
    const ctx = plsqlContext()
    const out = translateCodeObject(codeDef('trigger', 'T', 'CREATE TRIGGER t AFTER INSERT ON jobs FOR EACH ROW FOLLOWS other_trg DISABLE BEGIN NULL; END;'), ctx)
    expectValidPostgres(out)
    expect(out[2]).toBe('ALTER TABLE hr.jobs DISABLE TRIGGER t')
    expect(ctx.findings.map((f) => [f.code, f.severity])).toEqual([['TRIGGER_ORDER', 'warning']])
  })

  it('refuses compound triggers', () => {
    const def = codeDef('trigger', 'C', 'CREATE TRIGGER c FOR UPDATE ON employees COMPOUND TRIGGER AFTER STATEMENT IS BEGIN NULL; END AFTER STATEMENT; END;')
    expect(() => translateCodeObject(def, plsqlContext())).toThrow(UnsupportedConstructError)
  })
})

describe('packages', () => {
  const spec = codeDef('package', 'EMP_PKG', 'CREATE PACKAGE emp_pkg AS g_count NUMBER := 0; c_max CONSTANT NUMBER := 10; e_bad EXCEPTION; FUNCTION f (a NUMBER) RETURN NUMBER; END emp_pkg;')
  const body = codeDef(
    'package-body',
    'EMP_PKG',
    'CREATE PACKAGE BODY emp_pkg AS FUNCTION helper RETURN NUMBER IS BEGIN RETURN 1; END; FUNCTION f (a NUMBER) RETURN NUMBER IS BEGIN IF a < 0 THEN RAISE e_bad; END IF; g_count := g_count + 1; RETURN a + helper + c_max; END f; END emp_pkg;',
  )

  it('spec: a schema named after the package; variables and constants get session-setting getters and a finding each', () => {
    const ctx = plsqlContext([spec, body])
    const out = translateCodeObject(spec, ctx)
    expectValidPostgres(out)
    expect(out[0]).toBe('CREATE SCHEMA IF NOT EXISTS emp_pkg')
    expect(out[1]).toContain('CREATE OR REPLACE FUNCTION emp_pkg.godwit_get_g_count() RETURNS numeric')
    expect(out[1]).toContain("stored text := current_setting('emp_pkg.g_count', true);")
    expect(out[1]).toContain('RETURN 0;')
    expect(out[2]).toMatch(/FUNCTION emp_pkg\.godwit_get_c_max\(\) RETURNS numeric[\s\S]*BEGIN\n {2}RETURN 10;\nEND;/)
    expect(ctx.findings.filter((f) => f.code === 'PACKAGE_VARIABLE').map((f) => f.message.split(' ').slice(0, 3).join(' '))).toEqual([
      'package variable EMP_PKG.G_COUNT',
      'package constant EMP_PKG.C_MAX',
    ])
  })

  it("body: each subprogram in the package's schema; spec exceptions and variables in scope", () => {
    const ctx = plsqlContext([spec, body])
    const out = translateCodeObject(body, ctx)
    expectValidPostgres(out)
    expect(out).toHaveLength(3)
    expect(out[1]).toContain('CREATE OR REPLACE FUNCTION emp_pkg.helper() RETURNS numeric')
    expect(out[2]).toContain('CREATE OR REPLACE FUNCTION emp_pkg.f(a numeric) RETURNS numeric')
    expect(out[2]).toContain('SET search_path = emp_pkg, hr, public')
    expect(out[2]).toMatch(/RAISE EXCEPTION USING ERRCODE = 'UE[0-9A-Z]{3}', MESSAGE = 'E_BAD';/)
    expect(out[2]).toContain("PERFORM set_config('emp_pkg.g_count', coalesce('v:' || (emp_pkg.godwit_get_g_count() + 1)::text, 'n'), false);")
    expect(out[2]).toContain('RETURN a + helper() + emp_pkg.godwit_get_c_max();')
  })

  it('another unit reads a package variable through its getter', () => {
    const ctx = plsqlContext([spec, body])
    const [sql] = translateCodeObject(codeDef('procedure', 'P', 'CREATE PROCEDURE p IS n NUMBER; BEGIN n := emp_pkg.g_count; END;'), ctx)
    expect(sql).toContain('n := emp_pkg.godwit_get_g_count();')
  })
})

describe('type bodies', () => {
  it('member functions take the object as self; an action item explains the call syntax', () => {
    const ctx = plsqlContext()
    const out = translateCodeObject(
      codeDef('type-body', 'CATALOG_TYP', 'CREATE TYPE BODY catalog_typ AS OVERRIDING MEMBER FUNCTION category_describe RETURN varchar2 IS BEGIN RETURN \'catalog_typ\'; END; MEMBER FUNCTION getCatalogName RETURN varchar2 IS BEGIN RETURN self.category_name; END; END;'),
      ctx,
    )
    expectValidPostgres(out)
    expect(out[0]).toContain('CREATE OR REPLACE FUNCTION hr.catalog_typ_category_describe(self hr.catalog_typ) RETURNS')
    expect(out[1]).toContain('RETURN (self).category_name;')
    expect(ctx.findings.map((f) => f.code)).toEqual(['TYPE_METHOD'])
  })
})

describe('anonymous blocks', () => {
  const src = (text: string) => ({ text, at: { file: 'data.sql', line: 1, column: 1 } })

  it('a block of only DML and COMMIT becomes the statements themselves', () => {
    const out = translateAnonymousBlock(src("BEGIN INSERT INTO regions VALUES (10, 'Europe'); INSERT INTO regions VALUES (20, 'Americas'); COMMIT; END;"), plsqlContext())
    expect(out).toEqual(["INSERT INTO regions VALUES (10, 'Europe')", "INSERT INTO regions VALUES (20, 'Americas')"])
  })

  it('a block with declarations becomes a DO block', () => {
    const out = translateAnonymousBlock(src("DECLARE d VARCHAR2(100); BEGIN d := 'x'; INSERT INTO t VALUES (d); END;"), plsqlContext())
    expectValidPostgres(out)
    expect(out).toHaveLength(1)
    expect(out[0]).toMatch(/^DO \$\$\n#variable_conflict use_column\nDECLARE\n {2}d varchar\(100\);\nBEGIN\n {2}d := 'x';\n {2}INSERT INTO t VALUES \(d\);\nEND;\n\$\$$/)
  })

  it('DBMS_STATS becomes ANALYZE, constant dynamic SQL runs as itself, constraint toggling is dropped with an info finding', () => {
    const ctx = plsqlContext()
    const out = translateAnonymousBlock(
      src(
        "BEGIN EXECUTE IMMEDIATE 'ALTER TABLE employees DISABLE CONSTRAINT emp_dept_fk'; EXECUTE IMMEDIATE 'DELETE FROM jobs WHERE job_id = ''X'''; DBMS_STATS.GATHER_TABLE_STATS('HR', 'EMPLOYEES'); dbms_stats.gather_schema_stats('SH', cascade => TRUE); END;",
      ),
      ctx,
    )
    expectValidPostgres(out)
    expect(out).toEqual(["DELETE FROM jobs WHERE job_id = 'X'", 'ANALYZE employees', 'ANALYZE'])
    expect(ctx.findings.map((f) => [f.code, f.severity])).toEqual([['DROPPED_DYNAMIC_SQL', 'info']])
  })

  it('dynamic ANALYZE and TRUNCATE go through their statement translators', () => {
    const ctx = plsqlContext()
    const out = translateAnonymousBlock(
      src("BEGIN EXECUTE IMMEDIATE 'ANALYZE TABLE employees COMPUTE STATISTICS'; EXECUTE IMMEDIATE 'TRUNCATE TABLE jobs REUSE STORAGE'; EXECUTE IMMEDIATE 'ANALYZE TABLE employees VALIDATE STRUCTURE'; END;"),
      ctx,
    )
    expectValidPostgres(out)
    expect(out.slice(0, 2)).toEqual(['ANALYZE employees', 'TRUNCATE TABLE jobs'])
    // VALIDATE STRUCTURE: amcheck over the table's leaf partitions (integration/analyze.test.ts runs it).
    expect(out[2]).toMatch(/^DO \$godwit\$[\s\S]*public\.verify_heapam\(leaf\)[\s\S]*\$godwit\$$/)
    expect(ctx.support.has('extension:amcheck')).toBe(true)
    expect(ctx.findings).toEqual([])
  })
})

describe('host variables', () => {
  const src = (text: string) => ({ text, at: { file: 'data.sql', line: 1, column: 1 } })

  it.each(['BEGIN SELECT c INTO :variable FROM t; END;', 'BEGIN :x := 1; END;', 'BEGIN SELECT 1 INTO :block.item FROM dual; END;'])('a bind written to in a block is an action item, not a PL/pgSQL variable of that name: %s', (text) => {
    expect(() => translateAnonymousBlock(src(text), plsqlContext())).toThrow(/bind variable :\S+ as a target: a host variable of the client/)
  })
})
