import { translateAnonymousBlock, translateCodeObject } from './plsql/translate-plsql.js'
import { ANALYZE_START, translateAnalyze } from './sql/analyze.js'
import { CREATE_TABLE_AS_START, translateCreateTableAs } from './sql/create-table-as.js'
import { TRUNCATE_START, translateTruncate } from './sql/truncate.js'
import { translateDataStatement, translateExpression, translateQuery } from './sql/translate-sql.js'
import { UnsupportedConstructError, type CodeTranslator } from './translate-context.js'

const BLOCK_START = /^\s*(?:<<\s*\w+\s*>>\s*)?(?:DECLARE|BEGIN)\b/i
const CALL = /^(\s*)CALL\b([\s\S]*?);?\s*$/i

/** The Oracle → PostgreSQL translators behind the converter's one seam. */
export const oracleToPostgres: CodeTranslator = {
  expression: translateExpression,
  query: translateQuery,
  dataStatement: (src, ctx) => {
    if (BLOCK_START.test(src.text)) return translateAnonymousBlock(src, ctx)
    // CALL routine(args) is the block BEGIN routine(args); END: the block translator knows procedures from functions.
    const call = CALL.exec(src.text)
    if (call && /\bINTO\s*:/i.test(call[2]!)) throw new UnsupportedConstructError('CALL … INTO :variable puts the result in a SQL*Plus bind variable, which PostgreSQL does not have: SELECT the function where its result is used', src.at, 'BIND_VARIABLE')
    if (call) return translateAnonymousBlock({ text: `${call[1]}BEGIN${call[2]}; END;`, at: src.at && { ...src.at, column: Math.max(1, src.at.column - 1) } }, ctx)
    if (ANALYZE_START.test(src.text)) return translateAnalyze(src, ctx)
    if (CREATE_TABLE_AS_START.test(src.text)) return translateCreateTableAs(src, ctx)
    if (TRUNCATE_START.test(src.text)) return translateTruncate(src, ctx)
    return translateDataStatement(src, ctx)
  },
  code: translateCodeObject,
}
