import { describe, expect, it } from 'vitest'
import { SqlSyntaxError } from '../../../../../src/core/errors.js'
import { TokenCursor } from '../../../../../src/convert/sql/cursor.js'
import { parseExpression, parseQuery, parseSqlStatement } from '../../../../../src/convert/sql/parser/index.js'
import { tokenize } from '../../../../../src/convert/sql/tokenizer.js'

const cursor = (text: string) => new TokenCursor(tokenize(text, { file: 'f.sql', line: 10, column: 3 }), text, 'f.sql')

/** Drops positions so shapes can be compared. */
function shape(x: unknown): unknown {
  return JSON.parse(JSON.stringify(x, (k, v) => (k === 'at' ? undefined : v)))
}

describe('parseExpression', () => {
  it('builds the AST by Oracle precedence', () => {
    expect(shape(parseExpression(cursor('a + b * c || d')))).toEqual({
      kind: 'binary',
      op: '||',
      left: { kind: 'binary', op: '+', left: { kind: 'column', path: ['A'] }, right: { kind: 'binary', op: '*', left: { kind: 'column', path: ['B'] }, right: { kind: 'column', path: ['C'] } } },
      right: { kind: 'column', path: ['D'] },
    })
  })

  it('reads (+), binds with fields, named arguments and quoted names', () => {
    expect(shape(parseExpression(cursor('t.c (+)')))).toEqual({ kind: 'column', path: ['T', 'C'], outerJoin: true })
    expect(shape(parseExpression(cursor(':new.salary')))).toEqual({ kind: 'bind', name: 'NEW', fields: ['SALARY'] })
    expect(shape(parseExpression(cursor('pkg.f(p_id => 1)')))).toEqual({ kind: 'call', name: ['PKG', 'F'], args: [{ name: 'P_ID', value: { kind: 'number', value: '1' } }] })
    expect(shape(parseExpression(cursor('"Mixed"."Col"')))).toEqual({ kind: 'column', path: ['Mixed', 'Col'] })
  })

  it('reads window, WITHIN GROUP and KEEP clauses', () => {
    const e = shape(parseExpression(cursor('MAX(x) KEEP (DENSE_RANK LAST ORDER BY y) OVER (PARTITION BY z)'))) as Record<string, unknown>
    expect(e.keep).toEqual({ rank: 'LAST', orderBy: [{ expr: { kind: 'column', path: ['Y'] } }] })
    expect(e.over).toEqual({ partitionBy: [{ kind: 'column', path: ['Z'] }], orderBy: [] })
  })

  it.each([
    ['x > 1 THEN', 'THEN'],
    ['a + 1 LOOP', 'LOOP'],
    ['f(1) ;', ';'],
    ['CASE WHEN a THEN b END END', 'END'],
    ['x IN (1, 2) )', ')'],
  ])('stops before what does not belong to it: %s', (text, stop) => {
    const c = cursor(text)
    parseExpression(c)
    expect(c.current.value).toBe(stop)
  })

  it('fails with the file position', () => {
    expect(() => parseExpression(cursor('a + )'))).toThrow(SqlSyntaxError)
    expect(() => parseExpression(cursor('a + )'))).toThrow(/f\.sql:10:7/)
  })
})

describe('parseQuery', () => {
  it('reads SELECT … BULK COLLECT INTO for PL/SQL', () => {
    const q = shape(parseQuery(cursor('SELECT a, b BULK COLLECT INTO v1, v2 FROM t'))) as Record<string, unknown>
    expect(q.into).toEqual({ targets: [{ kind: 'column', path: ['V1'] }, { kind: 'column', path: ['V2'] }], bulk: true })
  })

  it('attaches ORDER BY after a set operation to the whole query', () => {
    const q = shape(parseQuery(cursor('SELECT a FROM t UNION SELECT a FROM u ORDER BY 1'))) as Record<string, unknown>
    expect(q.kind).toBe('set')
    expect(q.orderBy).toEqual([{ expr: { kind: 'number', value: '1' } }])
  })

  it('reads hierarchical clauses in either order', () => {
    const a = shape(parseQuery(cursor('SELECT a FROM t START WITH a = 1 CONNECT BY PRIOR a = b'))) as Record<string, unknown>
    const b = shape(parseQuery(cursor('SELECT a FROM t CONNECT BY NOCYCLE PRIOR a = b START WITH a = 1'))) as Record<string, unknown>
    expect((a.hierarchy as Record<string, unknown>).startWith).toEqual((b.hierarchy as Record<string, unknown>).startWith)
    expect((b.hierarchy as Record<string, unknown>).noCycle).toBe(true)
  })

  it('stops at a closing parenthesis or a PL/SQL keyword', () => {
    const c = cursor('SELECT a FROM t WHERE b = 1) LOOP')
    parseQuery(c)
    expect(c.current.value).toBe(')')
  })
})

describe('parseSqlStatement', () => {
  it.each([
    ['INSERT INTO t VALUES (1)', 'insert'],
    ['INSERT ALL INTO t VALUES (1) SELECT * FROM dual', 'insert-multi'],
    ['UPDATE t SET a = 1', 'update'],
    ['DELETE t', 'delete'],
    ['MERGE INTO t USING s ON (t.a = s.a) WHEN MATCHED THEN UPDATE SET t.b = s.b', 'merge'],
    ['WITH x AS (SELECT 1 FROM dual) SELECT * FROM x', 'query'],
    ['COMMIT', 'commit'],
    ['ROLLBACK TO SAVEPOINT s1', 'rollback'],
    ['SAVEPOINT s1', 'savepoint'],
    ['LOCK TABLE t IN SHARE MODE', 'lock-table'],
    ['SET TRANSACTION READ ONLY', 'set-transaction'],
  ])('%s → %s', (text, kind) => {
    expect(parseSqlStatement(cursor(text)).kind).toBe(kind)
  })

  it('reads RETURNING … INTO', () => {
    const s = shape(parseSqlStatement(cursor('DELETE FROM t WHERE a = 1 RETURNING b INTO v'))) as Record<string, unknown>
    expect(s.returning).toEqual({ values: [{ kind: 'column', path: ['B'] }], into: { targets: [{ kind: 'column', path: ['V'] }], bulk: false } })
  })

  it('rejects DML error logging', () => {
    expect(() => parseSqlStatement(cursor("INSERT INTO t VALUES (1) LOG ERRORS INTO err$_t ('x')"))).toThrow(/LOG ERRORS/)
  })
})
