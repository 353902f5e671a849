import { objectsByWork, type AssessmentResult } from '../convert/assess/assessment-result.js'
import type { Inventory } from '../convert/assess/inventory.js'
import { excerptCell, positionCell } from './finding-cells.js'
import type { ReportCell, ReportSection, SummaryFigure } from './report-table.js'

/** The content of an assessment report, shared by the Markdown and HTML renderers. */

const ENGINE_TITLE: Readonly<Record<AssessmentResult['engine'], string>> = {
  oracle: 'Oracle',
  teradata: 'Teradata',
  postgres: 'PostgreSQL',
  redshift: 'Redshift',
}

export function assessmentTitle(r: AssessmentResult): string {
  return `Migration assessment: ${ENGINE_TITLE[r.engine]} to PostgreSQL`
}

/** The headline figures, shown first. */
export function summaryFigures(r: AssessmentResult): SummaryFigure[] {
  const s = r.summary
  return [
    { label: 'Migration level (ora2pg scale)', value: r.level.code },
    { label: 'Estimated effort', value: `${r.effort.personDays} person-days (${r.effort.hours} h)` },
    { label: 'Objects assessed', value: String(s.objects) },
    { label: 'Objects needing rewrite', value: String(s.objectsNeedingRewrite) },
    { label: 'Action items', value: String(s.actionItems) },
    { label: 'Warnings', value: String(s.warnings) },
  ]
}

function inventoryRows(inv: Inventory): Array<[string, number]> {
  return [
    ['Tables', inv.tables],
    ['Columns', inv.columns],
    ['Partitioned tables', inv.partitionedTables],
    ['Temporary tables', inv.temporaryTables],
    ['Indexes', inv.indexes.total],
    ['Indexes: B-tree', inv.indexes.byKind.btree],
    ['Indexes: bitmap', inv.indexes.byKind.bitmap],
    ['Indexes: domain', inv.indexes.byKind.domain],
    ['Indexes: reverse key', inv.indexes.byKind.reverse],
    ['Indexes: unique', inv.indexes.unique],
    ['Indexes: function-based', inv.indexes.functionBased],
    ['Primary keys', inv.constraints.primaryKeys],
    ['Unique constraints', inv.constraints.uniques],
    ['Check constraints', inv.constraints.checks],
    ['Foreign keys', inv.constraints.foreignKeys],
    ['NOT NULL columns', inv.constraints.notNull],
    ['Sequences', inv.sequences],
    ['Views', inv.views],
    ['Materialized views', inv.materializedViews],
    ['Types', inv.types.total],
    ['Types: object', inv.types.object],
    ['Types: VARRAY', inv.types.varray],
    ['Types: nested table', inv.types.nestedTable],
    ['Type bodies', inv.typeBodies],
    ['Functions', inv.functions],
    ['Procedures', inv.procedures],
    ['Packages', inv.packages],
    ['Package bodies', inv.packageBodies],
    ['Triggers', inv.triggers],
    ['Synonyms', inv.synonyms],
    ['Grants', inv.grants],
  ]
}

/** The report's sections after the summary, in reading order. */
export function assessmentSections(r: AssessmentResult): ReportSection[] {
  const scored = objectsByWork(r)
  const actionItems = r.objects.flatMap((o) => o.actionItems.map((f) => ({ object: o.label, f })))
  return [
    {
      title: 'Migration level',
      intro: `${r.level.code}: ${r.level.explanation} See docs/assessment.md for how this compares with ora2pg's report.`,
    },
    {
      title: 'Schemas',
      intro: 'Findings about no particular object (data statements, whole scripts) have a row of their own, so the rows add up to the total (each rounded to 0.1).',
      table: {
        columns: [{ title: 'Schema' }, { title: 'Objects', align: 'right' }, { title: 'Need rewrite', align: 'right' }, { title: 'Hours', align: 'right' }, { title: 'Person-days', align: 'right' }, { title: 'Level' }],
        rows: [
          ...r.schemas.map((s): ReportCell[] => [s.schema ?? '(no schema)', s.objects, s.objectsNeedingRewrite, s.effort.hours, s.effort.personDays, s.level.code]),
          ...(r.unattachedEffort.minutes > 0 ? [['(findings about no object)', '', '', r.unattachedEffort.hours, r.unattachedEffort.personDays, '']] : []),
          ['Total', r.summary.objects, r.summary.objectsNeedingRewrite, r.effort.hours, r.effort.personDays, r.level.code],
        ],
      },
      empty: 'No objects.',
    },
    {
      title: 'Inventory',
      intro: 'Kinds with no objects are left out.',
      table: { columns: [{ title: 'Object kind' }, { title: 'Count', align: 'right' }], rows: inventoryRows(r.inventory).filter(([, n]) => n > 0) },
      empty: 'The input holds no objects.',
    },
    {
      title: 'Constructs found',
      intro: 'Oracle features that cost more than a routine conversion, most costly in total first. Minutes count once per object that uses the construct.',
      table: {
        columns: [{ title: 'Construct' }, { title: 'Handling' }, { title: 'Objects', align: 'right' }, { title: 'Occurrences', align: 'right' }, { title: 'Minutes each', align: 'right' }, { title: 'Why' }],
        rows: r.constructs.map((c) => [c.title, c.handling, c.objects, c.occurrences, c.minutes, c.why]),
      },
      empty: 'No construct of the catalogue was found.',
    },
    {
      title: 'Objects by difficulty',
      intro: 'Objects whose constructs or findings add work beyond routine conversion, most work first.',
      table: {
        columns: [{ title: 'Object' }, { title: 'Difficulty' }, { title: 'Minutes', align: 'right' }, { title: 'Constructs' }, { title: 'Action items', align: 'right' }, { title: 'Position' }],
        rows: scored.map((o) => [
          o.label,
          o.needsRewrite ? `${o.difficulty} (rewrite)` : o.difficulty,
          o.minutes,
          o.constructs.map((c) => (c.samples.length > 0 ? `${c.title} [${c.samples.join(', ')}]` : c.title)).join('; '),
          o.actionItems.length,
          positionCell(o.at),
        ]),
      },
      empty: 'Every object converts routinely.',
    },
    {
      title: 'Action items',
      intro: `What conversion could not do automatically; each needs a person. ${actionItems.length} are about objects (below), ${r.summary.actionItems - actionItems.length} about no particular object (in the next section).`,
      table: {
        columns: [{ title: 'Object' }, { title: 'Code' }, { title: 'Position' }, { title: 'Message' }, { title: 'Source' }],
        rows: actionItems.map(({ object, f }) => [object, f.code, positionCell(f.at), f.message, excerptCell(f.source)]),
      },
      empty: 'None.',
    },
    {
      title: 'Findings about no particular object',
      table: {
        columns: [{ title: 'About' }, { title: 'Severity' }, { title: 'Code' }, { title: 'Position' }, { title: 'Message' }],
        rows: r.unattachedFindings.map((f) => [f.object, f.severity, f.code, positionCell(f.at), f.message]),
      },
      empty: 'None.',
    },
    {
      title: 'How the estimate is made',
      intro:
        `Each object costs a base time for its kind (tables also per column, code also per ${r.effortModel.codeLinesPerUnit} lines), ` +
        `plus the minutes of every construct it uses, plus ${r.effortModel.findingMinutes.action} minutes per action item and ` +
        `${r.effortModel.findingMinutes.warning} per warning; a person-day is ${r.effortModel.hoursPerDay} hours. ` +
        'The numbers are in the JSON result (effortModel) and explained in docs/assessment.md.',
    },
  ]
}
