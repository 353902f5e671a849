import type { TokenizerSettings } from '../dialect.js'
import type { SqlDialect } from '../translate-sql.js'
import { teradataExpressionRules } from './teradata-expressions.js'
import { teradataFunctionRules, teradataResolutionRules } from './teradata-functions.js'
import { TERADATA_PARSER } from './teradata-parser.js'
import { teradataSelectRules } from './teradata-selects.js'

/**
 * Teradata names are case-insensitive even when quoted ("Title" is TITLE), SEL/INS/UPD/DEL
 * abbreviate their statements, and there is no q'' quoting or BINARY_FLOAT literal suffix.
 */
export const TERADATA_TOKENIZER: TokenizerSettings = {
  alternativeQuoting: false,
  floatSuffixes: false,
  foldQuotedIdentifiers: true,
  keywordAliases: { SEL: 'SELECT', INS: 'INSERT', UPD: 'UPDATE', DEL: 'DELETE' },
}

/** Teradata SQL: its tokenizer settings, parser hooks and rules (normalisation, then PostgreSQL lowering, then resolution). */
export const TERADATA_SQL: SqlDialect = {
  tokenizer: TERADATA_TOKENIZER,
  parser: TERADATA_PARSER,
  rules: {
    expr: [...teradataExpressionRules, ...teradataFunctionRules, ...teradataResolutionRules],
    select: teradataSelectRules,
  },
  typesViewColumns: true,
}
