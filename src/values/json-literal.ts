import { isZero, parseDecimal } from './decimal-text.js'

/**
 * JSON read with its numbers kept as written. PostgreSQL's jsonb keeps a number as `numeric`, so
 * `1.50` stays `1.50` and a 20-digit integer stays exact; JSON.parse would make both doubles.
 */
export class JsonNumber {
  constructor(readonly literal: string) {}

  /** The number as jsonb prints it: numeric's text (scale as written after the exponent is applied, no `-0`). */
  jsonbText(): string {
    const d = parseDecimal(this.literal)
    if (typeof d === 'string') return d
    const sign = d.negative && !isZero(d) ? '-' : ''
    return `${sign}${d.int === '' ? '0' : d.int}${d.frac === '' ? '' : `.${d.frac}`}`
  }
}

/** A JSON object's members in source order; a repeated key keeps its last value (as jsonb does). */
export type JsonObject = Map<string, JsonValue>
export type JsonValue = null | boolean | string | JsonNumber | JsonValue[] | JsonObject

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y
/** A string token; JSON.parse of the token then checks its escapes and control characters. */
const STRING = /"(?:[^"\\]|\\.)*"/y
const SPACE = /[ \t\n\r]*/y

export class JsonSyntaxError extends Error {}

/** Parses JSON text; numbers become JsonNumber, objects Maps. Throws JsonSyntaxError with the offset. */
export function parseJsonLiteral(text: string): JsonValue {
  let at = 0
  const fail = (what: string): never => {
    throw new JsonSyntaxError(`invalid JSON at offset ${at}: ${what}`)
  }
  const skip = () => {
    SPACE.lastIndex = at
    SPACE.exec(text)
    at = SPACE.lastIndex
  }
  const token = (re: RegExp): string | undefined => {
    re.lastIndex = at
    const m = re.exec(text)
    if (!m) return undefined
    at = re.lastIndex
    return m[0]
  }
  const value = (): JsonValue => {
    skip()
    const c = text[at]
    if (c === '{') {
      at++
      const members: JsonObject = new Map()
      skip()
      if (text[at] === '}') return at++, members
      for (;;) {
        skip()
        const key = token(STRING) ?? fail('expected a member name')
        skip()
        if (text[at++] !== ':') fail('expected ":"')
        const v = value()
        members.delete(key)
        members.set(JSON.parse(key) as string, v)
        skip()
        if (text[at] === ',') at++
        else if (text[at++] === '}') return members
        else fail('expected "," or "}"')
      }
    }
    if (c === '[') {
      at++
      const items: JsonValue[] = []
      skip()
      if (text[at] === ']') return at++, items
      for (;;) {
        items.push(value())
        skip()
        if (text[at] === ',') at++
        else if (text[at++] === ']') return items
        else fail('expected "," or "]"')
      }
    }
    if (c === '"') return JSON.parse(token(STRING) ?? fail('bad string')) as string
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, at)) return (at += word.length), v
    }
    return new JsonNumber(token(NUMBER) ?? fail('unexpected character'))
  }
  const result = value()
  skip()
  if (at !== text.length) fail('text after the value')
  return result
}
