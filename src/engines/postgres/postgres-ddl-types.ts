import type { QualifiedName, TypeAttributeDef, TypeDef } from '../../model/schema.js'
import { pgIdent, pgQualified } from '../../convert/naming.js'
import type { TranslateContext } from '../../convert/translate-context.js'
import { formatColumnType, NotRenderable, note, objectLabel, renderObject, type DdlScope } from './postgres-ddl-scope.js'
import { dependencyOrder } from './dependency-order.js'

/**
 * Object types become composite types, collections become array domains (pre-data). Methods
 * are code: their bodies arrive as type bodies through the translator.
 */
export function renderTypes(scope: DdlScope): void {
  const byKey = new Map(scope.model.types.map((t) => [typeKey(t), t]))
  const ordered = dependencyOrder(scope.model.types, typeKey, (t) => typeDependencies(t).filter((k) => byKey.has(k)))
  for (const t of ordered) {
    if (t.kind === 'forward') continue
    renderObject(scope, 'pre-data', objectLabel('TYPE', t), t.source, (ctx) => [renderType(t, byKey, ctx)])
  }
}

function renderType(t: TypeDef, byKey: ReadonlyMap<string, TypeDef>, ctx: TranslateContext): string {
  const name = pgQualified(t)
  if (t.kind === 'varray' || t.kind === 'nested-table') {
    if (!t.element) throw new NotRenderable(`collection type ${t.name} has no element type`, 'TYPE_NO_ELEMENT', t.source.at)
    const element = formatColumnType(ctx, t.element.nativeType, t.element.type)
    const limit = t.limit === undefined ? '' : ` CHECK (VALUE IS NULL OR cardinality(VALUE) <= ${t.limit})`
    return `CREATE DOMAIN ${name} AS ${element}[]${limit};`
  }
  if (t.methods?.length) {
    note(ctx, 'info', 'TYPE_METHODS', `${t.methods.length} method(s) become functions taking the composite type; they come from the type body`)
  }
  const attributes = [...inheritedAttributes(t, byKey, ctx), ...(t.attributes ?? [])]
  const columns = attributes.map((a) => `  ${pgIdent(a.name)} ${formatColumnType(ctx, a.nativeType, a.type)}`)
  return `CREATE TYPE ${name} AS (\n${columns.join(',\n')}\n);`
}

/** PostgreSQL composite types have no inheritance: a subtype gets its supertypes' attributes first. */
function inheritedAttributes(t: TypeDef, byKey: ReadonlyMap<string, TypeDef>, ctx: TranslateContext): TypeAttributeDef[] {
  if (!t.under) return []
  const parent = byKey.get(typeKey(t.under))
  if (!parent) throw new NotRenderable(`supertype ${t.under.name} of ${t.name} is not in the input`, 'TYPE_SUPERTYPE_MISSING', t.source.at)
  note(
    ctx,
    'warning',
    'TYPE_INHERITANCE_FLATTENED',
    `UNDER ${parent.name}: the supertype's attributes are copied in; a ${t.name} value can no longer stand where a ${parent.name} is expected`,
    t.source.at,
  )
  return [...inheritedAttributes(parent, byKey, ctx), ...(parent.attributes ?? [])]
}

function typeKey(q: QualifiedName): string {
  return `${q.schema ?? ''}.${q.name}`
}

function typeDependencies(t: TypeDef): string[] {
  const used = [...(t.attributes ?? []).map((a) => a.type), ...(t.element ? [t.element.type] : [])]
  const names = used.flatMap((u) => (u.kind === 'user-defined' ? [typeKey(u)] : []))
  return t.under ? [typeKey(t.under), ...names] : names
}
