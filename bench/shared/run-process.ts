import { spawn } from 'node:child_process'

export interface ProcessOutcome {
  /** Exit code, or undefined when the program could not be started or was killed by a signal. */
  readonly status: number | undefined
  readonly stdout: string
  readonly stderr: string
  readonly startError?: Error
}

export interface RunOptions {
  readonly cwd?: string
  /** Added to this process's environment. */
  readonly env?: Readonly<Record<string, string>>
}

/**
 * Runs a program to its end and collects its output, without blocking the event loop: a bench
 * that hosts an embedded PostgreSQL must keep reading the server's log pipe, or the server blocks
 * writing its log (spawnSync here once hung both psql and the server).
 */
export function runProcess(command: string, args: readonly string[], options: RunOptions = {}): Promise<ProcessOutcome> {
  return new Promise((resolveOutcome) => {
    const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] })
    const stdout: Buffer[] = []
    const stderr: Buffer[] = []
    child.stdout.on('data', (b: Buffer) => stdout.push(b))
    child.stderr.on('data', (b: Buffer) => stderr.push(b))
    const text = (chunks: Buffer[]) => Buffer.concat(chunks).toString('utf8')
    child.on('error', (startError) => resolveOutcome({ status: undefined, stdout: '', stderr: '', startError }))
    child.on('close', (code) => resolveOutcome({ status: code ?? undefined, stdout: text(stdout), stderr: text(stderr) }))
  })
}

/** Runs a program to its end (as runProcess) and returns its stdout; fails with its stderr when it does not exit 0. */
export async function runToSuccess(command: string, args: readonly string[], options: RunOptions = {}): Promise<string> {
  const o = await runProcess(command, args, options)
  if (o.status !== 0) throw new Error(`${command} ${o.startError ? `could not start: ${o.startError.message}` : `exited with ${o.status ?? 'a signal'}: ${o.stderr}`}`)
  return o.stdout
}
