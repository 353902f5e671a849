/** One PL/SQL statement case: `oracle` runs in a procedure declaring `decl`; `postgres` starts its translated body. */
export interface StatementPair {
  readonly name: string
  readonly decl?: string
  readonly oracle: string
  readonly postgres: readonly string[]
}

/** PL/SQL statement → PL/pgSQL lines, inside a procedure (sqlglot-style read → write pairs). */
export const STATEMENT_PAIRS: ReadonlyArray<StatementPair> = [
  { name: 'assignment', decl: 'x NUMBER;', oracle: 'x := 1 + 2;', postgres: ['x := 1 + 2;'] },
  { name: 'null statement', oracle: 'NULL;', postgres: ['NULL;'] },
  {
    name: 'IF / ELSIF / ELSE',
    decl: 'x NUMBER;',
    oracle: 'IF x > 1 THEN x := 1; ELSIF x < 0 THEN x := 0; ELSE NULL; END IF;',
    postgres: ['IF x > 1 THEN', '  x := 1;', 'ELSIF x < 0 THEN', '  x := 0;', 'ELSE', '  NULL;', 'END IF;'],
  },
  {
    name: 'searched CASE statement',
    decl: 'x NUMBER;',
    oracle: 'CASE WHEN x = 1 THEN x := 2; ELSE x := 3; END CASE;',
    postgres: ['CASE', 'WHEN x = 1 THEN', '  x := 2;', 'ELSE', '  x := 3;', 'END CASE;'],
  },
  {
    name: 'simple CASE statement',
    decl: 'x NUMBER;',
    oracle: 'CASE x WHEN 1 THEN x := 2; END CASE;',
    postgres: ['CASE x', 'WHEN 1 THEN', '  x := 2;', 'END CASE;'],
  },
  {
    name: 'basic loop with EXIT WHEN',
    decl: 'x NUMBER := 0;',
    oracle: '<<main_loop>> LOOP x := x + 1; EXIT main_loop WHEN x > 3; CONTINUE; END LOOP main_loop;',
    postgres: ['<<main_loop>>', 'LOOP', '  x := x + 1;', '  EXIT main_loop WHEN x > 3;', '  CONTINUE;', 'END LOOP;'],
  },
  { name: 'WHILE loop', decl: 'x NUMBER := 0;', oracle: 'WHILE x < 3 LOOP x := x + 1; END LOOP;', postgres: ['WHILE x < 3 LOOP', '  x := x + 1;', 'END LOOP;'] },
  { name: 'numeric FOR', oracle: 'FOR i IN 1..3 LOOP NULL; END LOOP;', postgres: ['FOR i IN 1..3 LOOP', '  NULL;', 'END LOOP;'] },
  {
    name: 'FOR … REVERSE swaps the bounds (PL/pgSQL wants high..low)',
    oracle: 'FOR i IN REVERSE 1..3 LOOP NULL; END LOOP;',
    postgres: ['FOR i IN REVERSE 3..1 LOOP', '  NULL;', 'END LOOP;'],
  },
  {
    name: 'cursor FOR loop over a declared cursor',
    decl: 'CURSOR c (p NUMBER) IS SELECT employee_id FROM employees WHERE department_id = p;',
    oracle: 'FOR r IN c(10) LOOP NULL; END LOOP;',
    postgres: ['FOR r IN c(10) LOOP', '  NULL;', 'END LOOP;'],
  },
  {
    name: 'FOR over an inline query declares the record',
    oracle: 'FOR r IN (SELECT employee_id FROM employees) LOOP NULL; END LOOP;',
    postgres: ['FOR r IN SELECT employee_id FROM employees LOOP', '  NULL;', 'END LOOP;'],
  },
  {
    name: 'SELECT INTO becomes INTO STRICT (NO_DATA_FOUND / TOO_MANY_ROWS)',
    decl: 'n NUMBER;',
    oracle: 'SELECT salary INTO n FROM employees WHERE employee_id = 100;',
    postgres: ['SELECT salary FROM employees WHERE employee_id = 100 INTO STRICT n;'],
  },
  {
    name: 'BULK COLLECT of one column becomes ARRAY(subquery)',
    decl: 'TYPE ids_t IS TABLE OF NUMBER; ids ids_t;',
    oracle: 'SELECT employee_id BULK COLLECT INTO ids FROM employees;',
    postgres: ['ids := ARRAY(SELECT employee_id FROM employees);'],
  },
  {
    name: 'DML with RETURNING INTO',
    decl: 'n NUMBER;',
    oracle: "UPDATE jobs SET min_salary = 1 WHERE job_id = 'X' RETURNING max_salary INTO n;",
    postgres: ["UPDATE jobs SET min_salary = 1 WHERE job_id = 'X' RETURNING max_salary INTO n;"],
  },
  {
    name: 'collections: constructor, EXTEND, element assignment, EXISTS, TRIM, DELETE',
    decl: 'TYPE ids_t IS TABLE OF NUMBER; ids ids_t := ids_t(); b BOOLEAN;',
    oracle: 'ids := ids_t(1, 2); ids.EXTEND; ids(3) := 30; b := ids.EXISTS(3); ids.TRIM; ids.DELETE;',
    postgres: [
      'ids := ARRAY[1, 2]::numeric[];',
      'ids := ids || array_fill(NULL::numeric, ARRAY[1]);',
      'ids[3] := 30;',
      'b := coalesce(3 BETWEEN array_lower(ids, 1) AND array_upper(ids, 1), false);',
      'ids := ids[array_lower(ids, 1):array_upper(ids, 1) - (1)];',
      "ids := '{}';",
    ],
  },
  {
    name: 'explicit cursor OPEN / FETCH / %NOTFOUND / CLOSE',
    decl: 'CURSOR c IS SELECT employee_id FROM employees; n NUMBER;',
    oracle: 'OPEN c; LOOP FETCH c INTO n; EXIT WHEN c%NOTFOUND; END LOOP; CLOSE c;',
    postgres: ['OPEN c;', 'LOOP', '  FETCH c INTO n;', '  EXIT WHEN (NOT FOUND);', 'END LOOP;', 'CLOSE c;'],
  },
  {
    name: 'c%ROWCOUNT of an explicit cursor counts its fetches',
    decl: 'CURSOR c IS SELECT employee_id FROM employees; n NUMBER;',
    oracle: 'OPEN c; FETCH c INTO n; n := c%ROWCOUNT;',
    postgres: ['OPEN c;', 'godwit_c_rowcount := 0;', 'FETCH c INTO n;', 'IF FOUND THEN godwit_c_rowcount := godwit_c_rowcount + 1; END IF;', 'n := godwit_c_rowcount;'],
  },
  {
    name: 'c%ROWCOUNT in a cursor FOR loop counts iterations',
    decl: 'CURSOR c IS SELECT employee_id FROM employees; n NUMBER;',
    oracle: 'FOR r IN c LOOP n := c%ROWCOUNT; END LOOP;',
    postgres: ['godwit_c_rowcount := 0;', 'FOR r IN c LOOP', '  godwit_c_rowcount := godwit_c_rowcount + 1;', '  n := godwit_c_rowcount;', 'END LOOP;'],
  },
  {
    name: 'SQL%ROWCOUNT reads GET DIAGNOSTICS after each statement',
    decl: 'n NUMBER;',
    oracle: 'DELETE FROM jobs; n := SQL%ROWCOUNT;',
    postgres: ['DELETE FROM jobs;', 'GET DIAGNOSTICS godwit_sql_rowcount = ROW_COUNT;', 'n := godwit_sql_rowcount;'],
  },
  {
    name: 'EXECUTE IMMEDIATE with INTO and USING, binds numbered',
    decl: 'n NUMBER;',
    oracle: "EXECUTE IMMEDIATE 'SELECT count(*) FROM jobs WHERE job_id = :j' INTO n USING 'X';",
    postgres: ["EXECUTE 'SELECT count(*) FROM jobs WHERE job_id = $1' INTO STRICT n USING 'X';"],
  },
  {
    name: 'RAISE_APPLICATION_ERROR keeps the code as SQLSTATE U0nnn',
    oracle: "RAISE_APPLICATION_ERROR(-20205, 'office hours only');",
    postgres: ["RAISE EXCEPTION USING ERRCODE = 'U0205', MESSAGE = 'office hours only';"],
  },
  { name: 'DBMS_OUTPUT.PUT_LINE → RAISE NOTICE', oracle: "DBMS_OUTPUT.PUT_LINE('hi');", postgres: ["RAISE NOTICE '%', 'hi';"] },
  {
    name: 'procedure call → CALL with named arguments',
    oracle: "add_job_history(p_emp_id => 1, p_job_id => 'X');",
    postgres: ["CALL add_job_history(p_emp_id => 1, p_job_id => 'X');"],
  },
  { name: 'COMMIT in a procedure', oracle: 'COMMIT;', postgres: ['COMMIT;'] },
  {
    name: 'FORALL → FOR loop',
    decl: 'TYPE ids_t IS TABLE OF NUMBER; ids ids_t;',
    oracle: 'FORALL i IN 1..ids.COUNT DELETE FROM jobs WHERE min_salary = ids(i);',
    postgres: ['FOR i IN 1..coalesce(array_length(ids, 1), 0) LOOP', '  DELETE FROM jobs WHERE min_salary = ids[i];', 'END LOOP;'],
  },
  {
    name: 'nested block with handlers mapped to PostgreSQL conditions',
    decl: 'n NUMBER;',
    oracle:
      'BEGIN SELECT 1 INTO n FROM dual; EXCEPTION WHEN NO_DATA_FOUND THEN n := 0; WHEN DUP_VAL_ON_INDEX OR ZERO_DIVIDE THEN n := 1; WHEN OTHERS THEN RAISE; END;',
    postgres: [
      'BEGIN',
      '  SELECT 1 INTO STRICT n;',
      'EXCEPTION',
      '  WHEN no_data_found THEN',
      '    n := 0;',
      '  WHEN unique_violation OR division_by_zero THEN',
      '    n := 1;',
      '  WHEN OTHERS THEN',
      '    RAISE;',
      'END;',
    ],
  },
  {
    name: 'user exception with EXCEPTION_INIT to an application error',
    decl: 'e_late EXCEPTION; PRAGMA EXCEPTION_INIT(e_late, -20001);',
    oracle: 'RAISE e_late; EXCEPTION WHEN e_late THEN NULL;',
    postgres: ["RAISE EXCEPTION USING ERRCODE = 'U0001', MESSAGE = 'E_LATE';", 'EXCEPTION', "WHEN SQLSTATE 'U0001' THEN", '  NULL;'],
  },
  {
    name: 'record fields: assignment, nested read as (a.b).c, nested assignment',
    decl: 'TYPE inner_t IS RECORD (c NUMBER); TYPE outer_t IS RECORD (b inner_t, n VARCHAR2(10)); a outer_t; x NUMBER;',
    oracle: "a.b.c := 1; a.n := 'x'; x := a.b.c + 1;",
    postgres: ['a.b.c := 1;', "a.n := 'x';", 'x := (a.b).c + 1;'],
  },
  {
    name: 'SELECT INTO a record and INTO a record field stay INTO STRICT',
    decl: 'TYPE emp_t IS RECORD (id employees.employee_id%TYPE, name employees.last_name%TYPE); e emp_t;',
    oracle: 'SELECT employee_id, last_name INTO e FROM employees WHERE employee_id = 100; SELECT last_name INTO e.name FROM employees WHERE employee_id = 101;',
    postgres: ['SELECT employee_id, last_name FROM employees WHERE employee_id = 100 INTO STRICT e;', 'SELECT last_name FROM employees WHERE employee_id = 101 INTO STRICT e.name;'],
  },
  {
    name: 'SELECT INTO a nested field or a collection element goes through a record (PL/pgSQL INTO takes neither)',
    decl: 'TYPE inner_t IS RECORD (c NUMBER); TYPE outer_t IS RECORD (b inner_t); a outer_t; TYPE nums_t IS TABLE OF NUMBER INDEX BY PLS_INTEGER; d nums_t;',
    oracle: 'SELECT 1 INTO a.b.c FROM dual; SELECT 1, 2 INTO d(1), d(2) FROM dual;',
    postgres: [
      'SELECT * FROM (SELECT 1) AS godwit_into_row(c1) INTO STRICT godwit_into;',
      'a.b.c := godwit_into.c1;',
      'SELECT * FROM (SELECT 1, 2) AS godwit_into_row(c1, c2) INTO STRICT godwit_into;',
      'd[1] := godwit_into.c1;',
      'd[2] := godwit_into.c2;',
    ],
  },
  {
    name: 'BULK COLLECT of several columns into a table of records casts each row to the composite type',
    decl: 'TYPE emp_t IS RECORD (id NUMBER, name VARCHAR2(25)); TYPE emps_t IS TABLE OF emp_t; emps emps_t; n VARCHAR2(25);',
    oracle: 'SELECT employee_id, last_name BULK COLLECT INTO emps FROM employees ORDER BY 1; n := emps(1).name;',
    postgres: ['emps := ARRAY(SELECT godwit_row::hr.t_emp_t FROM (SELECT employee_id, last_name FROM employees ORDER BY 1) AS godwit_row);', 'n := (emps[1]).name;'],
  },
  {
    name: 'FETCH … BULK COLLECT … LIMIT becomes a loop of single-row FETCHes',
    decl: 'TYPE emp_t IS RECORD (id NUMBER, name VARCHAR2(25)); TYPE emps_t IS TABLE OF emp_t; emps emps_t; CURSOR c IS SELECT employee_id, last_name FROM employees;',
    oracle: 'OPEN c; FETCH c BULK COLLECT INTO emps LIMIT 100; CLOSE c; IF c%NOTFOUND THEN NULL; END IF;',
    postgres: [
      'OPEN c;',
      "emps := '{}';",
      'LOOP',
      '  EXIT WHEN coalesce(array_length(emps, 1), 0) >= 100;',
      '  FETCH c INTO godwit_fetched_emps;',
      '  EXIT WHEN NOT FOUND;',
      '  emps := emps || godwit_fetched_emps;',
      'END LOOP;',
      'godwit_c_found := FOUND;',
      'CLOSE c;',
      // Statements between the FETCH and the test change FOUND: %NOTFOUND reads the saved value.
      'IF (NOT godwit_c_found) THEN',
    ],
  },
  {
    name: 'collection NEXT / PRIOR on a dense array',
    decl: 'TYPE nums_t IS TABLE OF NUMBER INDEX BY BINARY_INTEGER; d nums_t; i PLS_INTEGER;',
    oracle: 'i := d.NEXT(i); i := d.PRIOR(i);',
    postgres: [
      'i := (CASE WHEN (i) < array_lower(d, 1) THEN array_lower(d, 1) WHEN (i) < array_upper(d, 1) THEN (i) + 1 END);',
      'i := (CASE WHEN (i) > array_upper(d, 1) THEN array_upper(d, 1) WHEN (i) > array_lower(d, 1) THEN (i) - 1 END);',
    ],
  },
  {
    name: 'a REF CURSOR type is refcursor: OPEN FOR and FETCH INTO a record',
    decl: 'TYPE emp_t IS RECORD (id NUMBER, name VARCHAR2(25)); TYPE emp_cur_t IS REF CURSOR RETURN emp_t; c emp_cur_t; e emp_t;',
    oracle: 'OPEN c FOR SELECT employee_id, last_name FROM employees; FETCH c INTO e; CLOSE c;',
    postgres: ['OPEN c FOR SELECT employee_id, last_name FROM employees;', 'FETCH c INTO e;', 'CLOSE c;'],
  },
  {
    name: 'a record qualified expression (Oracle 18) is a row of the composite type, defaults for missing fields',
    decl: "TYPE emp_t IS RECORD (id NUMBER, name VARCHAR2(25) := 'n/a', grade NUMBER := 1); e emp_t;",
    oracle: "e := emp_t(1, 'King', 2); e := emp_t(grade => 3, id => 2);",
    postgres: ["e := ROW(1, 'King', 2)::hr.t_emp_t;", "e := ROW(2, 'n/a', 3)::hr.t_emp_t;"],
  },
  {
    name: 'INSERT … VALUES rec inserts the fields of a record or row: VALUES ((rec).*)',
    decl: 'TYPE rows_t IS TABLE OF jobs%ROWTYPE; l rows_t; r jobs%ROWTYPE;',
    oracle: 'SELECT * BULK COLLECT INTO l FROM jobs; r := l(1); INSERT INTO jobs VALUES r; FORALL i IN 1..l.COUNT INSERT INTO jobs j VALUES l(i);',
    postgres: [
      'l := ARRAY(SELECT godwit_row::jobs FROM (SELECT * FROM jobs) AS godwit_row);',
      'r := l[1];',
      'INSERT INTO jobs VALUES ((r).*);',
      'FOR i IN 1..coalesce(array_length(l, 1), 0) LOOP',
      '  INSERT INTO jobs AS j VALUES ((l[i]).*);',
    ],
  },
]
