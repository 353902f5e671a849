import { UsageError } from '../core/errors.js'
import { ENGINES, type EngineName } from '../engines/registry.js'
import type { SchemaModel } from '../model/schema.js'
import type { ScriptInput, SourceInput } from '../model/source-input.js'
import type { CatalogSelection } from './run-convert.js'
import type { SourceDialect } from './sql/dialect.js'

/** How `convert`/`assess` read one source engine: its files, its live catalog, its dialect. */
export interface SourceEngine {
  /**
   * DDL/script files → the schema model and the data statements; absent: no file reader yet.
   * `defaultSchema` (`--schema`) names the schema of unqualified names where the engine has no
   * rule of its own (Teradata's default database).
   */
  readonly readScripts?: (scripts: readonly ScriptInput[], defaultSchema?: string) => Promise<SourceInput>
  /** A live catalog → the schema model; absent: no catalog reader yet. */
  readonly introspect?: (url: string, selection: CatalogSelection) => Promise<SchemaModel>
  /** The SQL dialect the source's code is written in (its translator and type table). */
  readonly dialect: () => Promise<SourceDialect>
}

/**
 * The readers and translator of each engine `--from` can name, imported lazily so a driver
 * loads only when its database is used. Wiring a new reader is one entry here (and its
 * `convertFrom` capability in the registry).
 */
export const SOURCE_ENGINES: Readonly<Record<Extract<EngineName, 'oracle' | 'teradata'>, SourceEngine>> = {
  oracle: {
    readScripts: async (scripts) => (await import('./oracle-input.js')).readOracleScripts(scripts),
    introspect: async (url, selection) => (await import('../engines/oracle/oracle-introspector.js')).introspectOracle(url, selection),
    dialect: async () => (await import('../engines/oracle/oracle-dialect.js')).oracleDialect,
  },
  teradata: {
    readScripts: async (scripts, defaultSchema) => (await import('../engines/teradata/teradata-input.js')).readTeradataScripts(scripts, { defaultDatabase: defaultSchema }),
    introspect: async (url, selection) => (await import('../engines/teradata/teradata-catalog-read.js')).introspectTeradataSelection(url, selection),
    dialect: async () => (await import('../engines/teradata/teradata-dialect.js')).teradataDialect,
  },
}

/** The source engine `--from` names; a usage error when godwit cannot convert from it. */
export function sourceEngine(from: EngineName): SourceEngine {
  const engine = from in SOURCE_ENGINES ? SOURCE_ENGINES[from as keyof typeof SOURCE_ENGINES] : undefined
  if (engine && ENGINES[from].capabilities.convertFrom) return engine
  throw new UsageError('CONVERT_SOURCE_UNSUPPORTED', `godwit cannot convert from ${ENGINES[from].title} in this version`, {
    hint: `--from accepts: ${Object.values(ENGINES).filter((e) => e.capabilities.convertFrom).map((e) => e.name).join(', ')}.`,
  })
}
