import { oracleToPostgres } from '../../convert/oracle-to-postgres.js'
import type { SourceDialect } from '../../convert/sql/dialect.js'
import { ORACLE_SQL } from '../../convert/sql/translate-sql.js'
import { oracleLogicalType } from './oracle-types.js'

/**
 * Oracle as a source dialect. Its grammar is the shared parser's base (no hooks), its type
 * parser is parseNativeType (the parser's default), and its rules are the Oracle → PostgreSQL
 * rewrites (src/convert/sql/rewrites).
 */
export const oracleDialect: SourceDialect = {
  engine: 'oracle',
  ...ORACLE_SQL,
  logicalType: oracleLogicalType,
  translator: oracleToPostgres,
}
