import { parseNativeType } from '../../../engines/oracle/oracle-types.js'
import type { Expr, FromItem, XmlTableColumn } from '../ast.js'
import type { TokenCursor } from '../cursor.js'
import { parseExpression } from './expression-parser.js'

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
  if (c.isWord('NOENTITYESCAPING')) c.fail('XMLELEMENT NOENTITYESCAPING: PostgreSQL always escapes element content')
  c.acceptWord('ENTITYESCAPING')
  if (c.isWord('EVALNAME')) c.fail('XMLELEMENT EVALNAME: PostgreSQL takes element names as written, not computed')
  if (c.isWord('NAME') && (c.isIdentifier(1) || c.peek().kind === 'string')) c.next()
  const name = c.current.kind === 'string' ? c.next().value : c.identifier('element name')
  const attributes: Array<{ value: Expr; name: string }> = []
  const content: Expr[] = []
  while (c.acceptOp(',')) {
    if (c.isWord('XMLATTRIBUTES') && c.isOp('(', 1) && attributes.length === 0 && content.length === 0) {
      c.pos += 2
      if (c.isWord('NOENTITYESCAPING')) c.fail('XMLATTRIBUTES NOENTITYESCAPING: PostgreSQL always escapes attribute values')
      c.acceptWord('ENTITYESCAPING')
      if (!c.acceptWord('NOSCHEMACHECK')) c.acceptWord('SCHEMACHECK')
      do attributes.push(parseAttribute(c))
      while (c.acceptOp(','))
      c.expectOp(')')
      continue
    }
    content.push(parseExpression(c))
    if (c.isWord('AS') || (c.isIdentifier() && !c.isOp(',') && !c.isOp(')'))) c.fail('XMLELEMENT content with an alias (object-type content) is not supported')
  }
  c.expectOp(')')
  return { kind: 'xml-element', name, attributes, content, at }
}

/** `value [AS alias]`: without an alias Oracle names the attribute after the column. */
function parseAttribute(c: TokenCursor): { value: Expr; name: string } {
  const value = parseExpression(c)
  if (c.acceptWord('AS')) {
    if (c.isWord('EVALNAME')) c.fail('XMLATTRIBUTES … AS EVALNAME: PostgreSQL takes attribute names as written, not computed')
    return { value, name: c.current.kind === 'string' ? c.next().value : c.identifier('attribute name') }
  }
  if (value.kind !== 'column') c.fail('an XMLATTRIBUTES value that is not a column needs AS name')
  return { value, name: value.path[value.path.length - 1]! }
}

/**
 * `XMLTABLE([XMLNAMESPACES(…),] 'xquery' [PASSING [BY VALUE] expr] [RETURNING SEQUENCE BY REF]
 * [COLUMNS name {FOR ORDINALITY | type [PATH 'p'] [DEFAULT expr]}, …])` in FROM (the cursor is
 * at XMLTABLE). PostgreSQL evaluates XPath 1.0 over one document: an XQuery expression (variables,
 * FLWOR), several PASSING values or a DEFAULT namespace fail here with their position.
 */
export function parseXmlTable(c: TokenCursor): Extract<FromItem, { kind: 'xml-table' }> {
  const at = c.location()
  c.expectWord('XMLTABLE')
  c.expectOp('(')
  const namespaces: Array<{ uri: string; prefix: string }> = []
  if (c.isWord('XMLNAMESPACES') && c.isOp('(', 1)) {
    c.pos += 2
    do {
      if (c.isWord('DEFAULT')) c.fail('XMLNAMESPACES(DEFAULT …): PostgreSQL has no default namespace in XMLTABLE; give the namespace a prefix and use it in the paths')
      const uri = c.current.kind === 'string' ? c.next().value : c.fail('expected a namespace URI')
      c.expectWord('AS')
      namespaces.push({ uri, prefix: c.identifier('namespace prefix') })
    } while (c.acceptOp(','))
    c.expectOp(')')
    c.expectOp(',')
  }
  const pathToken = c.current
  const path = pathToken.kind === 'string' ? c.next().value : c.fail('expected the XQuery string of XMLTABLE')
  if (/\$|\b(for|let|return|where)\s/i.test(path)) c.fail('XMLTABLE with an XQuery expression: PostgreSQL evaluates XPath 1.0 paths only', pathToken)
  if (!c.acceptWord('PASSING')) c.fail('XMLTABLE without PASSING: PostgreSQL needs the document to read')
  c.acceptWords('BY', 'VALUE')
  const passing = parseExpression(c)
  if (c.isWord('AS') || c.isOp(',')) c.fail('XMLTABLE … PASSING several values or named ones: PostgreSQL passes one document')
  c.acceptWords('RETURNING', 'SEQUENCE', 'BY', 'REF')
  let columns: XmlTableColumn[] | undefined
  if (c.acceptWord('COLUMNS')) {
    columns = []
    do columns.push(parseXmlColumn(c))
    while (c.acceptOp(','))
  }
  c.expectOp(')')
  return { kind: 'xml-table', namespaces, path, passing, columns, at }
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
