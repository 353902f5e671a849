import type { ProjectConfig } from '../config/project-config.js'
import { UsageError } from '../core/errors.js'

interface ConnectionFlagValues {
  readonly source?: string
  readonly target?: string
  readonly tables?: string[]
  readonly exclude?: string[]
}

/** The tables a command works on: `--tables`/`include` globs less `--exclude`/`exclude` globs. */
export interface TableSelection {
  readonly include: string[]
  readonly exclude: string[]
}

export interface ConnectionOptions {
  readonly sourceUrl: string
  readonly targetUrl: string
  /** The table selection: include globs, then exclude globs prefixed with `!` (src/core/glob.ts). */
  readonly tables: string[]
}

/** `--tables`/`include` and `--exclude`/`exclude` select the same tables for every command; a flag wins over its key. */
export function tableSelection(flags: ConnectionFlagValues, config: ProjectConfig): TableSelection {
  return { include: [...(flags.tables ?? config.include ?? [])], exclude: [...(flags.exclude ?? config.exclude ?? [])] }
}

/**
 * The source and target URLs from the flags or the project file. `need` names the sides this
 * command needs; a missing one is a usage error naming it (a command that works on one side, such
 * as `load --list-runs`, asks for that side only).
 */
export function connectionUrls(
  flags: ConnectionFlagValues,
  config: ProjectConfig,
  need: { readonly source: boolean; readonly target: boolean } = { source: true, target: true },
): { readonly sourceUrl?: string; readonly targetUrl?: string } {
  const sourceUrl = flags.source ?? config.source
  const targetUrl = flags.target ?? config.target
  const missing = [need.source && !sourceUrl ? 'source' : undefined, need.target && !targetUrl ? 'target' : undefined].filter(Boolean)
  if (missing.length > 0) {
    throw new UsageError('CONNECTION_URL_MISSING', `no ${missing.join(' and ')} database given`, {
      hint: 'Pass --source and --target, or set source and target in godwit.config.(json|yaml) (docs/configuration.md).',
    })
  }
  return { ...(sourceUrl ? { sourceUrl } : {}), ...(targetUrl ? { targetUrl } : {}) }
}

/** What commands that connect to both sides read from their flags and the project file, the same way. */
export function connectionOptions(flags: ConnectionFlagValues, config: ProjectConfig): ConnectionOptions {
  const { sourceUrl, targetUrl } = connectionUrls(flags, config)
  return { sourceUrl: sourceUrl as string, targetUrl: targetUrl as string, tables: tablePatterns(flags, config) }
}

/** The table selection as one pattern list: include globs, then exclude globs prefixed with `!`. */
export function tablePatterns(flags: ConnectionFlagValues, config: ProjectConfig): string[] {
  const { include, exclude } = tableSelection(flags, config)
  return [...include, ...exclude.map((g) => `!${g}`)]
}
