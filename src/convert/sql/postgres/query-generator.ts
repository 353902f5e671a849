import { pgIdent } from '../../naming.js'
import { UnsupportedConstructError } from '../../translate-context.js'
import type { CommonTableExpr, FromItem, GroupingElement, JsonTableColumn, Query, SelectQuery, WithClause } from '../ast.js'
import { emitExpr, emitOrderBy, quoteString } from './expression-generator.js'
import type { GenerateContext } from './generate-context.js'
import { clauseKind, emitJsonTableBefore17 } from './json-generator.js'
import { supports } from '../../target.js'
import { emitXmlTable } from './xml-generator.js'

/** Prints an (already rewritten) query as PostgreSQL. */
export function emitQuery(q: Query, g: GenerateContext): string {
  const withText = q.with ? `${emitWith(q.with, g)} ` : ''
  const body = q.kind === 'select' ? emitSelect(q, g) : emitSetOperation(q, g)
  return `${withText}${body}${emitTail(q, g)}`
}

function emitWith(w: WithClause, g: GenerateContext): string {
  const ctes = w.ctes.map((cte) => `${pgIdent(cte.name)}${cte.columns ? ` (${cte.columns.map(pgIdent).join(', ')})` : ''} AS (${emitQuery(cte.query, g)})${searchClause(cte, g)}${cycleClause(cte, g)}`)
  // Oracle infers recursion from a WITH query that reads itself; PostgreSQL wants RECURSIVE said.
  const recursive = w.recursive || w.ctes.some((cte) => readsRelation(cte.query, cte.name))
  return `WITH ${recursive ? 'RECURSIVE ' : ''}${ctes.join(', ')}`
}

/** A FROM clause of the query (or of a branch of its set operations) reads the one-part name. */
function readsRelation(q: Query, name: string): boolean {
  if (q.kind === 'set') return readsRelation(q.left, name) || readsRelation(q.right, name)
  const reads = (f: FromItem): boolean => (f.kind === 'table' ? f.name.length === 1 && f.name[0] === name : f.kind === 'join' ? reads(f.left) || reads(f.right) : f.kind === 'subquery' ? readsRelation(f.query, name) : false)
  return q.from.some(reads)
}

/**
 * Oracle's SEARCH sets its ordering column to 1, 2, 3 … in the search order; PostgreSQL's (14+)
 * to a sort key of that order, so ORDER BY it is the same but its values are not.
 */
function searchClause(cte: CommonTableExpr, g: GenerateContext): string {
  if (!cte.search) return ''
  g.findings.push({ code: 'RECURSIVE_SEARCH', severity: 'warning', object: g.object, at: cte.search.at, message: `SEARCH … SET ${cte.search.set} of ${cte.name}: PostgreSQL sets ${cte.search.set} to a sort key of the search order (a row or array), not Oracle's 1, 2, 3 …; ORDER BY ${cte.search.set} gives the same order, reading its values does not` })
  return ` SEARCH ${cte.search.breadth ? 'BREADTH' : 'DEPTH'} FIRST BY ${cte.search.by.map(pgIdent).join(', ')} SET ${pgIdent(cte.search.set)}`
}

/**
 * CYCLE marks the row that repeats an ancestor's values and stops there, in both; PostgreSQL
 * also keeps the path it compares in a column of its own, which SELECT * over the query shows.
 */
function cycleClause(cte: CommonTableExpr, g: GenerateContext): string {
  const c = cte.cycle
  if (!c) return ''
  if (!c.values) return ` CYCLE ${c.columns.map(pgIdent).join(', ')} SET ${pgIdent(c.mark)} USING _cycle_path`
  g.findings.push({ code: 'RECURSIVE_CYCLE_PATH', severity: 'warning', object: g.object, at: c.at, message: `CYCLE … SET ${c.mark} of ${cte.name}: PostgreSQL keeps the compared path in an extra column godwit_cycle_path of ${cte.name}, which SELECT * over it shows; list the columns where that matters` })
  return ` CYCLE ${c.columns.map(pgIdent).join(', ')} SET ${pgIdent(c.mark)} TO ${emitExpr(c.values[0], g)} DEFAULT ${emitExpr(c.values[1], g)} USING godwit_cycle_path`
}

function emitSetOperation(q: Extract<Query, { kind: 'set' }>, g: GenerateContext): string {
  const op = q.op === 'MINUS' ? 'EXCEPT' : q.op
  return `${setOperand(q.left, g)} ${op} ${setOperand(q.right, g)}`
}

/** An operand with its own WITH, ORDER BY or FETCH, or a nested set operation, needs parentheses. */
function setOperand(q: Query, g: GenerateContext): string {
  const text = emitQuery(q, g)
  return q.kind === 'set' || q.with || q.orderBy || q.fetch || q.offset ? `(${text})` : text
}

function emitSelect(q: SelectQuery, g: GenerateContext): string {
  if (q.hierarchy) throw new UnsupportedConstructError('CONNECT BY was not rewritten', q.at)
  if (q.into) throw new UnsupportedConstructError('SELECT … INTO belongs to PL/SQL', q.at)
  if (q.qualify || q.sampleRows) throw new UnsupportedConstructError('internal: QUALIFY/SAMPLE reached the generator unrewritten', q.at)
  const items = q.items.map((i) => (i.alias ? `${emitExpr(i.expr, g)} AS ${pgIdent(i.alias)}` : emitExpr(i.expr, g)))
  let s = `SELECT ${q.distinct ? 'DISTINCT ' : ''}${items.join(', ')}`
  if (q.from.length) {
    const names = subqueryNames()
    s += ` FROM ${q.from.map((f) => emitFrom(f, g, names)).join(', ')}`
  }
  if (q.where) s += ` WHERE ${emitExpr(q.where, g)}`
  if (q.groupBy?.length) s += ` GROUP BY ${q.groupBy.map((x) => emitGrouping(x, g)).join(', ')}`
  if (q.having) s += ` HAVING ${emitExpr(q.having, g)}`
  return s
}

function emitTail(q: Query, g: GenerateContext): string {
  let s = ''
  if (q.orderBy?.length) s += ` ORDER BY ${emitOrderBy(q.orderBy, g)}`
  if (q.offset) s += ` OFFSET ${emitExpr(q.offset, g)} ROWS`
  if (q.fetch) {
    if (q.fetch.percent) throw new UnsupportedConstructError('FETCH … PERCENT')
    const count = q.fetch.count ? ` ${fetchCount(emitExpr(q.fetch.count, g))}` : ''
    s += ` FETCH FIRST${count} ROWS ${q.fetch.withTies ? 'WITH TIES' : 'ONLY'}`
  }
  if (q.forUpdate) {
    s += ' FOR UPDATE'
    if (q.forUpdate.of?.length) {
      // Oracle names columns (locking their tables); PostgreSQL names the tables, unqualified:
      // the table of `[schema.]table.column` is the part before the column.
      // An unqualified column belongs to the one table of a single-table FROM.
      const [first, ...others] = q.kind === 'select' ? q.from : []
      const only = first?.kind === 'table' && others.length === 0 ? (first.alias ?? first.name[first.name.length - 1]!) : undefined
      const tables = new Set(q.forUpdate.of.map((e) => (e.kind !== 'column' ? undefined : e.path.length > 1 ? pgIdent(e.path[e.path.length - 2]!) : only && pgIdent(only))))
      if (tables.has(undefined)) throw new UnsupportedConstructError('FOR UPDATE OF an unqualified column of a query over several tables: qualify it with its table alias')
      s += ` OF ${[...tables].join(', ')}`
    }
    if (q.forUpdate.wait === 'NOWAIT' || q.forUpdate.wait === 'SKIP LOCKED') s += ` ${q.forUpdate.wait}`
    else if (typeof q.forUpdate.wait === 'number') throw new UnsupportedConstructError('FOR UPDATE WAIT n: set lock_timeout instead')
  }
  return s
}

/** FETCH FIRST takes a literal or a parenthesised expression. */
function fetchCount(text: string): string {
  return /^\d+$/.test(text) ? text : `(${text})`
}

function emitGrouping(x: GroupingElement, g: GenerateContext): string {
  switch (x.kind) {
    case 'expr':
      return emitExpr(x.expr, g)
    case 'rollup':
    case 'cube':
      return `${x.kind.toUpperCase()} (${x.items.map((i) => emitExpr(i, g)).join(', ')})`
    case 'grouping-sets':
      return `GROUPING SETS (${x.sets.map((s) => emitGrouping(s, g)).join(', ')})`
    case 'empty':
      return '()'
  }
}

function alias(a: string | undefined): string {
  return a ? ` ${pgIdent(a)}` : ''
}

/**
 * Names for subqueries in FROM that Oracle lets go unnamed: PostgreSQL before 16 requires an
 * alias, so every one gets `subquery_N`, numbered within its FROM clause.
 */
function subqueryNames(): () => string {
  let n = 0
  return () => `subquery_${++n}`
}

export function emitFrom(f: FromItem, g: GenerateContext, names: () => string = subqueryNames()): string {
  switch (f.kind) {
    case 'table':
      if (f.dblink) throw new UnsupportedConstructError(`database link @${f.dblink}: use postgres_fdw and a foreign table`, f.at, 'DBLINK')
      return `${emitTableName(f.name, g)}${alias(f.alias)}${f.sample ? emitSample(f.sample, g) : ''}`
    case 'subquery':
      return `${f.lateral ? 'LATERAL ' : ''}(${emitQuery(f.query, g)}) ${f.alias ? pgIdent(f.alias) : names()}`
    case 'table-function':
      // TABLE(collection): the collection is an array (domain) in PostgreSQL; a pipelined function returns a set.
      if (f.pipelined) return `${emitExpr(f.expr, g)}${alias(f.alias)}`
      return `unnest(${emitExpr(f.expr, g)})${alias(f.alias)}`
    case 'join': {
      const left = emitFrom(f.left, g, names)
      const right = f.right.kind === 'join' ? `(${emitFrom(f.right, g, names)})` : emitFrom(f.right, g, names)
      const lateral = f.lateral ? 'LATERAL ' : ''
      if (f.type === 'CROSS') return `${left} CROSS JOIN ${lateral}${right}`
      const kind = `${f.natural ? 'NATURAL ' : ''}${f.type === 'INNER' ? '' : `${f.type} `}JOIN`
      const cond = f.on ? ` ON ${emitExpr(f.on, g)}` : f.using ? ` USING (${f.using.map(pgIdent).join(', ')})` : ''
      return `${left} ${kind} ${lateral}${right}${cond}`
    }
    case 'json-table': {
      if (!supports(g.target, 'jsonTable')) return emitJsonTableBefore17(f, g, f.alias ? pgIdent(f.alias) : names())
      // Oracle's defaults NULL ON ERROR (no rows, as PostgreSQL's EMPTY ON ERROR) and NULL ON
      // EMPTY (its columns' default) need nothing; PostgreSQL has no table-level ON EMPTY.
      const options = jsonTableOptions(f.options ?? [], f.at).filter((o) => o !== 'NULL ON ERROR' && o !== 'NULL ON EMPTY')
      const onEmpty = options.find((o) => clauseKind(o) === 'on-empty')
      if (onEmpty) throw new UnsupportedConstructError(`JSON_TABLE … ${onEmpty} before COLUMNS: write it on each column`, f.at, 'UNSUPPORTED_JSON_CLAUSE')
      const onError = options
      return `JSON_TABLE(${emitExpr(f.expr, g)}, ${emitExpr(f.path, g)} COLUMNS (${emitJsonColumns(f.columns, g)})${onError.map((o) => ` ${o}`).join('')})${alias(f.alias)}`
    }
    case 'raw':
      return `${f.sql}${alias(f.alias)}`
    case 'xml-table':
      return emitXmlTable(f, g, f.alias ? pgIdent(f.alias) : names())
    case 'pivot':
    case 'unpivot':
      // rewrites/pivot.ts turns both into subqueries before generation.
      throw new Error(`internal: ${f.kind.toUpperCase()} reached the generator unrewritten`)
    case 'function': {
      const calls = f.calls.map((c) => emitExpr(c, g))
      return `${calls.length === 1 ? calls[0] : `ROWS FROM (${calls.join(', ')})`} AS ${f.alias}(${f.columns.join(', ')})`
    }
  }
}

/** Oracle's row sample is BERNOULLI, its block sample SYSTEM; SEED is REPEATABLE. */
function emitSample(s: NonNullable<Extract<FromItem, { kind: 'table' }>['sample']>, g: GenerateContext): string {
  const seed = s.seed ? ` REPEATABLE (${emitExpr(s.seed, g)})` : ''
  return ` TABLESAMPLE ${s.block ? 'SYSTEM' : 'BERNOULLI'} (${emitExpr(s.percent, g)})${seed}`
}

/** JSON_TABLE clauses PostgreSQL shares; any other (Oracle's TRUNCATE, ALLOW SCALARS …) is an action item. */
function jsonTableOptions(options: readonly string[], at?: import('../../../model/location.js').SourceLocation): string[] {
  for (const o of options) if (!clauseKind(o) || clauseKind(o) === 'on-null' || clauseKind(o) === 'unique') throw new UnsupportedConstructError(`JSON_TABLE … ${o} has no PostgreSQL counterpart`, at, 'UNSUPPORTED_JSON_CLAUSE')
  return [...options]
}

/** A table or view name: unqualified names stay unqualified (search_path finds the target schema). */
export function emitTableName(name: readonly string[], g: GenerateContext): string {
  return g.resolveName?.(name) ?? name.map(pgIdent).join('.')
}

function emitJsonColumns(cols: readonly JsonTableColumn[], g: GenerateContext): string {
  return cols
    .map((c) => {
      switch (c.kind) {
        case 'ordinality':
          return `${pgIdent(c.name)} FOR ORDINALITY`
        case 'nested':
          return `NESTED PATH ${quoteString(c.path)} COLUMNS (${emitJsonColumns(c.columns, g)})`
        case 'value': {
          const type = c.type ? g.formatType(c.type) : 'text'
          const path = c.path ? ` PATH ${quoteString(c.path)}` : ''
          const options = jsonTableOptions(c.options ?? [])
          const before = options.filter((o) => clauseKind(o) === 'wrapper' || clauseKind(o) === 'quotes')
          const after = [...options.filter((o) => clauseKind(o) === 'on-empty'), ...options.filter((o) => clauseKind(o) === 'on-error')]
          const words = (list: string[]) => list.map((o) => ` ${o}`).join('')
          return `${pgIdent(c.name)} ${type}${c.formatJson ? ' FORMAT JSON' : ''}${c.exists ? ' EXISTS' : ''}${words(before)}${path}${words(after)}`
        }
      }
    })
    .join(', ')
}
