import { describe, expect, it } from 'vitest'
import { TokenCursor } from '../../../../src/convert/sql/cursor.js'
import { tokenize } from '../../../../src/convert/sql/tokenizer.js'
import { formatPostgresType } from '../../../../src/engines/postgres/postgres-types.js'
import { parseTeradataType } from '../../../../src/engines/teradata/teradata-ddl-types.js'
import { teradataLogicalType } from '../../../../src/engines/teradata/teradata-types.js'

/** Parses a type as written in DDL; the cursor must stop at the first token after it. */
function parse(text: string) {
  const c = new TokenCursor(tokenize(`${text} NOT NULL`), `${text} NOT NULL`, 'types.sql')
  const native = parseTeradataType(c)
  expect(c.isWords('NOT', 'NULL')).toBe(true)
  return native
}

describe('Teradata types as written in DDL → PostgreSQL', () => {
  it.each<[string, string]>([
    ['BYTEINT', 'smallint'],
    ['SMALLINT', 'smallint'],
    ['INT', 'integer'],
    ['INTEGER', 'integer'],
    ['BIGINT', 'bigint'],
    ['DECIMAL', 'numeric(5)'],
    ['DEC(9,2)', 'numeric(9,2)'],
    ['NUMERIC(38)', 'numeric(38)'],
    ['NUMBER', 'numeric'],
    ['NUMBER(18,4)', 'numeric(18,4)'],
    ['NUMBER(*,3)', 'numeric(38,3)'],
    ['FLOAT', 'double precision'],
    ['FLOAT(10)', 'double precision'],
    ['REAL', 'double precision'],
    ['DOUBLE PRECISION', 'double precision'],
    ['CHAR', 'char(1)'],
    ['CHAR(3)', 'char(3)'],
    ['CHARACTER(10)', 'char(10)'],
    ['VARCHAR(50)', 'varchar(50)'],
    ['CHARACTER VARYING(20)', 'varchar(20)'],
    ['LONG VARCHAR', 'varchar(64000)'],
    ['GRAPHIC(4)', 'char(4)'],
    ['VARGRAPHIC(40)', 'varchar(40)'],
    ['CLOB(10M)', 'text'],
    ['CHARACTER LARGE OBJECT', 'text'],
    ['BYTE(16)', 'bytea'],
    ['VARBYTE(100)', 'bytea'],
    ['BLOB(2097088000)', 'bytea'],
    ['BINARY LARGE OBJECT(2G)', 'bytea'],
    ['DATE', 'date'],
    ['TIME', 'time(6)'],
    ['TIME(0)', 'time(0)'],
    ['TIME(3) WITH TIME ZONE', 'timetz(3)'],
    ['TIMESTAMP', 'timestamp(6)'],
    ['TIMESTAMP(0)', 'timestamp(0)'],
    ['TIMESTAMP(6) WITH TIME ZONE', 'timestamptz(6)'],
    ['INTERVAL YEAR', 'interval year to month'],
    ['INTERVAL YEAR(4) TO MONTH', 'interval year to month'],
    ['INTERVAL DAY(2) TO SECOND(3)', 'interval day to second(3)'],
    ['INTERVAL SECOND(2,4)', 'interval day to second(4)'],
    ['JSON(16000)', 'jsonb'],
    ['XML', 'xml'],
  ])('%s → %s', (text, pg) => {
    expect(formatPostgresType(teradataLogicalType(parse(text)))).toBe(pg)
  })

  it('keeps the text as written and the parts it read', () => {
    expect(parse('TIMESTAMP(3) WITH TIME ZONE')).toEqual({ name: 'TIMESTAMP WITH TIME ZONE', fractionalPrecision: 3, text: 'TIMESTAMP(3) WITH TIME ZONE' })
    expect(parse('BLOB(10K)')).toEqual({ name: 'BLOB', length: 10240, text: 'BLOB(10K)' })
    expect(parse('PERIOD(TIMESTAMP(2))')).toEqual({ name: 'PERIOD(TIMESTAMP)', fractionalPrecision: 2, text: 'PERIOD(TIMESTAMP(2))' })
    expect(parse('SYSUDTLIB.Money')).toEqual({ name: 'MONEY', schema: 'SYSUDTLIB', text: 'SYSUDTLIB.Money' })
  })

  it('PERIOD has no PostgreSQL type yet: unsupported, naming the type as written', () => {
    expect(teradataLogicalType(parse('PERIOD(DATE)'))).toEqual({ kind: 'unsupported', native: 'PERIOD(DATE)' })
  })

  it('a length that is not a whole number is an error with its position', () => {
    expect(() => parse('VARCHAR(x)')).toThrow(/types\.sql:1:9: expected a whole number/)
  })
})
