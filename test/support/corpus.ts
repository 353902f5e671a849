import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The shared corpus of real, public DDL lives beside the repository (../shared/corpus) and is
 * never copied into it. Tests that need it skip, saying why, when it is absent; CI fails instead
 * (.ci/run checks for it first).
 */
export const CORPUS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus')
export const corpusAvailable = existsSync(join(CORPUS_DIR, 'oracle'))
export const corpusSkipReason = `corpus not found at ${CORPUS_DIR} (it lives in ../shared/corpus beside the repo)`

export interface CorpusEntry {
  readonly path: string
  readonly args: readonly string[]
}

/** The entry scripts of one corpus schema, in installer order, with their SQL*Plus arguments. */
export function corpusLoadOrder(engine: 'oracle' | 'teradata', schema: string): CorpusEntry[] {
  const dir = join(CORPUS_DIR, engine, schema)
  return readFileSync(join(dir, 'load_order.txt'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => {
      const [file, ...args] = l.split(/\s+/)
      return { path: join(dir, file!), args }
    })
}

/** `depends:` from a corpus schema's bench.conf: schemas whose output must be loaded first. */
export function corpusDependencies(engine: 'oracle' | 'teradata', schema: string): string[] {
  const conf = join(CORPUS_DIR, engine, schema, 'bench.conf')
  if (!existsSync(conf)) return []
  const line = readFileSync(conf, 'utf8').split('\n').find((l) => l.startsWith('depends:'))
  return line ? line.replace('depends:', '').trim().split(/\s+/).filter(Boolean) : []
}
