import { describe, expect, it } from 'vitest'
import { tokenize } from '../../../../src/convert/sql/tokenizer.js'
import { findPackageVariables } from '../../../../src/convert/assess/package-variables.js'

function names(source: string, isBody: boolean): string[] {
  const tokens = tokenize(source)
  return findPackageVariables(tokens, isBody).map((i) => tokens[i]!.value)
}

describe('findPackageVariables', () => {
  it.each<[string, string, boolean, string[]]>([
    ['spec with a variable', 'CREATE PACKAGE p AS g_count NUMBER := 0; PROCEDURE run(a IN NUMBER); END p;', false, ['G_COUNT']],
    ['spec with constants, exceptions, types, cursors only', 'CREATE PACKAGE p AUTHID DEFINER AS c_max CONSTANT NUMBER := 10; e_bad EXCEPTION; TYPE t IS TABLE OF NUMBER; CURSOR c IS SELECT 1 FROM dual; PRAGMA SERIALLY_REUSABLE; FUNCTION f RETURN NUMBER; END;', false, []],
    ['spec variables after subprograms', 'CREATE PACKAGE p IS PROCEDURE a; g_last DATE; g_name VARCHAR2(30); END;', false, ['G_LAST', 'G_NAME']],
    ['body: only declarations before the first subprogram', 'CREATE PACKAGE BODY p IS g_cache NUMBER; PROCEDURE a IS v_local NUMBER; BEGIN NULL; END a; END p;', true, ['G_CACHE']],
    ['body without state', 'CREATE PACKAGE BODY p AS FUNCTION f RETURN NUMBER IS n NUMBER := 1; BEGIN RETURN n; END; END;', true, []],
    ['quoted variable name', 'CREATE PACKAGE p AS "State" NUMBER; END;', false, ['State']],
  ])('%s', (_title, source, isBody, expected) => {
    expect(names(source, isBody)).toEqual(expected)
  })
})
