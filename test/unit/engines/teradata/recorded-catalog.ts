import { readFileSync } from 'node:fs'
import {
  COLUMNS_QUERY, DATABASES_QUERY, INDICES_QUERY, PARTITIONING_QUERY, RI_CHILDREN_QUERY, TABLE_STATS_QUERY, TABLES_QUERY, type CatalogQuery,
} from '../../../../src/engines/teradata/teradata-catalog-queries.js'
import type { Recorded } from './recorded-driver.js'

/** The recorded DBC rows of the Sales database (test/fixtures/teradata-catalog/sales.json), as driver answers to the catalog queries. */
export function recordedSalesCatalog(): Recorded[] {
  const fixture = JSON.parse(readFileSync(new URL('../../../fixtures/teradata-catalog/sales.json', import.meta.url), 'utf8')) as Record<string, Record<string, unknown>[]>
  const answer = (q: CatalogQuery<string>, rows: Record<string, unknown>[]): Recorded => ({
    match: new RegExp(`FROM ${q.sql.split(' FROM ')[1]!.split(' ')[0]!.replace('.', '\\.')} `),
    rows: rows.map((r) => q.columns.map((c) => r[c])),
  })
  return [
    answer(DATABASES_QUERY, fixture.databases!),
    answer(TABLES_QUERY, fixture.tables!),
    answer(COLUMNS_QUERY, fixture.columns!),
    answer(INDICES_QUERY, fixture.indices!),
    answer(PARTITIONING_QUERY, fixture.partitioning!),
    answer(RI_CHILDREN_QUERY, fixture.riChildren!),
    answer(TABLE_STATS_QUERY, fixture.stats!),
  ]
}
