import type { LogicalType } from '../../model/logical-type.js'
import type { NativeType } from '../../model/schema.js'
import type { TokenCursor } from '../../convert/sql/cursor.js'
import { acceptPhrase } from '../ddl-reader/ddl-syntax.js'

/** Multi-word Oracle type names, longest first so `LONG RAW` wins over `LONG`. */
const MULTI_WORD: readonly string[][] = [
  ['NATIONAL', 'CHARACTER', 'VARYING'], ['NATIONAL', 'CHAR', 'VARYING'], ['NATIONAL', 'CHARACTER'], ['NATIONAL', 'CHAR'],
  ['CHARACTER', 'VARYING'], ['CHAR', 'VARYING'], ['NCHAR', 'VARYING'], ['DOUBLE', 'PRECISION'], ['LONG', 'RAW'],
]
const CANONICAL: Readonly<Record<string, string>> = {
  'NATIONAL CHARACTER VARYING': 'NVARCHAR2', 'NATIONAL CHAR VARYING': 'NVARCHAR2', 'NCHAR VARYING': 'NVARCHAR2',
  'NATIONAL CHARACTER': 'NCHAR', 'NATIONAL CHAR': 'NCHAR', 'CHARACTER VARYING': 'VARCHAR2', 'CHAR VARYING': 'VARCHAR2',
  CHARACTER: 'CHAR', VARCHAR: 'VARCHAR2', DEC: 'DECIMAL', INT: 'INTEGER',
}

/**
 * Parses an Oracle datatype at the cursor (column, attribute, CAST target, PL/SQL declaration):
 * built-in types with their length/precision/semantics, TIMESTAMP … WITH [LOCAL] TIME ZONE,
 * INTERVAL … TO …, and user-defined `[schema.]name` types. Stops at the first token that is
 * not part of the type (DEFAULT, NOT, `,`, `)`, …).
 */
export function parseNativeType(c: TokenCursor): NativeType {
  const first = c.pos
  if (c.acceptWord('REF')) {
    parseUserTypeName(c)
    return { name: 'REF', text: c.textBetween(first) }
  }
  let name = acceptPhrase(c, MULTI_WORD) ?? ''
  if (!name) {
    if (!c.isIdentifier()) c.fail('expected a datatype')
    const isQuoted = c.current.kind === 'qident'
    name = c.identifier('datatype')
    if (isQuoted || c.isOp('.')) {
      c.pos = first
      const u = parseUserTypeName(c)
      return { name: u.name, schema: u.schema, text: c.textBetween(first) }
    }
  }
  name = CANONICAL[name] ?? name
  const t: { -readonly [K in keyof NativeType]: NativeType[K] } = { name, text: '' }

  switch (name) {
    case 'TIMESTAMP': {
      if (c.acceptOp('(')) {
        t.fractionalPrecision = intArg(c)
        c.expectOp(')')
      }
      if (c.acceptWords('WITH', 'LOCAL', 'TIME', 'ZONE')) t.name = 'TIMESTAMP WITH LOCAL TIME ZONE'
      else if (c.acceptWords('WITH', 'TIME', 'ZONE')) t.name = 'TIMESTAMP WITH TIME ZONE'
      break
    }
    case 'INTERVAL': {
      if (c.acceptWord('YEAR')) {
        if (c.acceptOp('(')) {
          t.leadingPrecision = intArg(c)
          c.expectOp(')')
        }
        c.expectWord('TO')
        c.expectWord('MONTH')
        t.name = 'INTERVAL YEAR TO MONTH'
      } else {
        c.expectWord('DAY')
        if (c.acceptOp('(')) {
          t.leadingPrecision = intArg(c)
          c.expectOp(')')
        }
        c.expectWord('TO')
        c.expectWord('SECOND')
        if (c.acceptOp('(')) {
          t.fractionalPrecision = intArg(c)
          c.expectOp(')')
        }
        t.name = 'INTERVAL DAY TO SECOND'
      }
      break
    }
    case 'NUMBER':
    case 'NUMERIC':
    case 'DECIMAL':
    case 'FLOAT': {
      if (c.acceptOp('(')) {
        if (!c.acceptOp('*')) t.precision = intArg(c)
        if (c.acceptOp(',')) t.scale = intArg(c, true)
        c.expectOp(')')
      }
      break
    }
    case 'CHAR': case 'NCHAR': case 'VARCHAR2': case 'NVARCHAR2': case 'RAW': case 'UROWID': case 'STRING': {
      if (c.acceptOp('(')) {
        t.length = intArg(c)
        if (c.acceptWord('BYTE')) t.semantics = 'BYTE'
        else if (c.acceptWord('CHAR')) t.semantics = 'CHAR'
        c.expectOp(')')
      }
      break
    }
    case 'VECTOR':
      // 23ai VECTOR(dimensions, format[, storage]): kept in the text; the type has no PostgreSQL mapping of its own (pgvector is an extension).
      if (c.isOp('(')) c.skipParens()
      break
    default:
      break
  }
  // CHARACTER SET clauses on PL/SQL parameters (`VARCHAR2 CHARACTER SET ANY_CS`) are not part of the type proper.
  if (c.isWords('CHARACTER', 'SET')) {
    c.pos += 2
    c.identifier()
    if (c.acceptOp('%')) c.identifier()
  }
  t.text = c.textBetween(first)
  return t
}

function parseUserTypeName(c: TokenCursor): { schema?: string; name: string } {
  const a = c.identifier('type name')
  if (c.acceptOp('.')) return { schema: a, name: c.identifier('type name') }
  return { name: a }
}

function intArg(c: TokenCursor, signed = false): number {
  const neg = signed && c.acceptOp('-')
  const t = c.current
  if (t.kind !== 'number' || !/^\d+$/.test(t.value)) c.fail('expected a whole number')
  c.next()
  return neg ? -Number(t.value) : Number(t.value)
}

/** NUMBER(p,0) needs this many bytes as an integer; above 18 digits only numeric holds it exactly. */
function integerBytes(precision: number): 2 | 4 | 8 | undefined {
  if (precision <= 4) return 2
  if (precision <= 9) return 4
  if (precision <= 18) return 8
  return undefined
}

const PLSQL_INTEGERS = new Set(['PLS_INTEGER', 'BINARY_INTEGER', 'SIMPLE_INTEGER', 'NATURAL', 'NATURALN', 'POSITIVE', 'POSITIVEN', 'SIGNTYPE'])

/**
 * Oracle native type → logical type (docs/type-mapping.md has the table and the reasons).
 * Oracle DATE carries a time of day, so it is a timestamp(0), never a date.
 */
export function oracleLogicalType(n: NativeType): LogicalType {
  if (n.schema === 'SYS' && n.name === 'XMLTYPE') return { kind: 'xml' }
  switch (n.name) {
    case 'NUMBER':
    case 'NUMERIC':
    case 'DECIMAL': {
      if (n.precision === undefined && n.scale === undefined) {
        // NUMERIC/DECIMAL without precision are NUMBER(38,0) in Oracle; bare NUMBER is any number.
        return n.name === 'NUMBER' ? { kind: 'decimal' } : { kind: 'decimal', precision: 38, scale: 0 }
      }
      const precision = n.precision ?? 38
      const scale = n.scale ?? 0
      if (scale < 0) return { kind: 'decimal', precision: precision - scale, scale: 0 }
      if (scale === 0) {
        const bytes = integerBytes(precision)
        return bytes ? { kind: 'int', bytes } : { kind: 'decimal', precision, scale: 0 }
      }
      return { kind: 'decimal', precision: Math.max(precision, scale), scale }
    }
    case 'INTEGER':
    case 'SMALLINT':
      return { kind: 'decimal', precision: 38, scale: 0 }
    case 'FLOAT':
    case 'REAL':
    case 'DOUBLE PRECISION':
      // Oracle FLOAT is a decimal NUMBER with binary precision: exact decimal digits, not IEEE.
      return { kind: 'decimal' }
    case 'BINARY_FLOAT':
      return { kind: 'float', bytes: 4 }
    case 'BINARY_DOUBLE':
      return { kind: 'float', bytes: 8 }
    case 'CHAR':
      return { kind: 'text', fixed: true, maxChars: n.length ?? 1 }
    case 'NCHAR':
      return { kind: 'text', fixed: true, maxChars: n.length ?? 1, national: true }
    case 'VARCHAR2':
    case 'STRING':
      return n.length === undefined ? { kind: 'text', fixed: false } : { kind: 'text', fixed: false, maxChars: n.length }
    case 'NVARCHAR2':
      return n.length === undefined ? { kind: 'text', fixed: false, national: true } : { kind: 'text', fixed: false, maxChars: n.length, national: true }
    case 'LONG':
    case 'CLOB':
    case 'NCLOB':
      return { kind: 'clob' }
    case 'BLOB':
    case 'LONG RAW':
    case 'BFILE':
      return { kind: 'binary' }
    case 'RAW':
      return n.length === undefined ? { kind: 'binary' } : { kind: 'binary', maxBytes: n.length }
    case 'DATE':
      return { kind: 'timestamp', precision: 0, tz: 'none' }
    case 'TIMESTAMP':
      return { kind: 'timestamp', precision: n.fractionalPrecision ?? 6, tz: 'none' }
    case 'TIMESTAMP WITH TIME ZONE':
      return { kind: 'timestamp', precision: n.fractionalPrecision ?? 6, tz: 'utc' }
    case 'TIMESTAMP WITH LOCAL TIME ZONE':
      return { kind: 'timestamp', precision: n.fractionalPrecision ?? 6, tz: 'local' }
    case 'INTERVAL YEAR TO MONTH':
      return { kind: 'interval', fields: 'year-month' }
    case 'INTERVAL DAY TO SECOND':
      return { kind: 'interval', fields: 'day-second', precision: n.fractionalPrecision ?? 6 }
    case 'ROWID':
    case 'UROWID':
      return { kind: 'rowid' }
    case 'XMLTYPE':
      return { kind: 'xml' }
    case 'JSON':
      return { kind: 'json' }
    case 'BOOLEAN':
    case 'PL/SQL BOOLEAN':
      return { kind: 'boolean' }
    case 'REF':
    case 'SYS_REFCURSOR':
    case 'ANYDATA':
    case 'ANYTYPE':
    case 'SDO_GEOMETRY':
      return { kind: 'unsupported', native: n.text || n.name }
    default:
      if (PLSQL_INTEGERS.has(n.name)) return { kind: 'int', bytes: 4 }
      if (n.schema && ['SYS', 'MDSYS', 'CTXSYS', 'ORDSYS', 'XDB'].includes(n.schema)) return { kind: 'unsupported', native: n.text || `${n.schema}.${n.name}` }
      return n.schema ? { kind: 'user-defined', schema: n.schema, name: n.name } : { kind: 'user-defined', name: n.name }
  }
}
