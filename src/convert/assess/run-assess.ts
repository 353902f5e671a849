import { renderAssessmentHtml } from '../../report/assessment-html.js'
import { renderAssessmentMarkdown } from '../../report/assessment-markdown.js'
import { renderJson } from '../../report/json.js'
import { reportStem, writeReportFiles, type ReportFiles } from '../../report/report-files.js'
import { convertToPostgres } from '../convert.js'
import { defaultTargetSchema, readSource, type RunConvertOptions } from '../run-convert.js'
import type { TypeOverrides } from '../type-overrides.js'
import { assess } from './assess.js'
import type { AssessmentResult } from './assessment-result.js'
import type { EffortOverrides } from './effort-model.js'

export interface RunAssessOptions extends Pick<RunConvertOptions, 'from' | 'scripts' | 'sourceUrl' | 'selection' | 'target'> {
  readonly typeOverrides?: TypeOverrides
  readonly effort?: EffortOverrides
  /** Where the Markdown, HTML and JSON reports go; nothing is written without it. */
  readonly reportDir?: string
  /** Clock for the report stamp and file names (tests pass a fixed one). */
  readonly now?: Date
}

export interface RunAssessOutcome {
  readonly result: AssessmentResult
  /** Paths of the reports written, by format. */
  readonly reports: Partial<ReportFiles>
}

/**
 * `godwit assess` as a library call. The conversion runs in memory (nothing is written) so the
 * assessment counts exactly the action items `godwit convert` would raise on the same input.
 */
export async function runAssess(options: RunAssessOptions): Promise<RunAssessOutcome> {
  const now = options.now ?? new Date()
  const input = await readSource(options)
  const converted = convertToPostgres(input, {
    targetSchema: defaultTargetSchema(input.schema, options.selection),
    typeOverrides: options.typeOverrides,
    target: options.target,
    source: input.dialect,
  })
  const result = assess(input.schema, converted.findings, { effort: options.effort, generatedAt: now.toISOString() })
  if (!options.reportDir) return { result, reports: {} }
  const reports = await writeReportFiles(options.reportDir, reportStem('assess', now), {
    markdown: renderAssessmentMarkdown(result),
    html: renderAssessmentHtml(result),
    json: renderJson(result),
  })
  return { result, reports }
}
