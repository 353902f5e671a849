import type { IndexDef, SchemaModel } from '../../model/schema.js'

export interface Inventory {
  readonly tables: number
  readonly columns: number
  readonly partitionedTables: number
  readonly temporaryTables: number
  readonly indexes: {
    readonly total: number
    readonly byKind: Readonly<Record<IndexDef['kind'], number>>
    readonly unique: number
    readonly functionBased: number
  }
  readonly constraints: {
    readonly primaryKeys: number
    readonly uniques: number
    readonly checks: number
    readonly foreignKeys: number
    readonly notNull: number
  }
  readonly sequences: number
  readonly views: number
  readonly materializedViews: number
  readonly types: { readonly total: number; readonly object: number; readonly varray: number; readonly nestedTable: number }
  readonly functions: number
  readonly procedures: number
  readonly packages: number
  readonly packageBodies: number
  readonly triggers: number
  readonly typeBodies: number
  readonly synonyms: number
  readonly grants: number
}

function count<T>(items: readonly T[], test: (item: T) => boolean): number {
  return items.reduce((n, item) => (test(item) ? n + 1 : n), 0)
}

/** Object counts by kind, as the assessment report's inventory shows them. */
export function takeInventory(model: SchemaModel): Inventory {
  const tables = model.tables
  const code = (kind: string) => count(model.code, (c) => c.kind === kind)
  const types = model.types.filter((t) => t.kind !== 'forward')
  return {
    tables: tables.length,
    columns: tables.reduce((n, t) => n + t.columns.length, 0),
    partitionedTables: count(tables, (t) => t.partitioning !== undefined),
    temporaryTables: count(tables, (t) => t.temporary !== undefined),
    indexes: {
      total: model.indexes.length,
      byKind: {
        btree: count(model.indexes, (i) => i.kind === 'btree'),
        bitmap: count(model.indexes, (i) => i.kind === 'bitmap'),
        domain: count(model.indexes, (i) => i.kind === 'domain'),
        reverse: count(model.indexes, (i) => i.kind === 'reverse'),
      },
      unique: count(model.indexes, (i) => i.unique),
      functionBased: count(model.indexes, (i) => i.keys.some((k) => k.expr !== undefined)),
    },
    constraints: {
      primaryKeys: count(tables, (t) => t.primaryKey !== undefined),
      uniques: tables.reduce((n, t) => n + t.uniques.length, 0),
      checks: tables.reduce((n, t) => n + t.checks.length, 0),
      foreignKeys: tables.reduce((n, t) => n + t.foreignKeys.length, 0),
      notNull: tables.reduce((n, t) => n + count(t.columns, (c) => !c.nullable), 0),
    },
    sequences: model.sequences.length,
    views: count(model.views, (v) => !v.materialized),
    materializedViews: count(model.views, (v) => v.materialized === true),
    types: {
      total: types.length,
      object: count(types, (t) => t.kind === 'object'),
      varray: count(types, (t) => t.kind === 'varray'),
      nestedTable: count(types, (t) => t.kind === 'nested-table'),
    },
    functions: code('function'),
    procedures: code('procedure'),
    packages: code('package'),
    packageBodies: code('package-body'),
    triggers: code('trigger'),
    typeBodies: code('type-body'),
    synonyms: model.synonyms.length,
    grants: model.grants.length,
  }
}

/** The part of a model that belongs to one schema (`undefined`: objects named without a schema). */
export function schemaPart(model: SchemaModel, schema: string | undefined): SchemaModel {
  const mine = (o: { readonly schema?: string }) => o.schema === schema
  return {
    ...model,
    types: model.types.filter(mine),
    sequences: model.sequences.filter(mine),
    tables: model.tables.filter(mine),
    // An index created without a schema lives in its table's schema.
    indexes: model.indexes.filter((i) => (i.schema ?? i.table.schema) === schema),
    views: model.views.filter(mine),
    code: model.code.filter(mine),
    synonyms: model.synonyms.filter(mine),
    grants: model.grants.filter((g) => g.on?.schema === schema),
  }
}
