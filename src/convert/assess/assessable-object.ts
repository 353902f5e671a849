import type { SourceLocation, SqlText } from '../../model/location.js'
import type { CodeObjectDef, IndexDef, SchemaModel, SequenceDef, SynonymDef, TableDef, TypeDef, ViewDef } from '../../model/schema.js'
import { displayName } from '../naming.js'

export type CodeKind = CodeObjectDef['kind']

/** Every kind of object that is scored on its own. Grants are only counted. */
export type AssessedKind = 'table' | 'view' | 'materialized-view' | 'index' | 'sequence' | 'type' | 'synonym' | CodeKind

/** A model object together with its kind, so detectors can look at its structure. */
export type ModelObject =
  | { readonly kind: 'table'; readonly def: TableDef }
  | { readonly kind: 'view' | 'materialized-view'; readonly def: ViewDef }
  | { readonly kind: 'index'; readonly def: IndexDef }
  | { readonly kind: 'sequence'; readonly def: SequenceDef }
  | { readonly kind: 'type'; readonly def: TypeDef }
  | { readonly kind: 'synonym'; readonly def: SynonymDef }
  | { readonly kind: CodeKind; readonly def: CodeObjectDef }

export const CODE_KINDS: readonly CodeKind[] = ['function', 'procedure', 'macro', 'package', 'package-body', 'trigger', 'type-body']

/** The words findings use for a kind: the converter labels objects `TABLE HR.EMPLOYEES`. */
export const KIND_LABEL: Readonly<Record<AssessedKind, string>> = {
  table: 'TABLE',
  view: 'VIEW',
  'materialized-view': 'MATERIALIZED VIEW',
  index: 'INDEX',
  sequence: 'SEQUENCE',
  type: 'TYPE',
  synonym: 'SYNONYM',
  function: 'FUNCTION',
  procedure: 'PROCEDURE',
  macro: 'MACRO',
  package: 'PACKAGE',
  'package-body': 'PACKAGE BODY',
  trigger: 'TRIGGER',
  'type-body': 'TYPE BODY',
}

/** All scored objects of a model, in a stable order (the order of the model's lists). */
export function modelObjects(model: SchemaModel): ModelObject[] {
  return [
    ...model.tables.map((def) => ({ kind: 'table' as const, def })),
    ...model.views.map((def) => ({ kind: def.materialized ? ('materialized-view' as const) : ('view' as const), def })),
    ...model.indexes.map((def) => ({ kind: 'index' as const, def })),
    ...model.sequences.map((def) => ({ kind: 'sequence' as const, def })),
    // A forward declaration (`CREATE TYPE t;`) is completed by a later full definition.
    ...model.types.filter((def) => def.kind !== 'forward').map((def) => ({ kind: 'type' as const, def })),
    ...model.code.map((def) => ({ kind: def.kind, def }) as ModelObject),
    ...model.synonyms.map((def) => ({ kind: 'synonym' as const, def })),
  ]
}

/** `TABLE HR.EMPLOYEES`, `PACKAGE BODY OE.ORDERS_PKG`: the same form as `Finding.object`. */
export function objectLabel(o: ModelObject): string {
  return `${KIND_LABEL[o.kind]} ${displayName(o.def)}`
}

/** The schema an object belongs to; an index without one lives in its table's schema. */
export function objectSchema(o: ModelObject): string | undefined {
  return o.kind === 'index' ? (o.def.schema ?? o.def.table.schema) : o.def.schema
}

export function objectLocation(o: ModelObject): SourceLocation | undefined {
  switch (o.kind) {
    case 'type':
      return o.def.source.at
    case 'view':
    case 'materialized-view':
      return o.def.at ?? o.def.query.at
    case 'table':
    case 'index':
    case 'sequence':
    case 'synonym':
      return o.def.at
    default:
      return o.def.source.at
  }
}

/**
 * The source text whose tokens reveal constructs: a view's query, a code object's or type's
 * whole source, a table's column types and expressions, an index's key expressions.
 */
export function objectTexts(o: ModelObject): SqlText[] {
  switch (o.kind) {
    case 'table':
      return [
        ...o.def.columns.flatMap((c) => [{ text: c.nativeType.text }, ...(c.defaultExpr ? [c.defaultExpr] : []), ...(c.virtualExpr ? [c.virtualExpr] : [])]),
        ...o.def.checks.map((c) => c.expr),
      ]
    case 'view':
    case 'materialized-view':
      return [o.def.query]
    case 'index':
      return o.def.keys.flatMap((k) => (k.expr ? [k.expr] : []))
    case 'type':
      return [o.def.source]
    case 'sequence':
    case 'synonym':
      return []
    default:
      return [o.def.source]
  }
}

export function isCodeObject(o: ModelObject): o is { readonly kind: CodeKind; readonly def: CodeObjectDef } {
  return (CODE_KINDS as readonly string[]).includes(o.kind)
}

/** Non-blank source lines of a code object (0 for others), for the size part of the effort model. */
export function codeLines(o: ModelObject): number {
  if (!isCodeObject(o)) return 0
  return o.def.source.text.split('\n').filter((l) => l.trim() !== '').length
}
