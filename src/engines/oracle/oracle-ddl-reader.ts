import { TokenCursor } from '../../convert/sql/cursor.js'
import { tokenize } from '../../convert/sql/tokenizer.js'
import type { Finding } from '../../model/finding.js'
import type { SqlText } from '../../model/location.js'
import type { SchemaModel } from '../../model/schema.js'
import { readAlterTable } from './oracle-ddl-alter.js'
import { DdlCatalog } from '../ddl-reader/ddl-catalog.js'
import { dataStatement } from '../ddl-reader/data-statement.js'
import { readEachStatement } from '../ddl-reader/read-statements.js'
import { isCodeObjectStart, readCodeObject } from './oracle-ddl-code.js'
import { addFinding, expectStatementEnd, type DdlContext } from '../ddl-reader/ddl-context.js'
import { readDrop } from './oracle-ddl-drop.js'
import { readCreateDirectory } from './oracle-ddl-external.js'
import { readCreateIndex } from './oracle-ddl-index.js'
import { readComment, readCreateSynonym, readGrant, readRename } from './oracle-ddl-misc.js'
import { isOracleOnlyCreate, isSessionStatement, readOracleOnlyCreate, readOtherAlter, readSessionStatement } from './oracle-ddl-other.js'
import { readCreateSequence } from './oracle-ddl-sequence.js'
import { skipRest } from '../ddl-reader/ddl-syntax.js'
import { readCreateTable } from './oracle-ddl-table.js'
import { readAlterType, readCreateType } from './oracle-ddl-types.js'
import { readCreateMaterializedView, readCreateView } from './oracle-ddl-views.js'
import type { ScriptStatement } from './sqlplus-script.js'

export interface OracleDdlReadResult {
  readonly schema: SchemaModel
  /** Statements that are data or actions, in script order: INSERT/UPDATE/DELETE/MERGE, anonymous PL/SQL blocks (BEGIN/DECLARE), CALL, ANALYZE, TRUNCATE, CREATE TABLE … AS SELECT. */
  readonly data: readonly SqlText[]
  readonly findings: Finding[]
}

export interface OracleDdlReadOptions {
  /** Schema of unqualified names (the user the script runs as); absent: such names have no schema. */
  readonly defaultSchema?: string
}

/**
 * A word that makes the statement data or an action (after leading comments): ANALYZE gathers
 * statistics once the data is in; TRUNCATE empties what the statements before it inserted.
 */
const DATA_STATEMENT = /^(?:(?:INSERT|UPDATE|DELETE|MERGE|BEGIN|DECLARE|CALL|ANALYZE|TRUNCATE)\b|<<)/i

/**
 * Reads the statements of Oracle scripts into the schema model: the final state of the script
 * (ALTERs, COMMENTs, DROPs and CREATE OR REPLACE merged), the data statements in order, and
 * findings for everything not kept. A statement that does not parse becomes a SQL_SYNTAX action
 * item naming file:line:column, and reading goes on with the next one.
 */
export function readOracleDdl(statements: readonly ScriptStatement[], options: OracleDdlReadOptions = {}): OracleDdlReadResult {
  const catalog = new DdlCatalog('oracle')
  const findings: Finding[] = []
  const data: SqlText[] = []
  // ALTER SESSION SET CURRENT_SCHEMA changes it for the statements after it.
  let defaultSchema = options.defaultSchema
  const setDefaultSchema = (schema: string): void => {
    defaultSchema = schema
  }
  readEachStatement(statements, findings, (statement) => {
    const dataText = dataStatement(statement, DATA_STATEMENT)
    if (dataText) {
      data.push(dataText)
      return
    }
    const c = new TokenCursor(tokenize(statement.text, statement.at), statement.text, statement.at.file)
    if (!c.atEnd()) readStatement({ c, statement, catalog, findings, defaultSchema, data, setDefaultSchema })
  })
  return { schema: catalog.build(), data, findings }
}

function readStatement(ctx: DdlContext): void {
  const { c } = ctx
  if (c.acceptWord('CREATE')) readCreate(ctx)
  else if (c.acceptWord('ALTER')) {
    if (c.isWord('TABLE')) readAlterTable(ctx)
    else if (c.isWord('TYPE')) readAlterType(ctx)
    else readOtherAlter(ctx)
  } else if (c.acceptWord('DROP')) readDrop(ctx)
  else if (c.isWord('GRANT') || c.isWord('REVOKE')) readGrant(ctx)
  else if (c.isWord('COMMENT')) readComment(ctx)
  else if (c.isWord('RENAME')) readRename(ctx)
  else if (isSessionStatement(ctx)) readSessionStatement(ctx)
  else c.fail('unrecognised statement')
}

const TABLE_PREFIXES = ['TABLE', 'GLOBAL', 'PRIVATE', 'SHARDED', 'DUPLICATED', 'IMMUTABLE', 'BLOCKCHAIN']

/** After `CREATE`: the modifiers any kind may carry, then the reader for the kind. */
function readCreate(ctx: DdlContext): void {
  const { c } = ctx
  for (;;) {
    if (c.acceptWords('OR', 'REPLACE') || c.acceptWord('FORCE') || c.acceptWords('NO', 'FORCE') || c.acceptWord('NOFORCE')) continue
    if (c.acceptWord('EDITIONABLE') || c.acceptWord('NONEDITIONABLE') || c.acceptWord('EDITIONING')) continue
    // CREATE [OR REPLACE] AND {RESOLVE|COMPILE} [NOFORCE] JAVA …
    if (c.acceptWords('AND', 'RESOLVE') || c.acceptWords('AND', 'COMPILE')) continue
    break
  }
  if (TABLE_PREFIXES.some((w) => c.isWord(w))) readCreateTable(ctx)
  else if (c.isWord('INDEX') || (['UNIQUE', 'BITMAP', 'MULTIVALUE'].some((w) => c.isWord(w)) && c.isWord('INDEX', 1))) readCreateIndex(ctx)
  else if (c.isWord('VIEW')) readCreateView(ctx)
  else if (c.isWords('MATERIALIZED', 'VIEW')) readCreateMaterializedView(ctx)
  else if (c.isWord('SEQUENCE')) readCreateSequence(ctx)
  else if (c.isWord('SYNONYM') || c.isWords('PUBLIC', 'SYNONYM')) readCreateSynonym(ctx)
  else if (c.isWords('SCHEMA', 'AUTHORIZATION')) readCreateSchema(ctx)
  else if (isCodeObjectStart(ctx)) readCodeObject(ctx)
  else if (c.isWord('TYPE')) readCreateType(ctx)
  else if (c.isWord('DIRECTORY')) readCreateDirectory(ctx)
  else if (isOracleOnlyCreate(ctx)) readOracleOnlyCreate(ctx)
  else {
    const kind = c.current.text.toUpperCase()
    skipRest(c)
    addFinding(ctx, 'UNSUPPORTED_DDL', 'action', `CREATE ${kind}`, `CREATE ${kind} is not read by godwit; convert it by hand`)
  }
}

/**
 * CREATE SCHEMA AUTHORIZATION owner CREATE TABLE … CREATE VIEW … GRANT …: Oracle's way to create
 * several objects of the owner's schema at once. Each statement is read on its own, as if the
 * owner ran it (CREATE and GRANT are reserved words, so they start a statement wherever they
 * stand outside parentheses).
 */
function readCreateSchema(ctx: DdlContext): void {
  const { c } = ctx
  c.expectWord('SCHEMA')
  c.expectWord('AUTHORIZATION')
  const owner = c.identifier('schema owner')
  const starts: number[] = []
  let depth = 0
  for (let i = c.pos; c.tokens[i]!.kind !== 'eof' && !(depth === 0 && c.tokens[i]!.kind === 'op' && c.tokens[i]!.value === ';'); i++) {
    const t = c.tokens[i]!
    if (t.kind === 'op') depth += t.value === '(' ? 1 : t.value === ')' ? -1 : 0
    else if (depth === 0 && t.kind === 'word' && (t.value === 'CREATE' || t.value === 'GRANT')) starts.push(i)
  }
  if (starts[0] !== c.pos) c.fail('expected CREATE TABLE, CREATE VIEW or GRANT')
  starts.forEach((from, k) => {
    c.pos = starts[k + 1] ?? c.tokens.findIndex((t, i) => i > from && (t.kind === 'eof' || (t.kind === 'op' && t.value === ';')))
    const text = c.textBetween(from)
    const at = c.location(c.tokens[from])
    const sub = new TokenCursor(tokenize(text, at), text, at.file)
    readStatement({ ...ctx, c: sub, statement: { text, at }, defaultSchema: owner })
  })
  expectStatementEnd(c)
}
