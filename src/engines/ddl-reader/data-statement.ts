import type { SqlText } from '../../model/location.js'
import type { DdlSourceStatement } from './ddl-context.js'

/** Comments and blanks a statement's text may start with. */
const LEADING = /^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/

/**
 * The statement as a data statement when its first word (after leading comments) is one of
 * `words`, positioned at that word; undefined otherwise. Recognised without tokenizing, as
 * populate scripts are mostly such statements; the converter parses them.
 */
export function dataStatement(statement: DdlSourceStatement, words: RegExp): SqlText | undefined {
  const prefix = LEADING.exec(statement.text)![0]
  if (!words.test(statement.text.slice(prefix.length))) return undefined
  const lines = prefix.split('\n')
  const line = statement.at.line + lines.length - 1
  const column = lines.length === 1 ? statement.at.column + prefix.length : lines[lines.length - 1]!.length + 1
  return { text: statement.text.slice(prefix.length), at: { file: statement.at.file, line, column } }
}
