import type { TokenCursor } from '../sql/cursor.js'
import { UnsupportedConstructError } from '../translate-context.js'
import { parseExpression } from '../sql/parser/index.js'
import type { CodeUnit, Declaration, Routine, RoutineHeading, Trigger, TriggerEvent } from './plsql-ast.js'
import { parseDeclarations, parseRoutineBody, parseRoutineHeading, parseSubprogram } from './plsql-declaration-parser.js'
import { parseBlock, parseBlockBody, qualifiedName } from './plsql-parser.js'
import { unsupportedPipelining } from './pipelined.js'

/**
 * `CREATE [OR REPLACE] [EDITIONABLE] FUNCTION | PROCEDURE | TRIGGER | PACKAGE [BODY] | TYPE BODY …`
 * into a CodeUnit. The statement may end with `;` or not (the script reader strips the `/`).
 */
export function parseCodeUnit(c: TokenCursor): CodeUnit {
  c.expectWord('CREATE')
  c.acceptWords('OR', 'REPLACE')
  if (!c.acceptWord('EDITIONABLE') && !c.acceptWord('NONEDITIONABLE')) c.acceptWord('EDITIONING')
  if (c.isWord('FUNCTION') || c.isWord('PROCEDURE')) return parseStandaloneRoutine(c)
  if (c.acceptWord('TRIGGER')) return parseTrigger(c)
  if (c.acceptWord('PACKAGE')) return parsePackage(c)
  if (c.acceptWords('TYPE', 'BODY')) return parseTypeBody(c)
  return c.fail('expected FUNCTION, PROCEDURE, TRIGGER, PACKAGE or TYPE BODY')
}

/** The optional `schema.` before a trigger, package or type name. */
function schemaPrefix(c: TokenCursor): string | undefined {
  if (c.isIdentifier() && c.isOp('.', 1) && c.isIdentifier(2)) {
    const schema = c.identifier()
    c.next()
    return schema
  }
  return undefined
}

function parseStandaloneRoutine(c: TokenCursor): CodeUnit {
  const heading = parseRoutineHeading(c)
  // These have no body of their own (the implementation type or package holds the code).
  const unsupported = unsupportedPipelining(heading)
  if (unsupported) throw new UnsupportedConstructError(unsupported, heading.at)
  return { kind: 'routine', routine: parseRoutineBody(c, heading), schema: heading.schema }
}

function parseTrigger(c: TokenCursor): CodeUnit {
  const at = c.location()
  const schema = schemaPrefix(c)
  const name = c.identifier('trigger name')
  let timing: Trigger['timing']
  if (c.acceptWord('BEFORE')) timing = 'BEFORE'
  else if (c.acceptWord('AFTER')) timing = 'AFTER'
  else if (c.acceptWords('INSTEAD', 'OF')) timing = 'INSTEAD OF'
  else if (c.isWord('FOR')) throw new UnsupportedConstructError(`compound trigger ${name}: split it into separate BEFORE/AFTER row and statement triggers`, at)
  else return c.fail('expected BEFORE, AFTER, INSTEAD OF or FOR')
  const events: TriggerEvent[] = []
  do {
    const event = c.identifier('trigger event')
    if (event !== 'INSERT' && event !== 'UPDATE' && event !== 'DELETE') {
      throw new UnsupportedConstructError(`${name} fires on ${event} (a DDL or database event); PostgreSQL needs an event trigger written by hand`, at)
    }
    const columns: string[] = []
    if (event === 'UPDATE' && c.acceptWord('OF')) {
      do {
        columns.push(c.identifier('column'))
      } while (c.acceptOp(','))
    }
    events.push({ event, columns: columns.length > 0 ? columns : undefined })
  } while (c.acceptWord('OR'))
  c.expectWord('ON')
  if (c.isWord('NESTED')) throw new UnsupportedConstructError(`${name} is an INSTEAD OF trigger on a nested table column; PostgreSQL has no nested tables`, at)
  if (c.isWord('DATABASE') || c.isWord('SCHEMA')) throw new UnsupportedConstructError(`${name} is a database/schema event trigger; write a PostgreSQL event trigger by hand`, at)
  const table = qualifiedName(c)
  const referencing = { NEW: 'NEW', OLD: 'OLD' }
  let forEachRow = false
  let when: Trigger['when']
  let disabled = false
  let ordering: string | undefined
  for (;;) {
    if (c.acceptWord('REFERENCING')) {
      while (c.isWord('NEW') || c.isWord('OLD') || c.isWord('PARENT')) {
        const which = c.next().value
        c.acceptWord('AS')
        const alias = c.identifier('alias')
        if (which === 'NEW' || which === 'OLD') referencing[which] = alias
      }
    } else if (c.acceptWords('FOR', 'EACH', 'ROW')) forEachRow = true
    else if (c.isWord('FOLLOWS') || c.isWord('PRECEDES')) {
      const start = c.pos
      c.next()
      do qualifiedName(c)
      while (c.acceptOp(','))
      ordering = c.textBetween(start)
    } else if (c.acceptWord('ENABLE')) disabled = false
    else if (c.acceptWord('DISABLE')) disabled = true
    else if (c.acceptWord('WHEN')) {
      c.expectOp('(')
      when = parseExpression(c)
      c.expectOp(')')
    } else break
  }
  if (c.isWord('COMPOUND')) throw new UnsupportedConstructError(`compound trigger ${name}: split it into separate BEFORE/AFTER row and statement triggers`, at)
  if (c.isWord('CALL')) throw new UnsupportedConstructError(`${name} uses CALL routine as its body; wrap the call in a BEGIN … END block`, at)
  const block = parseBlock(c)
  return { kind: 'trigger', trigger: { name, timing, events, table, forEachRow, referencing, when, disabled, ordering, block, at }, schema }
}

function parsePackage(c: TokenCursor): CodeUnit {
  const at = c.location()
  const isBody = c.acceptWord('BODY')
  const schema = schemaPrefix(c)
  const name = c.identifier('package name')
  while (!c.isWord('IS') && !c.isWord('AS') && !c.atEnd()) c.next() // AUTHID, ACCESSIBLE BY, SHARING
  c.next()
  if (!isBody) {
    const declarations = parseDeclarations(c)
    endOfUnit(c)
    return { kind: 'package', spec: { name, declarations, at }, schema }
  }
  const declarations = parseDeclarations(c)
  const initialization = c.isWord('BEGIN') ? parseBlockBody(c, [], c.location()) : (endOfUnit(c), undefined)
  return { kind: 'package-body', body: { name, declarations, initialization, at }, schema }
}

function parseTypeBody(c: TokenCursor): CodeUnit {
  const at = c.location()
  const schema = schemaPrefix(c)
  const name = [c.identifier('type name')]
  if (!c.acceptWord('IS')) c.expectWord('AS')
  const methods: Routine[] = []
  while (!c.isWord('END') && !c.atEnd()) {
    c.acceptWord('OVERRIDING')
    c.acceptWord('FINAL')
    c.acceptWord('INSTANTIABLE')
    const method = methodKind(c)
    const declaration: Declaration = parseSubprogram(c, method)
    if (declaration.kind === 'subprogram') methods.push(declaration.routine)
  }
  endOfUnit(c)
  return { kind: 'type-body', typeBody: { name, methods, at }, schema }
}

function methodKind(c: TokenCursor): RoutineHeading['method'] {
  if (c.acceptWord('MEMBER')) return 'member'
  if (c.acceptWord('STATIC')) return 'static'
  if (c.acceptWord('CONSTRUCTOR')) return 'constructor'
  for (const kind of ['MAP', 'ORDER'] as const) {
    if (c.acceptWord(kind)) {
      c.expectWord('MEMBER')
      return kind === 'MAP' ? 'map' : 'order'
    }
  }
  return c.fail('expected MEMBER, STATIC, CONSTRUCTOR, MAP or ORDER')
}

function endOfUnit(c: TokenCursor): void {
  c.expectWord('END')
  if (c.isIdentifier()) c.next()
  c.acceptOp(';')
}
