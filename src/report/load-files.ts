import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { LoadResult } from '../load/load-result.js'
import { renderJson } from './json.js'
import { renderLoadMarkdown } from './load-markdown.js'

/** Writes load-<timestamp>.{md,json} into `dir` (named as the validation reports beside them are); returns the paths. */
export async function writeLoadReports(r: LoadResult, dir: string, startedAt: string): Promise<string[]> {
  await mkdir(dir, { recursive: true })
  const stem = join(dir, `load-${startedAt.replace(/[:.]/g, '-')}`)
  const written: string[] = []
  for (const [ext, text] of [['md', renderLoadMarkdown(r, startedAt)], ['json', renderJson(r)]] as const) {
    await writeFile(`${stem}.${ext}`, text)
    written.push(`${stem}.${ext}`)
  }
  return written
}
