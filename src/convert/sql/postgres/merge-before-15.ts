import { pgIdent } from '../../naming.js'
import type { Expr, SqlStatement } from '../ast.js'
import { emitExpr } from './expression-generator.js'
import type { GenerateContext } from './generate-context.js'
import { emitFrom, emitQuery } from './query-generator.js'

type Merge = Extract<SqlStatement, { kind: 'merge' }>

/**
 * The parts of MERGE a writer needs from the statement generator: the target, the SET list, and DELETE WHERE with the updated columns replaced by their new values.
 */
export interface MergeParts {
  /** The target table's name, and `name alias` when it has one. */
  readonly table: string
  readonly target: string
  readonly set: string
  readonly deleteWhere?: Expr
}

export const MERGE_CONCURRENCY =
  'MERGE became one statement of data-modifying CTEs (PostgreSQL 14 has no MERGE): each part reads the table as it was when the statement started, so under concurrent writes a matched row another session changes so that ON no longer holds is neither updated nor inserted, and a row another session inserts meanwhile is not seen (the INSERT part may then fail on a unique key), where Oracle restarts the statement; a target row matched by several source rows is updated once instead of raising ORA-30926, and SQL%ROWCOUNT counts only the last part. Lock the table first (LOCK TABLE … IN SHARE ROW EXCLUSIVE MODE) where other sessions write it'

/**
 * MERGE for PostgreSQL before 15: `WITH godwit_source AS (source), godwit_delete AS (DELETE …
 * USING), godwit_update AS (UPDATE … FROM) INSERT … SELECT … WHERE NOT EXISTS (…)`. Every part
 * sees the table as it was before the statement, as MERGE decides matched and not matched on
 * that state; DELETE WHERE is decided on the new values (as for PostgreSQL 15's DELETE branch),
 * and the UPDATE leaves the rows it deletes alone.
 */
export function emitMergeBefore15(s: Merge, parts: MergeParts, g: GenerateContext): string {
  const ctes: string[] = []
  let source: string
  if (s.source.kind === 'subquery') {
    // Computed once: the source may call sequences or volatile functions.
    ctes.push(`godwit_source AS (${emitQuery(s.source.query, g)})`)
    source = s.source.alias ? `godwit_source ${pgIdent(s.source.alias)}` : 'godwit_source'
  } else {
    source = emitFrom(s.source, g)
  }
  const on = conjunct(s.on, g)
  const statements: string[] = []
  if (s.matched) {
    const guard = s.matched.where ? ` AND ${conjunct(s.matched.where, g)}` : ''
    const del = parts.deleteWhere ? `(${emitExpr(parts.deleteWhere, g)})` : undefined
    if (del) statements.push(`DELETE FROM ${parts.target} USING ${source} WHERE ${on}${guard} AND ${del} IS TRUE`)
    statements.push(`UPDATE ${parts.target} SET ${parts.set} FROM ${source} WHERE ${on}${guard}${del ? ` AND ${del} IS NOT TRUE` : ''}`)
  }
  if (s.notMatched) {
    const cols = s.notMatched.columns ? ` (${s.notMatched.columns.map(pgIdent).join(', ')})` : ''
    const values = s.notMatched.values.map((v) => emitExpr(v, g)).join(', ')
    const cond = s.notMatched.where ? ` AND ${conjunct(s.notMatched.where, g)}` : ''
    statements.push(`INSERT INTO ${parts.table}${cols} SELECT ${values} FROM ${source} WHERE NOT EXISTS (SELECT 1 FROM ${parts.target} WHERE ${on})${cond}`)
  }
  const last = statements.pop()!
  statements.forEach((sql, i) => ctes.push(`godwit_merge_${i + 1} AS (${sql})`))
  g.findings.push({ code: 'MERGE_AS_CTE', severity: 'warning', object: g.object, message: MERGE_CONCURRENCY, at: s.at })
  return ctes.length > 0 ? `WITH ${ctes.join(', ')} ${last}` : last
}

/** A condition ANDed with others: an OR at its top keeps its own parentheses. */
function conjunct(e: Expr, g: GenerateContext): string {
  const sql = emitExpr(e, g)
  return e.kind === 'binary' && e.op === 'OR' ? `(${sql})` : sql
}
