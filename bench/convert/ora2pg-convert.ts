import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runProcess } from '../shared/run-process.js'
import type { ConvertedCorpus } from './godwit-convert.js'
import type { Ora2pgInput } from './ora2pg-input.js'

/**
 * The export types run on each schema, in the order their output is applied: types and tables
 * first, then the data, then what reads the tables. PROCEDURE is left out on purpose: read from
 * a file (-i), ora2pg's FUNCTION and PROCEDURE exports both emit every standalone function AND
 * procedure, so running both would apply each routine twice.
 */
export const ORA2PG_STEPS: ReadonlyArray<{ readonly type: string; readonly input: keyof Ora2pgInput }> = [
  { type: 'TYPE', input: 'ddl' },
  { type: 'TABLE', input: 'ddl' },
  { type: 'SEQUENCE', input: 'ddl' },
  { type: 'QUERY', input: 'dml' },
  { type: 'VIEW', input: 'ddl' },
  { type: 'FUNCTION', input: 'ddl' },
  { type: 'PACKAGE', input: 'ddl' },
  { type: 'TRIGGER', input: 'ddl' },
]

/** Export types that move data or materialized views: tried once to show whether ora2pg takes them offline. */
export const ORA2PG_PROBED_TYPES = ['MVIEW', 'INSERT', 'COPY'] as const

export type Ora2pgStatus = { readonly installed: true; readonly version: string } | { readonly installed: false; readonly reason: string }

export async function ora2pgStatus(): Promise<Ora2pgStatus> {
  const r = await runProcess('ora2pg', ['--version'])
  if (r.startError) return { installed: false, reason: `ora2pg is not installed (${r.startError.message}); apt-get install ora2pg` }
  if (r.status !== 0) return { installed: false, reason: `ora2pg --version exited ${r.status}: ${r.stderr.trim()}` }
  return { installed: true, version: r.stdout.trim() }
}

/**
 * The smallest configuration for offline conversion: no ORACLE_DSN (with -i ora2pg never
 * connects), objects created in a schema named after the Oracle one (`-n`), and no
 * `\set ON_ERROR_STOP ON` in the output so a failing statement does not hide the ones after it.
 */
export function writeOra2pgConfig(dir: string, pgMajorVersion: number): string {
  mkdirSync(dir, { recursive: true })
  const path = join(dir, 'ora2pg.conf')
  writeFileSync(path, [`PG_VERSION\t${pgMajorVersion}`, 'EXPORT_SCHEMA\t1', 'CREATE_SCHEMA\t1', 'STOP_ON_ERROR\t0', ''].join('\n'))
  return path
}

export interface Ora2pgFailure {
  readonly schema: string
  readonly type: string
  readonly message: string
}

/** Every schema through every step, one ora2pg process each, as its documentation runs it. */
export async function convertCorpusWithOra2pg(
  config: string,
  inputs: ReadonlyMap<string, Ora2pgInput>,
  outRoot: string,
): Promise<ConvertedCorpus & { failures: Ora2pgFailure[]; secondsByType: Map<string, number> }> {
  const filesBySchema = new Map<string, string[]>()
  const failures: Ora2pgFailure[] = []
  // Where the time goes: the DML through -t QUERY dominates, and a reader should see that.
  const secondsByType = new Map<string, number>()
  for (const [schema, input] of inputs) {
    const outDir = join(outRoot, schema)
    mkdirSync(outDir, { recursive: true })
    const files: string[] = []
    for (const step of ORA2PG_STEPS) {
      const started = performance.now()
      const outcome = await runOra2pg(config, input[step.input], step.type, schema, outDir)
      secondsByType.set(step.type, (secondsByType.get(step.type) ?? 0) + (performance.now() - started) / 1000)
      if (outcome.message !== undefined) failures.push({ schema, type: step.type, message: outcome.message })
      else if (outcome.file) files.push(outcome.file)
    }
    filesBySchema.set(schema, files)
  }
  return { filesBySchema, failures, secondsByType }
}

/** For each probed type, undefined when ora2pg accepts it with -i, else what it answered. */
export async function probeOfflineTypes(config: string, input: string, outDir: string): Promise<Map<string, string | undefined>> {
  mkdirSync(outDir, { recursive: true })
  const answers = new Map<string, string | undefined>()
  for (const type of ORA2PG_PROBED_TYPES) answers.set(type, (await runOra2pg(config, input, type, 'probe', outDir)).message)
  return answers
}

async function runOra2pg(config: string, input: string, type: string, schema: string, outDir: string): Promise<{ file?: string; message?: string }> {
  const out = `${type.toLowerCase()}.sql`
  const r = await runProcess('ora2pg', ['-c', config, '-i', input, '-t', type, '-n', schema, '-b', outDir, '-o', out, '-q'], { cwd: outDir })
  if (r.status !== 0) {
    const said = `${r.stdout}\n${r.stderr}`.split('\n').find((l) => /FATAL|ERROR/.test(l)) ?? `exit ${r.status}`
    return { message: said.trim() }
  }
  const file = join(outDir, out)
  return existsSync(file) ? { file } : {}
}
