import type pg from 'pg'
import { redactUrl } from '../../config/redact.js'
import { GodwitError, SourceError, TargetError } from '../../core/errors.js'

export type ConnectSide = 'source' | 'target'

/** The kinds of connection failure a user can act on; each has one stable code per side. */
export type ConnectFault = 'UNREACHABLE' | 'AUTH_FAILED' | 'DATABASE_MISSING' | 'TLS_FAILED' | 'TOO_MANY_CONNECTIONS' | 'CONNECT_FAILED'

interface DriverError {
  readonly code?: unknown
  readonly message?: unknown
  readonly cause?: { readonly code?: unknown }
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EAI_AGAIN', 'ECONNRESET', 'EPIPE'])
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_(VERIFY|GET)_|CERT_|HOSTNAME_MISMATCH)/

/** Which fault a `pg` connect error is: SQLSTATE first, then Node's socket and TLS codes, then the text. */
export function connectFault(e: unknown): ConnectFault {
  const err = (e ?? {}) as DriverError
  const code = typeof err.code === 'string' ? err.code : typeof err.cause?.code === 'string' ? err.cause.code : ''
  const message = typeof err.message === 'string' ? err.message : String(e)
  if (code === '3D000') return 'DATABASE_MISSING'
  if (code === '53300') return 'TOO_MANY_CONNECTIONS'
  // 28P01: bad password; 28000: no pg_hba.conf entry (also for the wrong sslmode) or no such role.
  if (code === '28P01' || code === '28000') return 'AUTH_FAILED'
  if (TLS_CODE.test(code)) return 'TLS_FAILED'
  if (NETWORK_CODES.has(code) || code === '57P03') return 'UNREACHABLE'
  if (/does not support SSL|\bSSL\b|\bTLS\b|certificate/i.test(message)) return 'TLS_FAILED'
  // No password given where the server asks for one: the driver's SASL/SCRAM client complains.
  if (/password|SASL|SCRAM|authentication/i.test(message)) return 'AUTH_FAILED'
  if (/timeout|terminated unexpectedly/i.test(message)) return 'UNREACHABLE'
  return 'CONNECT_FAILED'
}

function hintFor(fault: ConnectFault, side: ConnectSide, where: string): string {
  switch (fault) {
    case 'UNREACHABLE':
      return `Check the ${side} host and port in ${where}, that the server runs and listens there, and that no firewall is in the way.`
    case 'AUTH_FAILED':
      return `Check the ${side} user and password, and that pg_hba.conf on the server admits this user from this host (and with this sslmode).`
    case 'DATABASE_MISSING':
      return `The ${side} server has no such database: check the database name at the end of the URL (psql -l lists them).`
    case 'TLS_FAILED':
      return `The TLS handshake with the ${side} failed: match sslmode in the URL to the server (sslmode=disable if it has no TLS; sslrootcert=FILE for a private CA; see docs/connections.md).`
    case 'TOO_MANY_CONNECTIONS':
      return `The ${side} server has no free connection slots: lower --jobs, or raise max_connections.`
    case 'CONNECT_FAILED':
      return `Check the ${side} URL and that the server accepts this user.`
  }
}

/**
 * One error per connection fault and side, for every command (source → exit 4, target → exit 5):
 * `SOURCE_AUTH_FAILED` means the same thing in load and in validate. godwit's own errors pass through.
 */
export function pgConnectError(e: unknown, side: ConnectSide, url: string): GodwitError {
  if (e instanceof GodwitError) return e
  const fault = connectFault(e)
  const where = redactUrl(url)
  const text = redactUrl(e instanceof Error ? e.message : String(e))
  const Err = side === 'source' ? SourceError : TargetError
  return new Err(`${side.toUpperCase()}_${fault}`, `cannot connect to the ${side} ${where}: ${text}`, {
    cause: e,
    object: where,
    hint: hintFor(fault, side, where),
  })
}

/** Connects a client, or fails with the side's classified error. */
export async function connectPg(client: pg.Client, side: ConnectSide, url: string): Promise<void> {
  try {
    await client.connect()
  } catch (e) {
    throw pgConnectError(e, side, url)
  }
}

/** Checks a connection out of a pool, or fails with the side's classified error. */
export async function connectPool(pool: pg.Pool, side: ConnectSide, url: string): Promise<pg.PoolClient> {
  try {
    return await pool.connect()
  } catch (e) {
    throw pgConnectError(e, side, url)
  }
}
