import { describe, expect, it } from 'vitest'
import { ConfigError } from '../../../src/core/errors.js'
import { makeTypeFormatter } from '../../../src/convert/format-type.js'
import { findTypeOverride, parseTypeOverrides } from '../../../src/convert/type-overrides.js'
import { oracleLogicalType } from '../../../src/engines/oracle/oracle-types.js'
import { native } from '../engines/postgres/ddl-fixtures.js'

const CONFIG = {
  'NUMBER(1,0)': 'boolean',
  DATE: 'date',
  'NUMBER(*,0)': 'bigint',
  VARCHAR2: 'text',
  'VARCHAR2(10 CHAR)': 'varchar(40)',
  'TIMESTAMP(3) WITH TIME ZONE': 'timestamptz(3)',
  'INTERVAL DAY(2) TO SECOND(*)': 'interval',
  'OE.PHONE_LIST_TYP': 'text[]',
}

describe('type overrides', () => {
  const format = makeTypeFormatter(parseTypeOverrides(CONFIG, []), oracleLogicalType)

  it.each([
    ['NUMBER(1)', 'boolean'],
    ['NUMBER(1,0)', 'boolean'],
    ['NUMBER(12)', 'bigint'],
    ['NUMBER(*,0)', 'bigint'],
    ['NUMBER(8,2)', 'numeric(8,2)'],
    ['NUMBER', 'numeric'],
    ['DATE', 'date'],
    ['VARCHAR2(30)', 'text'],
    ['VARCHAR2(10 CHAR)', 'varchar(40)'],
    ['VARCHAR2(10 BYTE)', 'text'],
    ['TIMESTAMP(3) WITH TIME ZONE', 'timestamptz(3)'],
    ['TIMESTAMP(6) WITH TIME ZONE', 'timestamptz(6)'],
    ['INTERVAL DAY(2) TO SECOND(6)', 'interval'],
    ['INTERVAL DAY(3) TO SECOND(6)', 'interval day to second(6)'],
    ['OE.PHONE_LIST_TYP', 'text[]'],
    ['PHONE_LIST_TYP', 'phone_list_typ'],
  ])('%s → %s', (oracle, postgres) => {
    expect(format(native(oracle))).toBe(postgres)
  })

  it('lets a command-line flag win over a config entry of the same pattern', () => {
    const f = makeTypeFormatter(parseTypeOverrides({ DATE: 'date' }, ['DATE=timestamptz(0)']), oracleLogicalType)
    expect(f(native('DATE'))).toBe('timestamptz(0)')
  })

  it('prefers the more specific pattern whatever the order', () => {
    const overrides = parseTypeOverrides({}, ['NUMBER(1,0)=boolean', 'NUMBER=double precision'])
    expect(findTypeOverride(overrides, native('NUMBER(1)'))?.target).toBe('boolean')
    expect(findTypeOverride(overrides, native('NUMBER(5,2)'))?.target).toBe('double precision')
  })

  it('uses the logical type a stage settled on when no override matches', () => {
    const f = makeTypeFormatter(parseTypeOverrides({ SDO_GEOMETRY: 'geometry' }, []), oracleLogicalType)
    expect(f(native('MISSING_TYP'), { kind: 'text', fixed: false })).toBe('text')
    expect(f(native('SDO_GEOMETRY'), { kind: 'text', fixed: false })).toBe('geometry')
  })

  it.each([
    ['NUMBER(1,0)', ''],
    ['NUMBER(a)', 'boolean'],
    ['(3)', 'text'],
    ['VARCHAR2(10 WORDS)', 'text'],
    ['NUMBER', 'int; DROP TABLE x'],
    ['NUMBER(1,2,3)', 'numeric'],
  ])('refuses %s=%s with a ConfigError naming the entry', (pattern, target) => {
    const attempt = () => parseTypeOverrides({ [pattern]: target }, [])
    expect(attempt).toThrow(ConfigError)
    expect(attempt).toThrow(pattern)
  })

  it('refuses a flag without "="', () => {
    expect(() => parseTypeOverrides({}, ['NUMBER boolean'])).toThrow(/PATTERN=TYPE/)
  })
})
