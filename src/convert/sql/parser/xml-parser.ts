import { parseNativeType } from '../../../engines/oracle/oracle-types.js'
import type { NativeType } from '../../../model/schema.js'
import type { Expr, FromItem, XmlTableColumn } from '../ast.js'
import { UnsupportedConstructError } from '../../translate-context.js'
import type { TokenCursor } from '../cursor.js'
import { parseExpression } from './expression-parser.js'
import { refuse } from './refuse.js'
import { prefixElementNames } from './xpath-prefix.js'

/**
 * `XMLELEMENT([ENTITYESCAPING|NOENTITYESCAPING] [NAME] identifier | EVALNAME expr
 * [, XMLATTRIBUTES(…)] [, value [[AS] alias]]…)` (the cursor is at XMLELEMENT). An element name
 * computed at run time (EVALNAME) and NOENTITYESCAPING have no PostgreSQL form: they fail here
 * with their position, as does an aliased content value (Oracle's object-type content).
 */
export function parseXmlElement(c: TokenCursor): Expr {
  const at = c.location()
  c.expectWord('XMLELEMENT')
  c.expectOp('(')
  if (c.isWord('NOENTITYESCAPING')) refuse(c, 'XMLELEMENT NOENTITYESCAPING: PostgreSQL always escapes element content')
  c.acceptWord('ENTITYESCAPING')
  if (c.isWord('EVALNAME')) refuse(c, 'XMLELEMENT EVALNAME: PostgreSQL takes element names as written, not computed')
  if (c.isWord('NAME') && (c.isIdentifier(1) || c.peek().kind === 'string')) c.next()
  const name = c.current.kind === 'string' ? c.next().value : c.identifier('element name')
  const attributes: Array<{ value: Expr; name: string }> = []
  const content: Expr[] = []
  while (c.acceptOp(',')) {
    if (c.isWord('XMLATTRIBUTES') && c.isOp('(', 1) && attributes.length === 0 && content.length === 0) {
      c.pos += 2
      if (c.isWord('NOENTITYESCAPING')) refuse(c, 'XMLATTRIBUTES NOENTITYESCAPING: PostgreSQL always escapes attribute values')
      c.acceptWord('ENTITYESCAPING')
      if (!c.acceptWord('NOSCHEMACHECK')) c.acceptWord('SCHEMACHECK')
      do attributes.push(parseAttribute(c))
      while (c.acceptOp(','))
      c.expectOp(')')
      continue
    }
    content.push(parseExpression(c))
    if (c.isWord('AS') || (c.isIdentifier() && !c.isOp(',') && !c.isOp(')'))) refuse(c, 'XMLELEMENT content with an alias (object-type content) is not supported')
  }
  c.expectOp(')')
  return { kind: 'xml-element', name, attributes, content, at }
}

/**
 * `XMLFOREST(value [AS name], …)`: one element per non-NULL value, named by its alias or its
 * column, which is `XMLCONCAT(CASE WHEN v IS NOT NULL THEN XMLELEMENT("name", v) END, …)`
 * (XMLCONCAT skips NULLs; every value NULL gives NULL, as in Oracle).
 */
export function parseXmlForest(c: TokenCursor): Expr {
  const at = c.location()
  c.expectWord('XMLFOREST')
  c.expectOp('(')
  const elements: Expr[] = []
  do {
    const { value, name } = parseAttribute(c)
    const element: Expr = { kind: 'xml-element', name, attributes: [], content: [value], at }
    elements.push({ kind: 'case', whens: [{ when: { kind: 'is-null', negated: true, expr: value }, then: element }] })
  } while (c.acceptOp(','))
  c.expectOp(')')
  return { kind: 'call', name: ['XMLCONCAT'], args: elements.map((value) => ({ value })), at }
}

/**
 * `XMLEXISTS('xpath' PASSING [BY VALUE | BY REF] doc)`: read as the call XMLEXISTS(path, doc);
 * an XQuery expression or named or several PASSING values fail here with their position.
 */
export function parseXmlExists(c: TokenCursor): Expr {
  const at = c.location()
  c.expectWord('XMLEXISTS')
  c.expectOp('(')
  const pathToken = c.current
  const path = parseExpression(c)
  if (path.kind === 'string' && XQUERY.test(path.value)) refuse(c, 'XMLEXISTS with an XQuery expression: PostgreSQL evaluates XPath 1.0 paths only', pathToken)
  c.expectWord('PASSING')
  if (!c.acceptWords('BY', 'VALUE')) c.acceptWords('BY', 'REF')
  const doc = parseExpression(c)
  if (c.isWord('AS') || c.isOp(',')) refuse(c, 'XMLEXISTS … PASSING several values or named ones: PostgreSQL passes one document')
  c.expectOp(')')
  return { kind: 'call', name: ['XMLEXISTS'], args: [{ value: path }, { value: doc }], at }
}

/**
 * Conversions between text and XML, read as the calls and casts they mean:
 * `XMLPARSE(CONTENT | DOCUMENT s [WELLFORMED])` is XMLTYPE(s); `XMLSERIALIZE(CONTENT | DOCUMENT
 * x [AS type])` is x's text (`x.getClobVal()`), cast to type; `XMLCAST(x AS type)` is the
 * string value of x (XMLCAST(x)) cast to type. Serialization options (ENCODING, VERSION,
 * INDENT, DEFAULTS) fail here with their position.
 */
export function parseXmlConversion(c: TokenCursor, parseType: (c: TokenCursor) => NativeType): Expr {
  const at = c.location()
  const fn = c.next().value
  c.expectOp('(')
  if (fn !== 'XMLCAST' && !c.acceptWord('CONTENT')) c.expectWord('DOCUMENT')
  const value = parseExpression(c)
  let result: Expr
  if (fn === 'XMLPARSE') {
    c.acceptWord('WELLFORMED')
    result = { kind: 'call', name: ['XMLTYPE'], args: [{ value }], at }
  } else if (fn === 'XMLSERIALIZE') {
    const type = c.acceptWord('AS') ? parseType(c) : undefined
    if (!c.isOp(')')) refuse(c, 'XMLSERIALIZE options (ENCODING, VERSION, INDENT, DEFAULTS): PostgreSQL serializes without them')
    const text: Expr = { kind: 'call', name: ['GETCLOBVAL'], args: [{ value }], method: true, at }
    result = type ? { kind: 'cast', expr: text, type, at } : text
  } else {
    c.expectWord('AS')
    result = { kind: 'cast', expr: { kind: 'call', name: ['XMLCAST'], args: [{ value }], at }, type: parseType(c), at }
  }
  c.expectOp(')')
  return result
}

/** `value [AS alias]`: without an alias Oracle names the attribute after the column. */
function parseAttribute(c: TokenCursor): { value: Expr; name: string } {
  const value = parseExpression(c)
  if (c.acceptWord('AS')) {
    if (c.isWord('EVALNAME')) refuse(c, 'XMLATTRIBUTES … AS EVALNAME: PostgreSQL takes attribute names as written, not computed')
    return { value, name: c.current.kind === 'string' ? c.next().value : c.identifier('attribute name') }
  }
  if (value.kind !== 'column') c.fail('an XMLATTRIBUTES or XMLFOREST value that is not a column needs AS name')
  return { value, name: value.path[value.path.length - 1]! }
}

/** An XQuery expression (variables, FLWOR) rather than an XPath 1.0 path. */
const XQUERY = /\$|\b(for|let|return|where)\s/i

/** The prefix Oracle's default namespace is bound to (xpath-prefix.ts). */
const DEFAULT_NAMESPACE_PREFIX = 'godwit_default'

/**
 * `XMLTABLE([XMLNAMESPACES(…),] 'xquery' [PASSING [BY VALUE] expr] [RETURNING SEQUENCE BY REF]
 * [COLUMNS name {FOR ORDINALITY | type [PATH 'p'] [DEFAULT expr]}, …])` in FROM (the cursor is
 * at XMLTABLE). PostgreSQL evaluates XPath 1.0 over one document: an XQuery expression (variables,
 * FLWOR) or several PASSING values fail here with their position, and no PASSING (an XQuery
 * constant) is an action item. A DEFAULT namespace is bound to a prefix written on the paths'
 * element names.
 */
export function parseXmlTable(c: TokenCursor): Extract<FromItem, { kind: 'xml-table' }> {
  const at = c.location()
  c.expectWord('XMLTABLE')
  c.expectOp('(')
  const namespaces: Array<{ uri: string; prefix: string }> = []
  let defaultNamespace = false
  if (c.isWord('XMLNAMESPACES') && c.isOp('(', 1)) {
    c.pos += 2
    do {
      defaultNamespace = c.acceptWord('DEFAULT') || defaultNamespace
      const uri = c.current.kind === 'string' ? c.next().value : c.fail('expected a namespace URI')
      if (defaultNamespace && namespaces.every((n) => n.prefix !== DEFAULT_NAMESPACE_PREFIX)) namespaces.push({ uri, prefix: DEFAULT_NAMESPACE_PREFIX })
      else {
        c.expectWord('AS')
        namespaces.push({ uri, prefix: c.identifier('namespace prefix') })
      }
    } while (c.acceptOp(','))
    c.expectOp(')')
    c.expectOp(',')
  }
  const pathToken = c.current
  const path = pathToken.kind === 'string' ? c.next().value : c.fail('expected the XQuery string of XMLTABLE')
  if (XQUERY.test(path)) refuse(c, 'XMLTABLE with an XQuery expression: PostgreSQL evaluates XPath 1.0 paths only', pathToken)
  let passing: Expr | undefined
  if (c.acceptWord('PASSING')) {
    c.acceptWords('BY', 'VALUE')
    passing = parseExpression(c)
    if (c.isWord('AS') || c.isOp(',')) refuse(c, 'XMLTABLE … PASSING several values or named ones: PostgreSQL passes one document')
  }
  c.acceptWords('RETURNING', 'SEQUENCE', 'BY', 'REF')
  let columns: XmlTableColumn[] | undefined
  if (c.acceptWord('COLUMNS')) {
    columns = []
    do columns.push(parseXmlColumn(c))
    while (c.acceptOp(','))
  }
  c.expectOp(')')
  if (!passing) throw new UnsupportedConstructError('XMLTABLE without PASSING (an XQuery over no document): PostgreSQL evaluates XPath 1.0 over a document it is passed', at)
  if (!defaultNamespace) return { kind: 'xml-table', namespaces, path, passing, columns, at }
  const prefixed = (p: string) => prefixElementNames(p, DEFAULT_NAMESPACE_PREFIX)
  // A column without PATH reads the element named after it, in the default namespace too.
  const inDefault = columns?.map((col) => (col.ordinality ? col : { ...col, path: prefixed(col.path ?? col.name) }))
  return { kind: 'xml-table', namespaces, path: prefixed(path), passing, columns: inDefault, at }
}

function parseXmlColumn(c: TokenCursor): XmlTableColumn {
  const name = c.identifier('column name')
  if (c.acceptWords('FOR', 'ORDINALITY')) return { name, ordinality: true }
  const type = parseNativeType(c)
  let path: string | undefined
  let fallback: Expr | undefined
  for (;;) {
    if (c.acceptWord('PATH')) path = c.current.kind === 'string' ? c.next().value : c.fail('expected the PATH string')
    else if (c.acceptWord('DEFAULT')) fallback = parseExpression(c)
    else break
  }
  return { name, type, path, default: fallback }
}
