import { describe, expect, it } from 'vitest'
import { TokenCursor } from '../../../../src/convert/sql/cursor.js'
import { tokenize } from '../../../../src/convert/sql/tokenizer.js'
import { catalogNativeType, type CatalogTypeSpec } from '../../../../src/engines/oracle/oracle-catalog-mapping.js'
import { oracleLogicalType, parseNativeType } from '../../../../src/engines/oracle/oracle-types.js'

function fromDdl(text: string) {
  const c = new TokenCursor(tokenize(text), text, 't.sql')
  const t = parseNativeType(c)
  expect(c.atEnd()).toBe(true)
  return t
}

/**
 * The catalog path and the DDL path must build the same NativeType: each row is an
 * ALL_TAB_COLS description and the DDL a column of that type is written with.
 */
describe('catalogNativeType equals parseNativeType of the same DDL', () => {
  const rows: [CatalogTypeSpec, string][] = [
    [{ dataType: 'NUMBER', precision: 8, scale: 2, length: 22 }, 'NUMBER(8,2)'],
    [{ dataType: 'NUMBER', precision: 6, scale: 0, length: 22 }, 'NUMBER(6)'],
    [{ dataType: 'NUMBER', precision: null, scale: null, length: 22 }, 'NUMBER'],
    [{ dataType: 'NUMBER', precision: null, scale: 0, length: 22 }, 'INTEGER'],
    [{ dataType: 'NUMBER', precision: null, scale: 2, length: 22 }, 'NUMBER(*,2)'],
    [{ dataType: 'NUMBER', precision: 5, scale: -2, length: 22 }, 'NUMBER(5,-2)'],
    [{ dataType: 'FLOAT', precision: 126, length: 22 }, 'FLOAT'],
    [{ dataType: 'FLOAT', precision: 63, length: 22 }, 'FLOAT(63)'],
    [{ dataType: 'VARCHAR2', length: 120, charLength: 30, charUsed: 'C' }, 'VARCHAR2(30 CHAR)'],
    [{ dataType: 'VARCHAR2', length: 25, charLength: 25, charUsed: 'B' }, 'VARCHAR2(25)'],
    [{ dataType: 'CHAR', length: 2, charLength: 2, charUsed: 'B' }, 'CHAR(2)'],
    [{ dataType: 'CHAR', length: 4, charLength: 1, charUsed: 'C' }, 'CHAR(1 CHAR)'],
    [{ dataType: 'NVARCHAR2', length: 100, charLength: 50, charUsed: 'C' }, 'NVARCHAR2(50)'],
    [{ dataType: 'NCHAR', length: 20, charLength: 10, charUsed: 'C' }, 'NCHAR(10)'],
    [{ dataType: 'RAW', length: 16 }, 'RAW(16)'],
    [{ dataType: 'DATE', length: 7 }, 'DATE'],
    [{ dataType: 'TIMESTAMP(6)', length: 11, scale: 6 }, 'TIMESTAMP(6)'],
    [{ dataType: 'TIMESTAMP(3) WITH TIME ZONE', length: 13, scale: 3 }, 'TIMESTAMP(3) WITH TIME ZONE'],
    [{ dataType: 'TIMESTAMP(6) WITH LOCAL TIME ZONE', length: 11, scale: 6 }, 'TIMESTAMP(6) WITH LOCAL TIME ZONE'],
    [{ dataType: 'INTERVAL DAY(2) TO SECOND(6)', length: 11, precision: 2, scale: 6 }, 'INTERVAL DAY(2) TO SECOND(6)'],
    [{ dataType: 'INTERVAL YEAR(2) TO MONTH', length: 5, precision: 2, scale: 0 }, 'INTERVAL YEAR(2) TO MONTH'],
    [{ dataType: 'CLOB', length: 4000 }, 'CLOB'],
    [{ dataType: 'BLOB', length: 4000 }, 'BLOB'],
    [{ dataType: 'LONG RAW', length: 0 }, 'LONG RAW'],
    [{ dataType: 'BINARY_DOUBLE', length: 8 }, 'BINARY_DOUBLE'],
    [{ dataType: 'ROWID', length: 10 }, 'ROWID'],
    [{ dataType: 'XMLTYPE', owner: 'SYS', length: 2000 }, 'SYS.XMLTYPE'],
    [{ dataType: 'CUST_ADDRESS_TYP', owner: 'OE', length: 1 }, 'OE.CUST_ADDRESS_TYP'],
    [{ dataType: 'ADDRESS_T', owner: 'HR', length: 1 }, 'ADDRESS_T'],
    [{ dataType: 'Mixed Type', owner: 'OE', length: 1 }, 'OE."Mixed Type"'],
    [{ dataType: 'CUSTOMER_TYP', owner: 'OE', modifier: 'REF', length: 16 }, 'REF OE.CUSTOMER_TYP'],
  ]
  it.each(rows)('%o ~ %s', (spec, ddl) => {
    const fromCatalog = catalogNativeType(spec, 'HR')
    expect(fromCatalog).toEqual(fromDdl(ddl))
    expect(oracleLogicalType(fromCatalog)).toEqual(oracleLogicalType(fromDdl(ddl)))
  })

  it('keeps a type the DDL parser does not know by its name, mapped as unsupported', () => {
    const t = catalogNativeType({ dataType: 'UNDEFINED', length: 0 }, 'HR')
    expect(t).toEqual({ name: 'UNDEFINED', text: 'UNDEFINED' })
    // VECTOR is read by both (as a type without a PostgreSQL mapping), its arguments kept in the text.
    const vector = catalogNativeType({ dataType: 'VECTOR(3, FLOAT32)', length: 0 }, 'HR')
    expect(vector).toEqual({ name: 'VECTOR', text: 'VECTOR(3, FLOAT32)' })
  })
})
