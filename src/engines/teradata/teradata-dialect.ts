import type { SourceDialect } from '../../convert/sql/dialect.js'
import { TERADATA_SQL } from '../../convert/sql/teradata/teradata-sql.js'
import { teradataToPostgres } from '../../convert/teradata-to-postgres.js'
import { teradataLogicalType } from './teradata-types.js'

/** Teradata as a source dialect: the shared grammar with Teradata's hooks, its type table and its rules. */
export const teradataDialect: SourceDialect = {
  engine: 'teradata',
  ...TERADATA_SQL,
  logicalType: teradataLogicalType,
  translator: teradataToPostgres,
}
