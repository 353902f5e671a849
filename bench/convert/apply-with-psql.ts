import { runProcess } from '../shared/run-process.js'

export interface ApplyOutcome {
  /** Statements PostgreSQL rejected; the run went on past each of them. */
  readonly failedStatements: number
  /** The first few errors, as psql printed them, for the reader to see what failed. */
  readonly sampleErrors: string[]
}

/**
 * Runs SQL files with psql, ON_ERROR_STOP off, so every statement is tried and each rejected one
 * is counted (godwit's own applySqlFiles stops at the first error, which would hide the rest).
 * psql is used for both tools because it is what ora2pg's output is written for (`\i`, `\set`).
 */
export async function applyWithPsql(url: string, files: readonly string[]): Promise<ApplyOutcome> {
  const errors: string[] = []
  for (const file of files) {
    const r = await runProcess('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=0', '-d', url, '-f', file])
    if (r.startError) throw new Error(`cannot run psql: ${r.startError.message}`)
    errors.push(...r.stderr.split('\n').filter((l) => / (?:ERROR|FATAL): /.test(l)))
  }
  return { failedStatements: errors.length, sampleErrors: errors.slice(0, 5) }
}
