/**
 * XPath 1.0 has no default element namespace: an unprefixed element name matches elements in
 * no namespace. Oracle's XMLNAMESPACES(DEFAULT 'uri') makes unprefixed names match 'uri', which
 * PostgreSQL expresses by binding the URI to a prefix and writing that prefix on every element
 * name test of the paths.
 */
const TOKEN = /('[^']*'|"[^"]*")|([$@]?[A-Za-z_][\w.-]*(?::[A-Za-z_*][\w.-]*)?)(\s*(?:\(|::))?|(\S)/g
const OPERATOR_NAMES = new Set(['and', 'or', 'div', 'mod'])

/** `path` with `prefix:` written on each unprefixed element name test. */
export function prefixElementNames(path: string, prefix: string): string {
  // Whether the previous token ends an operand (so `and`/`div` … after it are operators), or is an attribute axis.
  let afterOperand = false
  let afterAttributeAxis = false
  return path.replace(TOKEN, (token, literal: string | undefined, name: string | undefined, follows: string | undefined) => {
    const attributeAxis = afterAttributeAxis
    afterAttributeAxis = false
    if (literal) {
      afterOperand = true
      return token
    }
    if (!name) {
      afterOperand = /[)\].*\d]/.test(token)
      return token
    }
    if (follows?.includes('::')) {
      afterAttributeAxis = name === 'attribute'
      afterOperand = false
      return token
    }
    const keep = follows !== undefined || /^[$@]/.test(name) || name.includes(':') || attributeAxis || (afterOperand && OPERATOR_NAMES.has(name))
    afterOperand = follows === undefined && !(afterOperand && OPERATOR_NAMES.has(name))
    return keep ? token : `${prefix}:${token}`
  })
}
