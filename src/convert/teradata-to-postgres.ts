import { EXEC_START, translateExec } from './sql/teradata/teradata-exec.js'
import { TERADATA_SQL } from './sql/teradata/teradata-sql.js'
import { translateTeradataRoutine } from './sql/teradata/teradata-routines.js'
import { sqlTranslator } from './sql/translate-sql.js'
import type { CodeTranslator } from './translate-context.js'

const sql = sqlTranslator(TERADATA_SQL)

/**
 * The Teradata → PostgreSQL translators: SQL through the shared parser and generator, macros
 * and SQL functions as routines, `EXEC macro(…)` as CALL.
 */
export const teradataToPostgres: CodeTranslator = {
  expression: sql.expression,
  query: sql.query,
  dataStatement: (src, ctx) => (EXEC_START.test(src.text) ? translateExec(src, ctx, TERADATA_SQL) : sql.dataStatement(src, ctx)),
  code: (def, ctx) => translateTeradataRoutine(def, ctx, TERADATA_SQL),
}
