import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { CORPUS_DIR, corpusDependencies } from '../../test/support/corpus.js'

/**
 * The Oracle corpus's schemas in an order where each comes after the schemas its bench.conf
 * `depends:` names (hr before oe before pm), ties broken by name so every run applies alike.
 */
export function oracleSchemasInDependencyOrder(): string[] {
  const all = readdirSync(join(CORPUS_DIR, 'oracle'), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
  const ordered: string[] = []
  const visiting = new Set<string>()
  const visit = (schema: string) => {
    if (ordered.includes(schema)) return
    if (visiting.has(schema)) throw new Error(`corpus schemas depend on each other in a cycle through ${schema}`)
    visiting.add(schema)
    for (const dep of corpusDependencies('oracle', schema)) visit(dep)
    ordered.push(schema)
  }
  for (const schema of all) visit(schema)
  return ordered
}
