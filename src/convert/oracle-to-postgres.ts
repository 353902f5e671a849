import { translateAnonymousBlock, translateCodeObject } from './plsql/translate-plsql.js'
import { ANALYZE_START, translateAnalyze } from './sql/analyze.js'
import { CREATE_TABLE_AS_START, translateCreateTableAs } from './sql/create-table-as.js'
import { translateDataStatement, translateExpression, translateQuery } from './sql/translate-sql.js'
import type { CodeTranslator } from './translate-context.js'

const BLOCK_START = /^\s*(?:<<\s*\w+\s*>>\s*)?(?:DECLARE|BEGIN)\b/i

/** The Oracle → PostgreSQL translators behind the converter's one seam. */
export const oracleToPostgres: CodeTranslator = {
  expression: translateExpression,
  query: translateQuery,
  dataStatement: (src, ctx) => {
    if (BLOCK_START.test(src.text)) return translateAnonymousBlock(src, ctx)
    if (ANALYZE_START.test(src.text)) return translateAnalyze(src, ctx)
    if (CREATE_TABLE_AS_START.test(src.text)) return translateCreateTableAs(src, ctx)
    return translateDataStatement(src, ctx)
  },
  code: translateCodeObject,
}
