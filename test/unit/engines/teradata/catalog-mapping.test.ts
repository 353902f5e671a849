import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { nativeTypeOfColumn } from '../../../../src/engines/teradata/teradata-catalog-column-type.js'
import { mapPartitioning, mapTeradataCatalog, type TeradataCatalogRows } from '../../../../src/engines/teradata/teradata-catalog-mapping.js'
import { showText, teradataDataTable } from '../../../../src/engines/teradata/teradata-catalog-read.js'
import { teradataLogicalType } from '../../../../src/engines/teradata/teradata-types.js'

/** Rows as DBC.DatabasesV/TablesV/ColumnsV/IndicesV/PartitioningConstraintsV/All_RI_ChildrenV/TableStatsV return them (documented columns). */
const rows = JSON.parse(readFileSync(new URL('../../../fixtures/teradata-catalog/sales.json', import.meta.url), 'utf8')) as TeradataCatalogRows
const model = mapTeradataCatalog(rows)
const table = (name: string) => model.tables.find((t) => t.name === name)!
const column = (t: string, c: string) => table(t).columns.find((x) => x.name === c)!

describe('Teradata catalog rows → model', () => {
  it('reads tables (T, O) and not views or code as tables', () => {
    expect(model.engine).toBe('teradata')
    expect(model.tables.map((t) => `${t.schema}.${t.name}`)).toEqual(['Sales.Customer', 'Sales.Orders', 'Sales.OrderLine'])
    expect(model.capturedAt).toBe('2026-12-06T06:00:00.000Z')
  })

  it('maps SET/MULTISET, comments and statistics', () => {
    expect(table('Customer').rejectsDuplicateRows).toBe(true)
    expect(table('Orders').rejectsDuplicateRows).toBeUndefined()
    expect(table('Customer').comment).toBe('One row per customer')
    expect(table('Orders').stats).toEqual({ rows: 125_000_000 })
    expect(table('OrderLine').stats).toBeUndefined()
  })

  it('maps the primary index to distribution: PK as UPI, partitioned NUPI, NoPI', () => {
    expect(table('Customer').distribution).toEqual({ kind: 'primary-index', columns: ['CustomerId'], unique: true })
    expect(table('Orders').distribution).toEqual({ kind: 'primary-index', columns: ['CustomerId'], unique: false })
    expect(table('OrderLine').distribution).toEqual({ kind: 'none' })
  })

  it('maps keys, secondary indexes and foreign keys', () => {
    expect(table('Customer').primaryKey).toEqual({ name: 'Customer_PK', columns: ['CustomerId'] })
    expect(table('Customer').uniques).toEqual([{ name: 'Customer_Email_UK', columns: ['Email'] }])
    expect(model.indexes).toEqual([
      { schema: 'Sales', name: 'Customer_sidx8', table: { schema: 'Sales', name: 'Customer' }, unique: false, kind: 'btree', keys: [{ column: 'CountryCode' }, { column: 'Segment' }] },
      { schema: 'Sales', name: 'Orders_OrderId_USI', table: { schema: 'Sales', name: 'Orders' }, unique: true, kind: 'btree', keys: [{ column: 'OrderId' }] },
      { schema: 'Sales', name: 'OrderLine_Sku', table: { schema: 'Sales', name: 'OrderLine' }, unique: false, kind: 'btree', keys: [{ column: 'Sku' }] },
    ])
    expect(table('Orders').foreignKeys).toEqual([{ name: 'Orders_Customer_FK', columns: ['CustomerId'], references: { schema: 'Sales', name: 'Customer' }, refColumns: ['CustomerId'] }])
    expect(table('OrderLine').foreignKeys[0]).toEqual({ columns: ['OrderId'], references: { schema: 'Sales', name: 'Orders' }, refColumns: ['OrderId'] })
  })

  it('maps multi-level partitioning to its first method and the range columns', () => {
    expect(table('Orders').partitioning).toEqual({ method: 'range', columns: ['OrderDate'], partitions: [] })
    expect(mapPartitioning('CHECK (/*01 02 00*/ CASE_N(Region = 1, NO CASE) IS NOT NULL)')).toEqual({ method: 'list', columns: [], partitions: [] })
  })

  it('maps column attributes: nullability, identity, default, case-specificity', () => {
    expect(column('Customer', 'CustomerId')).toMatchObject({ nullable: false, identity: { always: true } })
    expect(column('Customer', 'CountryCode')).toMatchObject({ nullable: true, defaultExpr: { text: "'NL'" }, caseSpecific: false })
    expect(column('Customer', 'Name').caseSpecific).toBe(true)
    expect(column('Customer', 'Email').caseSpecific).toBe(false)
    expect(column('Customer', 'Segment').caseSpecific).toBeUndefined()
  })

  it.each([
    ['Customer', 'CustomerId', 'INTEGER', { kind: 'int', bytes: 4 }],
    ['Customer', 'Segment', 'BYTEINT', { kind: 'int', bytes: 1 }],
    ['Customer', 'Name', 'VARCHAR(100) CHARACTER SET UNICODE', { kind: 'text', fixed: false, maxChars: 100 }],
    ['Customer', 'CountryCode', 'CHAR(2) CHARACTER SET LATIN', { kind: 'text', fixed: true, maxChars: 2 }],
    ['Orders', 'OrderId', 'BIGINT', { kind: 'int', bytes: 8 }],
    ['Orders', 'Total', 'DECIMAL(38,2)', { kind: 'decimal', precision: 38, scale: 2 }],
    ['Orders', 'Ratio', 'NUMBER', { kind: 'decimal' }],
    ['Orders', 'Weight', 'FLOAT', { kind: 'float', bytes: 8 }],
    ['Orders', 'PickedAt', 'TIME(0)', { kind: 'time', precision: 0, tz: false }],
    ['Orders', 'PickedAtTz', 'TIME(3) WITH TIME ZONE', { kind: 'time', precision: 3, tz: true }],
    ['Orders', 'CreatedAt', 'TIMESTAMP(6)', { kind: 'timestamp', precision: 6, tz: 'none' }],
    ['Orders', 'ShippedAt', 'TIMESTAMP(0) WITH TIME ZONE', { kind: 'timestamp', precision: 0, tz: 'utc' }],
    ['Orders', 'Validity', 'PERIOD(DATE)', { kind: 'unsupported', native: 'PERIOD(DATE)' }],
    ['Orders', 'Window', 'PERIOD(TIMESTAMP)', { kind: 'unsupported', native: 'PERIOD(TIMESTAMP)' }],
    ['Orders', 'Notes', 'CLOB(2097088000) CHARACTER SET UNICODE', { kind: 'clob' }],
    ['Orders', 'Payload', 'JSON', { kind: 'json' }],
    ['Orders', 'Doc', 'XML', { kind: 'xml' }],
    ['Orders', 'Hash', 'BYTE(16)', { kind: 'binary', maxBytes: 16 }],
    ['Orders', 'Blob', 'BLOB', { kind: 'binary' }],
    ['Orders', 'Raw', 'VARBYTE(1000)', { kind: 'binary', maxBytes: 1000 }],
    ['Orders', 'Term', 'INTERVAL YEAR(2) TO MONTH', { kind: 'interval', fields: 'year-month' }],
    ['Orders', 'Lead', 'INTERVAL DAY(4) TO SECOND(6)', { kind: 'interval', fields: 'day-second', precision: 6 }],
    ['Orders', 'Shape', 'SYSUDTLIB.ST_GEOMETRY', { kind: 'unsupported', native: 'SYSUDTLIB.ST_GEOMETRY' }],
  ])('%s.%s: ColumnType → %s', (t, c, text, logical) => {
    expect(column(t, c).nativeType.text).toBe(text)
    expect(column(t, c).type).toEqual(logical)
  })

  it('reads views and code from SHOW text', () => {
    expect(model.views).toEqual([
      {
        schema: 'Sales',
        name: 'RecentOrders',
        columns: ['OrderId', 'CustomerId', 'Total'],
        query: { text: 'LOCKING ROW FOR ACCESS\nSEL OrderId, CustomerId, Total FROM Sales.Orders\nWHERE OrderDate > CURRENT_DATE - 30', at: { file: 'Sales.RecentOrders', line: 1, column: 1 } },
      },
    ])
    expect(model.code.map((c) => [c.name, c.kind, c.source.text.split('\n')[0]])).toEqual([
      ['NewOrder', 'procedure', 'REPLACE MACRO Sales.NewOrder (cust INTEGER, total DECIMAL(38,2)) AS ('],
      ['CloseOrder', 'procedure', 'REPLACE PROCEDURE Sales.CloseOrder (IN id BIGINT)'],
    ])
  })

  it('joins SHOW rows and turns their carriage returns into lines', () => {
    expect(showText([['CREATE VIEW a.b AS\rSEL 1\r'], ['FROM c;']])).toBe('CREATE VIEW a.b AS\nSEL 1\nFROM c;')
    expect(showText([['CREATE VIEW a.b AS'], ['SEL 1;']])).toBe('CREATE VIEW a.b AS\nSEL 1;')
  })
})

describe('nativeTypeOfColumn edge cases', () => {
  const facts = { ColumnLength: null, DecimalTotalDigits: null, DecimalFractionalDigits: null, CharType: null, ColumnUDTName: null }
  it('graphic columns (CharType 4, or the old GF/GV codes) count two bytes a character', () => {
    expect(nativeTypeOfColumn({ ...facts, ColumnType: 'CF', ColumnLength: 20, CharType: 4 })).toMatchObject({ name: 'GRAPHIC', length: 10 })
    expect(nativeTypeOfColumn({ ...facts, ColumnType: 'GV', ColumnLength: 20 })).toMatchObject({ name: 'VARGRAPHIC', length: 10 })
  })
  it('NUMBER with a precision, DECIMAL without', () => {
    expect(teradataLogicalType(nativeTypeOfColumn({ ...facts, ColumnType: 'N', DecimalTotalDigits: 12, DecimalFractionalDigits: 3 }))).toEqual({ kind: 'decimal', precision: 12, scale: 3 })
    expect(nativeTypeOfColumn({ ...facts, ColumnType: 'D' })).toMatchObject({ name: 'DECIMAL', precision: 5, scale: 0 })
  })
  it('INTERVAL SECOND keeps both precisions in one pair', () => {
    expect(nativeTypeOfColumn({ ...facts, ColumnType: 'SC', DecimalTotalDigits: 4, DecimalFractionalDigits: 3 })).toMatchObject({ name: 'INTERVAL SECOND', text: 'INTERVAL SECOND(4,3)' })
    expect(nativeTypeOfColumn({ ...facts, ColumnType: 'HS', DecimalTotalDigits: 3, DecimalFractionalDigits: 0 }).text).toBe('INTERVAL HOUR(3) TO SECOND(0)')
  })
  it('an unknown code is kept as the type name, so conversion reports it', () => {
    expect(nativeTypeOfColumn({ ...facts, ColumnType: 'ZZ' })).toEqual({ name: 'ZZ', text: 'ZZ' })
  })
})

describe('teradataDataTable', () => {
  it('takes the primary key, else a unique key or UPI over NOT NULL columns', () => {
    expect(teradataDataTable(table('Customer'))).toMatchObject({ key: ['CustomerId'], estimatedRows: 2_000_000 })
    expect(teradataDataTable(table('Orders')).key).toBeUndefined()
    expect(teradataDataTable(table('OrderLine'))).toMatchObject({ schema: 'Sales', name: 'OrderLine', estimatedRows: 0 })
  })
})
