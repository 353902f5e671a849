import pg from 'pg'
import { redactUrl } from '../../config/redact.js'
import { UsageError } from '../../core/errors.js'
import { connectPool } from '../postgres/pg-connect.js'

export const REDSHIFT_DEFAULT_PORT = 5439

/**
 * The `pg` connection string for `redshift://user[:password]@host[:5439]/database[?…]`: Redshift
 * speaks the PostgreSQL protocol. The port defaults to Redshift's 5439 and TLS to verify-full
 * (clusters present certificates public CAs sign); an `sslmode` in the URL wins.
 */
export function redshiftConnectionString(url: string): string {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    throw badUrl(url, 'it is not a URL')
  }
  if (u.protocol !== 'redshift:') throw badUrl(url, `the scheme is ${u.protocol}//, not redshift://`)
  if (!u.hostname) throw badUrl(url, 'it names no cluster host')
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''))
  if (!database || database.includes('/')) throw badUrl(url, 'it names no database (redshift://user@cluster:5439/database)')
  const out = new URL(`postgres://${u.host}${u.pathname}${u.search}`)
  out.username = u.username
  out.password = u.password
  if (!u.port) out.port = String(REDSHIFT_DEFAULT_PORT)
  if (!out.searchParams.has('sslmode')) out.searchParams.set('sslmode', 'verify-full')
  return out.toString()
}

/** node-postgres settings for a Redshift URL (redshiftConnectionString), for a single client. */
export function redshiftPgConfig(url: string): pg.ClientConfig {
  return { connectionString: redshiftConnectionString(url) }
}

function badUrl(url: string, why: string): UsageError {
  return new UsageError('REDSHIFT_URL_INVALID', `${redactUrl(url)} is not a Redshift URL: ${why}`, {
    object: redactUrl(url),
    hint: 'Write it as redshift://user:password@cluster.region.redshift.amazonaws.com:5439/database.',
  })
}

/** A small pool on the cluster (catalog reads and one COPY at a time); failures to connect are the target's (exit 5). */
export function openRedshiftPool(url: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString: redshiftConnectionString(url), max })
  pool.on('error', () => undefined)
  return pool
}

/** One piece of work on a pooled cluster connection. */
export async function withRedshift<T>(pool: pg.Pool, url: string, work: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await connectPool(pool, 'target', url)
  try {
    return await work(client)
  } finally {
    client.release()
  }
}
