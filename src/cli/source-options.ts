import type { ProjectConfig } from '../config/project-config.js'
import type { RunConvertOptions } from '../convert/run-convert.js'
import { parseTypeOverrides, type TypeOverrides } from '../convert/type-overrides.js'
import { engineNamed } from '../engines/registry.js'
import { collectScripts } from './script-list.js'

interface SourceFlagValues {
  readonly from?: string
  readonly source?: string
  readonly 'source-schema'?: string[]
  readonly include?: string[]
  readonly exclude?: string[]
  readonly 'script-list'?: string
  readonly 'type-map'?: string[]
}

/**
 * What `convert` and `assess` read, from their shared flags and the project file: scripts given
 * on the command line win; the config's `source` URL is used only when no script is given.
 */
export function sourceOptions(
  argv: readonly string[],
  flags: SourceFlagValues,
  config: ProjectConfig,
): Pick<RunConvertOptions, 'from' | 'scripts' | 'sourceUrl' | 'selection'> & { readonly typeOverrides: TypeOverrides } {
  const noScripts = argv.length === 0 && !flags['script-list']
  return {
    from: flags.from === undefined ? undefined : engineNamed(flags.from).name,
    scripts: collectScripts(argv, flags['script-list']),
    sourceUrl: flags.source ?? (noScripts ? config.source : undefined),
    selection: { schemas: flags['source-schema'] ?? [], include: flags.include ?? config.include, exclude: flags.exclude ?? config.exclude },
    typeOverrides: parseTypeOverrides({ ...config.typeMap }, flags['type-map'] ?? []),
  }
}
