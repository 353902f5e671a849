import type {
  CodeObjectDef, DirectoryDef, GrantDef, IndexDef, QualifiedName, SchemaModel, SequenceDef, SynonymDef, TableDef, TypeDef, ViewDef,
  EngineName,
} from '../../model/schema.js'

interface Named {
  readonly schema?: string
  readonly name: string
}

/**
 * Objects of one kind in script order. A later CREATE OR REPLACE replaces the earlier definition
 * in place, so the model is the final state of the script.
 */
export class NamedList<T extends Named> {
  private readonly items: T[] = []

  constructor(private readonly sameObject: (a: T, b: T) => boolean = (a, b) => a.schema === b.schema && a.name === b.name) {}

  /**
   * Exact match first; a name written without its schema (or with one when the definition had none)
   * still finds a single object of that name, as scripts mix `hr.employees` and `employees`.
   */
  find(q: QualifiedName): T | undefined {
    const exact = this.items.find((i) => i.schema === q.schema && i.name === q.name)
    if (exact) return exact
    const byName = this.items.filter((i) => i.name === q.name && (i.schema === undefined || q.schema === undefined))
    return byName.length === 1 ? byName[0] : undefined
  }

  upsert(item: T): void {
    const at = this.items.findIndex((i) => this.sameObject(i, item))
    if (at >= 0) this.items[at] = item
    else this.items.push(item)
  }

  /** Replaces the object with `change(object)`; false when there is no such object. */
  update(q: QualifiedName, change: (item: T) => T): boolean {
    const found = this.find(q)
    if (!found) return false
    this.items[this.items.indexOf(found)] = change(found)
    return true
  }

  updateAll(change: (item: T) => T): void {
    this.items.forEach((item, i) => (this.items[i] = change(item)))
  }

  remove(q: QualifiedName): boolean {
    const found = this.find(q)
    if (!found) return false
    this.items.splice(this.items.indexOf(found), 1)
    return true
  }

  /** Removes this very object (several kinds of code share one name). */
  removeItem(item: T): void {
    const at = this.items.indexOf(item)
    if (at >= 0) this.items.splice(at, 1)
  }

  all(): readonly T[] {
    return [...this.items]
  }
}

/** The schema model while a script is read: mutable lists, frozen into a SchemaModel at the end. */
export class DdlCatalog {
  readonly types = new NamedList<TypeDef>()
  readonly sequences = new NamedList<SequenceDef>()
  readonly tables = new NamedList<TableDef>()
  readonly indexes = new NamedList<IndexDef>()
  readonly views = new NamedList<ViewDef>()
  readonly code = new NamedList<CodeObjectDef>((a, b) => a.schema === b.schema && a.name === b.name && a.kind === b.kind)
  readonly synonyms = new NamedList<SynonymDef>((a, b) => a.schema === b.schema && a.name === b.name && a.public === b.public)
  readonly grants: GrantDef[] = []
  readonly directories = new NamedList<DirectoryDef>()
  /** Tables dropped without PURGE, latest last, with what went with them: Oracle's recycle bin, for FLASHBACK TABLE … TO BEFORE DROP. */
  readonly recycleBin: Array<{ readonly table: TableDef; readonly indexes: readonly IndexDef[]; readonly triggers: readonly CodeObjectDef[] }> = []

  constructor(private readonly engine: EngineName) {}

  build(): SchemaModel {
    return {
      engine: this.engine,
      types: this.types.all(),
      sequences: this.sequences.all(),
      tables: this.tables.all(),
      indexes: this.indexes.all(),
      views: this.views.all(),
      code: this.code.all(),
      synonyms: this.synonyms.all(),
      grants: [...this.grants],
      ...(this.directories.all().length > 0 ? { directories: this.directories.all() } : {}),
    }
  }
}
