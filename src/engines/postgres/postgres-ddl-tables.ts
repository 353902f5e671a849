import type { SqlText } from '../../model/location.js'
import type { ColumnDef, SchemaModel, TableDef } from '../../model/schema.js'
import { displayName, pgIdent, pgQualified, quoteLiteral } from '../../convert/naming.js'
import type { TranslateContext } from '../../convert/translate-context.js'
import { asTranslationFailure } from '../../convert/translation-failure.js'
import { partitionClause, renderPartitions } from './postgres-ddl-partitions.js'
import { formatColumnType, note, objectLabel, renderObject, type DdlScope } from './postgres-ddl-scope.js'

const INTEGER_TYPES = new Set(['smallint', 'integer', 'bigint'])

/**
 * Tables with their columns, NOT NULL, defaults, identity and generated columns, partitions,
 * and comments (pre-data). Keys, checks and foreign keys wait for post-data, after the load.
 */
export function renderTables(scope: DdlScope): void {
  if (scope.model.tables.some((t) => t.columns.some(isCaseInsensitiveText))) {
    scope.out.push({ phase: 'pre-data', object: 'EXTENSION citext', sql: 'CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;' })
  }
  for (const table of scope.model.tables) {
    const label = objectLabel('TABLE', table)
    if (!renderObject(scope, 'pre-data', label, { text: oracleSketch(table), at: table.at }, (ctx) => [renderTable(table, scope, ctx)])) continue
    renderPartitions(scope, table, pgQualified(table))
    renderComments(scope, table, label)
  }
}

function renderTable(table: TableDef, scope: DdlScope, ctx: TranslateContext): string {
  reportStorage(table, ctx)
  reportDuplicateRows(table, scope, ctx)
  const name = pgQualified(table)
  const partitioning = partitionClause(table, ctx)
  if (table.ofType) {
    const options = table.columns.flatMap((c) => typedTableColumnOptions(c, scope, ctx))
    const body = options.length ? ` (\n${options.map((o) => `  ${o}`).join(',\n')}\n)` : ''
    return `CREATE TABLE ${name} OF ${pgQualified(table.ofType)}${body}${partitioning};`
  }
  const columns = table.columns.map((c) => `  ${columnSql(c, scope, ctx)}`)
  return `CREATE TABLE ${name} (\n${columns.join(',\n')}\n)${partitioning};`
}

/**
 * A character column compared without regard to case in the source (Teradata NOT CASESPECIFIC).
 * It becomes citext, not a nondeterministic ICU collation: PostgreSQL before 18 refuses LIKE
 * on such collations, and Teradata code filters with LIKE everywhere; citext keeps equality,
 * LIKE, GROUP BY, DISTINCT and unique keys case-insensitive on every supported target
 * (docs/teradata.md). citext has no length, so the source's limit is kept as a CHECK.
 */
function isCaseInsensitiveText(c: ColumnDef): boolean {
  return c.caseSpecific === false && c.type.kind === 'text'
}

function caseInsensitiveType(c: ColumnDef): string {
  const max = c.type.kind === 'text' ? c.type.maxChars : undefined
  return max === undefined ? 'citext' : `citext CHECK (char_length(${pgIdent(c.name)}) <= ${max})`
}

/**
 * A SET table silently drops duplicate rows. When a primary key, unique key or unique index
 * already makes rows distinct nothing is lost; otherwise it is an action item rather than a
 * unique constraint over all columns: such a constraint raises an error where Teradata drops
 * the row, does not compare rows with NULLs before PostgreSQL 15's NULLS NOT DISTINCT, cannot
 * hold more than 32 columns or large values, and doubles the table's size in its index.
 */
function reportDuplicateRows(table: TableDef, scope: DdlScope, ctx: TranslateContext): void {
  if (!table.rejectsDuplicateRows || table.primaryKey || table.uniques.length > 0) return
  if (table.distribution?.kind === 'primary-index' && table.distribution.unique) return
  const onTable = (q: { readonly schema?: string; readonly name: string }) => q.schema === table.schema && q.name === table.name
  if (scope.model.indexes.some((i) => i.unique && onTable(i.table))) return
  note(
    ctx,
    'action',
    'SET_TABLE_DUPLICATES',
    'SET table: Teradata silently drops duplicate rows, PostgreSQL keeps them and the table has no key to prevent them; deduplicate in the code that writes it (INSERT … SELECT DISTINCT, or ON CONFLICT DO NOTHING over a unique index you choose)',
    table.at,
  )
}

/** How the source calls a temporary table, for findings: Teradata's VOLATILE and Oracle's PRIVATE TEMPORARY tables live only as long as the creating session. */
export function temporaryKind(table: TableDef, engine: SchemaModel['engine']): string {
  if (table.temporary?.scope !== 'session') return 'global temporary table'
  return engine === 'teradata' ? 'volatile (session-scoped) table' : 'private temporary (session-scoped) table'
}

function reportStorage(table: TableDef, ctx: TranslateContext): void {
  if (table.temporary) {
    note(
      ctx,
      'warning',
      'GLOBAL_TEMPORARY_TABLE',
      `${temporaryKind(table, ctx.catalog.engine)} (ON COMMIT ${table.temporary.onCommit.toUpperCase()} ROWS) is created as a regular table: PostgreSQL temporary tables exist per session only; code using it may need CREATE TEMP TABLE`,
      table.at,
    )
  }
  if (table.organization === 'external') {
    note(ctx, 'action', 'EXTERNAL_TABLE', 'external table is created as a regular table; load its files with COPY or use file_fdw', table.at)
  }
  if (table.organization === 'index') {
    note(ctx, 'info', 'INDEX_ORGANIZED_TABLE', 'index-organized table is created as a heap table with its primary key index', table.at)
  }
}

/** The type an identity column gets: PostgreSQL identity columns must be integers. */
export function identityColumnType(type: string): string {
  return INTEGER_TYPES.has(type) ? type : 'bigint'
}

function columnSql(c: ColumnDef, scope: DdlScope, ctx: TranslateContext): string {
  let type = isCaseInsensitiveText(c) ? caseInsensitiveType(c) : formatColumnType(ctx, c.nativeType, c.type)
  const parts: string[] = []
  if (c.invisible) note(ctx, 'info', 'INVISIBLE_COLUMN', `column ${c.name} is INVISIBLE in Oracle; PostgreSQL shows it in SELECT *`)
  if (c.identity) {
    if (identityColumnType(type) !== type) {
      note(ctx, 'info', 'IDENTITY_TYPE', `identity column ${c.name} is ${type}; PostgreSQL identity columns are integers, so it is bigint`)
      type = identityColumnType(type)
    }
    parts.push(identitySql(c, ctx))
  } else if (c.virtualExpr) {
    const expr = translatedExpression(c.virtualExpr, c, 'virtual column expression', scope, ctx)
    if (expr !== undefined) parts.push(`GENERATED ALWAYS AS (${expr}) STORED`)
  } else if (c.defaultExpr) {
    const expr = translatedExpression(c.defaultExpr, c, 'default', scope, ctx)
    if (expr !== undefined) parts.push(`DEFAULT ${expr}`)
  }
  if (!c.nullable || c.identity?.onNull) parts.push('NOT NULL')
  return [pgIdent(c.name), type, ...parts].join(' ')
}

function identitySql(c: ColumnDef, ctx: TranslateContext): string {
  const id = c.identity!
  if (id.onNull) {
    note(
      ctx,
      'info',
      'IDENTITY_ON_NULL',
      `identity column ${c.name} is BY DEFAULT ON NULL: PostgreSQL fills it only when the column is left out of an INSERT, an explicit NULL is rejected (NOT NULL)`,
    )
  }
  const options = [id.start && `START WITH ${id.start}`, id.increment && `INCREMENT BY ${id.increment}`].filter(Boolean)
  const sequence = options.length ? ` (${options.join(' ')})` : ''
  return `GENERATED ${id.always ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY${sequence}`
}

/**
 * A column is never dropped for its default or virtual expression: when the expression cannot
 * be translated the column is created plain and the expression becomes an action item.
 */
export function translatedExpression(src: SqlText, c: ColumnDef, what: string, scope: DdlScope, ctx: TranslateContext): string | undefined {
  try {
    return scope.translator.expression(src, ctx)
  } catch (e) {
    const failure = asTranslationFailure(e)
    if (!failure) throw e
    ctx.findings.push({
      code: failure.code,
      severity: 'action',
      object: ctx.object,
      message: `${what} of column ${c.name} not translated (${failure.message}); the column is created without it`,
      at: failure.at ?? src.at,
      source: src.text,
    })
    return undefined
  }
}

/** Typed tables take their columns from the type; only NOT NULL and defaults can be added per column. */
function typedTableColumnOptions(c: ColumnDef, scope: DdlScope, ctx: TranslateContext): string[] {
  const options: string[] = []
  if (c.defaultExpr) {
    const expr = translatedExpression(c.defaultExpr, c, 'default', scope, ctx)
    if (expr !== undefined) options.push(`DEFAULT ${expr}`)
  }
  if (!c.nullable) options.push('NOT NULL')
  return options.length ? [`${pgIdent(c.name)} WITH OPTIONS ${options.join(' ')}`] : []
}

export function renderComments(scope: DdlScope, table: TableDef, label: string): void {
  const name = pgQualified(table)
  const comments = [
    ...(table.comment !== undefined ? [`COMMENT ON TABLE ${name} IS ${quoteLiteral(table.comment)};`] : []),
    ...table.columns.flatMap((c) => (c.comment !== undefined ? [`COMMENT ON COLUMN ${name}.${pgIdent(c.name)} IS ${quoteLiteral(c.comment)};`] : [])),
  ]
  for (const sql of comments) scope.out.push({ phase: 'pre-data', object: label, sql })
}

/** The table as Oracle would spell it, kept when the table cannot be rendered. */
export function oracleSketch(table: TableDef): string {
  const columns = table.columns.map((c) => `  ${c.name} ${c.nativeType.text}${c.nullable ? '' : ' NOT NULL'}`)
  return `CREATE TABLE ${displayName(table)} (\n${columns.join(',\n')}\n)`
}
