import { makeTypeFormatter } from '../../../../src/convert/format-type.js'
import { DEFAULT_TARGET, type TargetDialect } from '../../../../src/convert/target.js'
import type { TranslateContext } from '../../../../src/convert/translate-context.js'
import { oracleLogicalType } from '../../../../src/engines/oracle/oracle-types.js'
import { emptySchema, type ColumnDef, type SchemaModel, type TableDef } from '../../../../src/model/schema.js'

/** A translation context over a small HR-like catalog: EMPLOYEES with typed columns, one sequence, object types. */
function col(name: string, typeName: string): ColumnDef {
  const nativeType = { name: typeName, text: typeName }
  return { name, nativeType, type: oracleLogicalType(nativeType), nullable: true }
}

const EMPLOYEES: TableDef = {
  schema: 'HR',
  name: 'EMPLOYEES',
  columns: [col('EMPLOYEE_ID', 'NUMBER'), col('LAST_NAME', 'VARCHAR2'), col('HIRE_DATE', 'DATE'), col('SALARY', 'NUMBER'), col('MANAGER_ID', 'NUMBER'), col('UPDATED_AT', 'TIMESTAMP')],
  uniques: [],
  checks: [],
  foreignKeys: [],
}

const CUSTOMERS: TableDef = {
  schema: 'OE',
  name: 'CUSTOMERS',
  columns: [
    col('CUSTOMER_ID', 'NUMBER'),
    { name: 'CUST_ADDRESS', nativeType: { name: 'CUST_ADDRESS_TYP', schema: 'OE', text: 'CUST_ADDRESS_TYP' }, type: { kind: 'user-defined', schema: 'OE', name: 'CUST_ADDRESS_TYP' }, nullable: true },
    // Text in PostgreSQL (resolve-types.ts), holding EWKT (rewrites/spatial.ts).
    { name: 'CUST_GEO_LOCATION', nativeType: { name: 'SDO_GEOMETRY', schema: 'MDSYS', text: 'MDSYS.SDO_GEOMETRY' }, type: { kind: 'text', fixed: false }, nullable: true },
  ],
  uniques: [],
  checks: [],
  foreignKeys: [],
}

/** CO's products: JSON kept in a BLOB (with an IS JSON check in Oracle). */
const PRODUCTS: TableDef = {
  schema: 'CO',
  name: 'PRODUCTS',
  columns: [col('PRODUCT_ID', 'NUMBER'), col('PRODUCT_NAME', 'VARCHAR2'), col('PRODUCT_DETAILS', 'BLOB')],
  uniques: [],
  checks: [],
  foreignKeys: [],
}

export const CATALOG: SchemaModel = {
  ...emptySchema('oracle'),
  tables: [EMPLOYEES, CUSTOMERS, PRODUCTS],
  sequences: [{ schema: 'HR', name: 'EMPLOYEES_SEQ' }],
  types: [
    { schema: 'OE', name: 'PHONE_LIST_TYP', kind: 'varray', element: { nativeType: { name: 'VARCHAR2', length: 25, text: 'VARCHAR2(25)' }, type: { kind: 'text', fixed: false, maxChars: 25 } }, source: { text: '' } },
    { schema: 'OE', name: 'CUST_ADDRESS_TYP', kind: 'object', attributes: [], source: { text: '' } },
    {
      schema: 'OE',
      name: 'ADDRESS_LIST_TYP',
      kind: 'nested-table',
      element: { nativeType: { name: 'CUST_ADDRESS_TYP', schema: 'OE', text: 'OE.CUST_ADDRESS_TYP' }, type: { kind: 'user-defined', schema: 'OE', name: 'CUST_ADDRESS_TYP' } },
      source: { text: '' },
    },
  ],
}

export function testContext(target: TargetDialect = DEFAULT_TARGET): TranslateContext {
  return {
    object: 'TABLE HR.EMPLOYEES',
    findings: [],
    catalog: CATALOG,
    targetSchema: 'hr',
    formatType: makeTypeFormatter([], oracleLogicalType),
    support: new Set(),
    target,
  }
}
