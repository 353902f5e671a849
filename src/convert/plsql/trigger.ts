import { pgIdent } from '../naming.js'
import type { TranslateContext } from '../translate-context.js'
import type { Trigger } from './plsql-ast.js'
import { PlpgsqlWriter } from './plpgsql-generator.js'
import { PlsqlScope, type TriggerFrame } from './plsql-scope.js'
import { plpgsqlBody } from './routine.js'
import { dollarQuote, qualifiedIdent, storedIdent } from './pg-names.js'
import type { CursorUse } from './plsql-tokens.js'

/**
 * An Oracle trigger → a PL/pgSQL trigger function plus CREATE TRIGGER (PostgreSQL "Trigger
 * Functions"). The function ends with the RETURN PostgreSQL needs: a BEFORE or INSTEAD OF row
 * trigger returns the row to use (NEW, or OLD for a DELETE, which has no NEW), anything else NULL.
 */
export function triggerDdl(trigger: Trigger, schema: string | undefined, ctx: TranslateContext, cursorUse: CursorUse): string[] {
  const rowLevel = trigger.forEachRow || trigger.timing === 'INSTEAD OF'
  const frame: TriggerFrame = { referencing: trigger.referencing, rowLevel, returnStatement: defaultReturn(trigger, rowLevel) }
  const scope = new PlsqlScope(ctx, 'trigger', cursorUse, frame)
  const writer = new PlpgsqlWriter(scope)
  const functionName = qualifiedIdent(ctx.targetSchema, `${trigger.name}_FN`, schema)
  scope.typeNamespace = { schema: schema ? pgIdent(schema) : storedIdent(ctx.targetSchema), prefix: `${trigger.name}_` }
  const body = plpgsqlBody(writer, trigger, [frame.returnStatement])
  const quote = dollarQuote(body)
  const path = schema ? `${pgIdent(schema)}, public` : `${storedIdent(ctx.targetSchema)}, public`
  const createFunction = `CREATE OR REPLACE FUNCTION ${functionName}()\nRETURNS trigger\nLANGUAGE plpgsql\nSET search_path = ${path}\nAS ${quote}\n${body}\n${quote}`

  const events = trigger.events.map((e) => (e.columns ? `UPDATE OF ${e.columns.map(pgIdent).join(', ')}` : e.event)).join(' OR ')
  const table = trigger.table.length > 1 ? trigger.table.map(pgIdent).join('.') : qualifiedIdent(ctx.targetSchema, trigger.table[0]!, schema)
  const when = trigger.when ? `\nWHEN (${writer.expr(trigger.when)})` : ''
  const createTrigger =
    `CREATE OR REPLACE TRIGGER ${pgIdent(trigger.name)}\n${trigger.timing} ${events} ON ${table}\n` +
    `FOR EACH ${rowLevel ? 'ROW' : 'STATEMENT'}${when}\nEXECUTE FUNCTION ${functionName}()`
  if (trigger.ordering) {
    scope.flag('TRIGGER_ORDER', `${trigger.ordering}: PostgreSQL fires triggers of the same event in name order; rename the triggers if the order matters`, trigger.at, 'warning')
  }
  const disable = trigger.disabled ? [`ALTER TABLE ${table} DISABLE TRIGGER ${pgIdent(trigger.name)}`] : []
  return [...scope.createdTypes, createFunction, createTrigger, ...disable]
}

function defaultReturn(trigger: Trigger, rowLevel: boolean): string {
  if (!rowLevel || trigger.timing === 'AFTER') return 'RETURN NULL;'
  const deletes = trigger.events.some((e) => e.event === 'DELETE')
  const others = trigger.events.some((e) => e.event !== 'DELETE')
  if (deletes && others) return "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW;"
  return deletes ? 'RETURN OLD;' : 'RETURN NEW;'
}
