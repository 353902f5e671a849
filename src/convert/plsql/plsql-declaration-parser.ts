import type { SourceLocation } from '../../model/location.js'
import { parseNativeType } from '../../engines/oracle/oracle-types.js'
import type { TokenCursor } from '../sql/cursor.js'
import { parseExpression, parseQuery } from '../sql/parser/index.js'
import { UnsupportedConstructError } from '../translate-context.js'
import type { Declaration, Param, Pipelined, PlType, RecordField, Routine, RoutineHeading } from './plsql-ast.js'
import { parseBlockBody } from './plsql-parser.js'

/**
 * PL/SQL declarations (Oracle PL/SQL Language Reference, "Block", declare section): variables,
 * constants, cursors, exceptions, pragmas, collection types and subprograms with their headings.
 */

const ROUTINE_OPTIONS = ['DETERMINISTIC', 'RESULT_CACHE']

/** Declarations up to BEGIN or END (the start of a body, or the end of a package). */
export function parseDeclarations(c: TokenCursor): Declaration[] {
  const out: Declaration[] = []
  while (!c.isWord('BEGIN') && !c.isWord('END') && !c.atEnd()) out.push(parseDeclaration(c))
  return out
}

function parseDeclaration(c: TokenCursor): Declaration {
  const at = c.location()
  if (c.isWord('FUNCTION') || c.isWord('PROCEDURE')) return parseSubprogram(c)
  if (c.acceptWord('PRAGMA')) {
    const name = c.identifier('pragma name')
    if (name === 'EXCEPTION_INIT') {
      c.expectOp('(')
      const exception = c.identifier('exception name')
      c.expectOp(',')
      const minus = c.acceptOp('-')
      const code = Number(c.next().value) * (minus ? -1 : 1)
      c.expectOp(')')
      c.expectOp(';')
      return { kind: 'exception-init', name: exception, code, at }
    }
    if (c.isOp('(')) c.skipParens()
    c.expectOp(';')
    return { kind: 'pragma', name, at }
  }
  if (c.acceptWord('CURSOR')) {
    const name = c.identifier('cursor name')
    const params = c.isOp('(') ? parseParams(c) : []
    if (c.acceptWord('RETURN')) parseType(c)
    c.expectWord('IS')
    const query = parseQuery(c)
    c.expectOp(';')
    return { kind: 'cursor', name, params, query, at }
  }
  if (c.acceptWord('SUBTYPE')) return parseTypeDeclaration(c, true, at)
  if (c.acceptWord('TYPE')) return parseTypeDeclaration(c, false, at)
  const name = c.identifier('declaration name')
  if (c.acceptWord('EXCEPTION')) {
    c.expectOp(';')
    return { kind: 'exception', name, at }
  }
  const constant = c.acceptWord('CONSTANT')
  const type = parseType(c)
  const notNull = c.acceptWords('NOT', 'NULL')
  const init = c.acceptOp(':=') || c.acceptWord('DEFAULT') ? parseExpression(c) : undefined
  c.expectOp(';')
  return { kind: 'variable', name, type, constant, notNull, init, at }
}

function parseTypeDeclaration(c: TokenCursor, subtype: boolean, at: SourceLocation): Declaration {
  const name = c.identifier('type name')
  c.expectWord('IS')
  if (subtype) return parseSubtype(c, name, at)
  if (c.acceptWord('RECORD')) {
    const fields = parseRecordFields(c)
    c.expectOp(';')
    return { kind: 'record-type', name, fields, at }
  }
  if (c.acceptWords('REF', 'CURSOR')) {
    // The RETURN type only lets Oracle check fetches at compile time; a refcursor takes any row.
    if (c.acceptWord('RETURN')) parseType(c)
    c.expectOp(';')
    return { kind: 'subtype', name, base: { kind: 'native', native: { name: 'SYS_REFCURSOR', text: 'SYS_REFCURSOR' } }, notNull: false, at }
  }
  const collection = c.acceptWord('VARRAY') || c.acceptWords('VARYING', 'ARRAY') || c.isWord('TABLE')
  if (!collection) throw new UnsupportedConstructError(`PL/SQL type ${name}: only RECORD, REF CURSOR, VARRAY and TABLE OF types have a PostgreSQL form`, at)
  if (c.isOp('(')) c.skipParens()
  c.acceptWord('TABLE')
  c.expectWord('OF')
  const element = parseType(c)
  c.acceptWords('NOT', 'NULL')
  if (c.acceptWords('INDEX', 'BY')) {
    const key = parseNativeType(c)
    if (!['PLS_INTEGER', 'BINARY_INTEGER', 'INTEGER'].includes(key.name)) {
      throw new UnsupportedConstructError(`associative array ${name} indexed by ${key.text} has no PostgreSQL array form; use a jsonb or hstore map by hand`, at)
    }
  }
  c.expectOp(';')
  return { kind: 'collection-type', name, element, at }
}

/** `(field type [NOT NULL] [:= | DEFAULT expr], …)` of a RECORD type. */
function parseRecordFields(c: TokenCursor): RecordField[] {
  const fields: RecordField[] = []
  c.expectOp('(')
  do {
    const name = c.identifier('record field name')
    const type = parseType(c)
    const notNull = c.acceptWords('NOT', 'NULL')
    const init = c.acceptOp(':=') || c.acceptWord('DEFAULT') ? parseExpression(c) : undefined
    fields.push({ name, type, notNull, default: init })
  } while (c.acceptOp(','))
  c.expectOp(')')
  return fields
}

/** `SUBTYPE s IS base[(…)] [NOT NULL] [RANGE low .. high]`. */
function parseSubtype(c: TokenCursor, name: string, at: SourceLocation): Declaration {
  const base = parseType(c)
  let range: string | undefined
  if (c.acceptWord('RANGE')) {
    const from = c.pos
    while (!c.isOp(';') && !c.isWord('NOT') && !c.atEnd()) c.next()
    range = c.textBetween(from, c.pos)
  }
  const notNull = c.acceptWords('NOT', 'NULL')
  c.expectOp(';')
  return { kind: 'subtype', name, base, notNull, range, at }
}

/** A declared type: `x%TYPE`, `t%ROWTYPE`, or a datatype (built-in or user-defined). */
export function parseType(c: TokenCursor): PlType {
  const start = c.pos
  if (c.isIdentifier()) {
    const path = [c.identifier()]
    while (c.acceptOp('.')) path.push(c.identifier())
    if (c.acceptOp('%')) {
      const attribute = c.identifier('TYPE or ROWTYPE')
      if (attribute !== 'TYPE' && attribute !== 'ROWTYPE') c.fail('expected TYPE or ROWTYPE')
      return { kind: 'anchored', path, attribute }
    }
    c.pos = start
  }
  return { kind: 'native', native: parseNativeType(c) }
}

/** `(name [IN|OUT|IN OUT] [NOCOPY] type [:= | DEFAULT expr], …)` */
export function parseParams(c: TokenCursor): Param[] {
  const params: Param[] = []
  c.expectOp('(')
  do {
    const name = c.identifier('parameter name')
    let mode: Param['mode'] = 'IN'
    if (c.acceptWord('IN')) mode = c.acceptWord('OUT') ? 'IN OUT' : 'IN'
    else if (c.acceptWord('OUT')) mode = 'OUT'
    c.acceptWord('NOCOPY')
    const type = parseType(c)
    const init = c.acceptOp(':=') || c.acceptWord('DEFAULT') ? parseExpression(c) : undefined
    params.push({ name, mode, type, default: init })
  } while (c.acceptOp(','))
  c.expectOp(')')
  return params
}

/** `FUNCTION f(…) RETURN t` / `PROCEDURE p(…)`, with the options Oracle allows before IS. */
export function parseRoutineHeading(c: TokenCursor, method?: RoutineHeading['method']): RoutineHeading {
  const at = c.location()
  const kind = c.acceptWord('FUNCTION') ? 'function' : (c.expectWord('PROCEDURE'), 'procedure')
  let name = c.identifier('routine name')
  let schema: string | undefined
  if (c.acceptOp('.')) {
    schema = name
    name = c.identifier('routine name')
  }
  const params = c.isOp('(') ? parseParams(c) : []
  let returns: PlType | undefined
  if (kind === 'function') {
    c.expectWord('RETURN')
    if (c.acceptWords('SELF', 'AS', 'RESULT')) returns = undefined
    else returns = parseType(c)
  }
  let pipelined: Pipelined | undefined
  let parallel: string | undefined
  for (;;) {
    if (ROUTINE_OPTIONS.some((w) => c.acceptWord(w))) {
      if (c.isOp('(')) c.skipParens()
    } else if (c.acceptWord('PIPELINED')) pipelined = { implementation: pipelinedImplementation(c) }
    else if (c.isWord('PARALLEL_ENABLE')) parallel = parallelEnable(c)
    else if (c.acceptWord('AUTHID')) c.next()
    else if (c.acceptWord('ACCESSIBLE')) skipAccessibleBy(c)
    else break
  }
  // PARALLEL_ENABLE alone is a hint PostgreSQL plans without; it matters only beside PIPELINED.
  return { kind, name, schema, params, returns, method, pipelined: pipelined && { ...pipelined, parallel }, at }
}

/** After PIPELINED: `USING impl_type` or `ROW|TABLE POLYMORPHIC [USING pkg]`, as written. */
function pipelinedImplementation(c: TokenCursor): string | undefined {
  const start = c.pos
  if ((c.isWord('ROW') || c.isWord('TABLE')) && c.isWord('POLYMORPHIC', 1)) c.pos += 2
  else if (!c.isWord('USING')) return undefined
  if (c.acceptWord('USING')) qualifiedTypeName(c)
  return c.textBetween(start)
}

/** `PARALLEL_ENABLE [(PARTITION p BY …)] [ORDER|CLUSTER expr BY (cols)]`, as written. */
function parallelEnable(c: TokenCursor): string {
  const start = c.pos
  c.expectWord('PARALLEL_ENABLE')
  if (c.isOp('(')) c.skipParens()
  if (c.acceptWord('ORDER') || c.acceptWord('CLUSTER')) {
    parseExpression(c)
    c.expectWord('BY')
    c.skipParens()
  }
  return c.textBetween(start)
}

function qualifiedTypeName(c: TokenCursor): void {
  c.identifier('type or package name')
  while (c.acceptOp('.')) c.identifier()
}

/** A subprogram with its body (`IS … END;`), or a forward declaration / spec (`;`). */
export function parseSubprogram(c: TokenCursor, method?: RoutineHeading['method']): Declaration {
  const heading = parseRoutineHeading(c, method)
  if (c.acceptOp(';')) return { kind: 'subprogram-spec', routine: heading }
  return { kind: 'subprogram', routine: parseRoutineBody(c, heading) }
}

/** `IS|AS [decls] BEGIN … END [name];` after a heading; external (LANGUAGE/EXTERNAL) bodies are refused. */
export function parseRoutineBody(c: TokenCursor, heading: RoutineHeading): Routine {
  if (!c.acceptWord('IS')) c.expectWord('AS')
  if (c.isWord('LANGUAGE') || c.isWord('EXTERNAL')) {
    throw new UnsupportedConstructError(`${heading.name} is an external (C or Java) routine; PostgreSQL needs it rewritten`, heading.at)
  }
  const declarations = parseDeclarations(c)
  return { ...heading, block: parseBlockBody(c, declarations, heading.at) }
}

function skipAccessibleBy(c: TokenCursor): void {
  c.expectWord('BY')
  c.skipParens()
}
