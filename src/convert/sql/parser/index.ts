/**
 * The Oracle SQL parser. Each entry point consumes what belongs to it and stops at the first
 * token that does not (`;`, THEN, LOOP, `)` …), so PL/SQL can embed expressions, queries and
 * DML; the caller checks what follows.
 */
export { parseExpression } from './expression-parser.js'
export { parseQuery } from './query-parser.js'
export { parseSqlStatement } from './dml-parser.js'
