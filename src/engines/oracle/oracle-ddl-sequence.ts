import type { TokenCursor } from '../../convert/sql/cursor.js'
import type { Severity } from '../../model/finding.js'
import type { QualifiedName, SequenceDef } from '../../model/schema.js'
import { addFinding, expectStatementEnd, objectLabel, readQualifiedName, statementLocation, type DdlContext } from '../ddl-reader/ddl-context.js'
import { signedNumber } from '../ddl-reader/ddl-syntax.js'

export type SequenceOptions = Pick<SequenceDef, 'start' | 'increment' | 'min' | 'max' | 'cache' | 'cycle'>

/**
 * Options a PostgreSQL sequence behaves as without saying so: ORDER (one server hands out numbers
 * in order), KEEP (Application Continuity replay), GLOBAL, NOSCALE, NOSHARD and the defaults.
 */
const SAME_ON_POSTGRES = ['ORDER', 'NOORDER', 'KEEP', 'NOKEEP', 'NOSCALE', 'GLOBAL', 'NOSHARD', 'NOMAXVALUE', 'NOMINVALUE']

/** Options PostgreSQL's sequences do not have: read, left out, and reported with what changes. */
const DROPPED: Readonly<Record<string, { readonly severity: Severity; readonly reason: string }>> = {
  SCALE: {
    severity: 'warning',
    reason: 'SCALE puts an instance and session number before each value (EXTEND widens it); PostgreSQL hands out plain numbers, so new values are smaller than the scaled ones already in the data: set the sequence past them before use (setval), and check that nothing reads the prefix',
  },
  SHARD: { severity: 'warning', reason: 'SHARD puts a shard number before each value; a PostgreSQL sequence hands out plain numbers: set it past the values already in the data (setval)' },
  SESSION: { severity: 'warning', reason: 'a SESSION sequence starts over in each session and is seen by that session only; a PostgreSQL sequence is shared by all sessions (a TEMPORARY sequence created by each session stands in)' },
  SHARING: { severity: 'info', reason: 'SHARING = … shares the sequence definition or data between the containers of an Oracle application container; PostgreSQL has no containers, and the sequence is the same' },
}

type MutableOptions = { -readonly [K in keyof SequenceOptions]: SequenceOptions[K] }

/**
 * Sequence options of CREATE/ALTER SEQUENCE and of identity columns (`START WITH 1 INCREMENT BY 1 …`).
 * Numbers stay decimal strings (Oracle allows 28 digits). `START WITH LIMIT VALUE` (continue after
 * the current maximum) leaves `start` unset. `strict`: anything but an option before `)` or the
 * statement end is an error; otherwise reading stops there (DBMS_METADATA writes identity
 * options without parentheses, followed by the column's constraints).
 */
export function readSequenceOptions(c: TokenCursor, strict = true, dropped: string[] = []): SequenceOptions {
  const o: MutableOptions = {}
  while (!c.atEnd() && !c.isOp(')') && !c.isOp(';')) {
    if (readSequenceOption(c, o, dropped)) continue
    if (strict) c.fail('expected a sequence option')
    break
  }
  return o
}

function readSequenceOption(c: TokenCursor, o: MutableOptions, dropped: string[]): boolean {
  if (c.acceptWords('START', 'WITH')) {
    if (c.acceptWords('LIMIT', 'VALUE')) o.start = undefined
    else o.start = signedNumber(c)
  } else if (c.acceptWords('INCREMENT', 'BY')) o.increment = signedNumber(c)
  else if (c.acceptWord('MAXVALUE')) o.max = signedNumber(c)
  else if (c.acceptWord('MINVALUE')) o.min = signedNumber(c)
  else if (c.acceptWord('CACHE')) o.cache = Number(signedNumber(c))
  // Oracle's cache is at least 2, so 1 (PostgreSQL's "no cache") says NOCACHE unambiguously.
  else if (c.acceptWord('NOCACHE')) o.cache = 1
  else if (c.acceptWord('CYCLE')) o.cycle = true
  else if (c.acceptWord('NOCYCLE')) o.cycle = false
  else if (c.isWord('SHARING') && c.isOp('=', 1)) {
    c.pos += 2
    if (!['METADATA', 'DATA', 'NONE'].some((w) => c.acceptWord(w))) c.fail('expected METADATA, DATA or NONE')
    dropped.push('SHARING')
  } else if (c.isWord('SCALE') || c.isWord('SHARD')) {
    dropped.push(c.next().value)
    if (!c.acceptWord('EXTEND')) c.acceptWord('NOEXTEND')
  } else if (c.acceptWord('SESSION')) dropped.push('SESSION')
  else if (!SAME_ON_POSTGRES.some((w) => c.acceptWord(w))) return false
  return true
}

/** One finding per option of a CREATE or ALTER SEQUENCE that the PostgreSQL sequence does not keep. */
export function reportDroppedOptions(ctx: DdlContext, name: QualifiedName, dropped: readonly string[]): void {
  for (const word of new Set(dropped)) {
    const { severity, reason } = DROPPED[word]!
    addFinding(ctx, 'SEQUENCE_OPTION_DROPPED', severity, objectLabel('SEQUENCE', name), `${word} left out: ${reason}`)
  }
}

/** CREATE SEQUENCE name [options] (after `CREATE`). */
export function readCreateSequence(ctx: DdlContext): void {
  const { c } = ctx
  const at = statementLocation(c)
  c.expectWord('SEQUENCE')
  c.acceptWords('IF', 'NOT', 'EXISTS')
  const name = readQualifiedName(ctx, 'sequence name')
  const dropped: string[] = []
  const options = readSequenceOptions(c, true, dropped)
  expectStatementEnd(c)
  ctx.catalog.sequences.upsert({ ...name, ...withoutUndefined(options), at })
  reportDroppedOptions(ctx, name, dropped)
}

function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T
}
