import { spawn } from 'node:child_process'

export interface ProcessOutcome {
  /** Exit code, or undefined when the program could not be started or was killed by a signal. */
  readonly status: number | undefined
  readonly stdout: string
  readonly stderr: string
  readonly startError?: Error
}

/**
 * Runs a program to its end and collects its output, without blocking the event loop: a bench
 * that hosts an embedded PostgreSQL must keep reading the server's log pipe, or the server blocks
 * writing its log (spawnSync here once hung both psql and the server).
 */
export function runProcess(command: string, args: readonly string[], options: { cwd?: string } = {}): Promise<ProcessOutcome> {
  return new Promise((resolveOutcome) => {
    const child = spawn(command, args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    const stdout: Buffer[] = []
    const stderr: Buffer[] = []
    child.stdout.on('data', (b: Buffer) => stdout.push(b))
    child.stderr.on('data', (b: Buffer) => stderr.push(b))
    const text = (chunks: Buffer[]) => Buffer.concat(chunks).toString('utf8')
    child.on('error', (startError) => resolveOutcome({ status: undefined, stdout: '', stderr: '', startError }))
    child.on('close', (code) => resolveOutcome({ status: code ?? undefined, stdout: text(stdout), stderr: text(stderr) }))
  })
}
