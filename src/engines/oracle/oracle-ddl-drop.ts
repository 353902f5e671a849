import type { QualifiedName } from '../../model/schema.js'
import type { NamedList } from '../ddl-reader/ddl-catalog.js'
import { addFinding, objectLabel, readQualifiedName, type DdlContext } from '../ddl-reader/ddl-context.js'
import { skipRest } from '../ddl-reader/ddl-syntax.js'
import { oracleOnlyKind } from './oracle-ddl-other.js'

type Kind = 'TABLE' | 'VIEW' | 'MATERIALIZED VIEW' | 'INDEX' | 'SEQUENCE' | 'SYNONYM' | 'PUBLIC SYNONYM' | 'TYPE' | 'TYPE BODY' | 'PACKAGE' | 'PACKAGE BODY' | 'PROCEDURE' | 'FUNCTION' | 'TRIGGER'

/** Object kinds a DROP can name, longest first so `TYPE BODY` wins over `TYPE`. */
const KINDS: readonly (readonly string[])[] = [
  ['MATERIALIZED', 'VIEW'], ['PUBLIC', 'SYNONYM'], ['TYPE', 'BODY'], ['PACKAGE', 'BODY'],
  ['TABLE'], ['VIEW'], ['INDEX'], ['SEQUENCE'], ['SYNONYM'], ['TYPE'], ['PACKAGE'], ['PROCEDURE'], ['FUNCTION'], ['TRIGGER'],
]

/** Why the output never holds a DROP: the converted schema is written from the model, the script's final state. */
const WHY_NO_SQL = 'no DROP is written: the converted schema is created from the final state of the scripts, so a new target has no such object to drop'

/**
 * DROP … (after `DROP`): the object leaves the model (scripts often drop before they create), with
 * an info finding. A table takes its indexes along, as in Oracle. Other kinds (USER, ROLE,
 * MATERIALIZED VIEW LOG, …) are consumed with an info finding saying why nothing is written.
 */
export function readDrop(ctx: DdlContext): void {
  const { c } = ctx
  if (c.isWords('MATERIALIZED', 'VIEW', 'LOG')) return readDropOther(ctx, ['MATERIALIZED', 'VIEW', 'LOG'], 'PostgreSQL refreshes materialized views completely, without change logs')
  if (c.isWord('USER')) return readDropUser(ctx)
  if (c.isWord('DIRECTORY')) return readDropDirectory(ctx)
  const words = KINDS.find((k) => c.isWords(...k))
  if (!words) {
    const other = oracleOnlyKind(ctx)
    if (other) return readDropOther(ctx, other.words, other.reason)
    return readDropOther(ctx, [c.current.text.toUpperCase()], 'godwit reads no such objects, and the converted schema has none')
  }
  c.pos += words.length
  const kind = words.join(' ') as Kind
  c.acceptWords('IF', 'EXISTS')
  const name = kind === 'PUBLIC SYNONYM' ? { name: c.identifier('synonym name') } : readQualifiedName(ctx)
  skipRest(c) // CASCADE CONSTRAINTS, PURGE, FORCE, VALIDATE
  const removed = removeObject(ctx, kind, name)
  const label = objectLabel(kind, name)
  addFinding(
    ctx,
    'DROP_APPLIED',
    'info',
    label,
    removed
      ? `DROP ${kind} removes ${name.name} defined earlier in the scripts: it is not converted; ${WHY_NO_SQL}`
      : `DROP ${kind} of ${name.name}, which the scripts read do not define (before this statement); ${WHY_NO_SQL}`,
  )
}

/** DROP <kind> [IF EXISTS] [name | ON table] …: a kind the model does not hold. */
function readDropOther(ctx: DdlContext, words: readonly string[], reason: string): void {
  const { c } = ctx
  c.pos += words.length
  c.acceptWords('IF', 'EXISTS')
  c.acceptWord('ON')
  const name = c.isIdentifier() ? objectLabel('', readQualifiedName({ ...ctx, defaultSchema: undefined })).trim() : ''
  skipRest(c)
  const kind = words.join(' ')
  addFinding(ctx, 'DROP_IGNORED', 'info', `${kind} ${name}`.trim(), `DROP ${kind} ${name}: nothing is written, as the converted schema holds no ${kind.toLowerCase()} objects: ${reason}`.replace(/ {2}/g, ' '))
}

/**
 * DROP USER u [CASCADE]: users are not converted. With CASCADE Oracle drops the user's schema
 * objects too, so objects of schema u defined before it leave the model (without CASCADE Oracle
 * refuses to drop a user that owns objects).
 */
function readDropUser(ctx: DdlContext): void {
  const { c, catalog } = ctx
  c.expectWord('USER')
  c.acceptWords('IF', 'EXISTS')
  const user = c.identifier('user name')
  const cascade = c.acceptWord('CASCADE')
  skipRest(c)
  let removed = 0
  if (cascade) {
    const lists = [catalog.types, catalog.sequences, catalog.tables, catalog.indexes, catalog.views, catalog.code, catalog.synonyms] as NamedList<{ readonly schema?: string; readonly name: string }>[]
    for (const list of lists) {
      for (const o of list.all().filter((x) => x.schema === user)) {
        list.removeItem(o)
        removed++
      }
    }
  }
  const objects = removed > 0 ? `; CASCADE removes the ${removed} objects of schema ${user} defined before it, which are not converted` : ''
  addFinding(ctx, 'DROP_IGNORED', 'info', `USER ${user}`, `DROP USER ${user}: nothing is written, as users are not converted (the target administrator creates roles)${objects}; ${WHY_NO_SQL}`)
}

/** DROP DIRECTORY d: external tables read after it no longer find its path. */
function readDropDirectory(ctx: DdlContext): void {
  const { c } = ctx
  c.expectWord('DIRECTORY')
  c.acceptWords('IF', 'EXISTS')
  const name = c.identifier('directory name')
  skipRest(c)
  const removed = ctx.catalog.directories.remove({ name })
  addFinding(ctx, 'DROP_IGNORED', 'info', `DIRECTORY ${name}`, `DROP DIRECTORY ${name}: nothing is written, as directories are no PostgreSQL objects${removed ? '; external tables no longer take their file path from it' : ''}`)
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
      const indexes = catalog.indexes.all().filter((i) => onTable(i.table))
      const triggers = catalog.code.all().filter((o) => o.kind === 'trigger' && onTable(o.table))
      for (const index of indexes) catalog.indexes.removeItem(index)
      for (const trigger of triggers) catalog.code.removeItem(trigger)
      if (!/\bPURGE\s*;?\s*$/i.test(ctx.statement.text)) catalog.recycleBin.push({ table, indexes, triggers })
      // Foreign keys of other tables that reference it go too: CASCADE CONSTRAINTS drops them, and without it Oracle refuses the DROP while they exist.
      catalog.tables.updateAll((t) => (t.foreignKeys.some((fk) => onTable(fk.references)) ? { ...t, foreignKeys: t.foreignKeys.filter((fk) => !onTable(fk.references)) } : t))
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
