import type { TokenCursor } from '../../convert/sql/cursor.js'
import type { QualifiedName, TableDef, TypeAttributeDef, TypeDef } from '../../model/schema.js'
import type { DdlCatalog } from '../ddl-reader/ddl-catalog.js'
import { addFinding, expectStatementEnd, objectLabel, readQualifiedName, sqlTextBetween, type DdlContext } from '../ddl-reader/ddl-context.js'
import { parenthesisedItems, skipItem, skipRest, stringLiteral, type TokenRange } from '../ddl-reader/ddl-syntax.js'
import { oracleLogicalType, parseNativeType } from './oracle-types.js'

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
    else if (c.acceptWords('SHARING', '=')) c.identifier('sharing mode')
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
 * LIMIT, [CASCADE]; merged into the type, and attribute changes into the object tables built on
 * it (CASCADE is what makes Oracle do the same). COMPILE is consumed with an info finding.
 */
export function readAlterType(ctx: DdlContext): void {
  const { c } = ctx
  c.expectWord('TYPE')
  const name = readQualifiedName(ctx, 'type name')
  const label = objectLabel('TYPE', name)
  if (c.acceptWord('COMPILE')) {
    skipRest(c)
    addFinding(ctx, 'ORACLE_COMPILE', 'info', label, 'ALTER TYPE … COMPILE recompiles in Oracle; nothing to convert')
    return
  }
  const existing = ctx.catalog.types.find(name)
  if (!existing) {
    skipRest(c)
    addFinding(ctx, 'DDL_UNKNOWN_OBJECT', 'warning', label, `ALTER TYPE of ${name.name}, which the scripts read do not define; not applied`)
    return
  }
  const t: MutableType = { ...existing }
  const added: TypeAttributeDef[] = []
  const dropped: string[] = []
  do {
    if (c.acceptWord('ADD') || c.acceptWord('MODIFY')) {
      const modify = c.peek(-1).value === 'MODIFY'
      if (c.acceptWord('ATTRIBUTE')) {
        const attrs = c.isOp('(') ? readAttributesAndMethods(c).attributes : [readAttribute(c, attributeRange(c))]
        for (const a of attrs) {
          const others = (t.attributes ?? []).filter((x) => x.name !== a.name)
          t.attributes = modify ? (t.attributes ?? []).map((x) => (x.name === a.name ? a : x)) : [...others, a]
          if (!modify) added.push(a)
        }
      } else if (c.acceptWord('LIMIT')) t.limit = Number(c.next().value)
      else if (c.acceptWords('ELEMENT', 'TYPE')) t.element = readElement(c, false)
      else t.methods = [...(t.methods ?? []), methodText(c)]
    } else if (c.acceptWord('DROP')) {
      if (c.acceptWord('ATTRIBUTE')) {
        const names = c.isOp('(') ? parenthesisedItems(c).map((r) => c.tokens[r.from]!.value) : [c.identifier('attribute name')]
        t.attributes = (t.attributes ?? []).filter((a) => !names.includes(a.name))
        dropped.push(...names)
      } else {
        const text = methodText(c)
        t.methods = (t.methods ?? []).filter((m) => normalise(m) !== normalise(text))
      }
    } else readTypeModifiers(c, t)
  } while (c.acceptOp(','))
  if (c.acceptWord('CASCADE')) {
    if (!c.acceptWords('NOT', 'INCLUDING', 'TABLE', 'DATA')) c.acceptWords('INCLUDING', 'TABLE', 'DATA')
    c.acceptWord('FORCE')
  } else c.acceptWord('INVALIDATE')
  expectStatementEnd(c)
  ctx.catalog.types.upsert(t)
  if (added.length || dropped.length) ctx.catalog.tables.updateAll((table) => (table.ofType && isSameOrSubtype(ctx.catalog, table.ofType, t) ? withAttributes(table, added, dropped) : table))
}

function withAttributes(table: TableDef, added: readonly TypeAttributeDef[], dropped: readonly string[]): TableDef {
  const columns = table.columns.filter((col) => !dropped.includes(col.name))
  for (const a of added) columns.push({ name: a.name, nativeType: a.nativeType, type: oracleLogicalType(a.nativeType), nullable: true })
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
