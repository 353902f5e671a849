import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { ConfigError } from '../core/errors.js'
import { validateConfig } from './config-schema.js'
import { interpolateEnv } from './interpolate.js'
import { registerSecretsIn } from './redact.js'

/** The project file, `godwit.config.json` or `godwit.config.yaml`. Flags override every key. */
export interface ProjectConfig {
  readonly source?: string
  readonly target?: string
  /** Type mapping overrides, e.g. `{ "NUMBER(1,0)": "boolean", "DATE": "date" }`. */
  readonly typeMap?: Readonly<Record<string, string>>
  /** Oracle directory → its files' path on the PostgreSQL server (`--directory`), for external tables. */
  readonly directories?: Readonly<Record<string, string>>
  /** PostgreSQL major the converted SQL must run on (`--target-version`). */
  readonly targetVersion?: number | string
  readonly include?: readonly string[]
  readonly exclude?: readonly string[]
}

const CANDIDATES = ['godwit.config.json', 'godwit.config.yaml', 'godwit.config.yml']

export function findConfigFile(dir: string): string | undefined {
  return CANDIDATES.map((n) => join(dir, n)).find((p) => existsSync(p))
}

export function loadProjectConfig(
  explicitPath: string | undefined,
  cwd: string = process.cwd(),
  env: NodeJS.ProcessEnv = process.env,
): ProjectConfig {
  const path = explicitPath ? resolve(cwd, explicitPath) : findConfigFile(cwd)
  if (!path) return {}
  if (!existsSync(path)) {
    throw new ConfigError('CONFIG_NOT_FOUND', `config file ${path} does not exist`, {
      hint: 'Pass an existing file to --config, or drop the flag to use ./godwit.config.(json|yaml).',
    })
  }
  let raw: unknown
  try {
    const text = readFileSync(path, 'utf8')
    raw = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text)
  } catch (cause) {
    throw new ConfigError('CONFIG_UNREADABLE', `config file ${path} is not valid: ${(cause as Error).message}`, {
      cause,
      hint: 'Check the file with a JSON or YAML linter.',
    })
  }
  if (raw === null || raw === undefined) return {}
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError('CONFIG_SHAPE', `config file ${path} must hold an object at the top level`)
  }
  const config = validateConfig(interpolateEnv(raw, env) as Record<string, unknown>, path)
  registerSecretsIn([config.source, config.target].filter((u): u is string => u !== undefined))
  return config
}
