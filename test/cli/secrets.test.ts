import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useDatabase } from '../support/database.js'
import { runCli, type CliRun } from './run-cli.js'

/** Malformed ways to write a connection string with the password `TopSecret9` (or `Top@Secret9`) in it. */
const MALFORMED = [
  'postgres//root:TopSecret9@127.0.0.1:1/db',
  'postgres:/root:TopSecret9@127.0.0.1:1/db',
  'postgresql:root:TopSecret9@127.0.0.1:1/db',
  'mysql://root:TopSecret9@127.0.0.1:1/db',
  'postgres://root:Top@Secret9@127.0.0.1:1/db',
  'postgres://root:Top%53ecret9@127.0.0.1:1/db',
  'postgres://root@127.0.0.1:1/db?password=TopSecret9',
  'root/TopSecret9@127.0.0.1:1/FREEPDB1',
]

const LEAK = /Secret9|ecret9|%53ecret/

function everything(dir: string, ...runs: CliRun[]): string {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((f) => f.isFile())
    .map((f) => readFileSync(join(f.parentPath, f.name), 'utf8'))
  return [...runs.flatMap((r) => [r.stdout, r.stderr]), ...files].join('\n')
}

/** No output of any command, however malformed its URL, holds the password: stdout, stderr, --json, reports, the log file. */
describe('passwords in malformed URLs are never printed', () => {
  const db = useDatabase('cli_secrets')

  it.each(MALFORMED)('%s', async (bad) => {
    const dir = mkdtempSync(join(tmpdir(), 'godwit-cli-secrets-'))
    const log = (n: string) => ['--log-file', join(dir, `${n}.log`)]
    const runs = await Promise.all([
      runCli(['load', '--source', bad, '--target', db.url, '--rejects-dir', join(dir, 'rejects'), ...log('load')]),
      runCli(['load', '--source', db.url, '--target', bad, '--json', '--verbose']),
      runCli(['validate', '--source', bad, '--target', db.url, '--report', join(dir, 'reports'), ...log('validate')]),
      runCli(['validate', '--source', db.url, '--target', bad, '--json', '--report', join(dir, 'reports-json')]),
      runCli(['convert', '--source', bad, '--out', join(dir, 'out'), '--json', ...log('convert')]),
    ])
    for (const r of runs) expect(r.status, r.stderr).not.toBe(0)
    const all = everything(dir, ...runs)
    expect(all).toContain('Error') // the runs did print what went wrong …
    expect(all.match(LEAK)).toBeNull() // … and nowhere the password
  }, 600_000)
})
