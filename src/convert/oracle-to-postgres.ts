import { translateAnonymousBlock, translateCodeObject } from './plsql/translate-plsql.js'
import { ANALYZE_START, translateAnalyze } from './sql/analyze.js'
import { translateDataStatement, translateExpression, translateQuery } from './sql/translate-sql.js'
import type { CodeTranslator } from './translate-context.js'

const BLOCK_START = /^\s*(?:<<\s*\w+\s*>>\s*)?(?:DECLARE|BEGIN)\b/i

/** The Oracle → PostgreSQL translators behind the converter's one seam. */
export const oracleToPostgres: CodeTranslator = {
  expression: translateExpression,
  query: translateQuery,
  dataStatement: (src, ctx) => (BLOCK_START.test(src.text) ? translateAnonymousBlock(src, ctx) : ANALYZE_START.test(src.text) ? translateAnalyze(src, ctx) : translateDataStatement(src, ctx)),
  code: translateCodeObject,
}
