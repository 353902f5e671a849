import { pgIdent } from '../../naming.js'
import { UnsupportedConstructError } from '../../translate-context.js'
import type { Expr, FrameBound, OrderItem, WindowSpec } from '../ast.js'
import { emitIsJson, emitJsonCall, emitJsonObject } from './json-generator.js'
import { emitMultiset, emitMultisetCondition } from './multiset-generator.js'
import type { GenerateContext } from './generate-context.js'
import { emitQuery } from './query-generator.js'

/**
 * Prints an (already rewritten) expression as PostgreSQL. Parentheses come from precedence:
 * Oracle gives `||` the precedence of `+`, PostgreSQL a lower one, so mixed chains get
 * explicit parentheses.
 */
export function emitExpr(e: Expr, g: GenerateContext): string {
  switch (e.kind) {
    case 'number':
      return emitNumber(e.value)
    case 'string':
      return quoteString(e.value)
    case 'null':
      return 'NULL'
    case 'boolean':
      return e.value ? 'TRUE' : 'FALSE'
    case 'datetime-literal':
      // Oracle DATE carries a time of day, so a DATE literal is a timestamp at midnight. A
      // TIMESTAMP literal with a zone (offset or region) is Oracle's TIMESTAMP WITH TIME ZONE.
      return `${e.type === 'TIMESTAMP' && ZONED_LITERAL.test(e.value) ? 'TIMESTAMPTZ' : 'TIMESTAMP'} ${quoteString(e.value)}`
    case 'interval-literal':
      return `INTERVAL ${quoteString(e.value)} ${e.from}${e.to ? ` TO ${e.to}` : ''}`
    case 'column':
      return g.resolveName?.(e.path) ?? e.path.map(pgIdent).join('.')
    case 'bind':
      return emitBind(e, g)
    case 'star':
      return e.qualifier ? `${e.qualifier.map(pgIdent).join('.')}.*` : '*'
    case 'unary':
      return emitUnary(e, g)
    case 'binary':
      return `${operand(e.left, e, 'left', g)} ${e.op} ${operand(e.right, e, 'right', g)}`
    case 'like': {
      const escape = e.escape ? ` ESCAPE ${operand(e.escape, e, 'right', g)}` : ''
      return `${operand(e.expr, e, 'left', g)} ${e.negated ? 'NOT LIKE' : 'LIKE'} ${operand(e.pattern, e, 'right', g)}${escape}`
    }
    case 'between':
      return `${operand(e.expr, e, 'left', g)} ${e.negated ? 'NOT BETWEEN' : 'BETWEEN'} ${operand(e.low, e, 'right', g)} AND ${operand(e.high, e, 'right', g)}`
    case 'in': {
      const list = isExprList(e.list) ? e.list.map((x) => emitExpr(x, g)).join(', ') : emitQuery(e.list, g)
      return `${operand(e.expr, e, 'left', g)} ${e.negated ? 'NOT IN' : 'IN'} (${list})`
    }
    case 'is-null':
      return `${operand(e.expr, e, 'left', g)} IS ${e.negated ? 'NOT ' : ''}NULL`
    case 'is-json':
      return emitIsJson(e, operand(e.expr, e, 'left', g), g)
    case 'exists':
      return `EXISTS (${emitQuery(e.query, g)})`
    case 'quantified': {
      const right = isExprList(e.list) ? `ARRAY[${e.list.map((x) => emitExpr(x, g)).join(', ')}]` : emitQuery(e.list, g)
      return `${operand(e.left, e, 'left', g)} ${e.op} ${e.quantifier} (${right})`
    }
    case 'call':
      return emitCall(e, g)
    case 'json-object':
      return emitJsonObject(e, g)
    case 'case':
      return emitCase(e, g)
    case 'cast':
      return `CAST(${emitExpr(e.expr, g)} AS ${g.formatType(e.type)})`
    case 'cast-multiset':
      throw new UnsupportedConstructError('CAST(MULTISET(…)) needs a collection type from the catalog', e.at)
    case 'multiset':
      return emitMultiset(e, g)
    case 'multiset-condition':
      return emitMultisetCondition(e, g)
    case 'pg-cast':
      return `${operand(e.expr, e, 'left', g)}::${e.type}`
    case 'subquery':
      return `(${emitQuery(e.query, g)})`
    case 'tuple':
      return `(${e.items.map((x) => emitExpr(x, g)).join(', ')})`
    case 'array':
      return `ARRAY[${e.items.map((x) => emitExpr(x, g)).join(', ')}]`
    case 'field':
      return `(${emitExpr(e.expr, g)}).${pgIdent(e.field)}`
    case 'xml-element': {
      // Names are XML names, case kept: always quoted, as Oracle stores them.
      const quoted = (n: string) => `"${n.replace(/"/g, '""')}"`
      const attributes = e.attributes.length ? [`xmlattributes(${e.attributes.map((a) => `${emitExpr(a.value, g)} AS ${quoted(a.name)}`).join(', ')})`] : []
      return `xmlelement(NAME ${quoted(e.name)}${[...attributes, ...e.content.map((x) => emitExpr(x, g))].map((x) => `, ${x}`).join('')})`
    }
    case 'subscript':
      return `(${emitExpr(e.expr, g)})[${emitExpr(e.index, g)}]`
    case 'extract':
      return `EXTRACT(${e.field} FROM ${emitExpr(e.from, g)})`
    case 'trim': {
      const side = e.side ? `${e.side} ` : ''
      const chars = e.chars ? `${emitExpr(e.chars, g)} ` : ''
      return side || chars ? `TRIM(${side}${chars}FROM ${emitExpr(e.from, g)})` : `TRIM(${emitExpr(e.from, g)})`
    }
    case 'collate':
      // BINARY compares by code point, as PostgreSQL's "C" collation does; Oracle's linguistic and _CI/_AI collations have no built-in counterpart.
      if (e.collation !== 'BINARY') throw new UnsupportedConstructError(`COLLATE ${e.collation}: an Oracle linguistic collation; create an ICU collation (nondeterministic for _CI/_AI) and name it instead`, e.at)
      return `${operand(e.expr, e, 'left', g)} COLLATE "C"`
    case 'at-time-zone':
      return e.zone === 'LOCAL' ? `(${emitExpr(e.expr, g)})::timestamptz` : `${operand(e.expr, e, 'left', g)} AT TIME ZONE ${operand(e.zone, e, 'right', g)}`
    case 'interval-difference':
      // PostgreSQL subtracts timestamps into an interval of days and time, Oracle's DAY TO SECOND.
      if (e.from === 'YEAR') throw new UnsupportedConstructError('(a - b) YEAR TO MONTH: PostgreSQL has no year-month difference of datetimes; use age(a, b)', e.at)
      return `(${emitExpr(e.left, g)} - ${emitExpr(e.right, g)})`
    case 'raw':
      return e.sql
    case 'attributes':
      throw new UnsupportedConstructError('internal: Teradata data attributes reached the generator unrewritten', e.at)
  }
}

function isExprList(list: readonly Expr[] | import('../ast.js').Query): list is readonly Expr[] {
  return Array.isArray(list)
}

const ZONED_LITERAL = /\d\s*(?:[+-]\d{1,2}:\d{2}|[A-Za-z][A-Za-z_]*(?:\/[A-Za-z_+-]+)+|UTC|GMT)\s*$/

export function quoteString(s: string): string {
  // PostgreSQL string literals are standard-conforming: only the quote needs doubling.
  return `'${s.replace(/'/g, "''")}'`
}

/** Oracle BINARY_FLOAT/DOUBLE suffixes (`1.5f`, `2d`) are not SQL; the value stays. */
function emitNumber(value: string): string {
  const n = value.replace(/[fFdD]$/, '')
  return n.startsWith('.') ? `0${n}` : n
}

function emitBind(e: Extract<Expr, { kind: 'bind' }>, g: GenerateContext): string {
  const path = [`:${e.name}`, ...e.fields]
  const resolved = g.resolveName?.(path)
  if (resolved !== undefined) return resolved
  if ((e.name === 'NEW' || e.name === 'OLD') && e.fields.length > 0) return [e.name, ...e.fields.map(pgIdent)].join('.')
  throw new UnsupportedConstructError(`bind variable :${e.name} has no PostgreSQL equivalent outside PL/pgSQL`, e.at, 'BIND_VARIABLE')
}

function emitUnary(e: Extract<Expr, { kind: 'unary' }>, g: GenerateContext): string {
  switch (e.op) {
    case 'NOT':
      return `NOT ${operand(e.operand, e, 'right', g)}`
    case '-':
    case '+':
      return `${e.op}${operand(e.operand, e, 'right', g)}`
    default:
      throw new UnsupportedConstructError(`${e.op} outside CONNECT BY`)
  }
}

/** Binding strength of a node in PostgreSQL's grammar; atoms are strongest. */
function precedence(e: Expr): number {
  switch (e.kind) {
    case 'binary':
      switch (e.op) {
        case 'OR':
          return 1
        case 'AND':
          return 2
        case '=': case '<>': case '<': case '>': case '<=': case '>=': case 'IS NOT DISTINCT FROM':
          return 4
        case '||':
        case '&':
          return 5
        case '+': case '-':
          return 6
        case '*': case '/':
          return 7
        case '**':
          return 8
      }
      break
    case 'unary':
      return e.op === 'NOT' ? 3 : 9
    case 'like': case 'between': case 'in': case 'is-null': case 'is-json': case 'quantified':
      return 4
    case 'at-time-zone': case 'collate':
      return 10
    case 'pg-cast':
      return 11
    default:
      return 12
  }
  return 12
}

const ASSOCIATIVE = new Set(['AND', 'OR', '+', '*', '||'])

function operand(child: Expr, parent: Expr, side: 'left' | 'right', g: GenerateContext): string {
  const text = emitExpr(child, g)
  const pc = precedence(child)
  const pp = precedence(parent)
  let wrap = pc < pp
  if (pc === pp && pp < 12) {
    const sameOp = child.kind === 'binary' && parent.kind === 'binary' && child.op === parent.op
    // Left-associative chains read naturally; anything else at equal strength gets parentheses.
    wrap = !(side === 'left' && (sameOp || pp === 6 || pp === 7)) && !(sameOp && ASSOCIATIVE.has((parent as { op: string }).op))
  }
  if (parent.kind === 'binary' && parent.op === '**') wrap = pc < 12
  return wrap ? `(${text})` : text
}

function emitCall(e: Extract<Expr, { kind: 'call' }>, g: GenerateContext): string {
  if (e.json) return emitJsonCall(e, g)
  const name = e.target ? e.name.join('.') : (g.resolveName?.(e.name) ?? e.name.map(pgIdent).join('.'))
  const args: string[] = e.star ? ['*'] : e.args.map((a) => (a.name ? `${pgIdent(a.name)} => ${emitExpr(a.value, g)}` : emitExpr(a.value, g)))
  let inside = `${e.distinct ? 'DISTINCT ' : ''}${args.join(', ')}`
  if (e.orderBy?.length) inside += ` ORDER BY ${emitOrderBy(e.orderBy, g)}`
  let out = `${name}(${inside})`
  if (e.withinGroup) out += ` WITHIN GROUP (ORDER BY ${emitOrderBy(e.withinGroup, g)})`
  if (e.filter) out += ` FILTER (WHERE ${emitExpr(e.filter, g)})`
  if (e.keep) throw new UnsupportedConstructError(`${e.name.join('.')} … KEEP (DENSE_RANK ${e.keep.rank} …)`, e.at)
  if (e.fromLast) throw new UnsupportedConstructError(`${e.name.join('.')} … FROM LAST (PostgreSQL counts from the first row of the frame: reverse the window's ORDER BY)`, e.at)
  if (e.ignoreNulls) throw new UnsupportedConstructError(`${e.name.join('.')} … IGNORE NULLS (PostgreSQL window functions do not skip nulls)`, e.at)
  if (e.using) throw new UnsupportedConstructError(`${e.name.join('.')}(… USING ${e.using})`, e.at)
  if (e.over) out += ` OVER (${emitWindow(e.over, g)})`
  return out
}

export function emitOrderBy(items: readonly OrderItem[], g: GenerateContext): string {
  return items
    .map((o) => {
      let s = emitExpr(o.expr, g)
      if (o.descending) s += ' DESC'
      // Oracle sorts NULLs as the largest value, as PostgreSQL does: the defaults agree.
      if (o.nulls) s += ` NULLS ${o.nulls}`
      return s
    })
    .join(', ')
}

function emitWindow(w: WindowSpec, g: GenerateContext): string {
  const parts: string[] = []
  if (w.partitionBy.length) parts.push(`PARTITION BY ${w.partitionBy.map((x) => emitExpr(x, g)).join(', ')}`)
  if (w.orderBy.length) parts.push(`ORDER BY ${emitOrderBy(w.orderBy, g)}`)
  if (w.frame) {
    const bound = (b: FrameBound) => {
      switch (b.kind) {
        case 'unbounded-preceding':
          return 'UNBOUNDED PRECEDING'
        case 'unbounded-following':
          return 'UNBOUNDED FOLLOWING'
        case 'current-row':
          return 'CURRENT ROW'
        case 'preceding':
          return `${emitExpr(b.offset, g)} PRECEDING`
        case 'following':
          return `${emitExpr(b.offset, g)} FOLLOWING`
      }
    }
    const exclude = w.frame.exclude ? ` EXCLUDE ${w.frame.exclude}` : ''
    parts.push(`${w.frame.end ? `${w.frame.unit} BETWEEN ${bound(w.frame.start)} AND ${bound(w.frame.end)}` : `${w.frame.unit} ${bound(w.frame.start)}`}${exclude}`)
  }
  return parts.join(' ')
}

function emitCase(e: Extract<Expr, { kind: 'case' }>, g: GenerateContext): string {
  const parts = ['CASE']
  if (e.operand) parts.push(emitExpr(e.operand, g))
  for (const w of e.whens) parts.push(`WHEN ${emitExpr(w.when, g)} THEN ${emitExpr(w.then, g)}`)
  if (e.otherwise) parts.push(`ELSE ${emitExpr(e.otherwise, g)}`)
  parts.push('END')
  return parts.join(' ')
}
