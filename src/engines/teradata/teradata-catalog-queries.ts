/**
 * The DBC views godwit reads a Teradata catalog from, one query per view with its column list
 * fixed here, so rows (arrays from the driver) become records keyed by the view's own column
 * names: the form the recorded fixtures in test/fixtures/teradata-catalog hold. Every query
 * takes the database names as `?` parameters (DBC compares names case-blind, as Teradata does).
 */

export interface CatalogQuery<K extends string> {
  readonly columns: readonly K[]
  /** SQL with `{databases}` standing for the `?` list of database names. */
  readonly sql: string
}

function query<K extends string>(columns: readonly K[], from: string, where: string, orderBy: string): CatalogQuery<K> {
  return { columns, sql: `SELECT ${columns.join(', ')} FROM ${from} WHERE ${where} ORDER BY ${orderBy}` }
}

export const DATABASES_QUERY = query(['DatabaseName', 'DBKind', 'CommentString'] as const, 'DBC.DatabasesV', 'DatabaseName IN ({databases})', 'DatabaseName')

/**
 * T table, O table without primary index, Q queue table, V view, M macro, P SQL procedure,
 * E external procedure, F function, G trigger (DBC.TablesV TableKind). CheckOpt 'Y' is a SET
 * table (duplicate rows rejected), 'N' MULTISET.
 */
export const CATALOG_TABLE_KINDS = ['T', 'O', 'Q', 'V', 'M', 'P', 'E', 'F', 'G'] as const

export const TABLES_QUERY = query(
  ['DataBaseName', 'TableName', 'TableKind', 'CheckOpt', 'CommentString'] as const,
  'DBC.TablesV',
  `DataBaseName IN ({databases}) AND TableKind IN (${CATALOG_TABLE_KINDS.map((k) => `'${k}'`).join(', ')})`,
  'DataBaseName, TableName',
)

export const COLUMNS_QUERY = query(
  [
    'DatabaseName', 'TableName', 'ColumnName', 'ColumnId', 'ColumnType', 'ColumnLength', 'DecimalTotalDigits', 'DecimalFractionalDigits',
    'CharType', 'UpperCaseFlag', 'Nullable', 'DefaultValue', 'IdColType', 'ColumnUDTName', 'ColumnFormat', 'ColumnTitle', 'CommentString',
  ] as const,
  'DBC.ColumnsV',
  // View columns carry no types in ColumnsV; views are read with SHOW VIEW.
  'DatabaseName IN ({databases}) AND ColumnType IS NOT NULL',
  'DatabaseName, TableName, ColumnId',
)

/**
 * IndexType: P primary index, Q partitioned primary index, K primary key, U unique constraint,
 * S/V/H/O secondary indexes (hash, value-ordered, covering), J join index, N hash index.
 */
export const INDICES_QUERY = query(
  ['DatabaseName', 'TableName', 'IndexNumber', 'IndexType', 'UniqueFlag', 'IndexName', 'ColumnName', 'ColumnPosition'] as const,
  'DBC.IndicesV',
  'DatabaseName IN ({databases})',
  'DatabaseName, TableName, IndexNumber, ColumnPosition',
)

/** ConstraintType 'Q': the partitioning CHECK constraint of a partitioned table (`CHECK (/*nn bb cc*\/ RANGE_N(…) IS NOT NULL …)`). */
export const PARTITIONING_QUERY = query(
  ['DatabaseName', 'TableName', 'ConstraintText', 'PartitioningLevels', 'DefinedCombinedPartitions'] as const,
  'DBC.PartitioningConstraintsV',
  "DatabaseName IN ({databases}) AND ConstraintType = 'Q'",
  'DatabaseName, TableName',
)

/** One row per column pair of a foreign key; IndexID numbers the key within the child table. */
export const RI_CHILDREN_QUERY = query(
  ['ChildDB', 'ChildTable', 'IndexID', 'IndexName', 'ChildKeyColumn', 'ParentDB', 'ParentTable', 'ParentKeyColumn'] as const,
  'DBC.All_RI_ChildrenV',
  'ChildDB IN ({databases})',
  'ChildDB, ChildTable, IndexID',
)

/** Row counts from collected statistics (no scan): the largest any statistic saw. Tables without statistics have no row. */
export const TABLE_STATS_QUERY: CatalogQuery<'DatabaseName' | 'TableName' | 'RowCount'> = {
  columns: ['DatabaseName', 'TableName', 'RowCount'],
  sql: 'SELECT DatabaseName, TableName, MAX(RowCount) FROM DBC.TableStatsV WHERE DatabaseName IN ({databases}) GROUP BY DatabaseName, TableName ORDER BY DatabaseName, TableName',
}

export type Columns<Q> = Q extends CatalogQuery<infer K> ? K : never
export type CatalogRecord<Q> = Readonly<Record<Columns<Q>, unknown>>

/** The query's SQL with one `?` per database, and the parameters. */
export function bindDatabases(q: CatalogQuery<string>, databases: readonly string[]): { sql: string; params: string[] } {
  if (databases.length === 0) throw new RangeError('a catalog query needs at least one database name')
  return { sql: q.sql.replaceAll('{databases}', databases.map(() => '?').join(', ')), params: [...databases] }
}

/** Driver rows (arrays in select-list order) as records keyed by the query's column names. */
export function asRecords<K extends string>(q: CatalogQuery<K>, rows: readonly (readonly unknown[])[]): Record<K, unknown>[] {
  return rows.map((row) => Object.fromEntries(q.columns.map((c, i) => [c, row[i] ?? null])) as Record<K, unknown>)
}

export type ShowKind = 'VIEW' | 'MACRO' | 'PROCEDURE' | 'FUNCTION' | 'TRIGGER'

/** `SHOW VIEW "db"."v"`: the object's full DDL text (TablesV.RequestText is cut at 12 500 characters). */
export function showStatement(kind: ShowKind, database: string, name: string): string {
  return `SHOW ${kind} ${teradataName(database)}.${teradataName(name)}`
}

/** A Teradata name quoted: names are stored as created, compared case-blind. */
export function teradataName(name: string): string {
  if (name.length === 0) throw new RangeError('an empty name cannot be quoted')
  return `"${name.replace(/"/g, '""')}"`
}
