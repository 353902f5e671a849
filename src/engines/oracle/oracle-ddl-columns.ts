import type { TokenCursor } from '../../convert/sql/cursor.js'
import type { SqlText } from '../../model/location.js'
import type { ColumnDef, IdentitySpec, NativeType, QualifiedName } from '../../model/schema.js'
import { oracleLogicalType, parseNativeType } from './oracle-types.js'
import { isConstraintStateStart, isInlineConstraintStart, readInlineConstraint, type ConstraintSpec } from './oracle-ddl-constraints.js'
import { addFinding, objectLabel, sqlTextBetween, type DdlContext } from '../ddl-reader/ddl-context.js'
import { readSequenceOptions, type SequenceOptions } from './oracle-ddl-sequence.js'
import { expressionRange, skipUntil } from '../ddl-reader/ddl-syntax.js'

/**
 * A column as written in CREATE TABLE, ALTER TABLE ADD or MODIFY: every part is optional because
 * MODIFY states only what changes and object-table columns have no type.
 */
export interface ColumnSpec {
  readonly name: string
  readonly nativeType?: NativeType
  readonly defaultExpr?: SqlText
  readonly identity?: IdentitySpec
  readonly dropIdentity?: boolean
  readonly virtualExpr?: SqlText
  /**
   * `… VIRTUAL BY {USER|SYSTEM} FOR STATISTICS`: a hidden column that only carries extended
   * optimizer statistics (DBMS_METADATA writes it for DBMS_STATS column groups and expressions).
   */
  readonly statisticsOnly?: boolean
  readonly invisible?: boolean
  readonly constraints: readonly ConstraintSpec[]
}

/** Words that start a column clause rather than a datatype. */
const CLAUSE_WORDS = new Set([
  'DEFAULT', 'GENERATED', 'AS', 'INVISIBLE', 'VISIBLE', 'CONSTRAINT', 'NOT', 'NULL', 'PRIMARY', 'UNIQUE', 'CHECK',
  'REFERENCES', 'SORT', 'ENCRYPT', 'DECRYPT', 'COLLATE', 'SCOPE', 'WITH', 'DROP', 'ENABLE', 'DISABLE', 'VIRTUAL', 'ANNOTATIONS',
])

/** `name [type] [DEFAULT …|GENERATED … AS IDENTITY|AS (expr) VIRTUAL] [INVISIBLE] [constraints…]`, up to `,` or `)`. */
export function readColumnSpec(ctx: DdlContext, table: QualifiedName): ColumnSpec {
  const { c } = ctx
  const name = c.identifier('column name')
  const spec: { -readonly [K in keyof ColumnSpec]: ColumnSpec[K] } = { name, constraints: [] }
  const constraints: ConstraintSpec[] = []
  if (c.isIdentifier() && !(c.current.kind === 'word' && CLAUSE_WORDS.has(c.current.value))) spec.nativeType = parseNativeType(c)
  // ALTER TABLE t ADD a NUMBER ADD FOREIGN KEY …: Oracle repeats clauses without commas, so ADD, MODIFY and DROP (but DROP IDENTITY) end the column.
  while (!c.atEnd() && !c.isOp(',') && !c.isOp(')') && !c.isOp(';') && !c.isWord('ADD') && !c.isWord('MODIFY') && !(c.isWord('DROP') && !c.isWord('IDENTITY', 1))) {
    if (c.acceptWord('DEFAULT')) {
      if (c.acceptWords('ON', 'NULL')) {
        // 23ai: DEFAULT ON NULL FOR INSERT ONLY | FOR INSERT AND UPDATE.
        if (c.acceptWords('FOR', 'INSERT') && !c.acceptWord('ONLY')) c.acceptWords('AND', 'UPDATE')
        addFinding(ctx, 'DEFAULT_ON_NULL', 'warning', columnLabel(table, name), `DEFAULT ON NULL on ${name}: the default also replaces explicit NULLs in Oracle; PostgreSQL applies it only when the column is omitted`, c.location())
      }
      const r = expressionRange(c, isDefaultEnd)
      spec.defaultExpr = sqlTextBetween(c, r.from, r.to)
    } else if (c.isWord('GENERATED') && isIdentityAhead(c)) spec.identity = readIdentity(c)
    else if (c.acceptWords('GENERATED', 'ALWAYS', 'AS') || c.acceptWord('AS')) {
      const open = c.pos
      c.skipParens()
      spec.virtualExpr = sqlTextBetween(c, open + 1, c.pos - 1)
      if (c.acceptWord('VIRTUAL') && c.isWord('BY') && (c.isWord('USER', 1) || c.isWord('SYSTEM', 1)) && c.isWord('FOR', 2) && c.isWord('STATISTICS', 3)) {
        c.pos += 4
        spec.statisticsOnly = true
        addFinding(ctx, 'STATISTICS_COLUMN', 'info', columnLabel(table, name), `${name} is a hidden virtual column that only carries Oracle extended statistics (VIRTUAL BY … FOR STATISTICS, from DBMS_STATS): not converted as a column; PostgreSQL keeps such statistics with CREATE STATISTICS … ON (${spec.virtualExpr.text}) FROM ${table.name} (or ON the columns of a column group), then ANALYZE`, c.location(c.tokens[open]))
      }
    } else if (c.isWords('EVALUATE', 'USING') || c.isWord('UNUSABLE')) {
      // Edition clauses of a virtual column that calls editioned functions (evaluation_edition_clause, unusable_editions_clause).
      const from = c.pos
      if (c.acceptWords('EVALUATE', 'USING')) readEdition(c)
      else {
        c.expectWord('UNUSABLE')
        if (!c.acceptWord('BEFORE')) {
          c.expectWord('BEGINNING')
          c.expectWord('WITH')
        }
        readEdition(c)
      }
      addFinding(ctx, 'EDITION_CLAUSE', 'info', columnLabel(table, name), `${c.textBetween(from)} on ${name} left out: editions are Oracle-only, and PostgreSQL evaluates the generated column with the one definition of each function`, c.location(c.tokens[from]))
    } else if (c.acceptWords('DROP', 'IDENTITY')) spec.dropIdentity = true
    else if (c.acceptWord('INVISIBLE')) spec.invisible = true
    else if (c.acceptWord('VISIBLE')) spec.invisible = false
    else if (c.acceptWord('SORT')) continue
    else if (c.acceptWord('ANNOTATIONS')) {
      // 23ai annotations are metadata for tools: not kept (info).
      const open = c.pos
      c.skipParens()
      addFinding(ctx, 'ANNOTATIONS_IGNORED', 'info', columnLabel(table, name), `ANNOTATIONS ${c.textBetween(open)} on ${name}: annotations are metadata for tools; PostgreSQL has none (COMMENT ON holds one text)`, c.location(c.tokens[open]))
    }
    else if (c.acceptWord('COLLATE')) c.identifier('collation')
    else if (c.acceptWords('SCOPE', 'IS')) {
      c.identifier('scope table')
      if (c.acceptOp('.')) c.identifier('scope table')
    } else if (c.acceptWords('WITH', 'ROWID')) continue
    else if (c.acceptWord('ENCRYPT') || c.acceptWord('DECRYPT')) {
      skipUntil(c, isInlineConstraintStart)
    } else if (isInlineConstraintStart(c)) constraints.push(readInlineConstraint(ctx, name))
    else c.fail(`unexpected text in the definition of column ${name}`)
  }
  spec.constraints = constraints
  return spec
}

/** `CURRENT EDITION | EDITION name | NULL EDITION`. */
function readEdition(c: TokenCursor): void {
  if (c.acceptWord('EDITION')) c.identifier('edition name')
  else {
    if (!c.acceptWord('CURRENT')) c.expectWord('NULL')
    c.expectWord('EDITION')
  }
}

/** `GENERATED [ALWAYS|BY DEFAULT [ON NULL]] AS IDENTITY`, as opposed to a virtual column's `GENERATED ALWAYS AS (`. */
function isIdentityAhead(c: TokenCursor): boolean {
  for (let k = 1; k < 8; k++) {
    if (c.isWord('IDENTITY', k)) return true
    if (c.isOp('(', k)) return false
  }
  return false
}

function readIdentity(c: TokenCursor): IdentitySpec {
  c.expectWord('GENERATED')
  // Neither ALWAYS nor BY DEFAULT written: Oracle's default is ALWAYS.
  const always = c.acceptWord('ALWAYS') || !c.acceptWords('BY', 'DEFAULT')
  const onNull = c.acceptWords('ON', 'NULL')
  c.expectWord('AS')
  c.expectWord('IDENTITY')
  const { start, increment } = c.isOp('(') ? readIdentityOptions(c) : readSequenceOptions(c, false)
  return { always, ...(onNull && { onNull }), ...(start !== undefined && { start }), ...(increment !== undefined && { increment }) }
}

function readIdentityOptions(c: TokenCursor): SequenceOptions {
  c.expectOp('(')
  const options = readSequenceOptions(c)
  c.expectOp(')')
  return options
}

/** A default ends where the column's next clause starts; `NULL` alone is the default itself. */
function isDefaultEnd(c: TokenCursor, length: number): boolean {
  if (length === 0) return false
  const prev = c.peek(-1)
  const afterOperator = prev.kind === 'word' && (prev.value === 'IS' || prev.value === 'NOT')
  if (c.isWords('NOT', 'NULL') || c.isWord('NULL')) return !afterOperator
  return isInlineConstraintStart(c) || isConstraintStateStart(c) || c.isWord('INVISIBLE') || c.isWord('VISIBLE') || c.isWord('COLLATE')
}

function columnLabel(table: QualifiedName, column: string): string {
  return objectLabel('COLUMN', { ...table, name: `${table.name}.${column}` })
}

/** A new column from its spec; a column without a type (virtual, Oracle infers it) is reported. */
export function columnFromSpec(ctx: DdlContext, table: QualifiedName, spec: ColumnSpec): ColumnDef {
  let nativeType = spec.nativeType
  if (!nativeType) {
    addFinding(ctx, 'COLUMN_TYPE_UNKNOWN', 'action', columnLabel(table, spec.name), `column ${spec.name} has no datatype in the DDL (Oracle infers it); give it one with a type override`)
    nativeType = { name: 'UNKNOWN', text: '' }
  }
  return mergeColumnSpec(
    { name: spec.name, nativeType, type: spec.nativeType ? oracleLogicalType(nativeType) : { kind: 'unsupported', native: 'no datatype' }, nullable: true },
    spec,
  )
}

/** A column changed by `ALTER TABLE … MODIFY`: only what the spec states changes. Nullability comes from its constraints. */
export function mergeColumnSpec(col: ColumnDef, spec: ColumnSpec): ColumnDef {
  const merged: { -readonly [K in keyof ColumnDef]: ColumnDef[K] } = { ...col }
  if (spec.nativeType && spec.nativeType !== col.nativeType) {
    merged.nativeType = spec.nativeType
    merged.type = oracleLogicalType(spec.nativeType)
  }
  if (spec.defaultExpr) merged.defaultExpr = spec.defaultExpr
  if (spec.identity) merged.identity = { ...col.identity, ...spec.identity }
  if (spec.dropIdentity) delete merged.identity
  if (spec.virtualExpr) merged.virtualExpr = spec.virtualExpr
  if (spec.invisible !== undefined) {
    if (spec.invisible) merged.invisible = true
    else delete merged.invisible
  }
  return merged
}
