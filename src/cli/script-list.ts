import { existsSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { UsageError } from '../core/errors.js'
import type { ScriptInput } from '../model/source-input.js'

/** Scripts from argv plus an optional list file (`name [args…]` per line, paths relative to the list). */
export function collectScripts(argv: readonly string[], listFile?: string): ScriptInput[] {
  const scripts: ScriptInput[] = argv.map((p) => ({ path: resolve(p) }))
  if (listFile) {
    if (!existsSync(listFile)) throw new UsageError('SCRIPT_LIST_MISSING', `script list ${listFile} does not exist`)
    for (const line of readFileSync(listFile, 'utf8').split('\n')) {
      const t = line.trim()
      if (t === '' || t.startsWith('#')) continue
      const [file, ...args] = t.split(/\s+/)
      scripts.push({ path: resolve(dirname(listFile), file!), args })
    }
  }
  for (const s of scripts) {
    if (!existsSync(s.path)) throw new UsageError('INPUT_MISSING', `input file ${s.path} does not exist`)
  }
  return scripts
}
