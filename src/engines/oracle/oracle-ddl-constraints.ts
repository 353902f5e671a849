import type { TokenCursor } from '../../convert/sql/cursor.js'
import type { CheckDef, ConstraintState, ForeignKeyDef, KeyDef } from '../../model/schema.js'
import { readQualifiedName, sqlTextBetween, type DdlContext } from '../ddl-reader/ddl-context.js'
import { identifierList, skipUntil } from '../ddl-reader/ddl-syntax.js'

/** A constraint as written, inline on a column or out of line; oracle-ddl-table-edit.ts applies it to a table. */
export type ConstraintSpec =
  | { readonly kind: 'not-null'; readonly column: string; readonly state: ConstraintState }
  | { readonly kind: 'null'; readonly column: string }
  | { readonly kind: 'primary-key'; readonly key: KeyDef }
  | { readonly kind: 'unique'; readonly key: KeyDef }
  | { readonly kind: 'check'; readonly check: CheckDef }
  | { readonly kind: 'foreign-key'; readonly fk: ForeignKeyDef }

type MutableState = { -readonly [K in keyof ConstraintState]: ConstraintState[K] }

const STATE_WORDS = new Set(['ENABLE', 'DISABLE', 'VALIDATE', 'NOVALIDATE', 'DEFERRABLE', 'INITIALLY', 'RELY', 'NORELY', 'USING', 'EXCEPTIONS', 'KEEP', 'CASCADE'])
const CONSTRAINT_WORDS = new Set(['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'REFERENCES', 'FOREIGN', 'NULL', 'NOT'])

export function isConstraintStateStart(c: TokenCursor): boolean {
  return (c.current.kind === 'word' && STATE_WORDS.has(c.current.value)) || c.isWords('NOT', 'DEFERRABLE')
}

/** Column constraint: `[CONSTRAINT n] NOT NULL | NULL | PRIMARY KEY | UNIQUE | CHECK (…) | REFERENCES …`. */
export function isInlineConstraintStart(c: TokenCursor): boolean {
  return c.isWord('CONSTRAINT') || c.isWords('NOT', 'NULL') || c.isWord('NULL') || c.isWords('PRIMARY', 'KEY') ||
    c.isWord('UNIQUE') || (c.isWord('CHECK') && c.isOp('(', 1)) || c.isWord('REFERENCES')
}

/** Table constraint: `[CONSTRAINT n] PRIMARY KEY (…) | UNIQUE (…) | CHECK (…) | FOREIGN KEY (…) REFERENCES …`. */
export function isOutOfLineConstraintStart(c: TokenCursor): boolean {
  return c.isWord('CONSTRAINT') || c.isWords('PRIMARY', 'KEY') || (c.isWord('UNIQUE') && c.isOp('(', 1)) ||
    (c.isWord('CHECK') && c.isOp('(', 1)) || c.isWords('FOREIGN', 'KEY')
}

export function readInlineConstraint(ctx: DdlContext, column: string): ConstraintSpec {
  const { c } = ctx
  const at = c.location()
  const name = c.acceptWord('CONSTRAINT') ? c.identifier('constraint name') : undefined
  if (c.acceptWords('NOT', 'NULL')) return { kind: 'not-null', column, state: readConstraintState(c) }
  if (c.acceptWord('NULL')) {
    readConstraintState(c)
    return { kind: 'null', column }
  }
  if (c.acceptWords('PRIMARY', 'KEY')) return { kind: 'primary-key', key: { name, columns: [column], at, ...readConstraintState(c) } }
  if (c.acceptWord('UNIQUE')) return { kind: 'unique', key: { name, columns: [column], at, ...readConstraintState(c) } }
  if (c.isWord('CHECK')) return readCheck(c, name)
  if (c.isWord('REFERENCES')) return readReferences(ctx, name, [column], at)
  return c.fail('expected a column constraint')
}

export function readOutOfLineConstraint(ctx: DdlContext): ConstraintSpec {
  const { c } = ctx
  const at = c.location()
  const name = c.acceptWord('CONSTRAINT') ? c.identifier('constraint name') : undefined
  if (c.acceptWords('PRIMARY', 'KEY')) return { kind: 'primary-key', key: { name, columns: identifierList(c), at, ...readConstraintState(c) } }
  if (c.acceptWord('UNIQUE')) return { kind: 'unique', key: { name, columns: identifierList(c), at, ...readConstraintState(c) } }
  if (c.isWord('CHECK')) return readCheck(c, name)
  if (c.acceptWords('FOREIGN', 'KEY')) return readReferences(ctx, name, identifierList(c), at)
  return c.fail('expected PRIMARY KEY, UNIQUE, CHECK or FOREIGN KEY')
}

function readCheck(c: TokenCursor, name: string | undefined): ConstraintSpec {
  c.expectWord('CHECK')
  const open = c.pos
  c.skipParens()
  const expr = sqlTextBetween(c, open + 1, c.pos - 1)
  return { kind: 'check', check: { name, expr, ...readConstraintState(c) } }
}

function readReferences(ctx: DdlContext, name: string | undefined, columns: string[], at: ForeignKeyDef['at']): ConstraintSpec {
  const { c } = ctx
  c.expectWord('REFERENCES')
  const references = readQualifiedName(ctx, 'referenced table')
  const refColumns = c.isOp('(') ? identifierList(c) : undefined
  let onDelete: ForeignKeyDef['onDelete']
  if (c.acceptWords('ON', 'DELETE')) {
    if (c.acceptWord('CASCADE')) onDelete = 'cascade'
    else if (c.acceptWords('SET', 'NULL')) onDelete = 'set null'
    else if (c.acceptWords('NO', 'ACTION')) onDelete = 'no action'
    else c.fail('expected CASCADE or SET NULL')
  }
  const fk: ForeignKeyDef = { name, columns, references, ...(refColumns && { refColumns }), ...(onDelete && { onDelete }), at, ...readConstraintState(c) }
  return { kind: 'foreign-key', fk }
}

/**
 * ENABLE/DISABLE, [NO]VALIDATE, [NOT] DEFERRABLE, INITIALLY …, RELY, USING INDEX …, EXCEPTIONS INTO ….
 * Only what is written is returned, with Oracle's implied validation: ENABLE alone validates,
 * DISABLE alone does not.
 */
export function readConstraintState(c: TokenCursor): ConstraintState {
  const s: MutableState = {}
  for (;;) {
    if (c.acceptWord('ENABLE')) s.enabled = true
    else if (c.acceptWord('DISABLE')) s.enabled = false
    else if (c.acceptWord('VALIDATE')) s.validated = true
    else if (c.acceptWord('NOVALIDATE')) s.validated = false
    else if (c.acceptWord('DEFERRABLE')) s.deferrable = true
    else if (c.acceptWords('NOT', 'DEFERRABLE')) s.deferrable = false
    else if (c.acceptWords('INITIALLY', 'DEFERRED')) s.initiallyDeferred = true
    else if (c.acceptWords('INITIALLY', 'IMMEDIATE')) s.initiallyDeferred = false
    else if (c.acceptWord('RELY') || c.acceptWord('NORELY') || c.acceptWord('CASCADE')) continue
    else if (c.acceptWords('KEEP', 'INDEX') || c.acceptWords('DROP', 'INDEX')) continue
    else if (c.acceptWords('EXCEPTIONS', 'INTO')) {
      c.identifier('exceptions table')
      if (c.acceptOp('.')) c.identifier('exceptions table')
    } else if (c.acceptWords('USING', 'INDEX')) skipUsingIndex(c)
    else break
  }
  if (s.enabled !== undefined && s.validated === undefined) s.validated = s.enabled
  return s
}

/** `USING INDEX (CREATE INDEX …)`, `USING INDEX name` or index storage attributes: physical, skipped. */
function skipUsingIndex(c: TokenCursor): void {
  if (c.isOp('(')) {
    c.skipParens()
    return
  }
  skipUntil(c, (cur) => isConstraintStateStart(cur) || (cur.current.kind === 'word' && CONSTRAINT_WORDS.has(cur.current.value)))
}
