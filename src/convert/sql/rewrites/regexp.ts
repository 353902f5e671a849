import { UnsupportedConstructError } from '../../translate-context.js'
import type { Expr } from '../ast.js'
import type { ExprRule } from './index.js'
import { needsNewerTarget, supports } from '../../target.js'
import { EMPTY_TEXT, args, isOracleCall, num, pgCall, str, stringValue, supportCall } from './build.js'
import type { RewriteContext } from './scope.js'

/**
 * REGEXP_* → PostgreSQL 15+'s functions of the same names. The match flags differ: by default
 * Oracle's `.` does not match a newline and `^`/`$` anchor the whole string (PostgreSQL's 'p'
 * mode); Oracle 'n' lets `.` match newlines, 'm' makes `^`/`$` match at lines.
 */
export function postgresFlags(oracle: string): string {
  let dotAll = false
  let multiline = false
  let rest = ''
  for (const f of oracle) {
    if (f === 'n') dotAll = true
    else if (f === 'm') multiline = true
    else if (f === 'i' || f === 'c' || f === 'x') rest += f
    else throw new UnsupportedConstructError(`regular expression match flag '${f}'`)
  }
  const mode = dotAll ? (multiline ? 'w' : 's') : multiline ? 'n' : 'p'
  return `${rest}${mode}`
}

function flagsArg(e: Extract<Expr, { kind: 'call' }>, flags: Expr | undefined): Expr {
  if (!flags || flags.kind === 'null') return str(postgresFlags(''))
  const text = stringValue(flags)
  if (text === undefined) throw new UnsupportedConstructError(`${e.name[0]} with match flags that are not a literal`, e.at)
  return str(postgresFlags(text))
}

const defaulted = (e: Expr | undefined, value: number): Expr => e ?? num(value)

const regexp: ExprRule = (e, rc) => {
  if (!isOracleCall(e, 'REGEXP_LIKE', 'REGEXP_SUBSTR', 'REGEXP_INSTR', 'REGEXP_COUNT', 'REGEXP_REPLACE')) return undefined
  const a = args(e)
  const [s, pattern] = a
  if (!s || !pattern) return undefined
  if (!supports(rc.g.target, 'regexpFunctions')) return beforeFifteen(e, a, rc)
  switch (e.name[0]) {
    case 'REGEXP_LIKE':
      return pgCall('regexp_like', s, pattern, flagsArg(e, a[2]))
    case 'REGEXP_COUNT':
      return pgCall('regexp_count', s, pattern, defaulted(a[2], 1), flagsArg(e, a[3]))
    case 'REGEXP_SUBSTR': {
      const out = [s, pattern, defaulted(a[2], 1), defaulted(a[3], 1), flagsArg(e, a[4])]
      return pgCall('regexp_substr', ...(a[5] ? [...out, a[5]] : out))
    }
    case 'REGEXP_INSTR': {
      const out = [s, pattern, defaulted(a[2], 1), defaulted(a[3], 1), defaulted(a[4], 0), flagsArg(e, a[5])]
      return pgCall('regexp_instr', ...(a[6] ? [...out, a[6]] : out))
    }
    default: {
      // Oracle replaces every match by default (occurrence 0); so does PostgreSQL with N = 0.
      const replacement = !a[2] || a[2].kind === 'null' ? EMPTY_TEXT : a[2]
      return pgCall('regexp_replace', s, pattern, replacement, defaulted(a[3], 1), defaulted(a[4], 0), flagsArg(e, a[5]))
    }
  }
}

const isOne = (x: Expr | undefined) => !x || (x.kind === 'number' && Number(x.value) === 1)

/**
 * Before PostgreSQL 15: support functions on regexp_match(es) for LIKE, COUNT and SUBSTR;
 * REGEXP_REPLACE of every match (Oracle's default) or of the first match from the start is
 * regexp_replace with or without the 'g' flag. Other forms need 15.
 */
function beforeFifteen(e: Extract<Expr, { kind: 'call' }>, a: Expr[], rc: RewriteContext): Expr {
  const [s, pattern] = a as [Expr, Expr]
  const refuse = (what: string) => needsNewerTarget(what, 'regexpFunctions', rc.g.target, e.at)
  switch (e.name[0]) {
    case 'REGEXP_LIKE':
      return supportCall(rc, 'regexp_like', s, pattern, flagsArg(e, a[2]))
    case 'REGEXP_COUNT':
      return supportCall(rc, 'regexp_count', s, pattern, defaulted(a[2], 1), flagsArg(e, a[3]))
    case 'REGEXP_SUBSTR': {
      if (pattern.kind !== 'string' || /\\[1-9]/.test(pattern.value)) throw refuse('REGEXP_SUBSTR with a pattern that is not a literal without back-references')
      const out = [s, pattern, defaulted(a[2], 1), defaulted(a[3], 1), flagsArg(e, a[4])]
      return supportCall(rc, 'regexp_substr', ...(a[5] ? [...out, a[5]] : out))
    }
    case 'REGEXP_REPLACE': {
      const replacement = !a[2] || a[2].kind === 'null' ? EMPTY_TEXT : a[2]
      const flags = stringValue(flagsArg(e, a[5]))!
      const every = !a[4] || (a[4].kind === 'number' && Number(a[4].value) === 0)
      if (!isOne(a[3]) || !(every || isOne(a[4]))) throw refuse('REGEXP_REPLACE from a position or of one occurrence after the first')
      return pgCall('regexp_replace', s, pattern, replacement, str(every ? `${flags}g` : flags))
    }
    default:
      throw refuse(e.name[0]!)
  }
}

export const regexpRules: readonly ExprRule[] = [regexp]
