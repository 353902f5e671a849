import { makeTypeFormatter } from '../../../../src/convert/format-type.js'
import { DEFAULT_TARGET } from '../../../../src/convert/target.js'
import type { TranslateContext } from '../../../../src/convert/translate-context.js'
import { teradataLogicalType } from '../../../../src/engines/teradata/teradata-types.js'
import { emptySchema, type ColumnDef, type SchemaModel } from '../../../../src/model/schema.js'

function col(name: string, typeName: string, extra: Partial<ColumnDef['nativeType']> = {}): ColumnDef {
  const nativeType = { name: typeName, text: typeName, ...extra }
  return { name, nativeType, type: teradataLogicalType(nativeType), nullable: true }
}

/** A Teradata-typed catalog: SALES with integer, decimal, date, timestamp and text columns. */
export const TD_CATALOG: SchemaModel = {
  ...emptySchema('teradata'),
  tables: [
    {
      schema: 'DW',
      name: 'SALES',
      columns: [
        col('SALE_ID', 'INTEGER'), col('STORE_ID', 'SMALLINT'), col('QTY', 'BYTEINT'), col('AMOUNT', 'DECIMAL', { precision: 12, scale: 2 }),
        col('SALE_DATE', 'DATE'), col('SOLD_AT', 'TIMESTAMP'), col('REGION', 'VARCHAR', { length: 30 }), col('DATE_INT', 'INTEGER'),
      ],
      uniques: [],
      checks: [],
      foreignKeys: [],
    },
  ],
}

export function tdContext(object = 'VIEW DW.V'): TranslateContext {
  return {
    object,
    findings: [],
    catalog: TD_CATALOG,
    targetSchema: 'dw',
    formatType: makeTypeFormatter([], teradataLogicalType),
    support: new Set(),
    target: DEFAULT_TARGET,
  }
}
