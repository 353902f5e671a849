import { spawn } from 'node:child_process'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

/** `npm test` whose PostgreSQL cannot start must say why and what to do, not exit 1 in silence. */
describe('the test harness', () => {
  it('prints the cause and the way out when its embedded server cannot start', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: '/nonexistent/godwit-tmp' }
    delete env.TEST_DATABASE_URL
    const run = await new Promise<{ status: number | null; output: string }>((done, fail) => {
      const child = spawn(process.execPath, [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', 'test/unit/docs/links.test.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
      let output = ''
      child.stdout.on('data', (d: Buffer) => (output += d.toString()))
      child.stderr.on('data', (d: Buffer) => (output += d.toString()))
      child.on('error', fail)
      child.on('close', (status) => done({ status, output }))
    })
    expect(run.status).toBe(1)
    expect(run.output).toContain('The test suite could not start its PostgreSQL server')
    expect(run.output).toContain('/nonexistent/godwit-tmp')
    expect(run.output).toContain('set TMPDIR to a writable directory')
    expect(run.output).toContain('TEST_DATABASE_URL=')
  }, 300_000)
})
