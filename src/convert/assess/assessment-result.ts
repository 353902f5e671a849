import type { Finding } from '../../model/finding.js'
import type { SourceLocation } from '../../model/location.js'
import type { EngineName } from '../../model/schema.js'
import type { AssessedKind } from './assessable-object.js'
import type { Handling } from './construct-catalogue.js'
import type { ConstructHit } from './detect-constructs.js'
import type { DifficultyLevel, EffortModel } from './effort-model.js'
import type { Inventory } from './inventory.js'
import type { MigrationLevel } from './migration-level.js'

/** One object's assessment: what it uses, what conversion left to do, and what that costs. */
export interface AssessedObject {
  readonly kind: AssessedKind
  readonly schema?: string
  readonly name: string
  /** `TABLE HR.EMPLOYEES`: the same form as `Finding.object`. */
  readonly label: string
  readonly at?: SourceLocation
  readonly constructs: readonly ConstructHit[]
  /** Findings of severity `action` about this object: hand work the converter left. */
  readonly actionItems: readonly Finding[]
  /** Its other findings (warnings, notes). */
  readonly notes: readonly Finding[]
  /** Routine conversion, review and test time for an object of its kind and size. */
  readonly baseMinutes: number
  /** Minutes its constructs and findings add on top of the base. */
  readonly difficultyMinutes: number
  readonly minutes: number
  readonly difficulty: DifficultyLevel
  /** Some construct has no PostgreSQL equivalent, or conversion left an action item. */
  readonly needsRewrite: boolean
}

/** How often a construct occurs across the assessed objects. */
export interface ConstructSummary {
  readonly id: string
  readonly title: string
  readonly handling: Handling
  readonly minutes: number
  readonly why: string
  readonly objects: number
  readonly occurrences: number
}

export interface EffortEstimate {
  readonly minutes: number
  readonly hours: number
  readonly personDays: number
  /** Minutes by object kind; `findings` holds findings about no particular object. */
  readonly byKind: Readonly<Partial<Record<AssessedKind | 'findings', number>>>
}

export interface SchemaAssessment {
  /** Absent for objects the source named without a schema. */
  readonly schema?: string
  readonly inventory: Inventory
  readonly effort: EffortEstimate
  readonly level: MigrationLevel
  readonly objects: number
  readonly objectsNeedingRewrite: number
}

/**
 * The headline figures, computed once: the console, the Markdown and HTML reports and the JSON
 * all print these, never a count of their own.
 */
export interface AssessmentSummary {
  readonly objects: number
  readonly objectsNeedingRewrite: number
  /** Action items on objects plus those about no particular object (`unattachedFindings`). */
  readonly actionItems: number
  readonly warnings: number
}

/** What `godwit assess` produces; `--json` prints exactly this object. */
export interface AssessmentResult {
  readonly engine: EngineName
  /** When the source catalog was read, if it was. */
  readonly capturedAt?: string
  /** When the assessment was made, as given by the caller (the library reads no clock). */
  readonly generatedAt?: string
  readonly inventory: Inventory
  readonly summary: AssessmentSummary
  /** The whole input: the schemas' estimates plus `unattachedEffort`. */
  readonly effort: EffortEstimate
  /** The whole input's level, in ora2pg's vocabulary. */
  readonly level: MigrationLevel
  readonly schemas: readonly SchemaAssessment[]
  /** Every scored object, in the model's order. */
  readonly objects: readonly AssessedObject[]
  /** Constructs found, most costly in total first. */
  readonly constructs: readonly ConstructSummary[]
  /** Findings that name no object in the model (data statements, whole files). */
  readonly unattachedFindings: readonly Finding[]
  /** What `unattachedFindings` add to the estimate: with `schemas`, it sums to `effort`. */
  readonly unattachedEffort: EffortEstimate
  /** The numbers the estimate used, so a reader can redo it. */
  readonly effortModel: EffortModel
}

/**
 * Objects whose constructs or findings add work beyond routine conversion, by the minutes every
 * view prints (`minutes`, base included), most first: the console's "hardest objects" and the
 * reports' "objects by difficulty" are this one list.
 */
export function objectsByWork(r: Pick<AssessmentResult, 'objects'>): AssessedObject[] {
  return r.objects.filter((o) => o.difficulty !== 'none').sort((a, b) => b.minutes - a.minutes || a.label.localeCompare(b.label))
}
