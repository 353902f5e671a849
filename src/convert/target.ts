import { UsageError } from '../core/errors.js'
import type { SourceLocation } from '../model/location.js'
import { UnsupportedConstructError } from './translate-context.js'

/**
 * The database the output is written for. Rules that emit a construct not every target has ask
 * `supports(target, feature)` and otherwise emit an equivalent or raise an action item naming
 * the version that has it.
 */
export interface TargetDialect {
  readonly engine: 'postgres'
  /** Major version, e.g. 14. */
  readonly version: number
}

/** The oldest PostgreSQL major still supported upstream: output written for it runs on every newer one. */
export const OLDEST_POSTGRES = 14
export const NEWEST_POSTGRES = 18

export const DEFAULT_TARGET: TargetDialect = { engine: 'postgres', version: OLDEST_POSTGRES }

/**
 * Target features the translation rules depend on, keyed by engine: the first version that has
 * each (absent: the engine does not have it). Redshift joins as another engine column.
 */
export const TARGET_FEATURES = {
  /** `expr IS JSON [OBJECT|ARRAY|SCALAR] [WITH UNIQUE KEYS]`. */
  isJsonPredicate: { postgres: 16 },
  /** JSON_OBJECT, JSON_ARRAY, JSON_OBJECTAGG, JSON_ARRAYAGG with the standard's clauses. */
  sqlJsonConstructors: { postgres: 16 },
  /** JSON_VALUE, JSON_QUERY, JSON_EXISTS. */
  sqlJsonQueryFunctions: { postgres: 17 },
  jsonTable: { postgres: 17 },
  /** JSON_SERIALIZE, JSON_SCALAR. */
  jsonSerialize: { postgres: 17 },
  /** regexp_like, regexp_count, regexp_instr, regexp_substr and regexp_replace(…, start, N, flags). */
  regexpFunctions: { postgres: 15 },
  anyValue: { postgres: 16 },
  merge: { postgres: 15 },
  /** A subquery in FROM without an alias. The generator always writes one, so no rule asks. */
  subqueryWithoutAlias: { postgres: 16 },
  /** random_normal(): a standard normal deviate. */
  randomNormal: { postgres: 16 },
  /** pg_input_is_valid(text, type): a cast that may fail, tested without raising. */
  inputIsValid: { postgres: 16 },
} as const satisfies Record<string, Partial<Record<TargetDialect['engine'], number>>>

export type TargetFeature = keyof typeof TARGET_FEATURES

export function supports(target: TargetDialect, feature: TargetFeature): boolean {
  const since: number | undefined = (TARGET_FEATURES[feature] as Partial<Record<string, number>>)[target.engine]
  return since !== undefined && target.version >= since
}

export function targetName(target: TargetDialect): string {
  return `PostgreSQL ${target.version}`
}

/** An action item for a construct the target version lacks and no rule can stand in for. */
export function needsNewerTarget(what: string, feature: TargetFeature, target: TargetDialect, at?: SourceLocation): UnsupportedConstructError {
  const since = (TARGET_FEATURES[feature] as Partial<Record<string, number>>)[target.engine]
  const hint = since === undefined ? '' : ` (it needs PostgreSQL ${since}; convert with --target-version ${since} if every target runs it)`
  return new UnsupportedConstructError(`${what} has no equivalent on ${targetName(target)}${hint}`, at, 'TARGET_VERSION')
}

/** `--target-version` / config `targetVersion`: a supported PostgreSQL major. */
export function parseTargetVersion(value: string | number | undefined): TargetDialect {
  if (value === undefined || value === '') return DEFAULT_TARGET
  const version = typeof value === 'number' ? value : Number(String(value).trim().split('.')[0])
  if (!Number.isInteger(version) || version < OLDEST_POSTGRES || version > NEWEST_POSTGRES) {
    throw new UsageError('TARGET_VERSION', `target version ${String(value)} is not a supported PostgreSQL major`, {
      hint: `Give a major from ${OLDEST_POSTGRES} to ${NEWEST_POSTGRES}, e.g. --target-version 15.`,
    })
  }
  return { engine: 'postgres', version }
}
