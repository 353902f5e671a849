import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { mapOracleCatalog } from '../../../../src/engines/oracle/oracle-catalog-mapping.js'
import { readOracleDdl } from '../../../../src/engines/oracle/oracle-ddl-reader.js'
import { readSqlPlusScript } from '../../../../src/engines/oracle/sqlplus-script.js'
import type { SchemaModel } from '../../../../src/model/schema.js'
import { catalogFixture } from '../../../fixtures/oracle-catalog/catalog-fixture.js'

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../../fixtures/oracle-catalog')

/** Positions (`at`) exist only on the DDL path; everything else must match. */
function withoutPositions<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutPositions) as T
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'at').map(([k, v]) => [k, withoutPositions(v)])) as T
  }
  return value
}

/** Facts only a live catalog has: when it was read, and row counts. */
function withoutCatalogFacts(model: SchemaModel): SchemaModel {
  const { capturedAt: _capturedAt, ...rest } = model
  return { ...rest, tables: model.tables.map(({ stats: _stats, ...t }) => t) }
}

/**
 * Oracle marks primary-key columns NOT NULL (the dictionary shows NULLABLE = 'N'); the DDL reader
 * does not yet infer that from an inline PRIMARY KEY. Until it does, the comparison applies the
 * rule to the DDL model, and the `fails` test below keeps the difference visible.
 */
function primaryKeyColumnsNotNull(model: SchemaModel): SchemaModel {
  return {
    ...model,
    tables: model.tables.map((t) => ({
      ...t,
      columns: t.columns.map((c) => (t.primaryKey?.columns.includes(c.name) ? { ...c, nullable: false } : c)),
    })),
  }
}

/**
 * The proof that both paths produce the same schema model: departments.sql and
 * departments.json describe the same objects (a table with PK, FK, unique, named and unnamed
 * checks, NOT NULLs, a default, indexes incl. DESC, comments; a sequence; a read-only view;
 * a procedure), one as DDL, one as the dictionary rows Oracle stores for it.
 */
describe('catalog path and DDL path build the same schema model', () => {
  const script = readSqlPlusScript(join(FIXTURES, 'departments.sql'))
  const fromDdl = readOracleDdl(script.statements, { defaultSchema: 'HR' })
  const fromCatalog = withoutCatalogFacts(mapOracleCatalog(catalogFixture('departments'), { schemas: ['HR'] }))
  const ddlModel = primaryKeyColumnsNotNull(withoutPositions(fromDdl.schema))

  it('reads the DDL without findings', () => {
    expect([...script.findings, ...fromDdl.findings]).toEqual([])
  })

  it.each(['tables', 'indexes', 'sequences', 'views', 'code', 'types', 'synonyms', 'grants'] as const)('%s are equal', (kind) => {
    expect(fromCatalog[kind]).toEqual(ddlModel[kind])
  })

  it('the whole models are equal', () => {
    expect(fromCatalog).toEqual(ddlModel)
  })

  it.fails('the DDL path marks primary-key columns NOT NULL by itself (known gap in the DDL reader)', () => {
    expect(fromCatalog.tables).toEqual(withoutPositions(fromDdl.schema).tables)
  })
})
