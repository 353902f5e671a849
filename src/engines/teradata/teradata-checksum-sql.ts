import type { KeyBound, KeyRange } from '../../model/key-range.js'
import type { SideColumn, SideTable } from '../../validate/side-table.js'
import { lexicographicComparison } from '../key-comparison-sql.js'
import { teradataName } from './teradata-catalog-queries.js'
import { selectExpression, tableRef } from './teradata-extract-sql.js'

/**
 * The SQL Teradata runs for validation. Teradata has no MD5 or SHA built in (HASHROW is its own
 * 32-bit row hash, not reproducible on another engine), so it pushes down only the reading:
 * rows come back in the text forms of the load (teradata-extract-sql.ts), and Node makes the
 * canonical line and hashes it (src/validate/client-hash.ts) with the same rule PostgreSQL
 * applies in SQL. Works on every Teradata without installing anything; the price is that every
 * compared row crosses the network.
 *
 * Key ranges compare text keys CASESPECIFIC under the ASCII session collation, so Teradata's
 * case-blind NOT CASESPECIFIC comparison does not reorder keys against PostgreSQL's byte
 * order (collate "C"); where orders still differ, validation's collation check falls back to
 * hash buckets.
 */
export const TERADATA_VALIDATION_SESSION = ["SET TIME ZONE INTERVAL '00:00' HOUR TO MINUTE", 'SET SESSION COLLATION ASCII'] as const

export interface TeradataQuery {
  readonly sql: string
  readonly params: readonly string[]
}

/** A key column as compared: text CASESPECIFIC (keys 'a' and 'A' differ, as in PostgreSQL). */
function keyColumn(c: SideColumn): string {
  const col = teradataName(c.name)
  return c.type.kind === 'text' ? `(${col} (CASESPECIFIC))` : col
}

/** A canonical-text bound (`value` is its parameter marker) as the column's Teradata type. */
function boundValue(c: SideColumn, value: string): string {
  switch (c.type.kind) {
    case 'int':
    case 'decimal':
      return `CAST(${value} AS DECIMAL(38,10))`
    case 'float':
      return `CAST(${value} AS FLOAT)`
    case 'date':
      return `CAST(${value} AS DATE FORMAT 'YYYY-MM-DD')`
    case 'timestamp':
      return c.type.tz === 'none' ? `CAST(${value} AS TIMESTAMP(6))` : `CAST(${value} || '+00:00' AS TIMESTAMP(6) WITH TIME ZONE)`
    case 'binary':
      return `TO_BYTES(SUBSTR(${value}, 3), 'base16')`
    // Text keys compare as the text itself; other kinds are not key types godwit segments on.
    case 'text':
    case 'clob':
    case 'boolean':
    case 'time':
    case 'interval':
    case 'json':
    case 'xml':
    case 'rowid':
    case 'user-defined':
    case 'unsupported':
      return value
  }
}

/** Stands for parameter i until the statement is final; `?` markers are positional, and a nested comparison repeats its values. */
const slot = (i: number): string => `⟦${i}⟧`

/** Replaces the slots by `?`, listing each slot's value in the order its marker appears. */
function positional(sql: string, values: readonly string[]): TeradataQuery {
  const params: string[] = []
  const text = sql.replace(/⟦(\d+)⟧/g, (_, i: string) => {
    params.push(values[Number(i)]!)
    return '?'
  })
  return { sql: text, params }
}

/** The WHERE condition of a key range (lower inclusive, upper exclusive) with its parameters. */
export function teradataRangeWhere(t: SideTable, r: KeyRange | undefined): TeradataQuery {
  const parts: string[] = []
  const values: string[] = []
  for (const [bound, op] of [[r?.lower, '>='], [r?.upper, '<']] as const) {
    if (!bound) continue
    const terms = t.columns.slice(0, bound.length).map((c, i) => {
      values.push(bound[i]!)
      return { column: keyColumn(c), value: boundValue(c, slot(values.length - 1)) }
    })
    parts.push(lexicographicComparison(terms, op))
  }
  if (t.where) parts.push(`(${t.where})`)
  return positional(parts.length === 0 ? '1 = 1' : parts.join(' AND '), values)
}

/** The select list of a row read: the load's text forms, in SideTable column order. */
export function rowSelectList(t: SideTable): string {
  return t.columns.map((c) => selectExpression(c.name, c.type)).join(', ')
}

export function teradataRowsQuery(t: SideTable, r: KeyRange | undefined): TeradataQuery {
  const where = teradataRangeWhere(t, r)
  return { sql: `LOCKING TABLE ${tableRef(t.schema, t.name)} FOR ACCESS SELECT ${rowSelectList(t)} FROM ${tableRef(t.schema, t.name)} WHERE ${where.sql}`, params: where.params }
}

export function teradataRowByKeyQuery(t: SideTable, key: KeyBound): TeradataQuery {
  const cols = t.columns.slice(0, t.keyLength)
  const where = cols.map((c) => `${keyColumn(c)} = ${boundValue(c, '?')}`).join(' AND ')
  return {
    sql: `SELECT ${rowSelectList(t)} FROM ${tableRef(t.schema, t.name)} WHERE ${where}${t.where ? ` AND (${t.where})` : ''}`,
    params: cols.map((_, i) => key[i]!),
  }
}

export function teradataRowCountQuery(t: SideTable): TeradataQuery {
  return { sql: `LOCKING TABLE ${tableRef(t.schema, t.name)} FOR ACCESS SELECT CAST(COUNT(*) AS BIGINT) FROM ${tableRef(t.schema, t.name)}${t.where ? ` WHERE (${t.where})` : ''}`, params: [] }
}

/** Key texts of every `step`-th row in key order within a range (QUALIFY filters on the window, as Teradata allows). */
export function teradataSplitPointsQuery(t: SideTable, r: KeyRange, step: number): TeradataQuery {
  const where = teradataRangeWhere(t, r)
  const keys = t.columns.slice(0, t.keyLength)
  const order = keys.map(keyColumn).join(', ')
  return {
    sql:
      `SELECT ${keys.map((c) => selectExpression(c.name, c.type)).join(', ')} FROM ${tableRef(t.schema, t.name)} WHERE ${where.sql} ` +
      `QUALIFY ROW_NUMBER() OVER (ORDER BY ${order}) MOD ${Math.max(1, Math.trunc(step))} = 0 ORDER BY ${order}`,
    params: where.params,
  }
}

/** Level-0 bounds: the leading key of every `step`-th row of a sample. */
export function teradataSampledBoundsQuery(t: SideTable, sampleRows: number, segments: number): TeradataQuery {
  const lead = t.columns[0]!
  const k = keyColumn(lead)
  const step = Math.max(1, Math.ceil(sampleRows / Math.max(1, segments)))
  return {
    sql:
      `SELECT ${selectExpression(lead.name, lead.type)} FROM (SELECT ${teradataName(lead.name)} FROM ${tableRef(t.schema, t.name)}${t.where ? ` WHERE (${t.where})` : ''} SAMPLE ${Math.max(1, Math.trunc(sampleRows))}) AS s ` +
      `QUALIFY ROW_NUMBER() OVER (ORDER BY ${k}) MOD ${step} = 0 ORDER BY ${k}`,
    params: [],
  }
}
