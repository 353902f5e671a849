import { Flags } from '@oclif/core'

/**
 * Flags shared by the commands that connect to a live source and target (load, validate, cdc).
 * URLs fall back to the project file's `source`/`target`, so none is required here.
 */
export const connectionFlags = {
  source: Flags.string({ description: 'Source database URL, e.g. postgres://user:pass@host/db or oracle://user:pass@host:1521/service (default: source in the project file).' }),
  target: Flags.string({ description: 'Target URL, postgres://… or (load) redshift://user@cluster:5439/db (default: target in the project file).' }),
  tables: Flags.string({
    description: "Tables to include, 'schema.table' globs, comma-separated or repeated (default: include in the project file, else every user table).",
    multiple: true,
    delimiter: ',',
  }),
  exclude: Flags.string({
    description: "Tables to leave out, 'schema.table' globs, comma-separated or repeated (also exclude in the project file).",
    multiple: true,
    delimiter: ',',
  }),
  jobs: Flags.integer({ description: 'Parallel workers.', default: 4, min: 1 }),
}
