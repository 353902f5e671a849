import { createServer } from 'node:net'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useDatabase } from '../support/database.js'
import { envelope, runCli } from './run-cli.js'

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => resolve(port))
    })
  })
}

type Fault = 'refused' | 'password' | 'database' | 'tls'

async function broken(url: string, fault: Fault): Promise<string> {
  const u = new URL(url)
  if (fault === 'refused') u.port = String(await closedPort())
  if (fault === 'password') u.password = 'not-the-password'
  if (fault === 'database') u.pathname = '/no_such_database'
  if (fault === 'tls') u.searchParams.set('sslmode', 'require') // the test server has no TLS
  return u.toString()
}

const EXPECTED: Record<Fault, string> = { refused: 'UNREACHABLE', password: 'AUTH_FAILED', database: 'DATABASE_MISSING', tls: 'TLS_FAILED' }

/** Each connection fault ends the same way in every command: the side's exit code, one code, a hint, no stack trace. */
describe.each(['load', 'validate'])('godwit %s: connection faults', (command) => {
  const db = useDatabase(`cli_conn_${command}`)

  it.each([
    ['source', 'refused'], ['source', 'password'], ['source', 'database'], ['source', 'tls'],
    ['target', 'refused'], ['target', 'password'], ['target', 'database'], ['target', 'tls'],
  ] as const)('%s %s', async (side, fault) => {
    await db.client.query('CREATE TABLE IF NOT EXISTS items (id int PRIMARY KEY)')
    const bad = await broken(db.url, fault)
    const [source, target] = side === 'source' ? [bad, db.url] : [db.url, bad]
    const reports = mkdtempSync(join(tmpdir(), 'godwit-cli-conn-'))
    const extra = command === 'validate' ? ['--report', reports] : ['--rejects-dir', reports]
    const [human, json] = await Promise.all([
      runCli([command, '--source', source, '--target', target, ...extra]),
      runCli([command, '--source', source, '--target', target, ...extra, '--json']),
    ])
    const code = `${side.toUpperCase()}_${EXPECTED[fault]}`
    expect(human.stderr).toContain(`Error [${code}]`)
    expect(human.stderr).toMatch(/\nHint: \S/)
    expect(human.stderr).not.toMatch(/^\s+at /m)
    expect(human.stderr).not.toContain('not-the-password')
    expect(human.status).toBe(side === 'source' ? 4 : 5)

    expect(json.status).toBe(human.status)
    expect(envelope(json)).toMatchObject({ status: human.status, code, hint: expect.any(String) })
    if (fault === 'tls') {
      // pg's sslmode deprecation notice is said once, in godwit's words, not printed raw.
      expect(human.stderr).not.toContain('SECURITY WARNING')
      expect(human.stderr).toContain('enforced as verify-full')
    }
  }, 300_000)
})
