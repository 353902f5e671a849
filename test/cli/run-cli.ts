import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'

const DEV_BIN = fileURLToPath(new URL('../../bin/dev.js', import.meta.url))
/** tsx's loader by absolute URL, so the CLI also runs from another working directory. */
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href

export interface CliRun {
  readonly status: number | null
  readonly stdout: string
  readonly stderr: string
}

export interface CliOptions {
  readonly cwd?: string
  readonly env?: NodeJS.ProcessEnv
  /** Send SIGINT (as Ctrl-C does) once stderr matches this. */
  readonly interruptWhen?: RegExp
  /** Send SIGINT once this says so of stdout so far. */
  readonly interruptOnStdout?: (stdout: string) => boolean
}

/** Runs the real CLI from source (bin/dev.js through tsx) as a user would, with no stdin. */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, DEV_BIN, ...args], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    let interrupted = false
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString()
      if (options.interruptOnStdout && !interrupted && options.interruptOnStdout(stdout)) {
        interrupted = true
        child.kill('SIGINT')
      }
    })
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString()
      if (options.interruptWhen && !interrupted && options.interruptWhen.test(stderr)) {
        interrupted = true
        child.kill('SIGINT')
      }
    })
    child.on('error', reject)
    child.on('close', (status) => resolve({ status, stdout, stderr }))
  })
}

/** The one JSON value on stdout (fails the test when there is anything else). */
export function envelope(run: CliRun): Record<string, unknown> {
  return JSON.parse(run.stdout) as Record<string, unknown>
}
