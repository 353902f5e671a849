import type { ColumnDef, ConstraintState, KeyDef, TableDef } from '../../model/schema.js'
import type { ConstraintSpec } from './oracle-ddl-constraints.js'

/**
 * Pure edits of a TableDef shared by CREATE TABLE and ALTER TABLE, so that the table in the model
 * is the final state of the script. Each returns the edited table, or undefined when the
 * column or constraint it names is not there (the caller reports that).
 */

export function applyConstraint(table: TableDef, spec: ConstraintSpec): TableDef | undefined {
  switch (spec.kind) {
    case 'not-null':
      return editColumn(table, spec.column, (col) => ({ ...col, nullable: spec.state.enabled === false }))
    case 'null':
      return editColumn(table, spec.column, (col) => ({ ...col, nullable: true }))
    case 'primary-key':
      return { ...table, primaryKey: spec.key }
    case 'unique':
      return { ...table, uniques: [...table.uniques, spec.key] }
    case 'check':
      return { ...table, checks: [...table.checks, spec.check] }
    case 'foreign-key':
      return { ...table, foreignKeys: [...table.foreignKeys, spec.fk] }
  }
}

export function editColumn(table: TableDef, name: string, change: (c: ColumnDef) => ColumnDef): TableDef | undefined {
  const at = table.columns.findIndex((c) => c.name === name)
  if (at < 0) return undefined
  const columns = [...table.columns]
  columns[at] = change(columns[at]!)
  return { ...table, columns }
}

export function addColumn(table: TableDef, column: ColumnDef): TableDef {
  return { ...table, columns: [...table.columns, column] }
}

/** Drops a column and every constraint on it, as Oracle's DROP COLUMN … CASCADE CONSTRAINTS does. */
export function dropColumn(table: TableDef, name: string): TableDef | undefined {
  if (!table.columns.some((c) => c.name === name)) return undefined
  const keeps = (k: { readonly columns: readonly string[] }) => !k.columns.includes(name)
  return {
    ...table,
    columns: table.columns.filter((c) => c.name !== name),
    primaryKey: table.primaryKey && keeps(table.primaryKey) ? table.primaryKey : undefined,
    uniques: table.uniques.filter(keeps),
    foreignKeys: table.foreignKeys.filter(keeps),
  }
}

export function renameColumn(table: TableDef, from: string, to: string): TableDef | undefined {
  const renamed = editColumn(table, from, (c) => ({ ...c, name: to }))
  if (!renamed) return undefined
  const rename = (cols: readonly string[]) => cols.map((c) => (c === from ? to : c))
  const renameKey = <K extends { readonly columns: readonly string[] }>(k: K): K => ({ ...k, columns: rename(k.columns) })
  return {
    ...renamed,
    primaryKey: renamed.primaryKey && renameKey(renamed.primaryKey),
    uniques: renamed.uniques.map(renameKey),
    foreignKeys: renamed.foreignKeys.map(renameKey),
  }
}

/** Applies `change` to the named constraint, whichever kind it is. */
export function editConstraint(
  table: TableDef,
  name: string,
  change: <C extends ConstraintState & { readonly name?: string }>(c: C) => C | undefined,
): TableDef | undefined {
  const named = (c: { readonly name?: string }) => c.name === name
  if (table.primaryKey && named(table.primaryKey)) return { ...table, primaryKey: change(table.primaryKey) }
  const inList = <C extends ConstraintState & { readonly name?: string }>(list: readonly C[]): C[] | undefined => {
    const at = list.findIndex(named)
    if (at < 0) return undefined
    const edited = change(list[at]!)
    return [...list.slice(0, at), ...(edited ? [edited] : []), ...list.slice(at + 1)]
  }
  const uniques = inList(table.uniques)
  if (uniques) return { ...table, uniques }
  const checks = inList(table.checks)
  if (checks) return { ...table, checks }
  const foreignKeys = inList(table.foreignKeys)
  if (foreignKeys) return { ...table, foreignKeys }
  return undefined
}

export function setConstraintState(table: TableDef, name: string, state: ConstraintState): TableDef | undefined {
  return editConstraint(table, name, (c) => ({ ...c, ...state }))
}

export function dropConstraint(table: TableDef, name: string): TableDef | undefined {
  return editConstraint(table, name, () => undefined)
}

export function renameConstraint(table: TableDef, from: string, to: string): TableDef | undefined {
  return editConstraint(table, from, (c) => ({ ...c, name: to }))
}

/** `UNIQUE (a, b)` names a unique key by its columns. */
export function uniqueByColumns(table: TableDef, columns: readonly string[]): KeyDef | undefined {
  return table.uniques.find((u) => u.columns.length === columns.length && u.columns.every((c, i) => c === columns[i]))
}
