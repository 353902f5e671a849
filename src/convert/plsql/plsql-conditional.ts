import { SqlSyntaxError } from '../../core/errors.js'
import type { SourceLocation } from '../../model/location.js'
import type { Token } from '../sql/token.js'
import { UnsupportedConstructError, type TranslateContext } from '../translate-context.js'

/**
 * PL/SQL conditional compilation (PL/SQL Language Reference, "Conditional Compilation"), resolved
 * before parsing as Oracle resolves it before compiling: `$IF c $THEN … [$ELSIF c $THEN …]
 * [$ELSE …] $END` keeps the first branch whose static condition is TRUE, `$ERROR msg $END` in a
 * kept branch is a compile error, and inquiry directives `$$NAME` become their values.
 *
 * What godwit cannot know offline is never guessed silently:
 * - DBMS_DB_VERSION and package constants in a condition: which Oracle release and which
 *   settings compiled the unit decides the branch, so the unit is an action item.
 * - a `$$flag` of PLSQL_CCFLAGS: Oracle reads an unset flag as NULL, and so does godwit, with a
 *   warning, since the source may set it.
 */
export interface ConditionalUnit {
  /** $$PLSQL_UNIT: the unit's name; NULL in an anonymous block. */
  readonly name?: string
  /** $$PLSQL_UNIT_TYPE: FUNCTION, PROCEDURE, PACKAGE BODY …; ANONYMOUS BLOCK for a block. */
  readonly type: string
}

type Value = boolean | number | string | null

const BRANCH_ENDS = ['$ELSIF', '$ELSE', '$END']

export function resolveConditionalCompilation(tokens: readonly Token[], file: string, unit: ConditionalUnit, ctx?: TranslateContext): Token[] {
  if (!tokens.some(isDirective)) return [...tokens]
  const out: Token[] = []
  const warned = new Set<string>()
  const location = (t: Token): SourceLocation => ({ file, line: t.line, column: t.column })

  const fail = (message: string, t: Token): never => {
    throw new SqlSyntaxError(message, location(t), '')
  }

  /** Copies (when `keep`) tokens from `i` up to one of `stops` at this nesting level; returns its index. */
  const block = (i: number, keep: boolean, stops: readonly string[]): number => {
    for (;;) {
      const t = tokens[i]!
      if (t.kind === 'eof') {
        if (stops.length > 0) fail(`conditional compilation: expected ${stops.join(' or ')} before the end of the unit`, t)
        return i
      }
      if (isDirective(t) && stops.includes(t.value)) return i
      if (t.value === '$IF' && t.kind === 'word') i = selection(i, keep)
      else if (t.value === '$ERROR' && t.kind === 'word') {
        const end = directiveIndex(i + 1, '$END')
        if (keep) throw new UnsupportedConstructError(`$ERROR directive: ${tokens.slice(i + 1, end).map((x) => x.text).join(' ')} — Oracle refuses to compile this branch`, location(t))
        i = end + 1
      } else if (isDirective(t) && !t.value.startsWith('$$')) fail(`conditional compilation: ${t.value} without $IF`, t)
      else {
        if (keep) out.push(isDirective(t) ? inquiryToken(t) : t)
        i++
      }
    }
  }

  /** `$IF … $END` at `i`: evaluates conditions only while no branch is taken and the whole is kept. */
  const selection = (i: number, keep: boolean): number => {
    let taken = false
    let j = i + 1
    for (;;) {
      const then = directiveIndex(j, '$THEN')
      const chosen: boolean = keep && !taken && evaluate(tokens.slice(j, then)) === true
      j = block(then + 1, chosen, BRANCH_ENDS)
      taken ||= chosen
      if (tokens[j]!.value === '$ELSIF') {
        j++
        continue
      }
      if (tokens[j]!.value === '$ELSE') j = block(j + 1, keep && !taken, ['$END'])
      return j + 1
    }
  }

  const directiveIndex = (from: number, name: string): number => {
    for (let k = from; k < tokens.length; k++) {
      const t = tokens[k]!
      if (t.kind === 'word' && t.value === name) return k
      if (t.kind === 'eof') fail(`conditional compilation: expected ${name}`, t)
    }
    return fail(`conditional compilation: expected ${name}`, tokens[tokens.length - 1]!)
  }

  const inquiry = (t: Token): Value => {
    const name = t.value.slice(2)
    if (name === 'PLSQL_LINE') return t.line
    if (name === 'PLSQL_UNIT') return unit.name ?? null
    if (name === 'PLSQL_UNIT_TYPE') return unit.type
    if (!warned.has(name)) {
      warned.add(name)
      ctx?.findings.push({ code: 'CONDITIONAL_FLAG', severity: 'warning', object: ctx.object, at: location(t), message: `$$${name} is read as NULL, as Oracle reads a flag PLSQL_CCFLAGS does not set; if the source compiled this unit with the flag set, the other branch is the one it runs` })
    }
    return null
  }

  const inquiryToken = (t: Token): Token => {
    const v = inquiry(t)
    if (typeof v === 'number') return { ...t, kind: 'number', value: String(v) }
    if (typeof v === 'string') return { ...t, kind: 'string', value: v }
    return { ...t, kind: 'word', value: 'NULL' }
  }

  /** A static boolean expression (TRUE/FALSE/NULL, numbers, strings, $$ flags, comparisons, NOT/AND/OR, parentheses). */
  const evaluate = (cond: readonly Token[]): Value => {
    let k = 0
    const peek = (): Token | undefined => cond[k]
    const isWord = (w: string): boolean => peek()?.kind === 'word' && peek()!.value === w
    const isOp = (o: string): boolean => peek()?.kind === 'op' && peek()!.value === o
    // AND/OR with Oracle's three-valued logic: `dominant` decides alone (TRUE for OR, FALSE for AND).
    const chain = (word: string, operand: () => Value, dominant: boolean) => (): Value => {
      let v = operand()
      while (isWord(word)) {
        k++
        const r = operand()
        v = v === dominant || r === dominant ? dominant : v === null || r === null ? null : !dominant
      }
      return v
    }
    const andExpr = (): Value => chain('AND', notExpr, false)()
    const orExpr = chain('OR', andExpr, true)
    const notExpr = (): Value => {
      if (!isWord('NOT')) return comparison()
      k++
      const v = notExpr()
      return v === null ? null : !v
    }
    const comparison = (): Value => {
      const left = primary()
      if (isWord('IS')) {
        k++
        const negated = isWord('NOT') && (k++, true)
        if (!isWord('NULL')) fail('conditional compilation: expected NULL after IS', peek() ?? cond[0]!)
        k++
        return (left === null) !== negated
      }
      const op = peek()?.kind === 'op' ? peek()!.value : undefined
      if (!op || !['=', '<>', '!=', '^=', '~=', '<', '>', '<=', '>='].includes(op)) return left
      k++
      const right = primary()
      if (left === null || right === null) return null
      switch (op) {
        case '=':
          return left === right
        case '<':
          return left < right
        case '>':
          return left > right
        case '<=':
          return left <= right
        case '>=':
          return left >= right
        default:
          return left !== right
      }
    }
    const primary = (): Value => {
      const t = peek()
      if (!t) return fail('conditional compilation: expected a condition before $THEN', cond[cond.length - 1] ?? tokens[0]!)
      k++
      if (t.kind === 'number') return Number(t.value)
      if (t.kind === 'string') return t.value
      if (t.kind === 'op' && t.value === '(') {
        const v = orExpr()
        if (!isOp(')')) fail('conditional compilation: expected ")"', peek() ?? t)
        k++
        return v
      }
      if (t.kind === 'word' && t.value.startsWith('$$')) return inquiry(t)
      if (t.kind === 'word' && (t.value === 'TRUE' || t.value === 'FALSE')) return t.value === 'TRUE'
      if (t.kind === 'word' && t.value === 'NULL') return null
      const name = [t.text]
      while (isOp('.') && cond[k + 1]) {
        name.push(cond[k + 1]!.text)
        k += 2
      }
      const what = name[0]!.toUpperCase() === 'DBMS_DB_VERSION' ? 'which Oracle release compiled the unit' : 'the value of a package constant'
      throw new UnsupportedConstructError(`conditional compilation on ${name.join('.')}: the branch kept depends on ${what}, which godwit does not know; keep the branch the source runs by hand`, location(t))
    }
    const v = orExpr()
    if (k < cond.length) fail('conditional compilation: unexpected text in the condition', cond[k]!)
    return v
  }

  const end = block(0, true, [])
  out.push(tokens[end]!)
  return out
}

function isDirective(t: Token): boolean {
  return t.kind === 'word' && t.value.startsWith('$')
}
