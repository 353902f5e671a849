/** The assessment library: `assess` and the plain data it returns. Reports live in src/report. */
export { assess, type AssessOptions } from './assess.js'
export type { AssessedObject, AssessmentResult, ConstructSummary, EffortEstimate, SchemaAssessment } from './assessment-result.js'
export type { AssessedKind } from './assessable-object.js'
export { CONSTRUCTS, type ConstructRule, type Handling } from './construct-catalogue.js'
export type { ConstructHit } from './detect-constructs.js'
export { DEFAULT_EFFORT_MODEL, type DifficultyLevel, type EffortModel, type EffortOverrides } from './effort-model.js'
export type { Inventory } from './inventory.js'
export type { MigrationLevel } from './migration-level.js'
