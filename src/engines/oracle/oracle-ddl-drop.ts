import type { QualifiedName } from '../../model/schema.js'
import type { NamedList } from '../ddl-reader/ddl-catalog.js'
import { addFinding, objectLabel, readQualifiedName, type DdlContext } from '../ddl-reader/ddl-context.js'
import { skipRest } from '../ddl-reader/ddl-syntax.js'

type Kind = 'TABLE' | 'VIEW' | 'MATERIALIZED VIEW' | 'INDEX' | 'SEQUENCE' | 'SYNONYM' | 'PUBLIC SYNONYM' | 'TYPE' | 'TYPE BODY' | 'PACKAGE' | 'PACKAGE BODY' | 'PROCEDURE' | 'FUNCTION' | 'TRIGGER'

/** Object kinds a DROP can name, longest first so `TYPE BODY` wins over `TYPE`. */
const KINDS: readonly (readonly string[])[] = [
  ['MATERIALIZED', 'VIEW'], ['PUBLIC', 'SYNONYM'], ['TYPE', 'BODY'], ['PACKAGE', 'BODY'],
  ['TABLE'], ['VIEW'], ['INDEX'], ['SEQUENCE'], ['SYNONYM'], ['TYPE'], ['PACKAGE'], ['PROCEDURE'], ['FUNCTION'], ['TRIGGER'],
]

/**
 * DROP … (after `DROP`): the object leaves the model (scripts often drop before they create), with
 * an info finding. A table takes its indexes along, as in Oracle. Other kinds (USER, ROLE,
 * MATERIALIZED VIEW LOG, …) are consumed with an info finding.
 */
export function readDrop(ctx: DdlContext): void {
  const { c } = ctx
  const words = KINDS.find((k) => c.isWords(...k) && !(k[0] === 'MATERIALIZED' && c.isWord('LOG', 2)))
  if (!words) {
    const what = c.current.text.toUpperCase()
    skipRest(c)
    addFinding(ctx, 'DROP_IGNORED', 'info', `DROP ${what}`, `DROP ${what} read: such objects are not part of the converted schema`)
    return
  }
  c.pos += words.length
  const kind = words.join(' ') as Kind
  c.acceptWords('IF', 'EXISTS')
  const name = kind === 'PUBLIC SYNONYM' ? { name: c.identifier('synonym name') } : readQualifiedName(ctx)
  skipRest(c) // CASCADE CONSTRAINTS, PURGE, FORCE, VALIDATE
  const removed = removeObject(ctx, kind, name)
  const label = objectLabel(kind, name)
  addFinding(ctx, 'DROP_APPLIED', 'info', label, removed ? `DROP ${kind}: removed from the model` : `DROP ${kind} of an object the scripts read do not define; nothing to remove`)
}

function removeObject(ctx: DdlContext, kind: Kind, name: QualifiedName): boolean {
  const { catalog } = ctx
  const code = (k: string) => removeWhere(catalog.code, name, (o) => o.kind === k)
  switch (kind) {
    case 'TABLE': {
      const table = catalog.tables.find(name)
      if (!table) return false
      catalog.tables.removeItem(table)
      // Oracle drops a table's indexes and triggers with it.
      const onTable = (q: QualifiedName | undefined) => q !== undefined && q.name === table.name && (q.schema ?? table.schema) === table.schema
      for (const index of catalog.indexes.all().filter((i) => onTable(i.table))) catalog.indexes.removeItem(index)
      for (const trigger of catalog.code.all().filter((o) => o.kind === 'trigger' && onTable(o.table))) catalog.code.removeItem(trigger)
      return true
    }
    case 'VIEW':
      return removeWhere(catalog.views, name, (v) => !v.materialized)
    case 'MATERIALIZED VIEW':
      return removeWhere(catalog.views, name, (v) => v.materialized === true)
    case 'INDEX':
      return catalog.indexes.remove(name)
    case 'SEQUENCE':
      return catalog.sequences.remove(name)
    case 'SYNONYM':
      return removeWhere(catalog.synonyms, name, (s) => !s.public)
    case 'PUBLIC SYNONYM':
      return removeWhere(catalog.synonyms, name, (s) => s.public)
    case 'TYPE':
      return catalog.types.remove(name)
    case 'TYPE BODY':
      return code('type-body')
    case 'PACKAGE':
      // DROP PACKAGE drops the body too.
      code('package-body')
      return code('package')
    case 'PACKAGE BODY':
      return code('package-body')
    case 'PROCEDURE':
      return code('procedure')
    case 'FUNCTION':
      return code('function')
    case 'TRIGGER':
      return code('trigger')
  }
}

function removeWhere<T extends { readonly schema?: string; readonly name: string }>(list: NamedList<T>, name: QualifiedName, matches: (o: T) => boolean): boolean {
  const found = list.all().find((o) => o.name === name.name && (o.schema === name.schema || o.schema === undefined || name.schema === undefined) && matches(o))
  if (!found) return false
  list.removeItem(found)
  return true
}
