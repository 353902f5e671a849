import { formatPosition, SqlSyntaxError } from '../../core/errors.js'
import type { Finding } from '../../model/finding.js'
import type { DdlSourceStatement } from './ddl-context.js'

/**
 * Reads statements one by one. A statement that does not parse becomes a SQL_SYNTAX action item
 * naming file:line:column, and reading goes on with the next one: one bad statement never
 * loses the rest of a script.
 */
export function readEachStatement(statements: readonly DdlSourceStatement[], findings: Finding[], read: (statement: DdlSourceStatement) => void): void {
  for (const statement of statements) {
    try {
      read(statement)
    } catch (e) {
      if (!(e instanceof SqlSyntaxError)) throw e
      findings.push({
        code: 'SQL_SYNTAX',
        severity: 'action',
        object: `STATEMENT ${formatPosition(statement.at)}`,
        message: `${e.message}; the statement was not converted`,
        at: e.position,
        source: statement.text,
      })
    }
  }
}
