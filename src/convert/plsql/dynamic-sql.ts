import { SqlSyntaxError } from '../../core/errors.js'
import type { SourceLocation } from '../../model/location.js'
import { TokenCursor } from '../sql/cursor.js'
import { tokenize } from '../sql/tokenizer.js'
import { UnsupportedConstructError } from '../translate-context.js'
import { pgIdent } from '../naming.js'
import type { PlsqlScope } from './plsql-scope.js'
import { parseSqlStatement } from '../sql/parser/index.js'
import { generateStatement } from '../sql/postgres/index.js'
import { ANALYZE_START, translateAnalyze } from '../sql/analyze.js'
import { TRUNCATE_START, translateTruncate } from '../sql/truncate.js'

/** Oracle DDL with no PostgreSQL meaning: dropped with an info finding (docs/plsql-translation.md). */
const MEANINGLESS: ReadonlyArray<[RegExp, string]> = [
  [/^ALTER\s+TABLE\s+\S+\s+(?:ENABLE|DISABLE)\b.*\bCONSTRAINT\b/is, 'PostgreSQL constraints cannot be disabled and re-enabled'],
  [/^ALTER\s+INDEX\b/is, 'index maintenance (UNUSABLE/REBUILD) is not needed'],
  [/^ALTER\s+SESSION\b/is, 'Oracle session settings do not apply'],
]

/**
 * The PostgreSQL text for the literal SQL of an EXECUTE IMMEDIATE without binds: translated by
 * the SQL layer when it parses, mapped for the Oracle-only DDL data scripts use, or undefined
 * when it means nothing on PostgreSQL (info finding). Text the SQL layer cannot read is kept
 * as written, with a warning: it may be DDL that happens to be valid on both.
 */
export function dynamicStatement(literal: string, at: SourceLocation, scope: PlsqlScope): string | undefined {
  const sql = literal.trim().replace(/;$/, '')
  for (const [pattern, why] of MEANINGLESS) {
    if (pattern.test(sql)) {
      scope.flag('DROPPED_DYNAMIC_SQL', `EXECUTE IMMEDIATE '${sql}': ${why}; dropped`, at, 'info')
      return undefined
    }
  }
  const trigger = /^ALTER\s+TRIGGER\s+(\S+)\s+(ENABLE|DISABLE)$/i.exec(sql)
  if (trigger) return alterTrigger(trigger[1]!, trigger[2]!.toUpperCase(), at, scope)
  try {
    // ANALYZE and TRUNCATE have their own translators (ANALYZE TABLE and TRUNCATE … REUSE STORAGE are not PostgreSQL).
    const own = ANALYZE_START.test(sql) ? translateAnalyze : TRUNCATE_START.test(sql) ? translateTruncate : undefined
    if (own) return own({ text: sql, at }, scope.ctx)[0]
    const c = new TokenCursor(tokenize(sql, at), sql, at.file)
    const statement = parseSqlStatement(c)
    if (!c.atEnd()) c.fail('unexpected text after the statement')
    return generateStatement(statement, scope.generateContext()).trim().replace(/;$/, '')
  } catch (e) {
    if (!(e instanceof SqlSyntaxError) && !(e instanceof UnsupportedConstructError)) throw e
    scope.flag('DYNAMIC_SQL', `EXECUTE IMMEDIATE '${sql}' was kept as written (${e.message}); check it runs on PostgreSQL`, at, 'warning')
    return sql
  }
}

/** ALTER TRIGGER t ENABLE|DISABLE → ALTER TABLE tab … TRIGGER t, the table taken from the catalog. */
function alterTrigger(name: string, action: string, at: SourceLocation, scope: PlsqlScope): string {
  const upper = name.replace(/"/g, '')
  const trigger = scope.ctx.catalog.code.find((d) => d.kind === 'trigger' && (d.name === upper || d.name === upper.toUpperCase()))
  if (!trigger?.table) throw new UnsupportedConstructError(`ALTER TRIGGER ${name} ${action}: the trigger's table is not in the schema read`, at)
  return `ALTER TABLE ${pgIdent(trigger.table.name)} ${action} TRIGGER ${pgIdent(trigger.name)}`
}
