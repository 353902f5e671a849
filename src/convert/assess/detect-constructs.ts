import { SqlSyntaxError } from '../../core/errors.js'
import type { Finding } from '../../model/finding.js'
import type { SourceLocation } from '../../model/location.js'
import type { Token } from '../sql/token.js'
import { tokenize } from '../sql/tokenizer.js'
import { objectLabel, objectLocation, objectTexts, type ModelObject } from './assessable-object.js'
import type { ConstructRule, Handling } from './construct-catalogue.js'
import { findPattern } from './token-pattern.js'

/** One construct found in one object. */
export interface ConstructHit {
  readonly id: string
  readonly title: string
  readonly handling: Handling
  readonly minutes: number
  readonly occurrences: number
  /** Where it first occurs when the source text carries positions, else where the object is defined. */
  readonly at?: SourceLocation
  /** Up to a few distinct spellings or parts involved (`DBMS_LOB.`, a column name). */
  readonly samples: readonly string[]
}

const MAX_SAMPLES = 5

interface TokenizedText {
  readonly tokens: readonly Token[]
  /** The file the text came from; absent when the text carries no position. */
  readonly file?: string
}

interface Occurrence {
  readonly sample: string
  readonly at?: SourceLocation
}

function findOccurrences(rule: ConstructRule, texts: readonly TokenizedText[], object: ModelObject): Occurrence[] {
  const detect = rule.detect
  if ('model' in detect) return detect.model(object).map((sample) => ({ sample, at: objectLocation(object) }))
  return texts.flatMap(({ tokens, file }) => {
    const spans: Array<{ start: number; length: number }> =
      'tokens' in detect
        ? detect.tokens.flatMap((pattern) => findPattern(tokens, pattern).map((start) => ({ start, length: pattern.length })))
        : detect.scan(tokens, object).map((start) => ({ start, length: 1 }))
    return spans
      .sort((a, b) => a.start - b.start)
      .map(({ start, length }) => {
        const first = tokens[start]!
        const sample = tokens
          .slice(start, start + length)
          .map((t, k) => (k > 0 && t.spaceBefore ? ` ${t.text}` : t.text))
          .join('')
        return { sample, at: file === undefined ? undefined : { file, line: first.line, column: first.column } }
      })
  })
}

export interface DetectionResult {
  readonly hits: readonly ConstructHit[]
  /** Texts the tokenizer could not read: reported, and the object is scored on the rest. */
  readonly unreadable: readonly Finding[]
}

/** Runs the catalogue's rules that apply to the object's kind over its source and structure. */
export function detectConstructs(object: ModelObject, rules: readonly ConstructRule[]): DetectionResult {
  const unreadable: Finding[] = []
  const texts: TokenizedText[] = []
  for (const text of objectTexts(object)) {
    try {
      texts.push({ tokens: tokenize(text.text, text.at), file: text.at?.file })
    } catch (e) {
      if (!(e instanceof SqlSyntaxError)) throw e
      unreadable.push({
        code: 'ASSESS_UNREADABLE_SOURCE',
        severity: 'warning',
        object: objectLabel(object),
        message: `Could not tokenize part of the source, so constructs in it are not scored: ${e.message}`,
        at: text.at ? e.position : undefined,
      })
    }
  }
  const hits: ConstructHit[] = []
  for (const rule of rules) {
    if (!rule.appliesTo.includes(object.kind)) continue
    const found = findOccurrences(rule, texts, object)
    if (found.length === 0) continue
    hits.push({
      id: rule.id,
      title: rule.title,
      handling: rule.handling,
      minutes: rule.minutes,
      occurrences: found.length,
      at: found.find((o) => o.at)?.at ?? objectLocation(object),
      samples: [...new Set(found.map((o) => o.sample))].slice(0, MAX_SAMPLES),
    })
  }
  return { hits, unreadable }
}
