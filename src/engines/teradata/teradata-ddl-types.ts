import type { TokenCursor } from '../../convert/sql/cursor.js'
import type { NativeType } from '../../model/schema.js'
import { acceptPhrase } from '../ddl-reader/ddl-syntax.js'

type MutableNative = { -readonly [K in keyof NativeType]: NativeType[K] }

/** Multi-word Teradata type names, longest first. */
const MULTI_WORD: readonly string[][] = [
  ['CHARACTER', 'LARGE', 'OBJECT'], ['BINARY', 'LARGE', 'OBJECT'], ['CHARACTER', 'VARYING'], ['CHAR', 'VARYING'],
  ['LONG', 'VARCHAR'], ['LONG', 'VARGRAPHIC'], ['DOUBLE', 'PRECISION'],
]

const INTERVAL_FIELDS = new Set(['YEAR', 'MONTH', 'DAY', 'HOUR', 'MINUTE', 'SECOND'])

/** LOB sizes may be written with a unit: BLOB(2M), CLOB(10K), BLOB(1G). */
const LOB_UNITS: Readonly<Record<string, number>> = { K: 1024, M: 1024 ** 2, G: 1024 ** 3 }

/**
 * Parses a Teradata datatype at the cursor (a column, a CAST target, a macro or procedure parameter): built-in
 * types with length, precision and scale, `NUMBER(*, s)`, TIME/TIMESTAMP [(n)] [WITH TIME ZONE],
 * INTERVAL … [TO …], PERIOD(…), LOB sizes with K/M/G, JSON(n)/XML, and `[db.]name` user-defined
 * types. The name is upper case with synonyms kept as written (teradata-types.ts folds them).
 * Stops at the first token that is not part of the type (a column attribute, `,`, `)`).
 */
export function parseTeradataType(c: TokenCursor): NativeType {
  const first = c.pos
  let name = acceptPhrase(c, MULTI_WORD) ?? ''
  if (!name) {
    if (!c.isIdentifier()) c.fail('expected a datatype')
    name = c.identifier('datatype')
    if (c.acceptOp('.')) {
      const typeName = c.identifier('type name')
      return { name: typeName, schema: name, text: c.textBetween(first) }
    }
  }
  const t: MutableNative = { name, text: '' }
  switch (name) {
    case 'TIME':
    case 'TIMESTAMP':
      t.fractionalPrecision = optionalInt(c)
      if (c.acceptWords('WITH', 'TIME', 'ZONE')) t.name = `${name} WITH TIME ZONE`
      break
    case 'INTERVAL':
      readInterval(c, t)
      break
    case 'PERIOD': {
      c.expectOp('(')
      const element = parseTeradataType(c)
      c.expectOp(')')
      t.name = `PERIOD(${element.name})`
      if (element.fractionalPrecision !== undefined) t.fractionalPrecision = element.fractionalPrecision
      break
    }
    case 'NUMBER':
    case 'DECIMAL':
    case 'DEC':
    case 'NUMERIC':
      if (c.acceptOp('(')) {
        if (!c.acceptOp('*')) t.precision = intArg(c)
        if (c.acceptOp(',')) t.scale = intArg(c)
        c.expectOp(')')
      }
      break
    case 'FLOAT':
      // FLOAT(n) is accepted and ignored by Teradata: every FLOAT is an 8-byte double.
      optionalInt(c)
      break
    case 'BLOB':
    case 'CLOB':
    case 'BINARY LARGE OBJECT':
    case 'CHARACTER LARGE OBJECT':
      if (c.acceptOp('(')) {
        t.length = intArg(c) * lobUnit(c)
        c.expectOp(')')
      }
      break
    default: {
      const length = optionalInt(c)
      if (length !== undefined) t.length = length
    }
  }
  t.text = c.textBetween(first)
  return t
}

/** INTERVAL YEAR [(n)] [TO MONTH], INTERVAL DAY [(n)] [TO SECOND [(m)]], … as `INTERVAL DAY TO SECOND`. */
function readInterval(c: TokenCursor, t: MutableNative): void {
  const from = c.identifier('interval field')
  if (!INTERVAL_FIELDS.has(from)) c.fail('expected YEAR, MONTH, DAY, HOUR, MINUTE or SECOND')
  let name = `INTERVAL ${from}`
  if (from === 'SECOND' && c.acceptOp('(')) {
    // INTERVAL SECOND(m, n): leading and fractional precision in one list.
    t.leadingPrecision = intArg(c)
    if (c.acceptOp(',')) t.fractionalPrecision = intArg(c)
    c.expectOp(')')
  } else t.leadingPrecision = optionalInt(c)
  if (c.acceptWord('TO')) {
    const to = c.identifier('interval field')
    name += ` TO ${to}`
    if (to === 'SECOND') t.fractionalPrecision = optionalInt(c)
  }
  t.name = name
}

function lobUnit(c: TokenCursor): number {
  const t = c.current
  if (t.kind === 'word' && LOB_UNITS[t.value] !== undefined) {
    c.next()
    return LOB_UNITS[t.value]!
  }
  return 1
}

function optionalInt(c: TokenCursor): number | undefined {
  if (!c.acceptOp('(')) return undefined
  const n = intArg(c)
  c.expectOp(')')
  return n
}

function intArg(c: TokenCursor): number {
  const t = c.current
  // `BLOB(2M)` tokenizes as the number 2 and the word M.
  if (t.kind !== 'number' || !/^\d+$/.test(t.value)) c.fail('expected a whole number')
  c.next()
  return Number(t.value)
}
