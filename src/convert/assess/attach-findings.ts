import type { Finding } from '../../model/finding.js'
import { KIND_LABEL, objectLabel, type ModelObject } from './assessable-object.js'

/** Kind words longest first, so `PACKAGE BODY X` is not read as `PACKAGE` of `BODY X`. */
const KIND_WORDS = Object.values(KIND_LABEL).sort((a, b) => b.length - a.length)

/** Kind words the catalogue does not score (`COLUMN HR.T.C`) still precede a name without spaces. */
const OTHER_KIND = /^([A-Z]+(?: [A-Z]+)*) (\S+)$/

function splitLabel(label: string): { kind?: string; name: string } {
  const trimmed = label.trim()
  const kind = KIND_WORDS.find((k) => trimmed.toUpperCase().startsWith(`${k} `))
  if (kind) return { kind, name: trimmed.slice(kind.length + 1).trim() }
  const other = OTHER_KIND.exec(trimmed)
  return other ? { kind: other[1], name: other[2]! } : { name: trimmed }
}

export interface AttachedFindings {
  /** Findings per object, by the object's index in the list given. */
  readonly byObject: ReadonlyMap<number, readonly Finding[]>
  /** Findings about no known object (data statements, a whole file). */
  readonly unattached: readonly Finding[]
}

/**
 * Gives each finding to the object it names. Findings name objects as `KIND SCHEMA.NAME`; when
 * the kind words differ (a converter may call a materialized view a VIEW) the name decides,
 * preferring the same kind, and a column-level name (`HR.EMPLOYEES.SALARY`) falls back to its table.
 */
export function attachFindings(objects: readonly ModelObject[], findings: readonly Finding[]): AttachedFindings {
  const byLabel = new Map<string, number>()
  const byName = new Map<string, number[]>()
  objects.forEach((o, i) => {
    const label = objectLabel(o)
    if (!byLabel.has(label)) byLabel.set(label, i)
    const { name } = splitLabel(label)
    byName.set(name, [...(byName.get(name) ?? []), i])
  })

  const find = (f: Finding): number | undefined => {
    const exact = byLabel.get(f.object.trim())
    if (exact !== undefined) return exact
    const { kind, name } = splitLabel(f.object)
    const parent = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : undefined
    for (const candidate of [name, parent]) {
      const indexes = candidate === undefined ? undefined : byName.get(candidate)
      if (!indexes) continue
      return indexes.find((i) => KIND_LABEL[objects[i]!.kind] === kind) ?? indexes[0]
    }
    return undefined
  }

  const byObject = new Map<number, Finding[]>()
  const unattached: Finding[] = []
  for (const f of findings) {
    const i = find(f)
    if (i === undefined) unattached.push(f)
    else byObject.set(i, [...(byObject.get(i) ?? []), f])
  }
  return { byObject, unattached }
}
