import { spawn } from 'node:child_process'
import { redactUrl } from '../config/redact.js'
import type { CommandOutcome } from './cutover-result.js'

/** What a report keeps of a command's output (the tail: errors come last). */
const OUTPUT_CAP = 16 * 1024

/**
 * Secrets a user's command may print or carry: URLs with passwords and `password=` pairs (redactUrl),
 * and the values of environment variables whose names say they are secrets.
 */
export function redactSecrets(text: string, env: NodeJS.ProcessEnv = process.env): string {
  let out = redactUrl(text)
  for (const [name, value] of Object.entries(env)) {
    if (value && value.length >= 4 && /(pass|secret|token|key|credential)/i.test(name)) out = out.split(value).join('***')
  }
  return out
}

function tail(text: string): string {
  return text.length <= OUTPUT_CAP ? text : `… ${text.length - OUTPUT_CAP} characters cut …\n${text.slice(-OUTPUT_CAP)}`
}

/**
 * Runs a user's command through /bin/sh in its own process group, so a timeout ends the whole
 * group (a script's children too). Never throws for the command's own failure: the caller
 * decides what a non-zero exit or a timeout means.
 */
export function runShellCommand(command: string, options: { readonly timeoutMs: number; readonly env?: Readonly<Record<string, string>> }): Promise<CommandOutcome> {
  const started = Date.now()
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-c', command], { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } })
    let stdout = ''
    let stderr = ''
    let timedOut = false
    child.stdout.on('data', (d: Buffer) => (stdout = tail(stdout + d.toString())))
    child.stderr.on('data', (d: Buffer) => (stderr = tail(stderr + d.toString())))
    const timer = setTimeout(() => {
      timedOut = true
      try {
        process.kill(-child.pid!, 'SIGKILL')
      } catch {
        // already gone
      }
    }, options.timeoutMs)
    const finish = (exitCode: number | null, signal?: string) => {
      clearTimeout(timer)
      resolve({
        command: redactSecrets(command),
        exitCode,
        ...(signal ? { signal } : {}),
        timedOut,
        seconds: Math.round((Date.now() - started) / 100) / 10,
        stdout: redactSecrets(stdout),
        stderr: redactSecrets(stderr),
      })
    }
    child.on('error', (e) => {
      stderr += e.message
      finish(null)
    })
    child.on('close', (code, signal) => finish(code, signal ?? undefined))
  })
}
