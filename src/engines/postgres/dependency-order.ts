/**
 * Orders items so each comes after the items it depends on, keeping the input order otherwise
 * (a stable depth-first topological sort). A cycle cannot be ordered; its members keep their
 * input order and PostgreSQL reports the problem where it really is.
 */
export function dependencyOrder<T>(items: readonly T[], key: (item: T) => string, dependsOn: (item: T) => readonly string[]): T[] {
  const byKey = new Map(items.map((i) => [key(i), i]))
  const seen = new Set<string>()
  const ordered: T[] = []
  const visit = (item: T): void => {
    const k = key(item)
    if (seen.has(k)) return
    seen.add(k)
    for (const d of dependsOn(item)) {
      const dep = byKey.get(d)
      if (dep) visit(dep)
    }
    ordered.push(item)
  }
  items.forEach(visit)
  return ordered
}
