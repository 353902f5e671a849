import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { connect } from 'node:net'
import { beforeAll, describe, expect, it } from 'vitest'
import { envelope, runCli } from './run-cli.js'

let dir: string
let ddl: string

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'godwit-cli-outcomes-'))
  ddl = join(dir, 'shop.sql')
  writeFileSync(ddl, 'CREATE TABLE items (id NUMBER(9) PRIMARY KEY, shape SDO_GEOMETRY);\n')
  writeFileSync(join(dir, 'misspelled.yaml'), 'sorce: postgres://app@db/shop\ntarget: postgres://app@db2/shop\n')
})

/**
 * Every outcome puts exactly one JSON envelope on stdout with status (= the exit code), code and
 * hint; the human form says `Error [CODE]` and a hint, with no stack trace.
 */
describe('--json: one envelope for every outcome', () => {
  it.each([
    ['success', () => ['convert', ddl, '--out', join(dir, 'out')], 0, 'OK'],
    ['a failed check', () => ['assess', ddl, '--no-report', '--fail-on', 'action-items'], 1, 'CHECK_FAILED'],
    ['an unknown command', () => ['cutover-now'], 2, 'USAGE_UNKNOWN_COMMAND'],
    ['an unknown flag', () => ['validate', '--nosuch'], 2, 'USAGE_UNKNOWN_FLAG'],
    ['a missing required flag', () => ['convert', ddl], 2, 'USAGE_MISSING_FLAG'],
    ['a bad flag value', () => ['load', '--jobs', '0'], 2, 'USAGE_BAD_VALUE'],
    ['a value not among the options', () => ['validate', '--mode', 'fast'], 2, 'USAGE_BAD_VALUE'],
    ['conflicting flags', () => ['assess', ddl, '--quiet', '--verbose'], 2, 'USAGE_FLAG_CONFLICT'],
    ['no URLs', () => ['validate'], 2, 'CONNECTION_URL_MISSING'],
    ['a log file that cannot be written', () => ['assess', ddl, '--no-report', '--log-file', join(dir, 'no-such-dir', 'x.log')], 2, 'LOG_FILE_UNWRITABLE'],
    ['a config file that does not exist', () => ['load', '--config', join(dir, 'none.yaml')], 3, 'CONFIG_NOT_FOUND'],
    ['an unknown config key', () => ['validate', '--config', join(dir, 'misspelled.yaml')], 3, 'CONFIG_UNKNOWN_KEY'],
    // Not a case godwit anticipates (mkdir under /dev/null): a bug's envelope, exit 70.
    ['an internal error', () => ['assess', ddl, '--report', '/dev/null/reports'], 70, 'INTERNAL'],
  ] as const)('%s', async (_what, args, status, code) => {
    const [json, human] = await Promise.all([runCli([...args(), '--json']), runCli(args())])
    expect(json.status).toBe(status)
    const e = envelope(json)
    expect(e).toMatchObject({ status, code })
    expect(e).toHaveProperty('hint')
    if (status !== 0) expect(e.hint).toEqual(expect.any(String))
    expect(human.status).toBe(status)
    if (status >= 2) {
      expect(human.stderr).toContain(`Error [${code}]: `)
      expect(human.stderr).toContain('Hint: ')
      // --verbose asks for the stack trace; without it there is none.
      if (!args().includes('--verbose')) expect(human.stderr).not.toMatch(/^\s+at /m)
    }
  }, 300_000)

  it('a misspelled config key names the key it probably meant', async () => {
    const r = await runCli(['load', '--config', join(dir, 'misspelled.yaml')])
    expect(r.status).toBe(3)
    expect(r.stderr).toContain('unknown key "sorce"')
    expect(r.stderr).toContain('Did you mean "source"?')
  }, 120_000)
})

describe('global flags', () => {
  it('--log-file records the stack trace of an internal error; --verbose prints it; the default does not', async () => {
    const log = join(dir, 'godwit.log')
    const args = ['assess', ddl, '--report', '/dev/null/reports']
    const [plain, verbose] = await Promise.all([runCli([...args, '--log-file', log]), runCli([...args, '--verbose'])])
    expect(plain.status).toBe(70)
    expect(plain.stderr).not.toMatch(/^\s+at /m)
    expect(readFileSync(log, 'utf8')).toMatch(/ENOTDIR[\s\S]*\n\s+at /)
    expect(readFileSync(log, 'utf8')).toContain('Error [INTERNAL]')
    expect(verbose.stderr).toMatch(/\n\s+at /)
  }, 120_000)

  it('--quiet leaves stderr to the error alone', async () => {
    const r = await runCli(['load', '--source', 'postgres://u@127.0.0.1:1/a', '--target', 'postgres://u@127.0.0.1:1/b', '--quiet'])
    expect(r.status).toBe(5)
    expect(r.stderr.trim().split('\n').map((l) => l.replace(/:.*/, ''))).toEqual(['Error [TARGET_UNREACHABLE]', 'Hint'])
  }, 120_000)
})

/** Ctrl-C and --timeout stop a running command with a message, 130 and 69, and leave no server behind. */
describe('stopping a command', () => {
  function refused(host: string): Promise<boolean> {
    const [name, port] = host.split(':')
    return new Promise((done) => {
      const socket = connect(Number(port), name!)
      socket.once('connect', () => {
        socket.destroy()
        done(false)
      })
      socket.once('error', () => done(true))
    })
  }

  it('Ctrl-C exits 130 with a message', async () => {
    const r = await runCli(['demo', '--work-dir', join(dir, 'demo-int')], { interruptWhen: /embedded PostgreSQL started on \S+\n/ })
    expect(r.status).toBe(130)
    expect(r.stderr).toContain('Error [INTERRUPTED]: interrupted (Ctrl-C)')
    const host = /started on (\S+)/.exec(r.stderr)![1]!
    expect(await refused(host)).toBe(true)
  }, 300_000)

  it('--timeout exits 69 with the envelope', async () => {
    const r = await runCli(['demo', '--work-dir', join(dir, 'demo-timeout'), '--timeout', '1', '--json'])
    expect(r.status).toBe(69)
    expect(envelope(r)).toMatchObject({ status: 69, code: 'TIMED_OUT', hint: expect.any(String) })
  }, 300_000)
})
