import pg from 'pg'
import { connectPg } from './pg-connect.js'
import { TargetError } from '../../core/errors.js'

export interface SqlFile {
  readonly name: string
  readonly sql: string
}

/**
 * Runs SQL files on PostgreSQL in order, each as one simple-protocol batch (what
 * `psql -v ON_ERROR_STOP=1 -f` does for plain SQL). The first error stops the run and names the
 * file, the line, the statement's first line and PostgreSQL's message.
 */
export async function applySqlFiles(url: string, files: readonly SqlFile[]): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await connectPg(client, 'target', url)
  // Notices (e.g. a grant skipped because the role is missing) are expected output, not errors.
  client.on('notice', () => undefined)
  try {
    for (const f of files) {
      try {
        await client.query(f.sql)
      } catch (cause) {
        const err = cause as Error & { position?: string }
        const line = err.position ? lineAt(f.sql, Number(err.position)) : undefined
        const where = line ? `${f.name}:${line.number}` : f.name
        throw new TargetError('TARGET_SQL_FAILED', `${where}: ${err.message}${line ? `\n  at: ${line.text.trim()}` : ''}`, {
          cause,
          object: where,
          hint: 'Fix the statement in the generated file (or its source) and run the files again; each file is re-runnable from a fresh database.',
        })
      }
    }
  } finally {
    await client.end()
  }
}

function lineAt(text: string, position: number): { number: number; text: string } {
  const before = text.slice(0, Math.max(0, position - 1))
  const number = before.split('\n').length
  return { number, text: text.split('\n')[number - 1] ?? '' }
}
