import { UsageError } from '../core/errors.js'
import type { SourceLocation } from '../model/location.js'
import { UnsupportedConstructError } from './translate-context.js'

/**
 * The database the output is written for. Rules that emit a construct not every target has ask
 * `supports(target, feature)` and otherwise emit an equivalent or raise an action item naming
 * the version that has it.
 */
export interface TargetDialect {
  readonly engine: TargetEngine
  /** PostgreSQL: the major version, e.g. 14. Redshift: the cluster build (see OLDEST_REDSHIFT_BUILD). */
  readonly version: number
}

/** The engines SQL is written for (the `convert --to` names of src/engines/registry.ts). */
export type TargetEngine = 'postgres' | 'redshift'

/** The oldest PostgreSQL major still supported upstream: output written for it runs on every newer one. */
export const OLDEST_POSTGRES = 14
export const NEWEST_POSTGRES = 18

export const DEFAULT_TARGET: TargetDialect = { engine: 'postgres', version: OLDEST_POSTGRES }

/**
 * Redshift has no major versions: AWS patches every cluster in its maintenance window, and a
 * cluster is at most one release behind (the trailing track). Its version here is the cluster
 * build, the last number of `SELECT version()` (`Redshift 1.0.72982`). Output is written for
 * patch 183 (build 72982, August 2024, the first with subqueries and views as MERGE sources) and
 * newer; recursive CTEs (April 2021) and MERGE (April 2023) are older than that.
 */
export const OLDEST_REDSHIFT_BUILD = 72_982

export const DEFAULT_REDSHIFT_TARGET: TargetDialect = { engine: 'redshift', version: OLDEST_REDSHIFT_BUILD }

/**
 * Target features the translation rules depend on, keyed by engine: the first version that has
 * each (absent: the engine does not have it). Redshift's column is its cluster build; what
 * Redshift lacks entirely (IS JSON, the SQL/JSON functions: it has SUPER and JSON_EXTRACT_PATH_TEXT
 * instead; regexp_like; pg_input_is_valid) has no entry, so the rules take the path they take on
 * an old PostgreSQL or raise an action item.
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
  anyValue: { postgres: 16, redshift: OLDEST_REDSHIFT_BUILD },
  /** PL/pgSQL declarations of arrays of an anchored type: `v t.c%TYPE[]`. */
  plpgsqlAnchoredArrays: { postgres: 17 },
  /**
   * MERGE. Redshift's takes one unconditional WHEN MATCHED (UPDATE or DELETE) and one WHEN NOT
   * MATCHED INSERT: the Redshift renderer refuses the other forms (redshift-sql-check.ts).
   */
  merge: { postgres: 15, redshift: OLDEST_REDSHIFT_BUILD },
  /** A subquery in FROM without an alias (Redshift requires one). The generator always writes one, so no rule asks. */
  subqueryWithoutAlias: { postgres: 16 },
  /** random_normal(): a standard normal deviate. */
  randomNormal: { postgres: 16 },
  /** pg_input_is_valid(text, type): a cast that may fail, tested without raising. */
  inputIsValid: { postgres: 16 },
} as const satisfies Record<string, Partial<Record<TargetEngine, number>>>

export type TargetFeature = keyof typeof TARGET_FEATURES

export function supports(target: TargetDialect, feature: TargetFeature): boolean {
  const since: number | undefined = (TARGET_FEATURES[feature] as Partial<Record<string, number>>)[target.engine]
  return since !== undefined && target.version >= since
}

/** `PostgreSQL 14`, `Amazon Redshift`: the target as reports and messages name it. */
export function targetName(target: TargetDialect): string {
  return target.engine === 'redshift' ? 'Amazon Redshift' : `PostgreSQL ${target.version}`
}

/** An action item for a construct the target version lacks and no rule can stand in for. */
export function needsNewerTarget(what: string, feature: TargetFeature, target: TargetDialect, at?: SourceLocation): UnsupportedConstructError {
  const since = (TARGET_FEATURES[feature] as Partial<Record<string, number>>)[target.engine]
  const hint = since === undefined ? '' : ` (it needs ${target.engine === 'redshift' ? 'Redshift build' : 'PostgreSQL'} ${since}; convert with --target-version ${since} if every target runs it)`
  return new UnsupportedConstructError(`${what} has no equivalent on ${targetName(target)}${hint}`, at, 'TARGET_VERSION')
}

/**
 * `--target-version` / config `targetVersion` for the `--to` engine: a supported PostgreSQL
 * major, or a Redshift cluster build (`72982` or `1.0.72982`, no older than OLDEST_REDSHIFT_BUILD).
 */
export function parseTargetVersion(value: string | number | undefined, engine: TargetEngine = 'postgres'): TargetDialect {
  if (engine === 'redshift') return parseRedshiftBuild(value)
  if (value === undefined || value === '') return DEFAULT_TARGET
  const version = typeof value === 'number' ? value : Number(String(value).trim().split('.')[0])
  if (!Number.isInteger(version) || version < OLDEST_POSTGRES || version > NEWEST_POSTGRES) {
    throw new UsageError('TARGET_VERSION', `target version ${String(value)} is not a supported PostgreSQL major`, {
      hint: `Give a major from ${OLDEST_POSTGRES} to ${NEWEST_POSTGRES}, e.g. --target-version 15.`,
    })
  }
  return { engine: 'postgres', version }
}

function parseRedshiftBuild(value: string | number | undefined): TargetDialect {
  if (value === undefined || value === '') return DEFAULT_REDSHIFT_TARGET
  const build = typeof value === 'number' ? value : Number(String(value).trim().replace(/^1\.0\./, ''))
  if (!Number.isInteger(build) || build < OLDEST_REDSHIFT_BUILD) {
    throw new UsageError('TARGET_VERSION', `target version ${String(value)} is not a Redshift cluster build godwit writes for`, {
      hint: `Give the build SELECT version() shows (Redshift 1.0.NNNNN), ${OLDEST_REDSHIFT_BUILD} or newer, or leave --target-version out: AWS keeps every cluster patched.`,
    })
  }
  return { engine: 'redshift', version: build }
}
