import type { SqlText } from '../../model/location.js'
import type { CodeObjectDef } from '../../model/schema.js'
import type { TranslateContext } from '../translate-context.js'
import { UnsupportedConstructError } from '../translate-context.js'
import type { CodeUnit, PackageSpec } from './plsql-ast.js'
import { parseBlock } from './plsql-parser.js'
import { parseCodeUnit } from './plsql-unit-parser.js'
import { conditionalUnit, plsqlCursor } from './plsql-source.js'
import { anonymousBlockSql } from './anonymous-block.js'
import { packageBodyDdl, packageSpecDdl } from './package.js'
import { PlsqlScope } from './plsql-scope.js'
import { routineDdl } from './routine.js'
import { triggerDdl } from './trigger.js'
import { typeBodyDdl } from './type-body.js'
import { storedIdent } from './pg-names.js'
import { pgIdent } from '../naming.js'

/**
 * `[DECLARE …] BEGIN … END;` from a script → the DML statements themselves when the block is
 * only DML, else one `DO $$ … $$` block (see anonymous-block.ts).
 */
export function translateAnonymousBlock(src: SqlText, ctx: TranslateContext): string[] {
  const { cursor, cursorUse } = plsqlCursor(src, undefined, ctx)
  let label: string | undefined
  if (cursor.acceptOp('<<')) {
    label = cursor.identifier('label')
    cursor.expectOp('>>')
  }
  const block = parseBlock(cursor, label)
  cursor.acceptOp('/')
  if (!cursor.atEnd()) cursor.fail('unexpected text after the block')
  return anonymousBlockSql(block, ctx, cursorUse)
}

/**
 * A function, procedure, trigger, package (spec or body) or type body → PostgreSQL statements.
 * Throws UnsupportedConstructError (with a position) for what has no translation; the converter
 * then keeps the source commented out beside an action item.
 */
export function translateCodeObject(def: CodeObjectDef, ctx: TranslateContext): string[] {
  const { cursor, cursorUse } = plsqlCursor(def.source, conditionalUnit(def), ctx)
  const unit = parseCodeUnit(cursor)
  cursor.acceptOp('/')
  if (!cursor.atEnd()) cursor.fail('unexpected text after the end of the unit')
  const schema = unit.schema ?? def.schema
  switch (unit.kind) {
    case 'routine': {
      const r = unit.routine
      const scope = new PlsqlScope(ctx, r.kind, cursorUse)
      const path = schema ? pgIdent(schema) : storedIdent(ctx.targetSchema)
      return routineDdl(r, { schema: path, name: r.name, searchPath: [path] }, scope)
    }
    case 'trigger':
      return triggerDdl(unit.trigger, schema, ctx, cursorUse)
    case 'package':
      return packageSpecDdl(unit.spec, ctx)
    case 'package-body':
      return packageBodyDdl(unit.body, packageSpecOf(unit.body.name, def, ctx), ctx, cursorUse)
    case 'type-body':
      return typeBodyDdl(unit.typeBody, schema, ctx, cursorUse)
  }
}

/** The specification of a package body, parsed from the catalog, when it is there and readable. */
function packageSpecOf(name: string, body: CodeObjectDef, ctx: TranslateContext): PackageSpec | undefined {
  const def = ctx.catalog.code.find((d) => d.kind === 'package' && d.name === name && d.schema === body.schema)
  if (!def) return undefined
  const unit: CodeUnit = parseCodeUnit(plsqlCursor(def.source, conditionalUnit(def)).cursor)
  if (unit.kind !== 'package') throw new UnsupportedConstructError(`the catalog's package ${name} is not a package specification`, def.source.at)
  return unit.spec
}
