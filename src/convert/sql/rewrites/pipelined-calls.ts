import { SqlSyntaxError } from '../../../core/errors.js'
import type { SchemaModel } from '../../../model/schema.js'
import type { Expr, FromItem } from '../ast.js'
import type { Token } from '../token.js'
import { tokenize } from '../tokenizer.js'
import type { SelectRule } from './index.js'

/**
 * `TABLE(f(…))` over a PIPELINED function: the function becomes a set-returning PostgreSQL
 * function (plsql/pipelined.ts), which is read as `FROM f(…)`, where TABLE(collection) is
 * unnest(collection). The catalog keeps code as source text, so the functions declared
 * PIPELINED are found in the tokens of their headings: standalone functions, package
 * specifications (public functions) and package bodies (private ones).
 */
const cache = new WeakMap<SchemaModel, ReadonlySet<string>>()

/** `OWNER.F` for each pipelined function (owner: its package, or its schema when standalone), and `F` for standalone ones. */
function pipelinedFunctions(catalog: SchemaModel): ReadonlySet<string> {
  const cached = cache.get(catalog)
  if (cached) return cached
  const found = new Set<string>()
  for (const d of catalog.code) {
    if (d.kind !== 'function' && d.kind !== 'package' && d.kind !== 'package-body') continue
    let tokens: Token[]
    try {
      tokens = tokenize(d.source.text)
    } catch (e) {
      // A unit that does not tokenize is reported where it is translated.
      if (e instanceof SqlSyntaxError) continue
      throw e
    }
    for (const name of pipelinedHeadings(tokens)) {
      if (d.kind === 'function') {
        found.add(name)
        if (d.schema) found.add(`${d.schema}.${name}`)
      } else found.add(`${d.name}.${name}`)
    }
  }
  cache.set(catalog, found)
  return found
}

const isName = (t: Token | undefined): t is Token => t?.kind === 'word' || t?.kind === 'qident'

/** Names of the functions whose heading (FUNCTION … up to IS, AS or `;`) says PIPELINED. */
function pipelinedHeadings(tokens: readonly Token[]): string[] {
  const names: string[] = []
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.kind !== 'word' || tokens[i]!.value !== 'FUNCTION' || !isName(tokens[i + 1])) continue
    let j = i + 1
    while (tokens[j + 1]?.value === '.' && isName(tokens[j + 2])) j += 2
    const name = tokens[j]!.value
    let depth = 0
    for (j++; j < tokens.length; j++) {
      const t = tokens[j]!
      if (t.kind === 'op' && t.value === '(') depth++
      else if (t.kind === 'op' && t.value === ')') depth--
      else if (depth > 0) continue
      else if ((t.kind === 'op' && t.value === ';') || (t.kind === 'word' && (t.value === 'IS' || t.value === 'AS'))) break
      else if (t.kind === 'word' && t.value === 'PIPELINED') {
        names.push(name)
        break
      }
    }
  }
  return names
}

/** Whether `name` (as called: `f`, `pkg.f`, `schema.pkg.f`) is a pipelined function; `pkg`: the package the call is written in. */
function isPipelined(name: readonly string[], catalog: SchemaModel, pkg: string | undefined): boolean {
  const known = pipelinedFunctions(catalog)
  const last = name[name.length - 1]!
  if (name.length === 1) return known.has(last) || (pkg !== undefined && known.has(`${pkg}.${last}`))
  return known.has(`${name[name.length - 2]}.${last}`)
}

export const pipelinedTableCalls: SelectRule = (q, rc) => {
  const mark = (f: FromItem): FromItem => {
    if (f.kind === 'join') return { ...f, left: mark(f.left), right: mark(f.right) }
    if (f.kind !== 'table-function') return f
    const e = f.expr
    // Oracle calls a function without arguments without parentheses: TABLE(pkg.f).
    const call: Expr | undefined = e.kind === 'call' && !e.target ? e : e.kind === 'column' ? { kind: 'call', name: e.path, args: [] } : undefined
    if (call?.kind !== 'call' || !isPipelined(call.name, rc.g.catalog, rc.g.packageName)) return f
    return { ...f, expr: call, pipelined: true }
  }
  return { ...q, from: q.from.map(mark) }
}
