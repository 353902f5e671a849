import type { TokenCursor } from '../../convert/sql/cursor.js'
import type { SequenceDef } from '../../model/schema.js'
import { expectStatementEnd, readQualifiedName, statementLocation, type DdlContext } from '../ddl-reader/ddl-context.js'
import { signedNumber } from '../ddl-reader/ddl-syntax.js'

export type SequenceOptions = Pick<SequenceDef, 'start' | 'increment' | 'min' | 'max' | 'cache' | 'cycle'>

/** Options that change nothing PostgreSQL can express (ordering, RAC, sharding, scaling); read and dropped. */
const IGNORED = ['ORDER', 'NOORDER', 'KEEP', 'NOKEEP', 'SCALE', 'NOSCALE', 'EXTEND', 'NOEXTEND', 'SESSION', 'GLOBAL', 'NOSHARD', 'SHARD', 'NOMAXVALUE', 'NOMINVALUE']

type MutableOptions = { -readonly [K in keyof SequenceOptions]: SequenceOptions[K] }

/**
 * Sequence options of CREATE/ALTER SEQUENCE and of identity columns (`START WITH 1 INCREMENT BY 1 …`).
 * Numbers stay decimal strings (Oracle allows 28 digits). `START WITH LIMIT VALUE` (continue after
 * the current maximum) leaves `start` unset. `strict`: anything but an option before `)` or the
 * statement end is an error; otherwise reading stops there (DBMS_METADATA writes identity
 * options without parentheses, followed by the column's constraints).
 */
export function readSequenceOptions(c: TokenCursor, strict = true): SequenceOptions {
  const o: MutableOptions = {}
  while (!c.atEnd() && !c.isOp(')') && !c.isOp(';')) {
    if (readSequenceOption(c, o)) continue
    if (strict) c.fail('expected a sequence option')
    break
  }
  return o
}

function readSequenceOption(c: TokenCursor, o: MutableOptions): boolean {
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
  else if (c.acceptWords('SHARING', '=')) c.identifier('sharing mode')
  else if (!IGNORED.some((w) => c.acceptWord(w))) return false
  return true
}

/** CREATE SEQUENCE name [options] (after `CREATE`). */
export function readCreateSequence(ctx: DdlContext): void {
  const { c } = ctx
  const at = statementLocation(c)
  c.expectWord('SEQUENCE')
  c.acceptWords('IF', 'NOT', 'EXISTS')
  const name = readQualifiedName(ctx, 'sequence name')
  const options = readSequenceOptions(c)
  expectStatementEnd(c)
  ctx.catalog.sequences.upsert({ ...name, ...withoutUndefined(options), at })
}

function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T
}
