import { describe, expect, it } from 'vitest'
import { makeTypeFormatter } from '../../../../src/convert/format-type.js'
import { DEFAULT_REDSHIFT_TARGET, DEFAULT_TARGET } from '../../../../src/convert/target.js'
import { oracleLogicalType } from '../../../../src/engines/oracle/oracle-types.js'
import { formatRedshiftType, redshiftTypeConcerns, REDSHIFT_TYPES } from '../../../../src/engines/redshift/redshift-types.js'
import { POSTGRES_TYPES } from '../../../../src/engines/postgres/postgres-types.js'
import { native } from '../postgres/ddl-fixtures.js'

const redshift = makeTypeFormatter([], oracleLogicalType, DEFAULT_REDSHIFT_TARGET)

describe('Redshift type rules (docs/redshift.md, Types)', () => {
  it.each([
    ['VARCHAR2(100 CHAR)', 'varchar(400)'],
    ['VARCHAR2(100 BYTE)', 'varchar(100)'],
    ['VARCHAR2(100)', 'varchar(100)'],
    ['NVARCHAR2(100)', 'varchar(300)'],
    ['VARCHAR2(32767 CHAR)', 'varchar(65535)'],
    ['CHAR(1)', 'char(1)'],
    ['CHAR(5000)', 'varchar(5000)'],
    ['NCHAR(2)', 'varchar(6)'],
    ['CLOB', 'varchar(65535)'],
    ['NUMBER(38)', 'numeric(38)'],
    ['NUMBER', 'numeric(38,18)'],
    ['NUMBER(12,4)', 'numeric(12,4)'],
    ['RAW(2000)', 'varbyte(2000)'],
    ['BLOB', 'varbyte(1024000)'],
    ['TIMESTAMP(3) WITH TIME ZONE', 'timestamptz'],
    ['DATE', 'timestamp'],
    ['JSON', 'super'],
    ['BINARY_DOUBLE', 'double precision'],
  ])('Oracle %s → %s', (type, expected) => {
    expect(redshift(native(type))).toBe(expected)
  })

  it('overrides only what differs from PostgreSQL: integers, floats, booleans and intervals are shared', () => {
    const differs = (Object.keys(REDSHIFT_TYPES) as (keyof typeof REDSHIFT_TYPES)[]).filter((k) => REDSHIFT_TYPES[k] !== POSTGRES_TYPES[k])
    expect(differs.sort()).toEqual(['binary', 'clob', 'decimal', 'json', 'rowid', 'text', 'time', 'timestamp', 'unsupported', 'user-defined', 'xml'])
    expect(formatRedshiftType({ kind: 'int', bytes: 1 })).toBe('smallint')
    expect(formatRedshiftType({ kind: 'time', tz: true, precision: 3 })).toBe('timetz')
    expect(formatRedshiftType({ kind: 'interval', fields: 'day-second', precision: 6 })).toBe('interval day to second(6)')
  })

  it('keeps a uuid as CHAR(36) and refuses other types Redshift lacks', () => {
    expect(formatRedshiftType({ kind: 'unsupported', native: 'uuid' })).toBe('char(36)')
    expect(() => formatRedshiftType({ kind: 'unsupported', native: 'SDO_GEOMETRY' })).toThrow(/Redshift has no type for SDO_GEOMETRY/)
    expect(() => formatRedshiftType({ kind: 'user-defined', name: 'ADDRESS_TYP' })).toThrow(/no user-defined types/)
  })

  it('sizes Teradata text by the character set its type names', () => {
    const td = (text: string, length: number) => formatRedshiftType({ kind: 'text', fixed: false, maxChars: length }, { name: 'VARCHAR', length, text })
    expect(td('VARCHAR(20) CHARACTER SET UNICODE', 20)).toBe('varchar(60)')
    expect(td('VARCHAR(20) CHARACTER SET LATIN', 20)).toBe('varchar(40)')
    expect(td('VARCHAR(20) CHARACTER SET KANJISJIS', 20)).toBe('varchar(60)')
    expect(formatRedshiftType({ kind: 'text', fixed: true, maxChars: 2, national: true }, { name: 'GRAPHIC', length: 2, text: 'GRAPHIC(2)' })).toBe('varchar(6)')
  })

  it('leaves the PostgreSQL formatter as it was', () => {
    expect(makeTypeFormatter([], oracleLogicalType, DEFAULT_TARGET)(native('VARCHAR2(100 CHAR)'))).toBe('varchar(100)')
  })

  it('reports what a type loses, once per column', () => {
    const codes = (type: string) => redshiftTypeConcerns('C', oracleLogicalType(native(type)), native(type)).map((c) => `${c.severity} ${c.code}`)
    expect(codes('VARCHAR2(100 CHAR)')).toEqual([])
    expect(codes('VARCHAR2(20000 CHAR)')).toEqual(['warning REDSHIFT_VARCHAR_MAX'])
    expect(codes('CLOB')).toEqual(['warning REDSHIFT_VARCHAR_MAX'])
    expect(codes('NUMBER')).toEqual(['warning REDSHIFT_NUMERIC_UNBOUNDED'])
    expect(codes('NUMBER(10)')).toEqual([])
    expect(redshiftTypeConcerns('C', { kind: 'decimal', precision: 40, scale: 2 }).map((c) => c.code)).toEqual(['REDSHIFT_NUMERIC_PRECISION'])
    expect(formatRedshiftType({ kind: 'decimal', precision: 40, scale: 2 })).toBe('numeric(38,2)')
  })
})
