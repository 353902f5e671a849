import { ConfigError } from '../core/errors.js'
import type { DirectoryDef, SchemaModel } from '../model/schema.js'

/**
 * Where Oracle directory objects' files are on the PostgreSQL server (`directories` in the config
 * file, `--directory NAME=/path` on the command line; flags win): external tables reading from a
 * directory become file_fdw foreign tables over files there. Names are Oracle identifiers,
 * matched without regard to case as unquoted names are.
 */
export function parseDirectoryPaths(config: Readonly<Record<string, string>>, flags: readonly string[]): DirectoryDef[] {
  const entries = [
    ...Object.entries(config).map(([name, path]) => [`${name}=${path}`, name, path] as const),
    ...flags.map((flag) => {
      const eq = flag.indexOf('=')
      if (eq < 0) throw invalid(flag, 'expected NAME=/path')
      return [flag, flag.slice(0, eq), flag.slice(eq + 1)] as const
    }),
  ]
  const byName = new Map<string, DirectoryDef>()
  for (const [entry, rawName, rawPath] of entries) {
    const name = rawName.trim().toUpperCase()
    const path = rawPath.trim()
    if (!/^[A-Z][A-Z0-9_$#]*$/.test(name)) throw invalid(entry, 'the directory name is not an Oracle identifier')
    // file_fdw reads a relative path from the server's data directory: almost never what is meant.
    if (!path.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(path)) throw invalid(entry, 'the path must be absolute (a path on the PostgreSQL server)')
    byName.set(name, { name, path })
  }
  return [...byName.values()]
}

/** The model with the user's directory paths, which win over the scripts' own CREATE DIRECTORY paths (those are Oracle server paths). */
export function withDirectoryPaths(model: SchemaModel, paths: readonly DirectoryDef[]): SchemaModel {
  if (paths.length === 0) return model
  const mapped = new Set(paths.map((d) => d.name.toUpperCase()))
  return { ...model, directories: [...(model.directories ?? []).filter((d) => !mapped.has(d.name.toUpperCase())), ...paths] }
}

function invalid(entry: string, why: string): ConfigError {
  return new ConfigError('DIRECTORY_MAP_INVALID', `directory path "${entry}": ${why}`, {
    object: entry,
    hint: "Write directory paths as ORACLE_DIRECTORY=/absolute/path/on/the/postgresql/server, e.g. 'EXT_DIR=/srv/godwit/files'.",
  })
}
