import { pgIdent } from '../naming.js'
import type { TranslateContext } from '../translate-context.js'
import type { TypeBody } from './plsql-ast.js'
import { PlsqlScope } from './plsql-scope.js'
import { routineDdl } from './routine.js'
import { qualifiedIdent, storedIdent } from './pg-names.js'
import type { CursorUse } from './plsql-tokens.js'

/**
 * Object type methods → plain routines named `<type>_<method>` beside the type; member methods
 * take the object as their first parameter `self` (IN for functions, INOUT for procedures, as
 * Oracle's SELF defaults). Calls written `obj.method()` and dynamic dispatch of OVERRIDING
 * methods do not carry over: an action finding says so.
 */
export function typeBodyDdl(body: TypeBody, schema: string | undefined, ctx: TranslateContext, cursorUse: CursorUse): string[] {
  const typeName = body.name[body.name.length - 1]!
  const typeIdent = qualifiedIdent(ctx.targetSchema, typeName, schema)
  const path = schema ? pgIdent(schema) : storedIdent(ctx.targetSchema)
  const statements = body.methods.flatMap((m) => {
    const scope = new PlsqlScope(ctx, m.kind, cursorUse)
    const member = m.method !== 'static' && m.method !== 'constructor'
    if (member) scope.variables.add('SELF')
    return routineDdl(
      m,
      {
        schema: path,
        name: `${typeName}_${m.name}`,
        searchPath: [path],
        self: member ? { type: typeIdent, mode: m.kind === 'procedure' ? 'INOUT' : 'IN' } : undefined,
      },
      scope,
    )
  })
  ctx.findings.push({
    code: 'TYPE_METHOD',
    severity: 'action',
    object: ctx.object,
    message:
      `methods of ${typeName} became routines ${body.methods.map((m) => `${typeName}_${m.name}`.toLowerCase()).join(', ')}: ` +
      'rewrite calls obj.method(args) as type_method(obj, args); OVERRIDING methods are no longer chosen by the object\'s runtime type',
    at: body.at,
  })
  return statements
}
