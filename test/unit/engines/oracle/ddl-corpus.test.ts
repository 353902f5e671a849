import { describe, expect, it } from 'vitest'
import { readOracleDdl, type OracleDdlReadResult } from '../../../../src/engines/oracle/oracle-ddl-reader.js'
import { readSqlPlusScript, type ScriptStatement } from '../../../../src/engines/oracle/sqlplus-script.js'
import { corpusAvailable, corpusLoadOrder, corpusSkipReason } from '../../../support/corpus.js'

function readSchema(schema: string): OracleDdlReadResult {
  const statements: ScriptStatement[] = []
  for (const entry of corpusLoadOrder('oracle', schema)) statements.push(...readSqlPlusScript(entry.path, { args: entry.args }).statements)
  return readOracleDdl(statements, { defaultSchema: schema.toUpperCase() })
}

function counts(r: OracleDdlReadResult) {
  const s = r.schema
  return {
    types: s.types.length, sequences: s.sequences.length, tables: s.tables.length, indexes: s.indexes.length,
    views: s.views.length, code: s.code.length, synonyms: s.synonyms.length, data: r.data.length,
  }
}

const EXPECTED = {
  hr: { types: 0, sequences: 3, tables: 7, indexes: 17, views: 1, code: 4, synonyms: 0, data: 7 },
  co: { types: 0, sequences: 0, tables: 7, indexes: 7, views: 4, code: 0, synonyms: 0, data: 7 },
  sh: { types: 0, sequences: 0, tables: 9, indexes: 18, views: 3, code: 0, synonyms: 0, data: 4 },
  oe: { types: 18, sequences: 1, tables: 9, indexes: 20, views: 13, code: 7, synonyms: 6, data: 3436 },
  pm: { types: 3, sequences: 0, tables: 1, indexes: 1, views: 0, code: 0, synonyms: 0, data: 0 },
}

describe.skipIf(!corpusAvailable)(`Oracle sample schemas read into the model${corpusAvailable ? '' : ` (skipped: ${corpusSkipReason})`}`, () => {
  const results = new Map<string, OracleDdlReadResult>()
  const read = (schema: string) => results.get(schema) ?? results.set(schema, readSchema(schema)).get(schema)!

  for (const [schema, expected] of Object.entries(EXPECTED)) {
    it(`${schema}: no statement fails to parse, and every object is read`, () => {
      const r = read(schema)
      const syntax = r.findings.filter((f) => f.code === 'SQL_SYNTAX').map((f) => `${f.at?.file}:${f.at?.line}:${f.at?.column}`)
      expect(syntax).toEqual([])
      expect(counts(r)).toEqual(expected)
    })
  }

  it('hr: the FK disabled for the load and enabled after it ends enabled; comments are merged', () => {
    const departments = read('hr').schema.tables.find((t) => t.name === 'DEPARTMENTS')!
    expect(departments.foreignKeys.find((f) => f.name === 'DEPT_MGR_FK')).toMatchObject({ enabled: true, validated: true, references: { schema: 'HR', name: 'EMPLOYEES' } })
    expect(departments.primaryKey).toMatchObject({ name: 'DEPT_ID_PK', columns: ['DEPARTMENT_ID'] })
    expect(departments.comment).toMatch(/^Departments table/)
    expect(read('hr').schema.code.find((c) => c.name === 'UPDATE_JOB_HISTORY')).toMatchObject({ kind: 'trigger', table: { name: 'EMPLOYEES' } })
  })

  it('co: identity columns, re-declared with START WITH LIMIT VALUE, stay identities', () => {
    const orders = read('co').schema.tables.find((t) => t.name === 'ORDERS')!
    expect(orders.columns[0]).toMatchObject({ name: 'ORDER_ID', identity: { always: false, onNull: true } })
    expect(orders.foreignKeys.map((f) => f.name)).toEqual(['ORDERS_CUSTOMER_ID_FK', 'ORDERS_STORE_ID_FK'])
  })

  it('sh: range partitions with their bounds; dimensions reported; constraints end ENABLE NOVALIDATE', () => {
    const r = read('sh')
    const sales = r.schema.tables.find((t) => t.name === 'SALES')!
    expect(sales.partitioning).toMatchObject({ method: 'range', columns: ['TIME_ID'] })
    expect(sales.partitioning!.partitions).toHaveLength(15)
    expect(sales.partitioning!.partitions[0]).toEqual({ name: 'SALES_2018', values: ["TO_DATE('2019-01-01','YYYY-MM-DD','NLS_DATE_LANGUAGE = American')"] })
    expect(sales.foreignKeys.every((f) => f.enabled === true && f.validated === false)).toBe(true)
    expect(r.findings.filter((f) => f.code === 'ORACLE_ONLY_OBJECT')).toHaveLength(5)
    expect(r.schema.views.filter((v) => v.materialized).map((v) => v.name)).toEqual(['CAL_MONTH_SALES_MV', 'FWEEK_PSCAT_SALES_MV'])
  })

  it('oe: object types, the object table with the attribute ALTER TYPE added, and ADD (columns)', () => {
    const r = read('oe')
    expect(r.schema.types.find((t) => t.name === 'CUSTOMER_TYP')).toMatchObject({ kind: 'object', final: false })
    const categories = r.schema.tables.find((t) => t.name === 'CATEGORIES_TAB')!
    expect(categories.columns.map((c) => c.name)).toEqual(['CATEGORY_NAME', 'CATEGORY_DESCRIPTION', 'CATEGORY_ID', 'PARENT_CATEGORY_ID'])
    expect(categories.primaryKey).toMatchObject({ columns: ['CATEGORY_ID'] })
    const customers = r.schema.tables.find((t) => t.name === 'CUSTOMERS')!
    expect(customers.columns.map((c) => c.name).slice(-4)).toEqual(['DATE_OF_BIRTH', 'MARITAL_STATUS', 'GENDER', 'INCOME_LEVEL'])
  })

  it('pm: the nested-table column keeps its collection type as written', () => {
    const media = read('pm').schema.tables[0]!
    expect(media.columns.find((c) => c.name === 'AD_TEXTDOCS_NTAB')!.type).toEqual({ kind: 'user-defined', name: 'TEXTDOC_TAB' })
  })
})
