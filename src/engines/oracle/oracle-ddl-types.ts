import type { TokenCursor } from '../../convert/sql/cursor.js'
import type { QualifiedName, TableDef, TypeAttributeDef, TypeDef } from '../../model/schema.js'
import type { DdlCatalog } from '../ddl-reader/ddl-catalog.js'
import { addFinding, expectStatementEnd, objectLabel, readQualifiedName, sqlTextBetween, type DdlContext } from '../ddl-reader/ddl-context.js'
import { parenthesisedItems, skipItem, skipRest, stringLiteral, type TokenRange } from '../ddl-reader/ddl-syntax.js'
import { oracleLogicalType, parseNativeType } from './oracle-types.js'
import { readSharing } from './oracle-ddl-sharing.js'

type MutableType = { -readonly [K in keyof TypeDef]: TypeDef[K] }

/** Words an object type's list entry starts with when it declares a method, not an attribute. */
const METHOD_WORDS = new Set(['MEMBER', 'STATIC', 'MAP', 'ORDER', 'CONSTRUCTOR', 'FINAL', 'INSTANTIABLE', 'OVERRIDING', 'NOT', 'PRAGMA'])

/**
 * CREATE TYPE … AS OBJECT (…) | AS VARRAY(n) OF … | AS TABLE OF … | UNDER super (…), and the
 * forward declaration `CREATE TYPE x;` (after `CREATE [OR REPLACE]`). TYPE BODY is code, read elsewhere.
 */
export function readCreateType(ctx: DdlContext): void {
  const { c } = ctx
  c.expectWord('TYPE')
  c.acceptWords('IF', 'NOT', 'EXISTS')
  const name = readQualifiedName(ctx, 'type name')
  const t: MutableType = { ...name, kind: 'forward', source: { text: '' } }
  for (;;) {
    if (c.acceptWord('FORCE')) continue
    if (c.acceptWord('OID')) stringLiteral(c, 'OID')
    else if (readSharing(ctx, objectLabel('TYPE', name))) continue
    else if (c.acceptWord('AUTHID')) c.identifier('AUTHID value')
    else if (c.acceptWords('ACCESSIBLE', 'BY')) c.skipParens()
    else break
  }
  if (c.acceptWord('IS') || c.acceptWord('AS')) {
    if (c.acceptWord('OBJECT')) {
      t.kind = 'object'
      readTypeBody(c, t)
    } else if (c.acceptWord('VARRAY') || c.acceptWords('VARYING', 'ARRAY')) {
      t.kind = 'varray'
      c.expectOp('(')
      t.limit = Number(c.next().value)
      c.expectOp(')')
      t.element = readElement(c)
    } else if (c.acceptWords('TABLE', 'OF')) {
      t.kind = 'nested-table'
      t.element = readElement(c, false)
    } else c.fail('expected OBJECT, VARRAY or TABLE OF')
  } else if (c.acceptWord('UNDER')) {
    t.kind = 'object'
    t.under = readQualifiedName(ctx, 'supertype name')
    readTypeBody(c, t)
  }
  readTypeModifiers(c, t)
  expectStatementEnd(c)
  t.source = sqlTextBetween(c, 0, c.tokens.length - 1)
  ctx.catalog.types.upsert(t)
}

function readElement(c: TokenCursor, expectOf = true): NonNullable<TypeDef['element']> {
  if (expectOf) c.expectWord('OF')
  const nativeType = parseNativeType(c)
  c.acceptWords('NOT', 'NULL')
  return { nativeType, type: oracleLogicalType(nativeType) }
}

function readTypeBody(c: TokenCursor, t: MutableType): void {
  if (!c.isOp('(')) return
  const { attributes, methods } = readAttributesAndMethods(c)
  t.attributes = attributes
  if (methods.length) t.methods = methods
}

/** `(attr type, …, MEMBER FUNCTION …)`: attributes parsed, methods kept verbatim. */
function readAttributesAndMethods(c: TokenCursor): { attributes: TypeAttributeDef[]; methods: string[] } {
  const items = parenthesisedItems(c)
  const after = c.pos
  const attributes: TypeAttributeDef[] = []
  const methods: string[] = []
  for (const item of items) {
    const first = c.tokens[item.from]!
    if (first.kind === 'word' && METHOD_WORDS.has(first.value)) methods.push(c.textBetween(item.from, item.to))
    else attributes.push(readAttribute(c, item))
  }
  c.pos = after
  return { attributes, methods }
}

function readAttribute(c: TokenCursor, item: TokenRange): TypeAttributeDef {
  c.pos = item.from
  const name = c.identifier('attribute name')
  const nativeType = parseNativeType(c)
  if (c.pos !== item.to) c.fail(`unexpected text after the type of attribute ${name}`)
  return { name, nativeType, type: oracleLogicalType(nativeType) }
}

/** `[NOT] FINAL`, `[NOT] INSTANTIABLE`, `[NOT] PERSISTABLE`, in any order. */
function readTypeModifiers(c: TokenCursor, t: MutableType): void {
  for (;;) {
    const not = c.acceptWord('NOT')
    if (c.acceptWord('FINAL')) t.final = !not
    else if (c.acceptWord('INSTANTIABLE')) t.instantiable = !not
    else if (c.acceptWord('PERSISTABLE')) continue
    else if (not) c.fail('expected FINAL, INSTANTIABLE or PERSISTABLE')
    else return
  }
}

/** An object type's attributes, its supertypes' first; undefined when the type (or a supertype) is unknown. */
export function objectTypeAttributes(catalog: DdlCatalog, q: QualifiedName, depth = 0): TypeAttributeDef[] | undefined {
  const t = catalog.types.find(q)
  if (!t || t.kind !== 'object' || depth > 20) return undefined
  const inherited = t.under ? objectTypeAttributes(catalog, t.under, depth + 1) : []
  return inherited && [...inherited, ...(t.attributes ?? [])]
}

function isSameOrSubtype(catalog: DdlCatalog, q: QualifiedName, ancestor: TypeDef): boolean {
  let t = catalog.types.find(q)
  for (let depth = 0; t && depth < 20; depth++) {
    if (t.name === ancestor.name && t.schema === ancestor.schema) return true
    t = t.under && catalog.types.find(t.under)
  }
  return false
}

/**
 * ALTER TYPE … ADD|DROP|MODIFY ATTRIBUTE, ADD|DROP methods, [NOT] FINAL/INSTANTIABLE, MODIFY
 * LIMIT, MODIFY ELEMENT TYPE, REPLACE AS OBJECT (…), then the dependent handling clause
 * (INVALIDATE | CASCADE [[NOT] INCLUDING TABLE DATA | CONVERT TO SUBSTITUTABLE] [[FORCE]
 * EXCEPTIONS INTO t]); merged into the type, so CREATE TYPE is written with the final attributes,
 * and attribute changes into the object tables built on it (CASCADE is what makes Oracle do the
 * same). COMPILE, RESET and [NON]EDITIONABLE are consumed with an info finding.
 */
export function readAlterType(ctx: DdlContext): void {
  const { c } = ctx
  c.expectWord('TYPE')
  const name = readQualifiedName(ctx, 'type name')
  const label = objectLabel('TYPE', name)
  const oracleOnly = ['COMPILE', 'RESET', 'EDITIONABLE', 'NONEDITIONABLE'].find((w) => c.isWord(w))
  if (oracleOnly) {
    skipRest(c)
    addFinding(ctx, 'ORACLE_COMPILE', 'info', label, `ALTER TYPE … ${oracleOnly} ${oracleOnly === 'COMPILE' ? 'recompiles' : oracleOnly === 'RESET' ? 'resets the type version' : 'sets the editioning'} in Oracle; PostgreSQL has no counterpart and needs none, so nothing is written`)
    return
  }
  const existing = ctx.catalog.types.find(name)
  if (!existing) {
    skipRest(c)
    addFinding(ctx, 'DDL_UNKNOWN_OBJECT', 'warning', label, `ALTER TYPE of ${name.name}, which the scripts read do not define; not applied`)
    return
  }
  const t: MutableType = { ...existing }
  const changes: AttributeChanges = { set: [], dropped: [] }
  if (c.acceptWord('REPLACE')) readReplace(ctx, t, changes)
  else readAlterClauses(c, t, changes)
  readDependentHandling(c)
  expectStatementEnd(c)
  ctx.catalog.types.upsert(t)
  if (changes.set.length || changes.dropped.length) ctx.catalog.tables.updateAll((table) => (table.ofType && isSameOrSubtype(ctx.catalog, table.ofType, t) ? withAttributes(table, changes) : table))
}

/** Attributes added or modified (their final definition) and dropped by one ALTER TYPE. */
interface AttributeChanges {
  readonly set: TypeAttributeDef[]
  readonly dropped: string[]
}

function readAlterClauses(c: TokenCursor, t: MutableType, changes: AttributeChanges): void {
  do {
    if (c.acceptWord('ADD') || c.acceptWord('MODIFY')) {
      const modify = c.peek(-1).value === 'MODIFY'
      if (c.acceptWord('ATTRIBUTE')) {
        const attrs = c.isOp('(') ? readAttributesAndMethods(c).attributes : [readAttribute(c, attributeRange(c))]
        for (const a of attrs) {
          const others = (t.attributes ?? []).filter((x) => x.name !== a.name)
          t.attributes = modify ? (t.attributes ?? []).map((x) => (x.name === a.name ? a : x)) : [...others, a]
          changes.set.push(a)
        }
      } else if (c.acceptWord('LIMIT')) t.limit = Number(c.next().value)
      else if (c.acceptWords('ELEMENT', 'TYPE')) t.element = readElement(c, false)
      else t.methods = [...(t.methods ?? []), methodText(c)]
    } else if (c.acceptWord('DROP')) {
      if (c.acceptWord('ATTRIBUTE')) {
        const names = c.isOp('(') ? parenthesisedItems(c).map((r) => c.tokens[r.from]!.value) : [c.identifier('attribute name')]
        t.attributes = (t.attributes ?? []).filter((a) => !names.includes(a.name))
        changes.dropped.push(...names)
      } else {
        const text = methodText(c)
        t.methods = (t.methods ?? []).filter((m) => normalise(m) !== normalise(text))
      }
    } else readTypeModifiers(c, t)
  } while (c.acceptOp(','))
}

/** REPLACE [AUTHID …] [ACCESSIBLE BY (…)] AS OBJECT (attributes, methods): the new specification. */
function readReplace(ctx: DdlContext, t: MutableType, changes: AttributeChanges): void {
  const { c } = ctx
  for (;;) {
    if (c.acceptWord('AUTHID')) c.identifier('AUTHID value')
    else if (c.acceptWords('ACCESSIBLE', 'BY')) c.skipParens()
    else break
  }
  if (!c.acceptWord('AS')) c.expectWord('IS')
  c.expectWord('OBJECT')
  const before = t.attributes ?? []
  const { attributes: after, methods } = readAttributesAndMethods(c)
  t.attributes = after
  t.methods = methods.length ? methods : undefined
  changes.dropped.push(...before.filter((a) => !after.some((x) => x.name === a.name)).map((a) => a.name))
  changes.set.push(...after.filter((a) => !before.some((x) => x.name === a.name && JSON.stringify(x.nativeType) === JSON.stringify(a.nativeType))))
  readTypeModifiers(c, t)
}

/** INVALIDATE | CASCADE [[NOT] INCLUDING TABLE DATA | CONVERT TO SUBSTITUTABLE] [[FORCE] EXCEPTIONS INTO t]: how Oracle treats dependents, which PostgreSQL's CREATE TYPE has none of yet. */
function readDependentHandling(c: TokenCursor): void {
  if (c.acceptWord('INVALIDATE')) return
  if (!c.acceptWord('CASCADE')) return
  if (!c.acceptWords('NOT', 'INCLUDING', 'TABLE', 'DATA') && !c.acceptWords('INCLUDING', 'TABLE', 'DATA')) c.acceptWords('CONVERT', 'TO', 'SUBSTITUTABLE')
  c.acceptWord('FORCE')
  if (c.acceptWords('EXCEPTIONS', 'INTO')) {
    c.identifier('exceptions table')
    if (c.acceptOp('.')) c.identifier('exceptions table')
  }
}

/** An object table's columns after its type changed: modified attributes keep their place, added ones come last. */
function withAttributes(table: TableDef, changes: AttributeChanges): TableDef {
  const columns = table.columns.filter((col) => !changes.dropped.includes(col.name))
  for (const a of changes.set) {
    const column = { nativeType: a.nativeType, type: oracleLogicalType(a.nativeType) }
    const at = columns.findIndex((col) => col.name === a.name)
    if (at >= 0) columns[at] = { ...columns[at]!, ...column }
    else columns.push({ name: a.name, ...column, nullable: true })
  }
  return { ...table, columns }
}

/** `attr type` without parentheses: up to `,`, CASCADE/INVALIDATE or the end. */
function attributeRange(c: TokenCursor): TokenRange {
  const from = c.pos
  let to = from
  while (!c.isOp(',', to - from) && !c.isWord('CASCADE', to - from) && !c.isWord('INVALIDATE', to - from) && !c.isOp(';', to - from) && c.peek(to - from).kind !== 'eof') to++
  return { from, to }
}

/** A method specification in ALTER TYPE ADD/DROP: up to `,` at depth 0, CASCADE or the end. */
function methodText(c: TokenCursor): string {
  const from = c.pos
  while (!c.atEnd() && !c.isOp(',') && !c.isOp(';') && !c.isWord('CASCADE') && !c.isWord('INVALIDATE')) skipItem(c)
  return c.textBetween(from)
}

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').toUpperCase()
}
