import { describe, expect, it } from 'vitest'
import type { LogicalType } from '../../../../src/model/logical-type.js'
import { UnsupportedConstructError } from '../../../../src/convert/translate-context.js'
import { formatPostgresType } from '../../../../src/engines/postgres/postgres-types.js'
import { postgresSyntaxError } from '../../../support/pg-parser.js'

const CASES: ReadonlyArray<[LogicalType, string]> = [
  [{ kind: 'int', bytes: 2 }, 'smallint'],
  [{ kind: 'int', bytes: 4 }, 'integer'],
  [{ kind: 'int', bytes: 8 }, 'bigint'],
  [{ kind: 'decimal' }, 'numeric'],
  [{ kind: 'decimal', precision: 20 }, 'numeric(20)'],
  [{ kind: 'decimal', precision: 20, scale: 0 }, 'numeric(20)'],
  [{ kind: 'decimal', precision: 8, scale: 2 }, 'numeric(8,2)'],
  [{ kind: 'float', bytes: 4 }, 'real'],
  [{ kind: 'float', bytes: 8 }, 'double precision'],
  [{ kind: 'text', fixed: true, maxChars: 3 }, 'char(3)'],
  [{ kind: 'text', fixed: true }, 'char(1)'],
  [{ kind: 'text', fixed: false, maxChars: 30 }, 'varchar(30)'],
  [{ kind: 'text', fixed: false }, 'text'],
  [{ kind: 'clob' }, 'text'],
  [{ kind: 'binary', maxBytes: 16 }, 'bytea'],
  [{ kind: 'date' }, 'date'],
  [{ kind: 'timestamp', precision: 0, tz: 'none' }, 'timestamp(0)'],
  [{ kind: 'timestamp', precision: 9, tz: 'none' }, 'timestamp(6)'],
  [{ kind: 'timestamp', tz: 'none' }, 'timestamp'],
  [{ kind: 'timestamp', precision: 3, tz: 'utc' }, 'timestamptz(3)'],
  [{ kind: 'timestamp', precision: 6, tz: 'local' }, 'timestamptz(6)'],
  [{ kind: 'interval', fields: 'year-month' }, 'interval year to month'],
  [{ kind: 'interval', fields: 'day-second', precision: 9 }, 'interval day to second(6)'],
  [{ kind: 'interval', fields: 'day-second' }, 'interval day to second'],
  [{ kind: 'boolean' }, 'boolean'],
  [{ kind: 'json' }, 'jsonb'],
  [{ kind: 'xml' }, 'xml'],
  [{ kind: 'rowid' }, 'text'],
  [{ kind: 'user-defined', name: 'CUST_ADDRESS_TYP' }, 'cust_address_typ'],
  [{ kind: 'user-defined', schema: 'OE', name: 'Phone List' }, 'oe."Phone List"'],
]

describe('formatPostgresType', () => {
  it.each(CASES)('%j → %s', (logical, expected) => {
    expect(formatPostgresType(logical)).toBe(expected)
  })

  it.each(CASES)('%j gives a type PostgreSQL parses', (logical) => {
    expect(postgresSyntaxError(`CREATE TABLE t (c ${formatPostgresType(logical)})`)).toBeUndefined()
  })

  it('refuses an unsupported type with an UnsupportedConstructError naming it', () => {
    expect(() => formatPostgresType({ kind: 'unsupported', native: 'SDO_GEOMETRY' })).toThrow(UnsupportedConstructError)
    expect(() => formatPostgresType({ kind: 'unsupported', native: 'SDO_GEOMETRY' })).toThrow(/SDO_GEOMETRY/)
  })
})
