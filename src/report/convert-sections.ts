import type { ConvertReport, ObjectCounts } from '../convert/convert-report.js'
import { excerptCell, positionCell } from './finding-cells.js'
import type { Finding } from '../model/finding.js'
import type { ReportSection, SummaryFigure } from './report-table.js'

/** The content of a conversion report, shared by the Markdown and HTML renderers: summary first. */

const ENGINE_TITLE: Readonly<Record<ConvertReport['from'] | ConvertReport['to'], string>> = { oracle: 'Oracle', postgres: 'PostgreSQL', redshift: 'Amazon Redshift' }

const OBJECT_KINDS: ReadonlyArray<[keyof ObjectCounts, string]> = [
  ['tables', 'Tables'],
  ['views', 'Views'],
  ['materializedViews', 'Materialized views'],
  ['sequences', 'Sequences'],
  ['indexes', 'Indexes'],
  ['types', 'Types'],
  ['functions', 'Functions'],
  ['procedures', 'Procedures'],
  ['packages', 'Packages'],
  ['triggers', 'Triggers'],
  ['synonyms', 'Synonyms'],
  ['dataStatements', 'Data statements'],
]

export function convertTitle(r: ConvertReport): string {
  return `Conversion: ${ENGINE_TITLE[r.from]} to ${ENGINE_TITLE[r.to]}`
}

export function convertSummary(r: ConvertReport): SummaryFigure[] {
  return [
    { label: 'Output', value: r.outDir ?? '(not written)' },
    { label: 'Written for', value: r.to === 'redshift' ? `${r.targetName} (build ${r.targetVersion} and newer)` : `${r.targetName} and newer` },
    { label: 'Target schema', value: r.targetSchema },
    { label: 'Statements written', value: String(r.files.reduce((n, f) => n + f.statements, 0)) },
    { label: 'Action items', value: String(r.actionItems.length) },
    { label: 'Warnings', value: String(r.warnings.length) },
    { label: 'Notes', value: String(r.notes.length) },
    { label: 'Took', value: `${r.seconds.toFixed(2)} s` },
  ]
}

export function convertSections(r: ConvertReport): ReportSection[] {
  return [
    {
      title: 'Output files',
      intro: 'Run them in name order: pre-data (schemas, types, sequences, tables), data, post-data (indexes, constraints, foreign keys), code (views, routines, triggers).',
      table: { columns: [{ title: 'File' }, { title: 'Statements', align: 'right' }], rows: r.files.map((f) => [f.name, f.statements]) },
    },
    {
      title: 'Objects converted',
      intro: 'Kinds with no objects are left out.',
      table: { columns: [{ title: 'Object kind' }, { title: 'Count', align: 'right' }], rows: OBJECT_KINDS.filter(([k]) => r.objects[k] > 0).map(([k, title]) => [title, r.objects[k]]) },
      empty: 'The input holds no objects.',
    },
    {
      title: 'Action items',
      intro: 'What conversion could not do automatically. Each one is in the output SQL, commented out under an ACTION ITEM line with its position and reason, for a person to finish in place.',
      table: {
        columns: [{ title: 'Object' }, { title: 'Code' }, { title: 'Position' }, { title: 'Message' }, { title: 'Source' }],
        rows: r.actionItems.map((f) => [f.object, f.code, positionCell(f.at), f.message, excerptCell(f.source)]),
      },
      empty: 'None.',
    },
    findingSection('Warnings', 'Converted, but worth a look: the output may behave differently from the source.', r.warnings),
    findingSection('Notes', 'Read and deliberately left out or adapted, each with the reason nothing is lost (DROPs, users and roles, storage and administration statements).', r.notes),
    ...(r.unenforcedKeys
      ? [
          {
            title: 'Keys the target does not enforce',
            intro: `${r.targetName} keeps these keys for its planner without checking them: the load and validation phases check their uniqueness and references instead.`,
            table: {
              columns: [{ title: 'Table' }, { title: 'Kind' }, { title: 'Columns' }, { title: 'References' }],
              rows: r.unenforcedKeys.map((k) => [k.table, k.kind, k.columns.join(', '), k.references ?? '']),
            },
            empty: 'None.',
          },
        ]
      : []),
  ]
}

function findingSection(title: string, intro: string, findings: readonly Finding[]): ReportSection {
  return {
    title,
    intro,
    table: { columns: [{ title: 'Object' }, { title: 'Code' }, { title: 'Position' }, { title: 'Message' }], rows: findings.map((f) => [f.object, f.code, positionCell(f.at), f.message]) },
    empty: 'None.',
  }
}
