import { readFileSync } from 'node:fs'
import { TokenCursor } from '../../src/convert/sql/cursor.js'
import { TERADATA_TOKENIZER } from '../../src/convert/sql/teradata/teradata-sql.js'
import { tokenize } from '../../src/convert/sql/tokenizer.js'
import { parseTeradataType } from '../../src/engines/teradata/teradata-ddl-types.js'
import { teradataLogicalType } from '../../src/engines/teradata/teradata-types.js'
import type { SqlText } from '../../src/model/location.js'
import type { ColumnDef, TableDef, ViewDef } from '../../src/model/schema.js'

/**
 * Just enough of a Teradata export for the SQL translator's tests: the columns of each
 * `CREATE … TABLE` (names and types, so rules can tell dates from numbers and the tables can be
 * created) and each `CREATE VIEW … AS` body with its file position. The DDL reader proper
 * (src/engines/teradata/teradata-ddl-*.ts) reads everything else.
 */

/**
 * The CREATE/REPLACE statements of a file: each runs from a line that starts with CREATE or
 * REPLACE to the next line that starts a statement or is a `--` separator (a macro body holds
 * `;` at line ends, so `;` cannot end one).
 */
export function corpusStatements(path: string): SqlText[] {
  const lines = readFileSync(path, 'utf8').split('\n')
  const out: SqlText[] = []
  let current: { start: number; lines: string[] } | undefined
  const flush = () => {
    if (current) out.push({ text: current.lines.join('\n').trim(), at: { file: path, line: current.start + 1, column: 1 } })
    current = undefined
  }
  lines.forEach((line, i) => {
    if (/^(?:--|COMMENT\b|COLLECT\b|INSERT\b)/i.test(line)) flush()
    else if (/^(?:CREATE|REPLACE)\b/i.test(line)) {
      flush()
      current = { start: i, lines: [line] }
    } else current?.lines.push(line)
  })
  flush()
  return out
}

function cursor(s: SqlText): TokenCursor {
  return new TokenCursor(tokenize(s.text, s.at, TERADATA_TOKENIZER), s.text, s.at!.file)
}

function qualifiedName(c: TokenCursor): { schema?: string; name: string } {
  const first = c.identifier()
  return c.acceptOp('.') ? { schema: first, name: c.identifier() } : { name: first }
}

export function corpusTables(path: string): TableDef[] {
  return corpusStatements(path).flatMap((s): TableDef[] => {
    const c = cursor(s)
    while (!c.isWord('TABLE') && !c.atEnd()) c.next()
    if (!c.acceptWord('TABLE')) return []
    const name = qualifiedName(c)
    while (!c.isOp('(') && !c.atEnd()) c.next()
    c.expectOp('(')
    const columns: ColumnDef[] = []
    let depth = 0
    let entryStart = true
    while (!c.atEnd() && !(depth === 0 && c.isOp(')'))) {
      const isColumn = entryStart && !['PRIMARY', 'CONSTRAINT', 'UNIQUE', 'FOREIGN', 'CHECK', 'INDEX'].includes(c.current.value)
      entryStart = false
      if (isColumn) {
        const column = c.identifier()
        const nativeType = parseTeradataType(c)
        columns.push({ name: column, nativeType, type: teradataLogicalType(nativeType), nullable: true })
        continue
      }
      const t = c.next()
      if (t.kind === 'op' && t.value === '(') depth++
      else if (t.kind === 'op' && t.value === ')') depth--
      else if (t.kind === 'op' && t.value === ',' && depth === 0) entryStart = true
    }
    return [{ ...name, columns, uniques: [], checks: [], foreignKeys: [] }]
  })
}

export function corpusViews(path: string, defaultSchema?: string): ViewDef[] {
  return corpusStatements(path).flatMap((s): ViewDef[] => {
    const c = cursor(s)
    while (!c.isWord('VIEW') && !c.atEnd()) c.next()
    if (!c.acceptWord('VIEW')) return []
    const name = qualifiedName(c)
    const columns: string[] = []
    if (c.acceptOp('(')) {
      do columns.push(c.identifier())
      while (c.acceptOp(','))
      c.expectOp(')')
    }
    c.expectWord('AS')
    const t = c.current
    const text = s.text.slice(t.offset).replace(/;\s*$/, '')
    return [{ schema: name.schema ?? defaultSchema, name: name.name, columns: columns.length ? columns : undefined, query: { text, at: { file: s.at!.file, line: t.line, column: t.column } } }]
  })
}
