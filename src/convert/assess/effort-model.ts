import type { Severity } from '../../model/finding.js'
import type { AssessedKind } from './assessable-object.js'

/**
 * The numbers the estimate is built from (docs/assessment.md explains and compares them with
 * ora2pg). Minutes are a person's time to convert, review and test; they are meant to be tuned
 * per team through `assess(..., { effort })`.
 */
export interface EffortModel {
  /** Converting, reviewing and testing one object of the kind when nothing about it is special. */
  readonly baseMinutes: Readonly<Record<AssessedKind, number>>
  /** Tables: per column, on top of the base (types, defaults and NULL rules are checked one by one). */
  readonly minutesPerColumn: number
  /** Code: every `codeLinesPerUnit` non-blank lines beyond the first unit add `minutesPerCodeUnit`. */
  readonly codeLinesPerUnit: number
  readonly minutesPerCodeUnit: number
  /** Per finding conversion raised, by severity: an action item is hand work the converter left. */
  readonly findingMinutes: Readonly<Record<Severity, number>>
  readonly hoursPerDay: number
  /** An object's difficulty (minutes beyond its base) up to `low` is low, up to `medium` medium, above is high. */
  readonly difficultyThresholds: { readonly low: number; readonly medium: number }
  /** ora2pg's boundary between migration levels B and C, in person-days. */
  readonly levelCDays: number
}

export const DEFAULT_EFFORT_MODEL: EffortModel = {
  baseMinutes: {
    table: 5,
    view: 10,
    'materialized-view': 20,
    index: 2,
    sequence: 2,
    type: 15,
    synonym: 2,
    function: 30,
    procedure: 30,
    macro: 20,
    package: 15,
    'package-body': 30,
    trigger: 20,
    'type-body': 30,
  },
  minutesPerColumn: 0.5,
  codeLinesPerUnit: 50,
  minutesPerCodeUnit: 10,
  findingMinutes: { action: 20, warning: 5, info: 0 },
  hoursPerDay: 8,
  difficultyThresholds: { low: 30, medium: 120 },
  levelCDays: 5,
}

/** What a caller may change: any number, nested records key by key. */
export type EffortOverrides = Partial<Omit<EffortModel, 'baseMinutes' | 'findingMinutes' | 'difficultyThresholds'>> & {
  readonly baseMinutes?: Partial<EffortModel['baseMinutes']>
  readonly findingMinutes?: Partial<EffortModel['findingMinutes']>
  readonly difficultyThresholds?: Partial<EffortModel['difficultyThresholds']>
}

/** The default model with the caller's overrides. */
export function effortModel(overrides: EffortOverrides = {}): EffortModel {
  return {
    ...DEFAULT_EFFORT_MODEL,
    ...overrides,
    baseMinutes: { ...DEFAULT_EFFORT_MODEL.baseMinutes, ...overrides.baseMinutes },
    findingMinutes: { ...DEFAULT_EFFORT_MODEL.findingMinutes, ...overrides.findingMinutes },
    difficultyThresholds: { ...DEFAULT_EFFORT_MODEL.difficultyThresholds, ...overrides.difficultyThresholds },
  }
}

export type DifficultyLevel = 'none' | 'low' | 'medium' | 'high'

export function difficultyLevel(minutes: number, model: EffortModel): DifficultyLevel {
  if (minutes <= 0) return 'none'
  if (minutes <= model.difficultyThresholds.low) return 'low'
  if (minutes <= model.difficultyThresholds.medium) return 'medium'
  return 'high'
}

/** Minutes rounded to hours and person-days with one decimal, as reports show them. */
export function toEffort(minutes: number, model: EffortModel): { readonly minutes: number; readonly hours: number; readonly personDays: number } {
  const hours = minutes / 60
  return { minutes: Math.round(minutes), hours: Math.round(hours * 10) / 10, personDays: Math.round((hours / model.hoursPerDay) * 10) / 10 }
}
