import type { TranslateContext } from '../translate-context.js'
import type { Block, Statement } from './plsql-ast.js'
import { PlpgsqlWriter } from './plpgsql-generator.js'
import { PlsqlScope } from './plsql-scope.js'
import { plpgsqlBody } from './routine.js'
import { dollarQuote } from './pg-names.js'
import { dynamicStatement } from './dynamic-sql.js'
import type { CursorUse } from './plsql-tokens.js'

/**
 * A script's anonymous block. Oracle's data scripts wrap plain INSERTs in BEGIN … END (one
 * round trip in SQL*Plus); such a block — no declarations, no handlers, only DML, COMMIT, DBMS_STATS
 * and constant EXECUTE IMMEDIATE — becomes the statements themselves, which load faster and
 * report errors per statement. Anything else becomes one `DO` block.
 */
export function anonymousBlockSql(block: Block, ctx: TranslateContext, cursorUse: CursorUse): string[] {
  const scope = new PlsqlScope(ctx, 'block', cursorUse)
  const writer = new PlpgsqlWriter(scope)
  if (isPlainScript(block)) {
    // COMMIT is left out: the statements run as the converter's script runs them (autocommit in
    // psql), so a COMMIT would only warn "there is no transaction in progress".
    return block.body.filter((s) => s.kind !== 'transaction').flatMap((s) => plainStatement(s, writer))
  }
  // Record types of a DO block are the session's temporary types: nothing is left behind.
  scope.typeNamespace = { schema: 'pg_temp', prefix: '' }
  const body = plpgsqlBody(writer, { block })
  const quote = dollarQuote(body)
  // An earlier block of the script may have created types of the same names (dependents first).
  const drops = [...scope.recordTypes.values()].reverse().map((r) => `DROP TYPE IF EXISTS ${r.pgName}`)
  return [...drops, ...scope.createdTypes, `DO ${quote}\n${body}\n${quote}`]
}

/** One statement of a plain block as top-level SQL: dynamic SQL literals run as themselves. */
function plainStatement(s: Statement, writer: PlpgsqlWriter): string[] {
  if (s.kind === 'execute-immediate' && s.literal !== undefined) {
    const sql = dynamicStatement(s.literal, s.at, writer.scope)
    return sql === undefined ? [] : [sql]
  }
  return writer.statements([s]).map((line) => line.replace(/;$/, ''))
}

function isPlainScript(block: Block): boolean {
  if (block.declarations.length > 0 || block.handlers.length > 0 || block.label) return false
  return block.body.every(isPlainStatement)
}

function isPlainStatement(s: Statement): boolean {
  switch (s.kind) {
    case 'sql':
      return !s.into && !s.returning
    case 'transaction':
      return /^COMMIT(\s+WORK)?$/i.test(s.text)
    case 'call':
      return s.name[0] === 'DBMS_STATS'
    case 'execute-immediate':
      return s.literal !== undefined && !s.into && s.using.length === 0
    default:
      return false
  }
}
