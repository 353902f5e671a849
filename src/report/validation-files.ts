import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { ValidationResult } from '../validate/validation-result.js'
import { renderJson } from './json.js'
import { reportStem, writeReportFiles } from './report-files.js'
import { renderValidationHtml } from './validation-html.js'
import { renderValidationJunit } from './validation-junit.js'
import { renderValidationMarkdown } from './validation-markdown.js'

/** Writes validate-<timestamp>.{md,html,json} into `dir`, and the JUnit XML to `junitFile` when asked; returns the paths. */
export async function writeValidationReports(r: ValidationResult, dir: string | undefined, junitFile: string | undefined): Promise<string[]> {
  const written: string[] = []
  if (dir) {
    const files = await writeReportFiles(dir, reportStem('validate', r.startedAt), { markdown: renderValidationMarkdown(r), html: renderValidationHtml(r), json: renderJson(r) })
    written.push(files.markdown, files.html, files.json)
  }
  if (junitFile) {
    await mkdir(dirname(junitFile), { recursive: true })
    await writeFile(junitFile, renderValidationJunit(r))
    written.push(junitFile)
  }
  return written
}
