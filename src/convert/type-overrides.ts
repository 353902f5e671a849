import { ConfigError } from '../core/errors.js'
import type { NativeType } from '../model/schema.js'

/**
 * A user's type-mapping override (`typeMap` in the config file, `--type-map` on the command
 * line): source types matching `pattern` become `target`, verbatim. Unset pattern fields match
 * anything (`*` in the text), so `NUMBER(*,0)` matches every whole-number NUMBER.
 */
export interface TypeOverride {
  /** The entry as the user wrote it, for messages. */
  readonly entry: string
  readonly pattern: TypePattern
  readonly target: string
}

export interface TypePattern {
  /** Upper case, single spaces: `TIMESTAMP WITH TIME ZONE`. */
  readonly name: string
  readonly schema?: string
  /** The first parenthesised argument: a length (VARCHAR2(30)) or a precision (NUMBER(10,2)). */
  readonly size?: number
  readonly scale?: number
  readonly semantics?: 'BYTE' | 'CHAR'
  /** TIMESTAMP(n), INTERVAL DAY TO SECOND(n). */
  readonly fractionalPrecision?: number
  /** INTERVAL DAY(n), INTERVAL YEAR(n). */
  readonly leadingPrecision?: number
}

export type TypeOverrides = readonly TypeOverride[]

/**
 * Reads the config file's map and the command line's `PATTERN=TYPE` flags. Flags come last, so
 * they win over a config entry of the same specificity.
 */
export function parseTypeOverrides(config: Readonly<Record<string, string>>, flags: readonly string[]): TypeOverrides {
  const fromConfig = Object.entries(config).map(([pattern, target]) => parseOverride(`${pattern}=${target}`, pattern, target))
  const fromFlags = flags.map((flag) => {
    const eq = flag.indexOf('=')
    if (eq < 0) throw invalid(flag, 'expected PATTERN=TYPE')
    return parseOverride(flag, flag.slice(0, eq), flag.slice(eq + 1))
  })
  return [...fromConfig, ...fromFlags]
}

function parseOverride(entry: string, patternText: string, targetText: string): TypeOverride {
  const target = targetText.trim()
  if (target === '') throw invalid(entry, 'the PostgreSQL type is empty')
  // The target is written into DDL verbatim: refuse what could end or comment out a statement.
  if (/;|--|\/\*/.test(target)) throw invalid(entry, 'the PostgreSQL type may not contain ";" or comments')
  return { entry, pattern: parsePattern(entry, patternText), target }
}

/** Words with parenthesised arguments after some of them: `TIMESTAMP(3) WITH TIME ZONE`, `NUMBER(*,0)`. */
const PATTERN_PART = /\s*(?:([A-Za-z_][A-Za-z0-9_$#]*(?:\.[A-Za-z_][A-Za-z0-9_$#]*)?)|\(([^()]*)\))/y

function parsePattern(entry: string, text: string): TypePattern {
  const words: string[] = []
  const p: { -readonly [K in keyof TypePattern]: TypePattern[K] } = { name: '' }
  let rest = text.trim()
  while (rest !== '') {
    PATTERN_PART.lastIndex = 0
    const m = PATTERN_PART.exec(rest)
    if (!m) throw invalid(entry, `cannot read "${rest}" as a source type`)
    rest = rest.slice(PATTERN_PART.lastIndex).trim()
    if (m[1] !== undefined) {
      words.push(m[1].toUpperCase())
      continue
    }
    const before = words.at(-1)
    if (before === undefined) throw invalid(entry, 'arguments before the type name')
    applyArguments(entry, p, before, m[2]!)
  }
  if (words.length === 0) throw invalid(entry, 'the source type is empty')
  const [first, ...others] = words
  const dot = first!.indexOf('.')
  if (dot >= 0) {
    p.schema = first!.slice(0, dot)
    words[0] = first!.slice(dot + 1)
  }
  p.name = [words[0], ...others].join(' ')
  return p
}

function applyArguments(entry: string, p: { -readonly [K in keyof TypePattern]: TypePattern[K] }, word: string, argText: string): void {
  const args = argText.split(',').map((a) => a.trim())
  const value = (a: string | undefined): number | undefined => {
    if (a === undefined || a === '*') return undefined
    if (!/^-?\d+$/.test(a)) throw invalid(entry, `"${a}" is not a whole number or *`)
    return Number(a)
  }
  if (word === 'TIMESTAMP' || word === 'SECOND') {
    p.fractionalPrecision = value(args[0])
    return
  }
  if (word === 'DAY' || word === 'YEAR') {
    p.leadingPrecision = value(args[0])
    return
  }
  const [size, ...semantics] = (args[0] ?? '').split(/\s+/)
  p.size = value(size)
  if (semantics.length > 0) {
    const s = semantics.join(' ').toUpperCase()
    if (s !== 'BYTE' && s !== 'CHAR') throw invalid(entry, `"${s}" is not BYTE or CHAR`)
    p.semantics = s
  }
  if (args.length > 2) throw invalid(entry, 'at most two arguments')
  p.scale = value(args[1])
}

function invalid(entry: string, why: string): ConfigError {
  return new ConfigError('TYPE_MAP_INVALID', `type override "${entry}": ${why}`, {
    object: entry,
    hint: "Write overrides as SOURCE_TYPE=postgres_type, e.g. 'NUMBER(1,0)=boolean' or 'VARCHAR2(*)=text'.",
  })
}

/** The NativeType fields a pattern compares, in the pattern's terms. */
function nativeFacts(n: NativeType): Omit<TypePattern, 'name' | 'schema'> {
  // NUMBER(10) is NUMBER(10,0): the scale is implied once a precision is given.
  const scale = n.scale ?? (n.precision !== undefined ? 0 : undefined)
  return {
    size: n.length ?? n.precision,
    scale,
    semantics: n.semantics,
    fractionalPrecision: n.fractionalPrecision,
    leadingPrecision: n.leadingPrecision,
  }
}

const COMPARED = ['size', 'scale', 'semantics', 'fractionalPrecision', 'leadingPrecision'] as const

function specificity(p: TypePattern): number {
  return (p.schema === undefined ? 0 : 1) + COMPARED.filter((k) => p[k] !== undefined).length
}

function matches(p: TypePattern, n: NativeType): boolean {
  if (p.name !== n.name) return false
  if (p.schema !== undefined && p.schema !== n.schema) return false
  const facts = nativeFacts(n)
  return COMPARED.every((k) => p[k] === undefined || p[k] === facts[k])
}

/** The most specific override for a type (the later one on a tie), if any. */
export function findTypeOverride(overrides: TypeOverrides, n: NativeType): TypeOverride | undefined {
  let best: TypeOverride | undefined
  for (const o of overrides) {
    if (matches(o.pattern, n) && (!best || specificity(o.pattern) >= specificity(best.pattern))) best = o
  }
  return best
}
