import type { TokenCursor } from '../../convert/sql/cursor.js'
import type { CheckDef, ColumnDef, ForeignKeyDef, IdentitySpec, KeyDef, QualifiedName } from '../../model/schema.js'
import { readQualifiedName, sqlTextBetween, type DdlContext } from '../ddl-reader/ddl-context.js'
import { expressionRange, identifierList, signedNumber, skipItem, stringLiteral } from '../ddl-reader/ddl-syntax.js'
import { parseTeradataType } from './teradata-ddl-types.js'
import { teradataLogicalType } from './teradata-types.js'

/** A key, check or reference of a table, written on a column or in the table's list. */
export type TeradataConstraint =
  | { readonly kind: 'primary-key' | 'unique'; readonly key: KeyDef }
  | { readonly kind: 'check'; readonly check: CheckDef }
  | { readonly kind: 'foreign-key'; readonly fk: ForeignKeyDef }

/** Column facts PostgreSQL has no place for, reported per table so none is lost silently. */
export interface ColumnPhrases {
  readonly compress?: boolean
  readonly format?: string
  readonly uppercase?: boolean
}

export interface TeradataColumn {
  readonly column: ColumnDef
  readonly constraints: readonly TeradataConstraint[]
  readonly phrases: ColumnPhrases
}

/** Character types: the ones CASESPECIFIC applies to. */
const CHARACTER_TYPES = new Set(['CHAR', 'CHARACTER', 'VARCHAR', 'CHAR VARYING', 'CHARACTER VARYING', 'LONG VARCHAR'])

/**
 * `name type [attribute…]`, up to the `,` or `)` that ends it. Attributes: NOT NULL, CHARACTER
 * SET, [NOT] CASESPECIFIC/CS, UPPERCASE/UC, FORMAT, TITLE, NAMED, DEFAULT/WITH DEFAULT, COMPRESS
 * […]/DECOMPRESS USING, GENERATED … AS IDENTITY (…), INLINE LENGTH, STORAGE FORMAT, and column
 * constraints. TITLE becomes the column comment (it is the heading Teradata tools show).
 *
 * Teradata-mode sessions (BTEQ's default) make character columns NOT CASESPECIFIC unless the
 * DDL says CASESPECIFIC; `SHOW TABLE` always says which, so only hand-written DDL relies on it.
 */
export function readTeradataColumn(ctx: DdlContext): TeradataColumn {
  const { c } = ctx
  const name = c.identifier('column name')
  const nativeType = parseTeradataType(c)
  const column: { -readonly [K in keyof ColumnDef]: ColumnDef[K] } = { name, nativeType, type: teradataLogicalType(nativeType), nullable: true }
  const phrases: { -readonly [K in keyof ColumnPhrases]: ColumnPhrases[K] } = {}
  const constraints: TeradataConstraint[] = []
  if (CHARACTER_TYPES.has(nativeType.name)) column.caseSpecific = false
  while (!c.atEnd() && !c.isOp(',') && !c.isOp(')') && !c.isOp(';')) {
    if (c.acceptWords('NOT', 'NULL')) column.nullable = false
    else if (c.acceptWord('NULL')) column.nullable = true
    else if (c.acceptWords('CHARACTER', 'SET') || c.acceptWords('CHAR', 'SET')) c.identifier('character set')
    else if (c.acceptWords('NOT', 'CASESPECIFIC') || c.acceptWords('NOT', 'CS')) column.caseSpecific = false
    else if (c.acceptWord('CASESPECIFIC') || c.acceptWord('CS')) column.caseSpecific = true
    else if (c.acceptWord('UPPERCASE') || c.acceptWord('UC')) phrases.uppercase = true
    else if (c.acceptWord('FORMAT')) phrases.format = stringLiteral(c, 'FORMAT string')
    else if (c.acceptWord('TITLE')) column.comment = stringLiteral(c, 'TITLE string')
    else if (c.acceptWord('NAMED')) c.next()
    else if (c.acceptWords('WITH', 'DEFAULT')) column.defaultExpr = systemDefault(column, c)
    else if (c.acceptWord('DEFAULT')) {
      const r = expressionRange(c, (cur, length) => length > 0 && isAttributeStart(cur))
      column.defaultExpr = defaultText(sqlTextBetween(c, r.from, r.to))
    } else if (c.acceptWords('NO', 'COMPRESS')) continue
    else if (c.acceptWord('COMPRESS') || c.acceptWord('DECOMPRESS')) {
      phrases.compress = true
      readCompress(c)
    } else if (c.isWord('GENERATED')) column.identity = readIdentity(c)
    else if (c.acceptWords('INLINE', 'LENGTH')) c.next()
    else if (c.acceptWords('STORAGE', 'FORMAT')) c.identifier('storage format')
    else if (c.acceptWord('AUTO') || c.acceptWord('COLUMN')) continue
    else if (isColumnConstraintStart(c)) constraints.push(readColumnConstraint(ctx, name))
    else c.fail(`unexpected text in the definition of column ${name}`)
  }
  return { column, constraints, phrases }
}

/**
 * `DEFAULT DATE` and `DEFAULT TIME` are Teradata's older spellings of CURRENT_DATE and
 * CURRENT_TIME; read as such, so no SQL dialect takes them for a column named DATE or TIME.
 * `DEFAULT NULL (BIGINT)` (a NULL in Teradata's cast syntax) is the default NULL.
 */
function defaultText(expr: NonNullable<ColumnDef['defaultExpr']>): NonNullable<ColumnDef['defaultExpr']> {
  const word = expr.text.toUpperCase()
  if (word === 'DATE' || word === 'TIME') return { ...expr, text: `CURRENT_${word}` }
  return /^NULL\s*\([^()]*(?:\([^()]*\))?[^()]*\)$/.test(word) ? { ...expr, text: 'NULL' } : expr
}

/** Words that start the next attribute, so a DEFAULT expression ends before them. */
function isAttributeStart(c: TokenCursor): boolean {
  return (
    c.isWords('NOT', 'NULL') || c.isWords('NOT', 'CASESPECIFIC') || c.isWords('NOT', 'CS') || c.isWords('CHARACTER', 'SET') ||
    ['CASESPECIFIC', 'CS', 'UPPERCASE', 'UC', 'FORMAT', 'TITLE', 'NAMED', 'COMPRESS', 'CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'REFERENCES', 'GENERATED'].some((w) => c.isWord(w))
  )
}

function isColumnConstraintStart(c: TokenCursor): boolean {
  return c.isWord('CONSTRAINT') || c.isWords('PRIMARY', 'KEY') || c.isWord('UNIQUE') || (c.isWord('CHECK') && c.isOp('(', 1)) || c.isWord('REFERENCES')
}

/**
 * `WITH DEFAULT`: the type's system default (zero, blanks, today's date or time). Written in
 * the SQL every dialect reads.
 */
function systemDefault(column: ColumnDef, c: TokenCursor): ColumnDef['defaultExpr'] {
  const at = c.location(c.peek(-2))
  switch (column.type.kind) {
    case 'int':
    case 'decimal':
    case 'float':
      return { text: '0', at }
    case 'text':
    case 'clob':
      return { text: "''", at }
    case 'date':
      return { text: 'CURRENT_DATE', at }
    case 'time':
      return { text: 'CURRENT_TIME', at }
    case 'timestamp':
      return { text: 'CURRENT_TIMESTAMP', at }
    default:
      return c.fail(`WITH DEFAULT on a column of type ${column.nativeType.text} has no system default`)
  }
}

/** After COMPRESS: nothing (NULLs), a value, a parenthesised value list, or `USING udf`; DECOMPRESS USING udf too. */
function readCompress(c: TokenCursor): void {
  if (c.acceptWord('USING')) {
    skipQualified(c)
    return
  }
  if (c.isOp('(')) c.skipParens()
  else if (c.current.kind === 'string' || c.current.kind === 'number' || c.isOp('-')) skipItem(c)
  else if ((c.isWord('DATE') || c.isWord('TIME') || c.isWord('TIMESTAMP')) && c.peek().kind === 'string') c.pos += 2
  else if (c.isWord('NULL')) c.next()
}

function skipQualified(c: TokenCursor): void {
  c.identifier('function name')
  if (c.acceptOp('.')) c.identifier('function name')
}

/** `GENERATED {ALWAYS|BY DEFAULT} AS IDENTITY [(START WITH n INCREMENT BY n MINVALUE n MAXVALUE n [NO] CYCLE)]`. */
function readIdentity(c: TokenCursor): IdentitySpec {
  c.expectWord('GENERATED')
  const always = c.acceptWord('ALWAYS')
  if (!always) {
    c.expectWord('BY')
    c.expectWord('DEFAULT')
  }
  c.expectWord('AS')
  c.expectWord('IDENTITY')
  const spec: { -readonly [K in keyof IdentitySpec]: IdentitySpec[K] } = { always }
  if (c.acceptOp('(')) {
    while (!c.acceptOp(')')) {
      if (c.atEnd()) c.fail('expected ")"')
      if (c.acceptWords('START', 'WITH')) spec.start = signedNumber(c)
      else if (c.acceptWords('INCREMENT', 'BY')) spec.increment = signedNumber(c)
      else if (c.acceptWord('MINVALUE') || c.acceptWord('MAXVALUE')) signedNumber(c)
      else c.next()
    }
  }
  return spec
}

function readColumnConstraint(ctx: DdlContext, column: string): TeradataConstraint {
  const { c } = ctx
  const at = c.location()
  const name = c.acceptWord('CONSTRAINT') ? c.identifier('constraint name') : undefined
  if (c.acceptWords('PRIMARY', 'KEY')) return { kind: 'primary-key', key: { name, columns: [column], at } }
  if (c.acceptWord('UNIQUE')) return { kind: 'unique', key: { name, columns: [column], at } }
  if (c.isWord('CHECK')) return readCheck(c, name)
  if (c.isWord('REFERENCES')) return readReferences(ctx, name, [column], at)
  return c.fail('expected PRIMARY KEY, UNIQUE, CHECK or REFERENCES')
}

/** `[CONSTRAINT n] PRIMARY KEY (…) | UNIQUE (…) | CHECK (…) | FOREIGN KEY (…) REFERENCES …` in a table's list. */
export function isTableConstraintStart(c: TokenCursor): boolean {
  return c.isWord('CONSTRAINT') || c.isWords('PRIMARY', 'KEY') || (c.isWord('UNIQUE') && c.isOp('(', 1)) || (c.isWord('CHECK') && c.isOp('(', 1)) || c.isWords('FOREIGN', 'KEY')
}

export function readTableConstraint(ctx: DdlContext): TeradataConstraint {
  const { c } = ctx
  const at = c.location()
  const name = c.acceptWord('CONSTRAINT') ? c.identifier('constraint name') : undefined
  if (c.acceptWords('PRIMARY', 'KEY')) return { kind: 'primary-key', key: { name, columns: identifierList(c), at } }
  if (c.acceptWord('UNIQUE')) return { kind: 'unique', key: { name, columns: identifierList(c), at } }
  if (c.isWord('CHECK')) return readCheck(c, name)
  if (c.acceptWords('FOREIGN', 'KEY')) return readReferences(ctx, name, identifierList(c), at)
  return c.fail('expected PRIMARY KEY, UNIQUE, CHECK or FOREIGN KEY')
}

function readCheck(c: TokenCursor, name: string | undefined): TeradataConstraint {
  c.expectWord('CHECK')
  const open = c.pos
  c.skipParens()
  return { kind: 'check', check: { name, expr: sqlTextBetween(c, open + 1, c.pos - 1) } }
}

/**
 * `REFERENCES [WITH [NO] CHECK OPTION] table [(cols)]`. WITH NO CHECK OPTION is a soft
 * reference Teradata never checks (the optimizer trusts it); it is kept as a foreign key
 * created NOT VALID, so existing rows are not checked either.
 */
function readReferences(ctx: DdlContext, name: string | undefined, columns: string[], at: ForeignKeyDef['at']): TeradataConstraint {
  const { c } = ctx
  c.expectWord('REFERENCES')
  let validated: boolean | undefined
  if (c.acceptWords('WITH', 'NO', 'CHECK', 'OPTION')) validated = false
  else c.acceptWords('WITH', 'CHECK', 'OPTION')
  const references: QualifiedName = readQualifiedName(ctx, 'referenced table')
  const refColumns = c.isOp('(') ? identifierList(c) : undefined
  const fk: ForeignKeyDef = { name, columns, references, ...(refColumns && { refColumns }), at, ...(validated === false && { validated }) }
  return { kind: 'foreign-key', fk }
}
