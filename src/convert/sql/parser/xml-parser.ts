import type { Expr } from '../ast.js'
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
