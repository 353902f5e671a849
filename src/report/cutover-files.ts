import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { redactDeep } from '../config/redact.js'
import type { CutoverResult } from '../cutover/cutover-result.js'
import { renderCutoverHtml } from './cutover-html.js'
import { renderCutoverMarkdown } from './cutover-markdown.js'
import { renderJson } from './json.js'

/** Writes cutover-<timestamp>.{md,html,json} into `dir` (URLs redacted); returns the paths. */
export async function writeCutoverReports(result: CutoverResult, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true })
  const stem = join(dir, `cutover-${(result.finishedAt ?? result.startedAt).replace(/[:.]/g, '-')}`)
  const paths = ['md', 'html', 'json'].map((ext) => `${stem}.${ext}`)
  const r = redactDeep({ ...result, reports: paths })
  for (const [path, text] of [[paths[0]!, renderCutoverMarkdown(r)], [paths[1]!, renderCutoverHtml(r)], [paths[2]!, renderJson(r)]] as const) await writeFile(path, text)
  return paths
}
