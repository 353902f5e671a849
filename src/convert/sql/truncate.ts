import type { SqlText } from '../../model/location.js'
import { pgIdent } from '../naming.js'
import { targetName } from '../target.js'
import { UnsupportedConstructError, type TranslateContext } from '../translate-context.js'
import { findTable, partitionTableName } from './partition-names.js'
import { scriptStatement, type ScriptStatement } from './script-statement.js'

/** TRUNCATE …, and ALTER TABLE … TRUNCATE PARTITION, which the DDL reader hands over as a data statement. */
export const TRUNCATE_START = /^\s*(?:TRUNCATE\b|ALTER\s+TABLE\s+\S+\s+TRUNCATE\s+PARTITION\b)/i

/**
 * TRUNCATE TABLE t [{PRESERVE|PURGE} MATERIALIZED VIEW LOG] [{DROP [ALL]|REUSE} STORAGE]
 * [CASCADE]: run in script order with the other data statements, so rows inserted before it go
 * and rows inserted after it stay, as in Oracle. TRUNCATE CLUSTER writes nothing (a warning: the
 * model does not record which tables a cluster held).
 */
export function translateTruncate(src: SqlText, ctx: TranslateContext): string[] {
  const statement = scriptStatement(src, ctx)
  const { c } = statement
  const info = (code: string, message: string): void => statement.note('info', code, message)
  if (c.acceptWord('ALTER')) return truncatePartition(statement, ctx)
  c.expectWord('TRUNCATE')
  if (c.acceptWord('CLUSTER')) {
    statement.note('warning', 'TRUNCATE_CLUSTER', 'TRUNCATE CLUSTER empties every table of an Oracle table cluster; clusters are not converted (their tables are, as ordinary tables), so no SQL is written: rows the statements before it inserted into those tables stay — add TRUNCATE TABLE for each where the script relies on it')
    return []
  }
  c.expectWord('TABLE')
  const name = statement.name('table name')
  let cascade = false
  while (!c.atEnd() && !c.isOp(';')) {
    if (c.acceptWord('CASCADE')) cascade = true
    else c.next()
  }
  // Redshift does not enforce foreign keys and has no TRUNCATE … CASCADE.
  if (ctx.target.engine === 'redshift') return [`TRUNCATE TABLE ${name.map(pgIdent).join('.')}`]
  if (cascade) info('TRUNCATE_CASCADE', 'TRUNCATE … CASCADE empties every table whose foreign key references this one; Oracle empties those whose keys say ON DELETE CASCADE and refuses (ORA-02266) when another key references it, so where the script ran the sets are the same')
  return [`TRUNCATE TABLE ${name.map(pgIdent).join('.')}${cascade ? ' CASCADE' : ''}`]
}

/** ALTER TABLE t TRUNCATE PARTITION p: TRUNCATE of the partition's own table. */
function truncatePartition(statement: ScriptStatement, ctx: TranslateContext): string[] {
  const { c } = statement
  c.expectWord('TABLE')
  const name = statement.name('table name')
  c.expectWord('TRUNCATE')
  c.expectWord('PARTITION')
  const partition = c.identifier('partition name')
  const own = ctx.target.engine === 'postgres' ? partitionTableName(findTable(ctx.catalog, name), partition) : undefined
  if (!own) throw new UnsupportedConstructError(`ALTER TABLE ${name.join('.')} TRUNCATE PARTITION ${partition}: not a partition godwit can name on ${targetName(ctx.target)}; delete its rows by their partition key instead`, c.location(), 'PARTITION_REFERENCE')
  return [`TRUNCATE TABLE ${own}`]
}
