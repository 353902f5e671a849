import type { SqlText } from '../../model/location.js'
import { skipItem } from '../../engines/ddl-reader/ddl-syntax.js'
import { pgIdent } from '../naming.js'
import { UnsupportedConstructError, type TranslateContext } from '../translate-context.js'
import type { TokenCursor } from './cursor.js'
import { scriptStatement } from './script-statement.js'
import { translateQuery } from './translate-sql.js'

/** The one CREATE the DDL reader hands over as a statement: CREATE … TABLE … AS query. */
export const CREATE_TABLE_AS_START = /^\s*CREATE\b/i

/**
 * CREATE [GLOBAL TEMPORARY | PRIVATE TEMPORARY] TABLE t [(names)] [clauses] AS query, run where
 * the script runs it (its columns come from the query, so it is no table of the model):
 * - a table: CREATE TABLE … AS, the query translated;
 * - a global temporary table: its definition only (WITH NO DATA), as a regular table, as
 *   global temporary tables declared with columns are (postgres-ddl-tables.ts);
 * - a private temporary table: CREATE TEMPORARY TABLE, private to the session as in Oracle.
 * Physical clauses are left behind; PARTITION BY and column definitions are action items.
 */
export function translateCreateTableAs(src: SqlText, ctx: TranslateContext): string[] {
  const statement = scriptStatement(src, ctx)
  const { c } = statement
  c.expectWord('CREATE')
  const kind = c.acceptWords('GLOBAL', 'TEMPORARY') ? 'global' : c.acceptWords('PRIVATE', 'TEMPORARY') ? 'private' : 'table'
  while (c.acceptWord('SHARDED') || c.acceptWord('DUPLICATED') || c.acceptWord('IMMUTABLE') || c.acceptWord('BLOCKCHAIN')) continue
  c.expectWord('TABLE')
  c.acceptWords('IF', 'NOT', 'EXISTS')
  const name = statement.name('table name')
  const columns = c.isOp('(') ? readColumnNames(c) : []
  let transactionScoped = false
  while (!c.atEnd() && !(c.isWord('AS') && (c.isWord('SELECT', 1) || c.isWord('WITH', 1) || c.isOp('(', 1)))) {
    if (c.isWords('PARTITION', 'BY')) {
      throw new UnsupportedConstructError('CREATE TABLE … PARTITION BY … AS SELECT: PostgreSQL cannot fill a partitioned table with CREATE TABLE AS; create the table and its partitions, then INSERT … SELECT', c.location(), 'CREATE_TABLE_AS_SELECT')
    }
    if (c.acceptWords('ON', 'COMMIT')) transactionScoped = c.acceptWord('DROP') || c.acceptWord('DELETE')
    else skipItem(c)
  }
  c.expectWord('AS')
  const query = translateQuery({ text: src.text.slice(c.current.offset), at: c.location() }, ctx)
  const table = `${name.map(pgIdent).join('.')}${columns.length > 0 ? ` (${columns.map(pgIdent).join(', ')})` : ''}`
  const note = statement.note
  if (kind === 'global') {
    note('warning', 'GLOBAL_TEMPORARY_TABLE', `global temporary table ${name.join('.')} is created as a regular table, empty (WITH NO DATA), from its query: PostgreSQL temporary tables exist per session only; code using it may need CREATE TEMP TABLE`)
    // Redshift's CREATE TABLE AS has no WITH NO DATA.
    return [ctx.target.engine === 'redshift' ? `CREATE TABLE ${table} AS SELECT * FROM (${query}) godwit_source LIMIT 0` : `CREATE TABLE ${table} AS ${query} WITH NO DATA`]
  }
  if (kind === 'private') {
    const scope = transactionScoped || !/\bPRESERVE\s+DEFINITION\b/i.test(src.text) ? ' (Oracle drops it at the end of the transaction: psql commits each statement, so it lives until the session ends)' : ''
    note('info', 'PRIVATE_TEMPORARY_TABLE', `private temporary table ${name.join('.')} becomes a PostgreSQL temporary table, private to the session${scope}`)
    return [`CREATE TEMPORARY TABLE ${table} AS ${query}`]
  }
  return [`CREATE TABLE ${table} AS ${query}`]
}

/** `(a, b)`: names only; column definitions with AS SELECT are for the author to recreate. */
function readColumnNames(c: TokenCursor): string[] {
  const names: string[] = []
  c.expectOp('(')
  do {
    names.push(c.identifier('column name'))
    if (!c.isOp(',') && !c.isOp(')')) {
      throw new UnsupportedConstructError('CREATE TABLE … (column definitions) AS SELECT: write the table with its columns, then INSERT … SELECT', c.location(), 'CREATE_TABLE_AS_SELECT')
    }
  } while (c.acceptOp(','))
  c.expectOp(')')
  return names
}
