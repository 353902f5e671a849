import { describe, expect, it } from 'vitest'
import { TokenCursor } from '../../../../src/convert/sql/cursor.js'
import { tokenize } from '../../../../src/convert/sql/tokenizer.js'
import { oracleLogicalType, parseNativeType } from '../../../../src/engines/oracle/oracle-types.js'

function parse(text: string) {
  const c = new TokenCursor(tokenize(text), text, 't.sql')
  const t = parseNativeType(c)
  return { native: t, rest: c.current.text }
}

describe('parseNativeType', () => {
  it.each([
    ['NUMBER(10,2)', { name: 'NUMBER', precision: 10, scale: 2 }],
    ['NUMBER(*,0)', { name: 'NUMBER', scale: 0 }],
    ['number', { name: 'NUMBER' }],
    ['VARCHAR2(30 CHAR)', { name: 'VARCHAR2', length: 30, semantics: 'CHAR' }],
    ['varchar(20 byte)', { name: 'VARCHAR2', length: 20, semantics: 'BYTE' }],
    ['NATIONAL CHARACTER VARYING(5)', { name: 'NVARCHAR2', length: 5 }],
    ['TIMESTAMP(3) WITH LOCAL TIME ZONE', { name: 'TIMESTAMP WITH LOCAL TIME ZONE', fractionalPrecision: 3 }],
    ['INTERVAL DAY(3) TO SECOND(2)', { name: 'INTERVAL DAY TO SECOND', leadingPrecision: 3, fractionalPrecision: 2 }],
    ['INTERVAL YEAR TO MONTH', { name: 'INTERVAL YEAR TO MONTH' }],
    ['LONG RAW', { name: 'LONG RAW' }],
    ['SYS.XMLTYPE', { name: 'XMLTYPE', schema: 'SYS' }],
    ['oe.cust_address_typ', { name: 'CUST_ADDRESS_TYP', schema: 'OE' }],
    ['NUMBER(5,-2)', { name: 'NUMBER', precision: 5, scale: -2 }],
  ])('%s', (text, expected) => {
    expect(parse(text).native).toMatchObject({ ...expected, text })
  })

  it('stops before what follows the type', () => {
    expect(parse('NUMBER(6) DEFAULT 0 NOT NULL').rest).toBe('DEFAULT')
    expect(parse('DATE,').rest).toBe(',')
  })

  it('names the position of a malformed type', () => {
    expect(() => parse('NUMBER(x)')).toThrow(/t\.sql:1:8: expected a whole number/)
  })
})

describe('oracleLogicalType', () => {
  it.each([
    ['NUMBER(4)', { kind: 'int', bytes: 2 }],
    ['NUMBER(9,0)', { kind: 'int', bytes: 4 }],
    ['NUMBER(18)', { kind: 'int', bytes: 8 }],
    ['NUMBER(19)', { kind: 'decimal', precision: 19, scale: 0 }],
    ['NUMBER(8,2)', { kind: 'decimal', precision: 8, scale: 2 }],
    ['NUMBER', { kind: 'decimal' }],
    ['NUMBER(5,-2)', { kind: 'decimal', precision: 7, scale: 0 }],
    ['INTEGER', { kind: 'decimal', precision: 38, scale: 0 }],
    ['FLOAT(126)', { kind: 'decimal' }],
    ['BINARY_FLOAT', { kind: 'float', bytes: 4 }],
    ['BINARY_DOUBLE', { kind: 'float', bytes: 8 }],
    ['DATE', { kind: 'timestamp', precision: 0, tz: 'none' }],
    ['TIMESTAMP', { kind: 'timestamp', precision: 6, tz: 'none' }],
    ['TIMESTAMP(9) WITH TIME ZONE', { kind: 'timestamp', precision: 9, tz: 'utc' }],
    ['TIMESTAMP WITH LOCAL TIME ZONE', { kind: 'timestamp', precision: 6, tz: 'local' }],
    ['INTERVAL YEAR(3) TO MONTH', { kind: 'interval', fields: 'year-month' }],
    ['INTERVAL DAY TO SECOND(3)', { kind: 'interval', fields: 'day-second', precision: 3 }],
    ['CHAR(2)', { kind: 'text', fixed: true, maxChars: 2 }],
    ['NCHAR', { kind: 'text', fixed: true, maxChars: 1, national: true }],
    ['VARCHAR2(4000 BYTE)', { kind: 'text', fixed: false, maxChars: 4000 }],
    ['CLOB', { kind: 'clob' }],
    ['LONG', { kind: 'clob' }],
    ['BLOB', { kind: 'binary' }],
    ['RAW(16)', { kind: 'binary', maxBytes: 16 }],
    ['ROWID', { kind: 'rowid' }],
    ['XMLTYPE', { kind: 'xml' }],
    ['SYS.XMLTYPE', { kind: 'xml' }],
    ['JSON', { kind: 'json' }],
    ['BOOLEAN', { kind: 'boolean' }],
    ['PLS_INTEGER', { kind: 'int', bytes: 4 }],
    ['CUST_ADDRESS_TYP', { kind: 'user-defined', name: 'CUST_ADDRESS_TYP' }],
    ['MDSYS.SDO_GEOMETRY', { kind: 'unsupported', native: 'MDSYS.SDO_GEOMETRY' }],
  ])('%s', (text, expected) => {
    expect(oracleLogicalType(parse(text).native)).toEqual(expected)
  })
})
