import { pgIdent } from '../naming.js'
import { UnsupportedConstructError } from '../translate-context.js'
import type { SourceLocation } from '../../model/location.js'
import type { Argument } from './plsql-ast.js'
import type { PlpgsqlWriter } from './plpgsql-generator.js'

/** Oracle packages whose procedures have no PostgreSQL counterpart unless mapped below. */
const SUPPLIED_PACKAGE = /^(DBMS|UTL|OWA|HTP|HTF|APEX|CTX|SDO|ORD)_?/

/**
 * Calls to Oracle-supplied procedures (DBMS_OUTPUT, DBMS_STATS, DBMS_LOCK …) as PL/pgSQL, or
 * undefined for an ordinary call. Calls that only tune Oracle (no effect on results) are dropped
 * with an info finding; other supplied-package calls are refused rather than emitted broken.
 */
export function builtinCall(name: readonly string[], args: readonly Argument[], w: PlpgsqlWriter, at: SourceLocation): string[] | undefined {
  const full = name.join('.').replace(/^SYS\./, '')
  const dropped = (why: string): string[] => {
    w.scope.flag('DROPPED_CALL', `${full}: ${why}; dropped`, at, 'info')
    return []
  }
  switch (full) {
    case 'DBMS_OUTPUT.PUT_LINE':
    case 'DBMS_OUTPUT.PUT':
      return [`RAISE NOTICE '%', ${w.args(args)};`]
    case 'DBMS_OUTPUT.ENABLE':
    case 'DBMS_OUTPUT.DISABLE':
    case 'DBMS_OUTPUT.NEW_LINE':
      return dropped('PostgreSQL notices need no buffer')
    case 'DBMS_LOCK.SLEEP':
    case 'DBMS_SESSION.SLEEP':
      return [`PERFORM pg_sleep(${w.args(args)});`]
    case 'DBMS_STATS.GATHER_TABLE_STATS':
      return [analyzeTable(args, w)]
    case 'DBMS_STATS.GATHER_SCHEMA_STATS':
    case 'DBMS_STATS.GATHER_DATABASE_STATS':
      // ANALYZE without a table analyzes every table the user can, the nearest to a schema's stats.
      return ['ANALYZE;']
  }
  if (full.startsWith('DBMS_STATS.')) return dropped('PostgreSQL statistics are gathered by ANALYZE and have no per-object settings to copy')
  if (SUPPLIED_PACKAGE.test(full)) {
    throw new UnsupportedConstructError(`${full} is an Oracle-supplied procedure with no PostgreSQL equivalent in godwit`, at)
  }
  return undefined
}

/** GATHER_TABLE_STATS(ownname, tabname, …): the table goes by the target's search_path, like the rest of the code. */
function analyzeTable(args: readonly Argument[], w: PlpgsqlWriter): string {
  const table = args.find((a) => a.name === 'TABNAME') ?? args.filter((a) => !a.name)[1]
  // DBMS_STATS upper-cases unquoted names, as Oracle does.
  if (table?.literal !== undefined) return `ANALYZE ${pgIdent(table.literal.toUpperCase())};`
  if (!table) throw new UnsupportedConstructError('DBMS_STATS.GATHER_TABLE_STATS without a table name')
  return `EXECUTE format('ANALYZE %I', lower(${w.expr(table.value)}));`
}
