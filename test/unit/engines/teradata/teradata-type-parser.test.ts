import { describe, expect, it } from 'vitest'
import { TokenCursor } from '../../../../src/convert/sql/cursor.js'
import { SqlSyntaxError } from '../../../../src/core/errors.js'
import { TERADATA_TOKENIZER } from '../../../../src/convert/sql/teradata/teradata-sql.js'
import { tokenize } from '../../../../src/convert/sql/tokenizer.js'
import { parseTeradataType } from '../../../../src/engines/teradata/teradata-ddl-types.js'
import { teradataLogicalType } from '../../../../src/engines/teradata/teradata-types.js'

function parse(text: string) {
  const c = new TokenCursor(tokenize(text, undefined, TERADATA_TOKENIZER), text, 't.sql')
  const t = parseTeradataType(c)
  return { type: t, rest: c.current.text }
}

describe('parseTeradataType: CAST targets and parameters', () => {
  it.each([
    ['BYTEINT', { name: 'BYTEINT' }, { kind: 'int', bytes: 1 }],
    ['DECIMAL(18,2)', { name: 'DECIMAL', precision: 18, scale: 2 }, { kind: 'decimal', precision: 18, scale: 2 }],
    ['DEC', { name: 'DEC' }, { kind: 'decimal', precision: 5, scale: 0 }],
    ['NUMBER(*,4)', { name: 'NUMBER', scale: 4 }, { kind: 'decimal', precision: 38, scale: 4 }],
    ['VARCHAR(50)', { name: 'VARCHAR', length: 50 }, { kind: 'text', fixed: false, maxChars: 50 }],
    ['CHARACTER VARYING(10)', { name: 'CHARACTER VARYING', length: 10 }, { kind: 'text', fixed: false, maxChars: 10 }],
    ['LONG VARCHAR', { name: 'LONG VARCHAR' }, { kind: 'text', fixed: false, maxChars: 64000 }],
    ['CLOB(2M)', { name: 'CLOB', length: 2 * 1024 * 1024 }, { kind: 'clob' }],
    ['TIMESTAMP(0) WITH TIME ZONE', { name: 'TIMESTAMP WITH TIME ZONE', fractionalPrecision: 0 }, { kind: 'timestamp', precision: 0, tz: 'utc' }],
    ['TIME(3)', { name: 'TIME', fractionalPrecision: 3 }, { kind: 'time', precision: 3, tz: false }],
    ['INTERVAL DAY(4) TO SECOND(2)', { name: 'INTERVAL DAY TO SECOND', leadingPrecision: 4, fractionalPrecision: 2 }, { kind: 'interval', fields: 'day-second', precision: 2 }],
    ['INTERVAL YEAR TO MONTH', { name: 'INTERVAL YEAR TO MONTH' }, { kind: 'interval', fields: 'year-month' }],
  ] as const)('%s', (text, native, logical) => {
    const { type, rest } = parse(text)
    expect(type).toMatchObject({ ...native, text })
    expect(teradataLogicalType(type)).toEqual(logical)
    expect(rest).toBe('')
  })

  it('reads PERIOD(DATE) (no logical kind yet: unsupported, an action item downstream)', () => {
    const { type } = parse('PERIOD(DATE)')
    expect(type.name).toBe('PERIOD(DATE)')
    expect(teradataLogicalType(type).kind).toBe('unsupported')
  })

  it('stops before data attributes, which the caller reads', () => {
    expect(parse("DATE FORMAT 'YYYY-MM-DD'").rest).toBe('FORMAT')
    expect(parse('VARCHAR(20) CHARACTER SET LATIN NOT CASESPECIFIC').rest).toBe('CHARACTER')
  })

  it('names the position of a bad length', () => {
    expect(() => parse('DECIMAL(x)')).toThrow(SqlSyntaxError)
    expect(() => parse('DECIMAL(x)')).toThrow(/t\.sql:1:9: expected a whole number/)
  })
})
