/** How many of each kind of object a schema has: what the source defines or what PostgreSQL holds. */
export interface ObjectCounts {
  tables: number
  views: number
  materializedViews: number
  sequences: number
  /** Functions and procedures, trigger functions left out (they are counted as the trigger). */
  routines: number
  triggers: number
}

export const OBJECT_KINDS: ReadonlyArray<{ readonly key: keyof ObjectCounts; readonly label: string }> = [
  { key: 'tables', label: 'tables' },
  { key: 'views', label: 'views' },
  { key: 'materializedViews', label: 'mviews' },
  { key: 'sequences', label: 'sequences' },
  { key: 'routines', label: 'routines' },
  { key: 'triggers', label: 'triggers' },
]

export function noObjects(): ObjectCounts {
  return { tables: 0, views: 0, materializedViews: 0, sequences: 0, routines: 0, triggers: 0 }
}

export function addCounts(into: ObjectCounts, more: ObjectCounts): void {
  for (const { key } of OBJECT_KINDS) into[key] += more[key]
}
