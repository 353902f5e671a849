import { redactUrl } from '../config/redact.js'
import { UsageError } from '../core/errors.js'

/**
 * The one place an engine is chosen: `--from`/`--to` names and URL schemes map to an engine,
 * with what it can do. Phases switch over `EngineName` (exhaustively) to open their own engine
 * code lazily, so a driver is imported only when its database is used; none of them parses a
 * scheme itself.
 */
export type EngineName = 'oracle' | 'teradata' | 'postgres' | 'redshift'

/** What a phase can do with an engine. A capability added to a phase is a new key here. */
export interface EngineCapabilities {
  /** `convert --from` / `assess --from`: DDL files or the live catalog read into the model. */
  readonly convertFrom: boolean
  /** `convert --to`: SQL written for it. */
  readonly convertTo: boolean
  readonly loadSource: boolean
  readonly loadTarget: boolean
  readonly cdcSource: boolean
  /** `cdc --target`: change batches applied with their checkpoint in one transaction. */
  readonly cdcTarget: boolean
  /** `cdc --reverse` after a cutover from it: the new PostgreSQL database's changes applied back into it. */
  readonly cdcReverseTarget: boolean
  readonly validateSource: boolean
  readonly validateTarget: boolean
}

export type EngineCapability = keyof EngineCapabilities

export interface EngineEntry {
  readonly name: EngineName
  /** As people write it in prose and reports. */
  readonly title: string
  /** URL schemes, without the colon. */
  readonly schemes: readonly string[]
  readonly exampleUrl: string
  readonly capabilities: EngineCapabilities
}

const NONE: EngineCapabilities = {
  convertFrom: false,
  convertTo: false,
  loadSource: false,
  loadTarget: false,
  cdcSource: false,
  cdcTarget: false,
  cdcReverseTarget: false,
  validateSource: false,
  validateTarget: false,
}

/**
 * PostgreSQL is a target and also a source: it stands in for the commercial sources in tests
 * and demos, and it is what a fall-back replays from after cutover.
 */
export const ENGINES: Readonly<Record<EngineName, EngineEntry>> = {
  oracle: {
    name: 'oracle',
    title: 'Oracle',
    schemes: ['oracle'],
    exampleUrl: 'oracle://user:password@host:1521/service',
    capabilities: { ...NONE, convertFrom: true, loadSource: true, cdcSource: true, cdcReverseTarget: true, validateSource: true },
  },
  teradata: {
    name: 'teradata',
    title: 'Teradata',
    schemes: ['teradata'],
    exampleUrl: 'teradata://user:password@host/database',
    capabilities: { ...NONE, convertFrom: true, loadSource: true, cdcSource: true, validateSource: true },
  },
  postgres: {
    name: 'postgres',
    title: 'PostgreSQL',
    schemes: ['postgres', 'postgresql'],
    exampleUrl: 'postgres://user:password@host:5432/database',
    capabilities: { ...NONE, convertTo: true, loadSource: true, loadTarget: true, cdcSource: true, cdcTarget: true, cdcReverseTarget: true, validateSource: true, validateTarget: true },
  },
  redshift: {
    name: 'redshift',
    title: 'Amazon Redshift',
    schemes: ['redshift'],
    exampleUrl: 'redshift://user:password@cluster.region.redshift.amazonaws.com:5439/database',
    capabilities: { ...NONE, convertTo: true, loadTarget: true, cdcTarget: true, validateTarget: true },
  },
}

const CAPABILITY_WORDS: Readonly<Record<EngineCapability, string>> = {
  convertFrom: 'convert from',
  convertTo: 'convert to',
  loadSource: 'load from',
  loadTarget: 'load into',
  cdcSource: 'replay changes from',
  cdcTarget: 'replay changes into',
  cdcReverseTarget: 'replay changes back (cdc --reverse) into',
  validateSource: 'validate as a source',
  validateTarget: 'validate as a target',
}

/** Engines that have a capability, for `--from`/`--to` options and hints. */
export function enginesThat(capability: EngineCapability): EngineEntry[] {
  return Object.values(ENGINES).filter((e) => e.capabilities[capability])
}

/** The URL's scheme, lower-cased, or undefined when the text has none. */
export function urlScheme(url: string): string | undefined {
  return /^([a-z][a-z0-9+.-]*):/i.exec(url.trim())?.[1]?.toLowerCase()
}

/**
 * Whether the drivers can read the URL, checked here so every phase refuses a malformed one as a
 * usage error before a driver throws it. Like node-postgres it accepts unencoded spaces and an
 * empty host (`postgres://user@/db`, a local socket).
 */
function parsesAsUrl(url: string): boolean {
  const text = /\s|%(?![0-9a-f]{2})/i.test(url) ? encodeURI(url).replace(/%25(\d\d)/g, '%$1') : url
  return URL.canParse(text) || URL.canParse(text.replace('@/', '@localhost/'))
}

/** The engine a URL names by its scheme; a usage error listing the schemes otherwise. */
export function engineOfUrl(url: string): EngineEntry {
  const scheme = urlScheme(url)
  const entry = Object.values(ENGINES).find((e) => scheme !== undefined && e.schemes.includes(scheme))
  if (entry && parsesAsUrl(url)) return entry
  if (entry) {
    throw new UsageError('URL_INVALID', `${redactUrl(url)} is not a valid ${entry.title} URL (a port out of range, a stray character?)`, {
      object: redactUrl(url),
      hint: `Write it as ${entry.schemes[0]}://user:password@host:port/database, with special characters in the password percent-encoded.`,
    })
  }
  throw new UsageError('ENGINE_UNKNOWN_SCHEME', `${redactUrl(url)} names no engine godwit knows${scheme ? ` (scheme ${scheme}://)` : ' (no scheme)'}`, {
    object: redactUrl(url),
    hint: `Write the URL with one of: ${Object.values(ENGINES).flatMap((e) => e.schemes.map((s) => `${s}://`)).join(', ')}.`,
  })
}

/** The engine of a `--from`/`--to` name (an engine name or one of its schemes). */
export function engineNamed(name: string): EngineEntry {
  const n = name.trim().toLowerCase()
  const entry = Object.values(ENGINES).find((e) => e.name === n || e.schemes.includes(n))
  if (entry) return entry
  throw new UsageError('ENGINE_UNKNOWN', `no engine is called ${JSON.stringify(name)}`, { hint: `Engines: ${Object.keys(ENGINES).join(', ')}.` })
}

/**
 * The engine of a URL, checked for what the phase needs from it. `code` is the phase's error
 * code (e.g. LOAD_SOURCE_UNSUPPORTED) so scripts keep branching on it.
 */
export function engineFor(url: string, capability: EngineCapability, code: string): EngineEntry {
  const entry = engineOfUrl(url)
  if (entry.capabilities[capability]) return entry
  const able = enginesThat(capability)
  throw new UsageError(code, `godwit cannot ${CAPABILITY_WORDS[capability]} ${entry.title} (${redactUrl(url)}) in this version`, {
    object: redactUrl(url),
    hint: `It can ${CAPABILITY_WORDS[capability]}: ${able.map((e) => `${e.title} (${e.schemes[0]}://)`).join(', ') || 'no engine yet'}.`,
  })
}

/** Narrows a switch over engine names that a phase has ruled out with `engineFor`. */
export function unreachableEngine(engine: EngineEntry): never {
  throw new Error(`internal: ${engine.name} passed the capability check but has no implementation here`)
}
