import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/** The report files of one run, by format. */
export interface ReportFiles {
  readonly markdown: string
  readonly html: string
  readonly json: string
}

/** `<phase>-<time>`: the stem every phase's reports share (colons and dots left out for every file system). */
export function reportStem(phase: string, at: Date | string): string {
  return `${phase}-${(typeof at === 'string' ? at : at.toISOString()).replace(/[:.]/g, '-')}`
}

/** Writes `<dir>/<stem>.{md,html,json}` and returns the paths. */
export async function writeReportFiles(dir: string, stem: string, text: { readonly markdown: string; readonly html: string; readonly json: string }): Promise<ReportFiles> {
  await mkdir(dir, { recursive: true })
  const base = join(dir, stem)
  const files: ReportFiles = { markdown: `${base}.md`, html: `${base}.html`, json: `${base}.json` }
  await writeFile(files.markdown, text.markdown)
  await writeFile(files.html, text.html)
  await writeFile(files.json, text.json)
  return files
}
