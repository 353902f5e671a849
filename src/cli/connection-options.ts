import type { ProjectConfig } from '../config/project-config.js'
import { UsageError } from '../core/errors.js'

interface ConnectionFlagValues {
  readonly source?: string
  readonly target?: string
  readonly tables?: string[]
  readonly exclude?: string[]
}

export interface ConnectionOptions {
  readonly sourceUrl: string
  readonly targetUrl: string
  /** The table selection: include globs, then exclude globs prefixed with `!` (src/core/glob.ts). */
  readonly tables: string[]
}

/**
 * What load and validate (and every command that connects to both sides) read from their flags
 * and the project file, the same way: a flag wins over its key; `--tables`/`include` and
 * `--exclude`/`exclude` select the same tables for every command.
 */
export function connectionOptions(flags: ConnectionFlagValues, config: ProjectConfig): ConnectionOptions {
  const sourceUrl = flags.source ?? config.source
  const targetUrl = flags.target ?? config.target
  if (!sourceUrl || !targetUrl) {
    const missing = [sourceUrl ? undefined : 'source', targetUrl ? undefined : 'target'].filter(Boolean).join(' and ')
    throw new UsageError('CONNECTION_URL_MISSING', `no ${missing} database given`, {
      hint: 'Pass --source and --target, or set source and target in godwit.config.(json|yaml) (docs/configuration.md).',
    })
  }
  const include = flags.tables ?? config.include ?? []
  const exclude = flags.exclude ?? config.exclude ?? []
  return { sourceUrl, targetUrl, tables: [...include, ...exclude.map((g) => `!${g}`)] }
}
