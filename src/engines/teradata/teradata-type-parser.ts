import type { TokenCursor } from '../../convert/sql/cursor.js'
import type { NativeType } from '../../model/schema.js'

/** Multi-word Teradata type names, longest first. */
const MULTI_WORD: readonly string[][] = [
  ['CHARACTER', 'LARGE', 'OBJECT'], ['BINARY', 'LARGE', 'OBJECT'], ['CHARACTER', 'VARYING'], ['CHAR', 'VARYING'],
  ['LONG', 'VARCHAR'], ['DOUBLE', 'PRECISION'],
]

const INTERVAL_FIELDS = new Set(['YEAR', 'MONTH', 'DAY', 'HOUR', 'MINUTE', 'SECOND'])

/**
 * Parses a Teradata datatype at the cursor (a CAST target, a macro parameter, a column): the
 * name as teradataLogicalType reads it (synonyms are folded there), with its length,
 * precision/scale or fractional precision, `TIME[STAMP] (n) WITH TIME ZONE`, `INTERVAL f [(n)]
 * [TO f [(n)]]` and `PERIOD(DATE | TIME[STAMP] [(n)] [WITH TIME ZONE])`. It stops before data
 * attributes (FORMAT, TITLE, CHARACTER SET, [NOT] CASESPECIFIC …), which the caller reads.
 */
export function parseTeradataType(c: TokenCursor): NativeType {
  const first = c.pos
  let name = MULTI_WORD.find((words) => c.isWords(...words))?.join(' ')
  if (name) c.pos += name.split(' ').length
  else name = c.identifier('datatype')
  const t: { -readonly [K in keyof NativeType]: NativeType[K] } = { name, text: '' }
  switch (name) {
    case 'TIME':
    case 'TIMESTAMP':
      t.fractionalPrecision = optionalInt(c)
      if (c.acceptWords('WITH', 'TIME', 'ZONE')) t.name = `${name} WITH TIME ZONE`
      break
    case 'INTERVAL': {
      const from = c.identifier('interval field')
      if (!INTERVAL_FIELDS.has(from)) c.fail('expected YEAR, MONTH, DAY, HOUR, MINUTE or SECOND')
      const lead = optionalPair(c)
      t.leadingPrecision = lead?.[0]
      if (from === 'SECOND') t.fractionalPrecision = lead?.[1]
      let to: string | undefined
      if (c.acceptWord('TO')) {
        to = c.identifier('interval field')
        if (to === 'SECOND') t.fractionalPrecision = optionalInt(c)
      }
      t.name = to ? `INTERVAL ${from} TO ${to}` : `INTERVAL ${from}`
      break
    }
    case 'PERIOD': {
      c.expectOp('(')
      const inner = parseTeradataType(c)
      c.expectOp(')')
      t.name = `PERIOD(${inner.name})`
      t.fractionalPrecision = inner.fractionalPrecision
      break
    }
    case 'DECIMAL': case 'DEC': case 'NUMERIC': case 'NUMBER': case 'FLOAT': {
      if (c.acceptOp('(')) {
        if (!c.acceptOp('*')) t.precision = intArg(c)
        if (c.acceptOp(',')) t.scale = intArg(c)
        c.expectOp(')')
      }
      break
    }
    default: {
      // CHAR(n), VARCHAR(n), BYTE(n), CLOB(n [K|M|G]) …: a length.
      if (c.acceptOp('(')) {
        t.length = intArg(c)
        const unit = c.isWord('K') ? 1024 : c.isWord('M') ? 1024 ** 2 : c.isWord('G') ? 1024 ** 3 : 1
        if (unit > 1) {
          c.next()
          t.length *= unit
        }
        c.expectOp(')')
      }
    }
  }
  t.text = c.textBetween(first)
  return t
}

function intArg(c: TokenCursor): number {
  const t = c.current
  if (t.kind !== 'number' || !/^\d+$/.test(t.value)) c.fail('expected a whole number')
  c.next()
  return Number(t.value)
}

function optionalInt(c: TokenCursor): number | undefined {
  if (!c.acceptOp('(')) return undefined
  const n = intArg(c)
  c.expectOp(')')
  return n
}

/** `(n)` or `(n, m)` (INTERVAL SECOND(4, 2)). */
function optionalPair(c: TokenCursor): [number, number | undefined] | undefined {
  if (!c.acceptOp('(')) return undefined
  const a = intArg(c)
  const b = c.acceptOp(',') ? intArg(c) : undefined
  c.expectOp(')')
  return [a, b]
}
