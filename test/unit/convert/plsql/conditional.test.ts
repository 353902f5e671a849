import { describe, expect, it } from 'vitest'
import { SqlSyntaxError } from '../../../../src/core/errors.js'
import { translateAnonymousBlock } from '../../../../src/convert/plsql/translate-plsql.js'
import { UnsupportedConstructError } from '../../../../src/convert/translate-context.js'
import { plsqlContext, translatedBody } from './plsql-test-context.js'

/** PL/SQL conditional compilation, resolved before parsing as Oracle resolves it before compiling. */
const src = (text: string) => ({ text, at: { file: 'cc.sql', line: 1, column: 1 } })

describe('conditional compilation', () => {
  it('keeps the first branch whose static condition is TRUE (grammars-v4 hold-out block)', () => {
    const ctx = plsqlContext()
    const out = translateAnonymousBlock(
      src(`begin
    $if true $then
        dbms_output.put_line(1);
    $else
    $end
    $if false $then
    $else
        dbms_output.put_line(2);
    $end
    $if false $then
    $elsif true $then
        dbms_output.put_line(3);
    $else
    $end
    $if false $then
        dbms_output.put_line('if');
    $elsif true $then
        dbms_output.put_line('else if');
    $else
        dbms_output.put_line('else');
    $end
    $if true $then
    $end
    $if false $then
    $elsif true $then
    $else
    $end
end;`),
      ctx,
    )
    expect(out).toHaveLength(1)
    const notices = out[0]!.split('\n').filter((l) => l.includes('RAISE NOTICE'))
    expect(notices.map((l) => l.trim())).toEqual(["RAISE NOTICE '%', 1;", "RAISE NOTICE '%', 2;", "RAISE NOTICE '%', 3;", "RAISE NOTICE '%', 'else if';"])
    expect(ctx.findings).toEqual([])
  })

  it('evaluates NOT/AND/OR with NULL as Oracle does, comparisons, IS NULL, and nested $IF', () => {
    const body = translatedBody(`
$IF NOT (NULL AND FALSE) AND 2 >= 1 AND 'a' <> 'b' $THEN
  $IF NULL OR FALSE $THEN x := 1; $ELSIF NULL IS NULL $THEN x := 2; $END
$ELSE
  x := 3;
$END
$IF NOT NULL $THEN x := 4; $END`, 'x NUMBER;')
    expect(body).toEqual(['x := 2;'])
  })

  it('replaces $$PLSQL_UNIT, $$PLSQL_UNIT_TYPE and $$PLSQL_LINE with their values', () => {
    const body = translatedBody("dbms_output.put_line($$PLSQL_UNIT || ' ' || $$PLSQL_UNIT_TYPE || ' ' || $$PLSQL_LINE);")
    expect(body).toEqual(["RAISE NOTICE '%', concat('T', ' ', 'PROCEDURE', ' ', 4);"])
  })

  it('reads a PLSQL_CCFLAGS flag as NULL, with one warning naming it', () => {
    const ctx = plsqlContext()
    const body = translatedBody('$IF $$debug $THEN x := 1; $ELSE x := 2; $END\n$IF $$debug = 1 $THEN x := 3; $END', 'x NUMBER;', ctx)
    expect(body).toEqual(['x := 2;'])
    expect(ctx.findings.map((f) => [f.code, f.severity, f.at?.line])).toEqual([['CONDITIONAL_FLAG', 'warning', 4]])
    expect(ctx.findings[0]!.message).toContain('$$DEBUG is read as NULL')
  })

  it('refuses conditions on DBMS_DB_VERSION or package constants, naming them and their position', () => {
    const version = () => translatedBody('$IF DBMS_DB_VERSION.VER_LE_11_2 $THEN NULL; $END')
    expect(version).toThrow(UnsupportedConstructError)
    expect(version).toThrow(/DBMS_DB_VERSION\.VER_LE_11_2: the branch kept depends on which Oracle release/)
    expect(() => translatedBody('$IF my_pkg.debug_on $THEN NULL; $END')).toThrow(/my_pkg\.debug_on: the branch kept depends on the value of a package constant/)
    // Not evaluated when an earlier branch is taken, or inside a branch that is not kept.
    expect(translatedBody('$IF TRUE $THEN NULL; $ELSIF DBMS_DB_VERSION.VER_LE_10 $THEN x := 1; $END', 'x NUMBER;')).toEqual(['NULL;'])
    expect(translatedBody('$IF FALSE $THEN $IF DBMS_DB_VERSION.VER_LE_10 $THEN NULL; $END $END\nNULL;')).toEqual(['NULL;'])
  })

  it('a kept $ERROR is an action item with its message; one that is not kept is dropped', () => {
    expect(() => translatedBody("$IF TRUE $THEN $ERROR 'needs 19c' $END $END")).toThrow(/\$ERROR directive: 'needs 19c'/)
    expect(translatedBody("$IF FALSE $THEN $ERROR 'needs 19c' $END $END\nNULL;")).toEqual(['NULL;'])
  })

  it('malformed directives are syntax errors at their position', () => {
    const unterminated = () => translateAnonymousBlock(src('BEGIN\n$IF TRUE $THEN NULL;\nEND;'), plsqlContext())
    expect(unterminated).toThrow(SqlSyntaxError)
    expect(unterminated).toThrow(/expected \$ELSIF or \$ELSE or \$END before the end of the unit/)
    expect(() => translateAnonymousBlock(src('BEGIN\n  $END\nEND;'), plsqlContext())).toThrow(/cc\.sql:2:3: .*\$END without \$IF/)
    expect(() => translateAnonymousBlock(src('BEGIN $IF TRUE TRUE $THEN NULL; $END END;'), plsqlContext())).toThrow(/unexpected text in the condition/)
  })
})
