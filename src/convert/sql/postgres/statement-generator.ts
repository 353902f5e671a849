import type { SourceLocation } from '../../../model/location.js'
import { pgIdent } from '../../naming.js'
import { needsNewerTarget, supports, targetName } from '../../target.js'
import { UnsupportedConstructError } from '../../translate-context.js'
import type { Expr, MultiInsertBranch, ReturningClause, SetClause, SqlStatement, TableTarget } from '../ast.js'
import { replaceExpr } from '../rewrites/walk.js'
import { emitExpr } from './expression-generator.js'
import type { GenerateContext } from './generate-context.js'
import { findTable, partitionTableName } from '../partition-names.js'
import { emitMergeBefore15 } from './merge-before-15.js'
import { emitFrom, emitQuery, emitTableName } from './query-generator.js'

/** Prints an (already rewritten) statement as PostgreSQL, without a trailing `;`. */
export function emitStatement(s: SqlStatement, g: GenerateContext): string {
  switch (s.kind) {
    case 'query':
      return emitQuery(s.query, g)
    case 'insert': {
      const cols = s.columns ? ` (${s.columns.map(pgIdent).join(', ')})` : ''
      const source = s.source.kind === 'values' ? `VALUES (${s.source.values.map((v) => emitExpr(v, g)).join(', ')})` : emitQuery(s.source.query, g)
      return `INSERT INTO ${target(s.table, g, true)}${cols} ${source}${returning(s.returning, g)}`
    }
    case 'insert-multi':
      return emitMultiInsert(s, g)
    case 'update': {
      const where = s.where ? ` WHERE ${emitExpr(s.where, g)}` : ''
      return `UPDATE ${target(s.table, g, false)} SET ${emitSet(s.set, g)}${where}${returning(s.returning, g)}`
    }
    case 'delete': {
      const where = s.where ? ` WHERE ${emitExpr(s.where, g)}` : ''
      return `DELETE FROM ${target(s.table, g, false)}${where}${returning(s.returning, g)}`
    }
    case 'merge':
      return emitMerge(s, g)
    case 'commit':
      return 'COMMIT'
    case 'rollback':
      return s.savepoint ? `ROLLBACK TO SAVEPOINT ${pgIdent(s.savepoint)}` : 'ROLLBACK'
    case 'savepoint':
      return `SAVEPOINT ${pgIdent(s.name)}`
    case 'lock-table':
      return `LOCK TABLE ${s.tables.map((t) => target(t, g, false)).join(', ')} IN ${s.mode} MODE${s.nowait ? ' NOWAIT' : ''}`
    case 'set-transaction':
      return emitSetTransaction(s.text, s.at)
  }
}

/** `t alias`; INSERT needs `AS alias` (PostgreSQL reads a bare word there as the column list's start). */
function target(t: TableTarget, g: GenerateContext, insert: boolean): string {
  if (t.dblink) throw new UnsupportedConstructError(`database link @${t.dblink}: use postgres_fdw and a foreign table`, t.at, 'DBLINK')
  const name = t.partition ? partitionTarget(t, g) : emitTableName(t.name, g)
  if (!t.alias) return name
  return insert ? `${name} AS ${pgIdent(t.alias)}` : `${name} ${pgIdent(t.alias)}`
}

/** `t PARTITION (p)`: the partition's own table, which holds exactly the rows Oracle's partition does. */
function partitionTarget(t: TableTarget, g: GenerateContext): string {
  const own = g.target.engine === 'postgres' ? partitionTableName(findTable(g.catalog, t.name), t.partition!) : undefined
  if (own) return own
  const why = g.target.engine === 'postgres' ? 'is not a partition of the scripts read' : `cannot be named: ${targetName(g.target)} has no partitions`
  throw new UnsupportedConstructError(`${t.name.join('.')} PARTITION (${t.partition}) ${why}; write the rows' condition instead`, t.at, 'PARTITION_REFERENCE')
}

export function emitSet(set: readonly SetClause[], g: GenerateContext): string {
  return set
    .map((c) => {
      // PostgreSQL SET names the column without its table alias.
      const cols = c.columns.map((p) => pgIdent(p[p.length - 1]!))
      const value = emitExpr(c.value, g)
      return cols.length === 1 ? `${cols[0]} = ${value}` : `(${cols.join(', ')}) = ${value}`
    })
    .join(', ')
}

/** RETURNING … INTO is PL/SQL: the PL/pgSQL generator prints the INTO; here only the values. */
function returning(r: ReturningClause | undefined, g: GenerateContext): string {
  if (!r) return ''
  return ` RETURNING ${r.values.map((v) => emitExpr(v, g)).join(', ')}`
}

function emitMerge(s: Extract<SqlStatement, { kind: 'merge' }>, g: GenerateContext): string {
  if (!supports(g.target, 'merge')) {
    if (g.target.engine !== 'postgres') throw needsNewerTarget('MERGE', 'merge', g.target, s.at)
    const deleteWhere = s.matched?.deleteWhere && substituteSet(s.matched.deleteWhere, s.matched.set, s.target)
    return emitMergeBefore15(s, { table: target({ ...s.target, alias: undefined }, g, false), target: target(s.target, g, false), set: s.matched ? emitSet(s.matched.set, g) : '', deleteWhere }, g)
  }
  const parts = [`MERGE INTO ${target(s.target, g, false)} USING ${emitFrom(s.source, g)} ON ${emitExpr(s.on, g)}`]
  if (s.matched) {
    const { set, where, deleteWhere } = s.matched
    if (deleteWhere) {
      // Oracle evaluates DELETE WHERE on the row as updated, and only for rows the UPDATE
      // touched: a row is deleted when the update's WHERE holds and DELETE WHERE holds on the
      // new values. The new values are the SET expressions, so substitute them.
      const deleteCond = substituteSet(deleteWhere, set, s.target)
      const guard = where ? `${emitExpr(where, g)} AND ` : ''
      parts.push(`WHEN MATCHED AND ${guard}(${emitExpr(deleteCond, g)}) THEN DELETE`)
    }
    parts.push(`WHEN MATCHED${where ? ` AND ${emitExpr(where, g)}` : ''} THEN UPDATE SET ${emitSet(set, g)}`)
  }
  if (s.notMatched) {
    const cols = s.notMatched.columns ? ` (${s.notMatched.columns.map(pgIdent).join(', ')})` : ''
    const cond = s.notMatched.where ? ` AND ${emitExpr(s.notMatched.where, g)}` : ''
    parts.push(`WHEN NOT MATCHED${cond} THEN INSERT${cols} VALUES (${s.notMatched.values.map((v) => emitExpr(v, g)).join(', ')})`)
  }
  return parts.join(' ')
}

/**
 * INSERT ALL / INSERT FIRST → one statement of data-modifying CTEs, each inserting from the
 * subquery, computed once. INSERT FIRST gives a row to the first branch whose condition is true,
 * so a branch also requires every earlier condition to be not true; ELSE takes rows no
 * condition accepted.
 */
function emitMultiInsert(s: Extract<SqlStatement, { kind: 'insert-multi' }>, g: GenerateContext): string {
  const conditions = s.branches.map((b) => b.when)
  const notTrue = (c: Expr) => `(${emitExpr(c, g)}) IS NOT TRUE`
  const inserts = s.branches.map((b, i) => {
    const earlier = s.first ? [...new Set(conditions.slice(0, i).filter((c): c is Expr => c !== undefined && c !== b.when))] : []
    const filters = [...(b.when ? [`(${emitExpr(b.when, g)}) IS TRUE`] : []), ...earlier.map(notTrue)]
    return branchInsert(b, filters, g)
  })
  const elseFilters = conditions.filter((c): c is Expr => c !== undefined).map(notTrue)
  for (const b of s.elseBranches ?? []) inserts.push(branchInsert(b, elseFilters, g))
  const last = inserts.pop()!
  const ctes = [`godwit_source AS (${emitQuery(s.query, g)})`, ...inserts.map((sql, i) => `godwit_insert_${i + 1} AS (${sql})`)]
  return `WITH ${ctes.join(', ')} ${last}`
}

function branchInsert(b: MultiInsertBranch, filters: readonly string[], g: GenerateContext): string {
  const cols = b.columns ? ` (${b.columns.map(pgIdent).join(', ')})` : ''
  const values = b.values ? b.values.map((v) => emitExpr(v, g)).join(', ') : '*'
  const where = filters.length ? ` WHERE ${filters.join(' AND ')}` : ''
  return `INSERT INTO ${target(b.table, g, false)}${cols} SELECT ${values} FROM godwit_source${where}`
}

/** Replaces references to updated target columns by the values the UPDATE gives them. */
function substituteSet(e: Expr, set: readonly SetClause[], t: TableTarget): Expr {
  const qualifier = t.alias ?? t.name[t.name.length - 1]
  const byColumn = new Map<string, Expr>()
  for (const c of set) if (c.columns.length === 1) byColumn.set(c.columns[0]![c.columns[0]!.length - 1]!, c.value)
  const isTargetColumn = (path: readonly string[]) => path.length === 1 || (path.length === 2 && path[0] === qualifier)
  return replaceExpr(e, (x) => (x.kind === 'column' && isTargetColumn(x.path) ? (byColumn.get(x.path[x.path.length - 1]!) ?? x) : undefined))
}

function emitSetTransaction(text: string, at: SourceLocation): string {
  const t = text.toUpperCase().replace(/\s+/g, ' ')
  if (/READ ONLY/.test(t)) return 'SET TRANSACTION READ ONLY'
  if (/ISOLATION LEVEL SERIALIZABLE/.test(t)) return 'SET TRANSACTION ISOLATION LEVEL SERIALIZABLE'
  if (/ISOLATION LEVEL READ COMMITTED/.test(t)) return 'SET TRANSACTION ISOLATION LEVEL READ COMMITTED'
  if (/READ WRITE/.test(t)) return 'SET TRANSACTION READ WRITE'
  throw new UnsupportedConstructError(`${text}`, at)
}
