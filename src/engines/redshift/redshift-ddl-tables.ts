import type { ColumnDef, IdentitySpec, TableDef } from '../../model/schema.js'
import { pgIdent, pgQualified, pgStoredName } from '../../convert/naming.js'
import type { TranslateContext } from '../../convert/translate-context.js'
import { formatColumnType, note, objectLabel, renderObject, type DdlScope } from '../postgres/postgres-ddl-scope.js'
import { oracleSketch, renderComments, temporaryKind, translatedExpression } from '../postgres/postgres-ddl-tables.js'
import { physicalDesign, type PhysicalDesign } from './redshift-physical.js'
import { isObjectColumn, redshiftTypeConcerns } from './redshift-types.js'
import type { SequenceOwners } from './redshift-sequences.js'

/** Redshift IDENTITY columns are INTEGER or BIGINT (no SMALLINT, unlike PostgreSQL). */
const IDENTITY_TYPES = new Set(['integer', 'bigint'])

/**
 * Tables (pre-data) with Redshift's physical design: distribution, sort key and ENCODE AUTO
 * (docs/redshift.md). Keys and foreign keys follow in post-data, as on PostgreSQL, but only
 * inform the planner there.
 */
export function renderRedshiftTables(scope: DdlScope, owners: SequenceOwners): void {
  for (const table of scope.model.tables) {
    const label = objectLabel('TABLE', table)
    if (!renderObject(scope, 'pre-data', label, { text: oracleSketch(table), at: table.at }, (ctx) => [tableSql(table, scope, owners, ctx)])) continue
    renderComments(scope, table, label)
  }
}

function tableSql(table: TableDef, scope: DdlScope, owners: SequenceOwners, ctx: TranslateContext): string {
  reportStorage(table, ctx)
  const columns = table.columns.map((c) => `  ${columnSql(c, table, scope, owners, ctx)}`)
  const design = physicalDesign(table, scope.model)
  for (const reason of design.reasons) note(ctx, 'info', 'REDSHIFT_PHYSICAL_DESIGN', reason, table.at)
  return `CREATE TABLE ${pgQualified(table)} (\n${columns.join(',\n')}\n)\n${tableAttributes(design).join('\n')};`
}

/** DISTSTYLE, DISTKEY, SORTKEY and ENCODE, in the order CREATE TABLE takes them. */
export function tableAttributes(d: PhysicalDesign): string[] {
  return [
    `DISTSTYLE ${d.distStyle}`,
    ...(d.distKey !== undefined ? [`DISTKEY (${pgIdent(d.distKey)})`] : []),
    d.sortKey.length ? `SORTKEY (${d.sortKey.map(pgIdent).join(', ')})` : 'SORTKEY AUTO',
    'ENCODE AUTO',
  ]
}

function reportStorage(table: TableDef, ctx: TranslateContext): void {
  const cased = [table.name, ...table.columns.map((c) => c.name)].filter((n) => pgStoredName(n) !== pgStoredName(n).toLowerCase())
  if (cased.length > 0) {
    note(
      ctx,
      'warning',
      'REDSHIFT_CASE_FOLDED_NAME',
      `${cased.join(', ')}: Redshift folds quoted names to lower case unless the session sets enable_case_sensitive_identifier, so set it for every session that uses ${cased.length > 1 ? 'these names' : 'this name'}`,
      table.at,
    )
  }
  if (table.partitioning) {
    note(ctx, 'info', 'REDSHIFT_NO_PARTITIONS', `${table.partitioning.method} partitioning is not kept: Redshift has no partitions; one table holds every partition's rows`, table.at)
  }
  if (table.temporary) {
    note(ctx, 'warning', 'GLOBAL_TEMPORARY_TABLE', `${temporaryKind(table, ctx.catalog.engine)} is created as a regular table: Redshift temporary tables exist per session only; code using it may need CREATE TEMP TABLE`, table.at)
  }
  if (table.organization === 'external') {
    note(ctx, 'action', 'EXTERNAL_TABLE', 'external table is created as a regular table; load its files with COPY from S3, or define it as a Redshift Spectrum table (CREATE EXTERNAL SCHEMA over a data catalog, then CREATE EXTERNAL TABLE … LOCATION \'s3://…\') by hand', table.at)
  }
  if (table.organization === 'index') note(ctx, 'info', 'INDEX_ORGANIZED_TABLE', 'index-organized table is created as a table sorted by its primary key columns only if they are its SORTKEY', table.at)
  if (table.ofType) note(ctx, 'info', 'OBJECT_TABLE', `object table OF ${table.ofType.name} is created as a plain table with the type's columns`, table.at)
  if (table.rejectsDuplicateRows) {
    note(ctx, 'warning', 'REDSHIFT_SET_TABLE', 'SET table: the source drops duplicate rows, Redshift keeps them; load from the source (which has none) and dedupe CDC inserts by the key', table.at)
  }
}

function columnSql(c: ColumnDef, table: TableDef, scope: DdlScope, owners: SequenceOwners, ctx: TranslateContext): string {
  let type = isObjectColumn(c.type) ? 'super' : formatColumnType(ctx, c.nativeType, c.type)
  const parts: string[] = []
  const identity = c.identity ?? owners.identityOf(table, c)
  if (!identity) for (const concern of redshiftTypeConcerns(c.name, c.type, c.nativeType)) note(ctx, concern.severity, concern.code, concern.message)
  if (identity) {
    if (!IDENTITY_TYPES.has(type)) {
      note(ctx, 'info', 'IDENTITY_TYPE', `identity column ${c.name} is ${type}; Redshift identity columns are INTEGER or BIGINT, so it is bigint`)
      type = 'bigint'
    }
    parts.push(identitySql(identity))
    note(
      ctx,
      'warning',
      'REDSHIFT_IDENTITY_AFTER_LOAD',
      `identity column ${c.name}: the load keeps the source's ids (COPY … EXPLICIT_IDS), and Redshift cannot move an identity past them, so new rows may repeat a loaded id unless the seed is above the source's highest one`,
    )
  } else if (c.virtualExpr) {
    note(ctx, 'warning', 'REDSHIFT_NO_GENERATED_COLUMNS', `virtual column ${c.name} is a plain column: Redshift has no generated columns; the load and CDC carry the values the source computes`, c.virtualExpr.at)
  } else if (c.defaultExpr) {
    const expr = translatedExpression(c.defaultExpr, c, 'default', scope, ctx)
    if (expr !== undefined) parts.push(`DEFAULT ${expr}`)
  }
  if (!c.nullable || identity?.onNull) parts.push('NOT NULL')
  // Teradata NOT CASESPECIFIC: Redshift compares such a column ignoring case too.
  const collate = c.caseSpecific === false && c.type.kind === 'text' ? ['COLLATE case_insensitive'] : []
  return [pgIdent(c.name), type, ...collate, ...parts].join(' ')
}

/** `IDENTITY(seed, step)`; BY DEFAULT also takes explicit values in INSERT. */
function identitySql(id: IdentitySpec): string {
  const seedStep = `(${id.start ?? '1'}, ${id.increment ?? '1'})`
  return id.always ? `IDENTITY${seedStep}` : `GENERATED BY DEFAULT AS IDENTITY${seedStep}`
}
