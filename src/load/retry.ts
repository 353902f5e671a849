import { setTimeout as sleep } from 'node:timers/promises'

/** SQLSTATEs worth another attempt: the server went away or asked us to try again. */
const TRANSIENT_SQLSTATES = new Set([
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '53300', // too_many_connections
])
const TRANSIENT_ERRNOS = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN'])
/** node-postgres reports a socket that closed under it with these messages and no code. */
const TRANSIENT_MESSAGES = [/connection terminated/i, /connection error/i, /not queryable/i, /socket hang up/i]

/**
 * Whether a failed chunk may succeed if tried again: lost connections, server restarts and
 * errors an engine marks `retryable` (a snapshot that died with its session). Anything else (a constraint violation, a bad value)
 * fails the same way every time, so it fails the table at once. Looks through `cause` chains.
 */
export function isTransient(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { retryable?: unknown }).retryable === true) return true
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && (code.startsWith('08') || TRANSIENT_SQLSTATES.has(code) || TRANSIENT_ERRNOS.has(code))) return true
    const message = (e as { message?: unknown }).message
    if (typeof message === 'string' && TRANSIENT_MESSAGES.some((m) => m.test(message))) return true
  }
  return false
}

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly attempts: number
  /** Delay before the second attempt; doubles each time, with ±25 % jitter. */
  readonly baseMs: number
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseMs: 500 }

/** Runs `work` until it succeeds, a permanent error occurs, or the attempts run out. */
export async function withRetry<T>(policy: RetryPolicy, work: (attempt: number) => Promise<T>, onRetry?: (attempt: number, err: unknown) => void): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work(attempt)
    } catch (err) {
      if (attempt >= policy.attempts || !isTransient(err)) throw err
      onRetry?.(attempt, err)
      await sleep(policy.baseMs * 2 ** (attempt - 1) * (0.75 + Math.random() * 0.5))
    }
  }
}
