import { ConfigError } from '../core/errors.js'
import type { ProjectConfig } from './project-config.js'

type KeyType = 'url' | 'globs' | 'typeMap' | 'pathMap' | 'version'

interface KeySpec {
  readonly type: KeyType
  /** Which commands read it, for docs/configuration.md and the error hint. */
  readonly usedBy: string
}

/** Every key of godwit.config.(json|yaml): one schema for every command (docs/configuration.md). */
export const CONFIG_KEYS: Readonly<Record<string, KeySpec>> = {
  source: { type: 'url', usedBy: 'load, validate; assess and convert read a live catalog from it when given no script' },
  target: { type: 'url', usedBy: 'load, validate' },
  include: { type: 'globs', usedBy: 'load, validate (tables, like --tables); assess, convert (objects, like --include)' },
  exclude: { type: 'globs', usedBy: 'load, validate (tables, like --exclude); assess, convert (objects, like --exclude)' },
  typeMap: { type: 'typeMap', usedBy: 'assess, convert, load --create (like --type-map)' },
  directories: { type: 'pathMap', usedBy: 'convert (like --directory): where Oracle directories\' files are on the PostgreSQL server, for external tables' },
  targetVersion: { type: 'version', usedBy: 'assess, convert (like --target-version; load --create reads it from the target server)' },
}

/** Keys people write that mean a known one. */
const RENAMED: Readonly<Record<string, string>> = { tables: 'include' }

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1))
      diagonal = above
    }
  }
  return row[b.length]!
}

/** The known key a misspelling most likely means, if one is close enough. */
export function didYouMean(key: string): string | undefined {
  if (RENAMED[key]) return RENAMED[key]
  const [best] = Object.keys(CONFIG_KEYS)
    .map((k) => ({ k, d: editDistance(key, k) }))
    .sort((a, b) => a.d - b.d)
  return best && best.d <= Math.max(2, Math.floor(best.k.length / 3)) ? best.k : undefined
}

function valueError(file: string, key: string, expected: string): ConfigError {
  return new ConfigError('CONFIG_INVALID_VALUE', `config file ${file}: ${key} must be ${expected}`, { object: `${file}: ${key}`, hint: 'See docs/configuration.md for every key and its form.' })
}

/**
 * Checks a parsed project file against CONFIG_KEYS: an unknown key is an error (a misspelled
 * `sorce:` silently ignored would send a load somewhere else), with the key it probably meant.
 * `include`/`exclude` may be one glob or a list; they come back as lists.
 */
export function validateConfig(raw: Record<string, unknown>, file: string): ProjectConfig {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(raw)) {
    const spec = CONFIG_KEYS[key]
    if (!spec) {
      const guess = didYouMean(key)
      throw new ConfigError('CONFIG_UNKNOWN_KEY', `config file ${file}: unknown key "${key}"`, {
        object: `${file}: ${key}`,
        hint: `${guess ? `Did you mean "${guess}"? ` : ''}The keys are ${Object.keys(CONFIG_KEYS).join(', ')} (docs/configuration.md).`,
      })
    }
    if (value === null || value === undefined) continue
    if (spec.type === 'url') {
      if (typeof value !== 'string') throw valueError(file, key, 'a connection URL string')
      out[key] = value
    } else if (spec.type === 'globs') {
      const list = typeof value === 'string' ? [value] : value
      if (!Array.isArray(list) || !list.every((g) => typeof g === 'string')) throw valueError(file, key, 'a glob or a list of globs')
      out[key] = list
    } else if (spec.type === 'version') {
      if (!(typeof value === 'number' || typeof value === 'string') || !/^\d+$/.test(String(value))) throw valueError(file, key, 'a PostgreSQL major version such as 14')
      out[key] = value
    } else {
      if (typeof value !== 'object' || Array.isArray(value) || !Object.values(value).every((t) => typeof t === 'string')) {
        throw valueError(file, key, spec.type === 'pathMap' ? 'a map of Oracle directory to server path, e.g. { "EXT_DIR": "/srv/files" }' : 'a map of source type to PostgreSQL type, e.g. { "NUMBER(1,0)": "boolean" }')
      }
      out[key] = value
    }
  }
  return out as ProjectConfig
}
