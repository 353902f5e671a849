import { describe, expect, it } from 'vitest'
import { teradataLogicalType } from '../../../../src/engines/teradata/teradata-types.js'
import { formatPostgresType } from '../../../../src/engines/postgres/postgres-types.js'
import type { NativeType } from '../../../../src/model/schema.js'

const t = (name: string, extra: Partial<NativeType> = {}): NativeType => ({ name, text: name, ...extra })

describe('Teradata native type → logical type → PostgreSQL type', () => {
  it.each<[string, NativeType, string]>([
    ['BYTEINT fits smallint', t('BYTEINT'), 'smallint'],
    ['SMALLINT', t('SMALLINT'), 'smallint'],
    ['INT is INTEGER', t('INT'), 'integer'],
    ['BIGINT', t('BIGINT'), 'bigint'],
    ['DECIMAL without precision is DECIMAL(5,0)', t('DECIMAL'), 'numeric(5)'],
    ['DECIMAL(18,4)', t('DECIMAL', { precision: 18, scale: 4 }), 'numeric(18,4)'],
    ['NUMERIC(38) stays decimal, not an integer', t('NUMERIC', { precision: 38 }), 'numeric(38)'],
    ['NUMBER without precision is any number', t('NUMBER'), 'numeric'],
    ['FLOAT is an 8-byte double', t('FLOAT'), 'double precision'],
    ['REAL is an 8-byte double too', t('REAL'), 'double precision'],
    ['CHAR(3)', t('CHAR', { length: 3 }), 'char(3)'],
    ['VARCHAR(50)', t('VARCHAR', { length: 50 }), 'varchar(50)'],
    ['LONG VARCHAR', t('LONG VARCHAR'), 'varchar(64000)'],
    ['CLOB', t('CLOB'), 'text'],
    ['VARBYTE(100)', t('VARBYTE', { length: 100 }), 'bytea'],
    ['BLOB', t('BLOB'), 'bytea'],
    ['DATE has no time part', t('DATE'), 'date'],
    ['TIME(0)', t('TIME', { fractionalPrecision: 0 }), 'time(0)'],
    ['TIME WITH TIME ZONE', t('TIME WITH TIME ZONE'), 'timetz(6)'],
    ['TIMESTAMP(0)', t('TIMESTAMP', { fractionalPrecision: 0 }), 'timestamp(0)'],
    ['TIMESTAMP(3) WITH TIME ZONE', t('TIMESTAMP WITH TIME ZONE', { fractionalPrecision: 3 }), 'timestamptz(3)'],
    ['INTERVAL YEAR TO MONTH', t('INTERVAL YEAR TO MONTH'), 'interval year to month'],
    ['INTERVAL HOUR TO SECOND', t('INTERVAL HOUR TO SECOND', { fractionalPrecision: 2 }), 'interval day to second(2)'],
    ['JSON', t('JSON'), 'jsonb'],
    ['XML', t('XML'), 'xml'],
  ])('%s', (_, native, pg) => {
    expect(formatPostgresType(teradataLogicalType(native))).toBe(pg)
  })

  it('keeps what PostgreSQL has no type for as unsupported, naming the native type', () => {
    expect(teradataLogicalType(t('PERIOD(DATE)'))).toEqual({ kind: 'unsupported', native: 'PERIOD(DATE)' })
    expect(teradataLogicalType(t('ST_GEOMETRY'))).toEqual({ kind: 'unsupported', native: 'ST_GEOMETRY' })
    expect(() => formatPostgresType(teradataLogicalType(t('ST_GEOMETRY')))).toThrow(/PostgreSQL has no type for ST_GEOMETRY/)
  })

  it('takes an unknown name for a user-defined type', () => {
    expect(teradataLogicalType(t('EMAIL_T', { schema: 'SALES' }))).toEqual({ kind: 'user-defined', schema: 'SALES', name: 'EMAIL_T' })
  })
})
