import type { Finding } from '../../model/finding.js'
import type { SchemaModel } from '../../model/schema.js'
import { codeLines, modelObjects, objectLabel, objectLocation, objectSchema, type ModelObject } from './assessable-object.js'
import type { AssessedObject, AssessmentResult, AssessmentSummary, ConstructSummary, EffortEstimate, SchemaAssessment } from './assessment-result.js'
import { attachFindings } from './attach-findings.js'
import { constructCatalogue } from './catalogues.js'
import type { ConstructRule } from './construct-catalogue.js'
import { detectConstructs } from './detect-constructs.js'
import { difficultyLevel, effortModel, toEffort, type EffortModel, type EffortOverrides } from './effort-model.js'
import { schemaPart, takeInventory } from './inventory.js'
import { migrationLevel } from './migration-level.js'

export interface AssessOptions {
  /** Overrides of the effort model's numbers (docs/assessment.md). */
  readonly effort?: EffortOverrides
  /** ISO time to stamp the result with; the library itself reads no clock. */
  readonly generatedAt?: string
}

function baseMinutes(o: ModelObject, model: EffortModel): number {
  const columns = o.kind === 'table' ? o.def.columns.length * model.minutesPerColumn : 0
  const extraCodeUnits = Math.max(0, Math.ceil(codeLines(o) / model.codeLinesPerUnit) - 1)
  return model.baseMinutes[o.kind] + columns + extraCodeUnits * model.minutesPerCodeUnit
}

function findingsMinutes(findings: readonly Finding[], model: EffortModel): number {
  return findings.reduce((n, f) => n + model.findingMinutes[f.severity], 0)
}

function assessObject(o: ModelObject, findings: readonly Finding[], model: EffortModel, rules: readonly ConstructRule[]): AssessedObject {
  const { hits, unreadable } = detectConstructs(o, rules)
  const all = [...findings, ...unreadable]
  const actionItems = all.filter((f) => f.severity === 'action')
  const base = baseMinutes(o, model)
  const difficultyMinutes = hits.reduce((n, h) => n + h.minutes, 0) + findingsMinutes(all, model)
  return {
    kind: o.kind,
    schema: objectSchema(o),
    name: o.def.name,
    label: objectLabel(o),
    at: objectLocation(o),
    constructs: hits,
    actionItems,
    notes: all.filter((f) => f.severity !== 'action'),
    baseMinutes: base,
    difficultyMinutes,
    minutes: base + difficultyMinutes,
    difficulty: difficultyLevel(difficultyMinutes, model),
    needsRewrite: actionItems.length > 0 || hits.some((h) => h.handling === 'manual'),
  }
}

function estimate(objects: readonly AssessedObject[], unattached: readonly Finding[], model: EffortModel): EffortEstimate {
  const byKind: Partial<Record<AssessedObject['kind'] | 'findings', number>> = {}
  for (const o of objects) byKind[o.kind] = (byKind[o.kind] ?? 0) + o.minutes
  const loose = findingsMinutes(unattached, model)
  if (loose > 0) byKind.findings = loose
  const total = Object.values(byKind).reduce((n, m) => n + m, 0)
  return { ...toEffort(total, model), byKind }
}

function summarizeConstructs(objects: readonly AssessedObject[], rules: readonly ConstructRule[]): ConstructSummary[] {
  return rules.flatMap((rule) => {
    const users = objects.flatMap((o) => o.constructs.filter((h) => h.id === rule.id))
    if (users.length === 0) return []
    const occurrences = users.reduce((n, h) => n + h.occurrences, 0)
    return [{ id: rule.id, title: rule.title, handling: rule.handling, minutes: rule.minutes, why: rule.why, objects: users.length, occurrences }]
  }).sort((a, b) => b.minutes * b.objects - a.minutes * a.objects || a.id.localeCompare(b.id))
}

function summarize(objects: readonly AssessedObject[], unattached: readonly Finding[]): AssessmentSummary {
  const all = [...objects.flatMap((o) => [...o.actionItems, ...o.notes]), ...unattached]
  return {
    objects: objects.length,
    objectsNeedingRewrite: objects.filter((o) => o.needsRewrite).length,
    actionItems: all.filter((f) => f.severity === 'action').length,
    warnings: all.filter((f) => f.severity === 'warning').length,
  }
}

function assessSchema(model: SchemaModel, schema: string | undefined, objects: readonly AssessedObject[], effort: EffortModel): SchemaAssessment {
  const mine = objects.filter((o) => o.schema === schema)
  const schemaEffort = estimate(mine, [], effort)
  return {
    schema,
    inventory: takeInventory(schemaPart(model, schema)),
    effort: schemaEffort,
    level: migrationLevel({ objects: mine, unattachedActionItems: 0, personDays: schemaEffort.personDays, levelCDays: effort.levelCDays }),
    objects: mine.length,
    objectsNeedingRewrite: mine.filter((o) => o.needsRewrite).length,
  }
}

/**
 * Assesses a schema for migration: inventory, a difficulty score per object from the constructs
 * its source uses and the findings conversion raised about it, an effort estimate and the
 * migration level in ora2pg's terms. Pure: the same input gives the same result.
 */
export function assess(model: SchemaModel, findings: readonly Finding[], options: AssessOptions = {}): AssessmentResult {
  const effort = effortModel(options.effort)
  const modelObjectList = modelObjects(model)
  const attached = attachFindings(modelObjectList, findings)
  const rules = constructCatalogue(model.engine)
  const objects = modelObjectList.map((o, i) => assessObject(o, attached.byObject.get(i) ?? [], effort, rules))
  const total = estimate(objects, attached.unattached, effort)
  const schemaNames = [...new Set(objects.map((o) => o.schema))].sort((a, b) => (a ?? '').localeCompare(b ?? ''))
  return {
    engine: model.engine,
    capturedAt: model.capturedAt,
    generatedAt: options.generatedAt,
    inventory: takeInventory(model),
    summary: summarize(objects, attached.unattached),
    effort: total,
    level: migrationLevel({
      objects,
      unattachedActionItems: attached.unattached.filter((f) => f.severity === 'action').length,
      personDays: total.personDays,
      levelCDays: effort.levelCDays,
    }),
    schemas: schemaNames.map((s) => assessSchema(model, s, objects, effort)),
    objects,
    constructs: summarizeConstructs(objects, rules),
    unattachedFindings: attached.unattached,
    unattachedEffort: estimate([], attached.unattached, effort),
    effortModel: effort,
  }
}
