import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { ValidationResult } from '../validate/validation-result.js'
import { renderJson } from './json.js'
import { renderValidationHtml } from './validation-html.js'
import { renderValidationJunit } from './validation-junit.js'
import { renderValidationMarkdown } from './validation-markdown.js'

/** Writes validate-<timestamp>.{md,html,json} into `dir`, and the JUnit XML to `junitFile` when asked; returns the paths. */
export async function writeValidationReports(r: ValidationResult, dir: string | undefined, junitFile: string | undefined): Promise<string[]> {
  const written: string[] = []
  if (dir) {
    await mkdir(dir, { recursive: true })
    const stem = join(dir, `validate-${r.startedAt.replace(/[:.]/g, '-')}`)
    for (const [ext, text] of [['md', renderValidationMarkdown(r)], ['html', renderValidationHtml(r)], ['json', renderJson(r)]] as const) {
      await writeFile(`${stem}.${ext}`, text)
      written.push(`${stem}.${ext}`)
    }
  }
  if (junitFile) {
    await mkdir(dirname(junitFile), { recursive: true })
    await writeFile(junitFile, renderValidationJunit(r))
    written.push(junitFile)
  }
  return written
}
