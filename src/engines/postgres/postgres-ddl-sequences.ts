import type { SequenceDef } from '../../model/schema.js'
import { pgQualified } from '../../convert/naming.js'
import type { TranslateContext } from '../../convert/translate-context.js'
import { NotRenderable, note, objectLabel, renderObject, type DdlScope } from './postgres-ddl-scope.js'

const BIGINT_MIN = -(2n ** 63n)
const BIGINT_MAX = 2n ** 63n - 1n

/** Sequences (pre-data). PostgreSQL sequences are bigint; Oracle's go to 10^28. */
export function renderSequences(scope: DdlScope): void {
  for (const s of scope.model.sequences) {
    renderObject(scope, 'pre-data', objectLabel('SEQUENCE', s), { text: oracleSketch(s), at: s.at }, (ctx) => [renderSequence(s, ctx)])
  }
}

function renderSequence(s: SequenceDef, ctx: TranslateContext): string {
  const options = [
    option('INCREMENT BY', s.increment, ctx),
    option('MINVALUE', s.min, ctx),
    option('MAXVALUE', s.max, ctx),
    option('START WITH', s.start, ctx),
    s.cache !== undefined && s.cache > 1 ? `CACHE ${s.cache}` : '',
    s.cycle ? 'CYCLE' : '',
  ].filter(Boolean)
  return `CREATE SEQUENCE ${pgQualified(s)}${options.map((o) => ` ${o}`).join('')};`
}

/**
 * A bound outside bigint is Oracle's "no limit" (MAXVALUE 9999999999999999999999999999):
 * PostgreSQL's default is the same intent.
 */
function option(keyword: string, value: string | undefined, ctx: TranslateContext): string {
  if (value === undefined) return ''
  const whole = wholeNumber(value)
  if (whole === undefined) throw new NotRenderable(`${keyword} ${value} is not a whole number`, 'SEQUENCE_OUT_OF_RANGE')
  const n = BigInt(whole)
  if (n >= BIGINT_MIN && n <= BIGINT_MAX) return `${keyword} ${whole}`
  if (keyword === 'START WITH' || keyword === 'INCREMENT BY') {
    throw new NotRenderable(`${keyword} ${value} is beyond the bigint range of PostgreSQL sequences`, 'SEQUENCE_OUT_OF_RANGE')
  }
  note(ctx, 'info', 'SEQUENCE_BOUND_DROPPED', `${keyword} ${value} is beyond bigint; PostgreSQL's default bound is used`)
  return ''
}

/** An Oracle numeric literal (`1.9e+09`, `100`, `-5.0`) as integer digits, or undefined when it has a fraction. */
function wholeNumber(value: string): string | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(value.trim())
  if (!m || !(m[2] || m[3])) return undefined
  const fraction = m[3] ?? ''
  const shift = Number(m[4] ?? 0) - fraction.length
  let digits = `${m[2]}${fraction}`
  if (shift >= 0) digits += '0'.repeat(shift)
  else {
    if (!/^0*$/.test(digits.slice(shift))) return undefined
    digits = digits.slice(0, shift)
  }
  return `${m[1] === '-' ? '-' : ''}${BigInt(digits || '0')}`
}

function oracleSketch(s: SequenceDef): string {
  const parts = [
    s.start && `START WITH ${s.start}`,
    s.increment && `INCREMENT BY ${s.increment}`,
    s.min && `MINVALUE ${s.min}`,
    s.max && `MAXVALUE ${s.max}`,
    s.cache !== undefined && `CACHE ${s.cache}`,
    s.cycle && 'CYCLE',
  ].filter(Boolean)
  return `CREATE SEQUENCE ${s.schema ? `${s.schema}.` : ''}${s.name} ${parts.join(' ')}`.trim()
}
