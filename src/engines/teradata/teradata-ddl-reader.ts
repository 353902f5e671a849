import { TokenCursor } from '../../convert/sql/cursor.js'
import { tokenize } from '../../convert/sql/tokenizer.js'
import type { Token } from '../../convert/sql/token.js'
import { formatPosition } from '../../core/errors.js'
import type { Finding } from '../../model/finding.js'
import type { SqlText } from '../../model/location.js'
import type { SchemaModel } from '../../model/schema.js'
import { DdlCatalog } from '../ddl-reader/ddl-catalog.js'
import { addFinding, type DdlSourceStatement } from '../ddl-reader/ddl-context.js'
import { dataStatement } from '../ddl-reader/data-statement.js'
import { readEachStatement } from '../ddl-reader/read-statements.js'
import { skipRest } from '../ddl-reader/ddl-syntax.js'
import type { TeradataDdlContext } from './teradata-ddl-context.js'
import { readAlterTable, readComment, readDrop } from './teradata-ddl-edit.js'
import { isCodeObjectStart, readCodeObject, readCreateHashIndex, readCreateIndex, readCreateJoinIndex, readCreateView } from './teradata-ddl-objects.js'
import { readCreateTable } from './teradata-ddl-table.js'

export interface TeradataDdlReadResult {
  readonly schema: SchemaModel
  /** INSERT/UPDATE/DELETE/MERGE (and their abbreviations), EXEC and CALL, in script order. */
  readonly data: readonly SqlText[]
  readonly findings: Finding[]
}

export interface TeradataDdlReadOptions {
  /** Database of unqualified names until a `DATABASE x;` statement names another. */
  readonly defaultDatabase?: string
}

/** A data statement, maybe behind LOCKING modifiers (`LOCKING TABLE t FOR ACCESS INSERT …`), which the SQL translator drops. */
const DATA_STATEMENT = /^(?:LOCK(?:ING)?\b[^;]*?\bFOR\s+(?:ACCESS|READ|WRITE|EXCLUSIVE|CHECKSUM|LOAD)(?:\s+MODE)?(?:\s+NOWAIT)?\s+)*(?:INSERT|INS|UPDATE|UPD|DELETE|DEL|MERGE|EXEC|EXECUTE|CALL)\b/i
/** Statements that only show something, or steer the session, with nothing to convert. */
const QUERY_WORDS = new Set(['SELECT', 'SEL', 'HELP', 'SHOW', 'EXPLAIN', 'LOCKING', 'LOCK', 'WITH'])
const SESSION_WORDS = new Set(['BT', 'ET', 'COMMIT', 'ROLLBACK', 'ABORT', 'SET', 'LOGON', 'LOGOFF', 'BEGIN', 'END', 'GRANT', 'REVOKE', 'GIVE'])
const TABLE_PREFIXES = ['TABLE', 'SET', 'MULTISET', 'VOLATILE', 'GLOBAL']
const ADMIN_OBJECTS = new Set(['DATABASE', 'USER', 'ROLE', 'PROFILE', 'AUTHORIZATION', 'MAP', 'ZONE'])

/**
 * Reads Teradata statements (BTEQ scripts, SHOW output, DDL exports) into the schema model: the
 * final state of the script, its data statements in order, and findings for everything not
 * kept. Teradata names are not case-sensitive, quoted or not, so every name is kept upper case
 * (PostgreSQL then writes it folded, unquoted). A statement that does not parse becomes a
 * SQL_SYNTAX action item naming file:line:column, and reading goes on with the next one.
 */
export function readTeradataDdl(statements: readonly DdlSourceStatement[], options: TeradataDdlReadOptions = {}): TeradataDdlReadResult {
  const catalog = new DdlCatalog('teradata')
  const findings: Finding[] = []
  const data: SqlText[] = []
  let defaultSchema = options.defaultDatabase?.toUpperCase()
  readEachStatement(statements, findings, (statement) => {
    const dataText = dataStatement(statement, DATA_STATEMENT)
    if (dataText) {
      data.push(dataText)
      return
    }
    const c = new TokenCursor(tokenize(statement.text, statement.at).map(foldQuoted), statement.text, statement.at.file)
    if (c.atEnd()) return
    if (c.isWord('DATABASE') && c.peek().kind !== 'eof') {
      c.next()
      defaultSchema = c.identifier('database name')
      skipRest(c)
      return
    }
    readStatement({ c, statement, catalog, findings, data, defaultSchema })
  })
  return { schema: catalog.build(), data, findings }
}

function foldQuoted(t: Token): Token {
  return t.kind === 'qident' ? { ...t, value: t.value.toUpperCase() } : t
}

function readStatement(ctx: TeradataDdlContext): void {
  const { c } = ctx
  const first = c.current.kind === 'word' ? c.current.value : ''
  if (c.acceptWord('CREATE') || c.acceptWord('REPLACE')) readCreate(ctx, first)
  else if (first === 'USING') {
    skipRest(c)
    addFinding(ctx, 'TERADATA_USING_REQUEST', 'action', `STATEMENT ${formatPosition(ctx.statement.at)}`, 'USING … request: its values come from a BTEQ .IMPORT file, which is not converted; load that data with godwit load or COPY')
  }
  else if (c.isWord('COLLECT') || (c.isWord('DROP') && (c.isWord('STATISTICS', 1) || c.isWord('STATS', 1) || c.isWord('STAT', 1)))) {
    skipRest(c)
    addFinding(ctx, 'COLLECT_STATISTICS', 'info', `STATEMENT ${formatPosition(ctx.statement.at)}`, `${first} STATISTICS skipped: PostgreSQL gathers statistics with ANALYZE (autovacuum runs it; run ANALYZE after the load)`)
  } else if (c.isWord('COMMENT')) readComment(ctx)
  else if (c.isWord('DROP')) readDrop(ctx)
  else if (c.isWords('ALTER', 'TABLE')) readAlterTable(ctx)
  else if (QUERY_WORDS.has(first)) {
    skipRest(c)
    addFinding(ctx, 'TERADATA_QUERY', 'info', `STATEMENT ${formatPosition(ctx.statement.at)}`, `${first} statement skipped: it only returns rows to the script`)
  } else if (SESSION_WORDS.has(first)) {
    skipRest(c)
    addFinding(ctx, 'TERADATA_SESSION', 'info', `STATEMENT ${formatPosition(ctx.statement.at)}`, `${first} statement skipped: session control and privileges are not converted`)
  } else c.fail('unrecognised statement')
}

/** After CREATE or REPLACE: the reader for the kind of object. */
function readCreate(ctx: TeradataDdlContext, verb: string): void {
  const { c } = ctx
  c.acceptWords('OR', 'REPLACE')
  // Oracle's CREATE FORCE VIEW turns up in scripts ported from Oracle; Teradata never checks a view's tables at CREATE time either.
  c.acceptWord('FORCE')
  if (TABLE_PREFIXES.some((w) => c.isWord(w))) readCreateTable(ctx)
  else if (c.isWord('VIEW') || c.isWords('RECURSIVE', 'VIEW')) readCreateView(ctx)
  else if (c.isWords('JOIN', 'INDEX')) readCreateJoinIndex(ctx)
  else if (c.isWords('HASH', 'INDEX')) readCreateHashIndex(ctx)
  else if (c.isWord('INDEX') || c.isWords('UNIQUE', 'INDEX')) readCreateIndex(ctx)
  else if (isCodeObjectStart(c)) readCodeObject(ctx)
  else if (c.current.kind === 'word' && ADMIN_OBJECTS.has(c.current.value)) {
    const kind = c.next().value
    const name = c.identifier(`${kind.toLowerCase()} name`)
    skipRest(c)
    addFinding(ctx, 'TERADATA_ADMIN_OBJECT', 'info', `${kind} ${name}`, `${verb} ${kind} skipped: a database becomes a PostgreSQL schema when objects are created in it; space, users and roles are set up on the target`)
  } else {
    const kind = c.current.text.toUpperCase()
    skipRest(c)
    addFinding(ctx, 'UNSUPPORTED_DDL', 'action', `${verb} ${kind}`, `${verb} ${kind} is not read by godwit; convert it by hand`)
  }
}
