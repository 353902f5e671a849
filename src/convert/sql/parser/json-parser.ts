import { parseNativeType } from '../../../engines/oracle/oracle-types.js'
import type { Argument, Expr, FromItem, JsonClauses, JsonTableColumn, OrderItem } from '../ast.js'
import type { TokenCursor } from '../cursor.js'
import { refuse } from './refuse.js'
import type { NativeType } from '../../../model/schema.js'
import { parseAdditive, parseExpression, parseOrderBy } from './expression-parser.js'

/**
 * Oracle's SQL/JSON functions (JSON_VALUE, JSON_QUERY, JSON_EXISTS, JSON_OBJECT, JSON_ARRAY,
 * JSON_ARRAYAGG, JSON_OBJECTAGG, JSON_TABLE): their arguments carry keyword clauses (FORMAT JSON,
 * RETURNING type, NULL ON ERROR …) that plain function-call syntax does not have.
 */
const JSON_FUNCTIONS = new Set(['JSON_VALUE', 'JSON_QUERY', 'JSON_EXISTS', 'JSON_OBJECT', 'JSON_ARRAY', 'JSON_ARRAYAGG', 'JSON_OBJECTAGG', 'JSON_SERIALIZE'])

export function isJsonFunction(name: string): boolean {
  return JSON_FUNCTIONS.has(name)
}

/** Words that open a clause rather than an argument inside a JSON function's parentheses. */
const CLAUSE_WORDS = new Set([
  'FORMAT', 'NULL', 'ABSENT', 'ERROR', 'EMPTY', 'PRETTY', 'ASCII', 'WITH', 'WITHOUT', 'STRICT', 'LAX', 'TRUE',
  'FALSE', 'ALLOW', 'DISALLOW', 'TRUNCATE', 'DEFAULT',
])

export function parseJsonFunction(c: TokenCursor): Expr {
  const at = c.location()
  const name = c.identifier()
  c.expectOp('(')
  const options: string[] = []
  let returning: NativeType | undefined
  const readClauses = () => {
    for (;;) {
      if (c.acceptWord('RETURNING')) returning = parseNativeType(c)
      else if (c.isWord('ON') || (c.current.kind === 'word' && CLAUSE_WORDS.has(c.current.value))) options.push(readClause(c))
      else return
    }
  }
  if (name === 'JSON_OBJECT' || name === 'JSON_OBJECTAGG') {
    const entries: Array<{ key: Expr; value: Expr; formatJson?: boolean }> = []
    if (c.isOp('*') || (c.current.kind === 'word' && c.isOp('.', 1) && c.isOp('*', 2))) {
      refuse(c, 'JSON_OBJECT(*) names the columns of its FROM clause: list them as KEY … VALUE pairs')
    }
    if (!c.isOp(')') && !isClauseStart(c)) {
      do {
        const keyword = c.acceptWord('KEY')
        const key = keyword ? parseAdditive(c) : parseExpression(c)
        // `KEY 'a' IS x` is Oracle's spelling of `KEY 'a' VALUE x`.
        if (!c.acceptWord('VALUE') && !(keyword && c.acceptWord('IS'))) c.expectOp(':')
        const value = parseExpression(c)
        const formatJson = c.acceptWords('FORMAT', 'JSON') || undefined
        entries.push({ key, value, formatJson })
      } while (c.acceptOp(','))
    }
    readClauses()
    c.expectOp(')')
    const json: JsonClauses = { returning, options }
    if (name === 'JSON_OBJECTAGG' && entries.length !== 1) c.fail('JSON_OBJECTAGG takes one key/value pair')
    return { kind: 'json-object', entries, json, aggregate: name === 'JSON_OBJECTAGG' || undefined }
  }
  const args: Argument[] = []
  let orderBy: OrderItem[] | undefined
  if (!c.isOp(')')) {
    do {
      const value = parseExpression(c)
      args.push({ value, formatJson: c.acceptWords('FORMAT', 'JSON') || undefined })
      if (c.acceptWord('PASSING')) {
        do {
          const passed = parseExpression(c)
          c.expectWord('AS')
          args.push({ value: passed, name: c.identifier('path variable'), passing: true })
        } while (c.acceptOp(','))
      }
      readClauses()
      if (c.isWords('ORDER', 'BY')) orderBy = parseOrderBy(c)
      readClauses()
    } while (c.acceptOp(','))
  }
  c.expectOp(')')
  return { kind: 'call', name: [name], args, orderBy, json: { returning, options }, at }
}

function isClauseStart(c: TokenCursor): boolean {
  return (c.isWord('NULL') || c.isWord('ABSENT')) && c.isWord('ON', 1)
}

/**
 * One clause as normalised words: `FORMAT JSON`, `NULL ON ERROR`, `DEFAULT 'x' ON EMPTY`,
 * `WITH CONDITIONAL ARRAY WRAPPER`. A clause ends after its `ON <word>` or at a word that starts
 * another clause.
 */
function readClause(c: TokenCursor): string {
  const words: string[] = []
  const first = c.next()
  words.push(first.kind === 'string' ? `'${first.value.replace(/'/g, "''")}'` : first.value)
  if (first.value === 'FORMAT' || first.value === 'PRETTY' || first.value === 'ASCII' || first.value === 'STRICT' || first.value === 'LAX') {
    if (first.value === 'FORMAT') words.push(c.identifier())
    return words.join(' ')
  }
  while (!c.isOp(')') && !c.isOp(',') && !c.atEnd()) {
    const t = c.next()
    words.push(t.kind === 'string' ? `'${t.value.replace(/'/g, "''")}'` : t.value)
    if (t.value === 'ON') {
      words.push(c.identifier())
      break
    }
    if (t.value === 'WRAPPER' || t.value === 'KEYS' || t.value === 'SCALARS') break
  }
  return words.join(' ')
}

/** `JSON_TABLE(expr [FORMAT JSON], 'path' [options] COLUMNS (…)) [alias]` in a FROM clause. */
export function parseJsonTable(c: TokenCursor): Extract<FromItem, { kind: 'json-table' }> {
  const at = c.location()
  c.expectWord('JSON_TABLE')
  c.expectOp('(')
  const expr = parseExpression(c)
  c.acceptWords('FORMAT', 'JSON')
  let path: Expr = { kind: 'string', value: '$' }
  if (c.acceptOp(',')) path = parseExpression(c)
  const options: string[] = []
  while (!c.isWord('COLUMNS')) {
    if (c.atEnd()) c.fail('expected COLUMNS')
    options.push(readClause(c))
  }
  const columns = parseJsonColumns(c)
  c.expectOp(')')
  return { kind: 'json-table', expr, path, columns, at, options }
}

function parseJsonColumns(c: TokenCursor): JsonTableColumn[] {
  c.expectWord('COLUMNS')
  c.expectOp('(')
  const columns: JsonTableColumn[] = []
  do {
    if (c.acceptWord('NESTED')) {
      c.acceptWord('PATH')
      const path = stringLiteral(c)
      columns.push({ kind: 'nested', path, columns: parseJsonColumns(c) })
      continue
    }
    const name = c.identifier('column name')
    if (c.acceptWords('FOR', 'ORDINALITY')) {
      columns.push({ kind: 'ordinality', name })
      continue
    }
    const type = c.isWord('PATH') || c.isWord('EXISTS') || c.isWord('FORMAT') ? undefined : parseNativeType(c)
    const formatJson = c.acceptWords('FORMAT', 'JSON') || undefined
    const exists = c.acceptWord('EXISTS') || undefined
    const options: string[] = []
    let path: string | undefined
    while (!c.isOp(',') && !c.isOp(')')) {
      if (c.atEnd()) c.fail('expected "," or ")"')
      if (c.acceptWord('PATH')) path = stringLiteral(c)
      else options.push(readClause(c))
    }
    columns.push({ kind: 'value', name, type, path, exists, formatJson, options })
  } while (c.acceptOp(','))
  c.expectOp(')')
  return columns
}

function stringLiteral(c: TokenCursor): string {
  if (c.current.kind !== 'string') c.fail('expected a string literal')
  return c.next().value
}
