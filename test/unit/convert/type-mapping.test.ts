import { describe, expect, it } from 'vitest'
import { makeTypeFormatter } from '../../../src/convert/format-type.js'
import { oracleLogicalType } from '../../../src/engines/oracle/oracle-types.js'
import { native } from '../engines/postgres/ddl-fixtures.js'

/** The rules of docs/type-mapping.md, one row each: Oracle type as written → PostgreSQL type. */
const RULES: ReadonlyArray<[string, string]> = [
  ['NUMBER(4)', 'smallint'],
  ['NUMBER(5,0)', 'integer'],
  ['NUMBER(9)', 'integer'],
  ['NUMBER(10)', 'bigint'],
  ['NUMBER(18,0)', 'bigint'],
  ['NUMBER(19)', 'numeric(19)'],
  ['NUMBER(8,2)', 'numeric(8,2)'],
  ['NUMBER(2,-3)', 'numeric(5)'],
  ['NUMBER', 'numeric'],
  ['NUMBER(*,0)', 'numeric(38)'],
  ['INTEGER', 'numeric(38)'],
  ['FLOAT', 'numeric'],
  ['FLOAT(126)', 'numeric'],
  ['BINARY_FLOAT', 'real'],
  ['BINARY_DOUBLE', 'double precision'],
  ['CHAR(3)', 'char(3)'],
  ['CHAR', 'char(1)'],
  ['NCHAR(2)', 'char(2)'],
  ['VARCHAR2(30)', 'varchar(30)'],
  ['VARCHAR2(30 BYTE)', 'varchar(30)'],
  ['VARCHAR2(30 CHAR)', 'varchar(30)'],
  ['NVARCHAR2(40)', 'varchar(40)'],
  ['CLOB', 'text'],
  ['NCLOB', 'text'],
  ['LONG', 'text'],
  ['BLOB', 'bytea'],
  ['RAW(16)', 'bytea'],
  ['LONG RAW', 'bytea'],
  ['BFILE', 'bytea'],
  ['DATE', 'timestamp(0)'],
  ['TIMESTAMP', 'timestamp(6)'],
  ['TIMESTAMP(3)', 'timestamp(3)'],
  ['TIMESTAMP(9)', 'timestamp(6)'],
  ['TIMESTAMP WITH TIME ZONE', 'timestamptz(6)'],
  ['TIMESTAMP(2) WITH LOCAL TIME ZONE', 'timestamptz(2)'],
  ['INTERVAL YEAR(3) TO MONTH', 'interval year to month'],
  ['INTERVAL DAY(2) TO SECOND(6)', 'interval day to second(6)'],
  ['ROWID', 'text'],
  ['UROWID', 'text'],
  ['XMLTYPE', 'xml'],
  ['SYS.XMLTYPE', 'xml'],
  ['JSON', 'jsonb'],
  ['BOOLEAN', 'boolean'],
  ['CUST_ADDRESS_TYP', 'cust_address_typ'],
  ['OE.PHONE_LIST_TYP', 'oe.phone_list_typ'],
]

describe('Oracle → PostgreSQL type mapping (docs/type-mapping.md)', () => {
  const format = makeTypeFormatter([], oracleLogicalType)
  it.each(RULES)('%s → %s', (oracle, postgres) => {
    expect(format(native(oracle))).toBe(postgres)
  })

  it.each(['SDO_GEOMETRY', 'MDSYS.SDO_GEOMETRY', 'ANYDATA'])('%s has no PostgreSQL type: refused, not guessed', (oracle) => {
    expect(() => format(native(oracle))).toThrow(/no type for/)
  })
})
