import { TERADATA_SQL } from './sql/teradata/teradata-sql.js'
import { translateTeradataRoutine } from './sql/teradata/teradata-routines.js'
import { sqlTranslator } from './sql/translate-sql.js'
import type { CodeTranslator } from './translate-context.js'

const sql = sqlTranslator(TERADATA_SQL)

/** The Teradata → PostgreSQL translators: SQL through the shared parser and generator, macros and SQL functions as routines. */
export const teradataToPostgres: CodeTranslator = {
  expression: sql.expression,
  query: sql.query,
  dataStatement: sql.dataStatement,
  code: (def, ctx) => translateTeradataRoutine(def, ctx, TERADATA_SQL),
}
