import type pg from 'pg'

/** Redshift's default port; PostgreSQL's 5432 would be wrong for a cluster URL without one. */
const REDSHIFT_PORT = '5439'

/**
 * node-postgres settings for a `redshift://user:password@cluster:5439/db` URL: Redshift speaks
 * the PostgreSQL protocol, so the URL is read as a PostgreSQL one with Redshift's default port
 * and TLS required unless the URL sets `sslmode` itself (`sslmode=disable` points a test at a
 * local PostgreSQL). CDC apply and validation connect through this until the load's own
 * Redshift connection module lands; then one of the two should serve both.
 */
export function redshiftPgConfig(url: string): pg.ClientConfig {
  const u = new URL(url.replace(/^redshift:/i, 'postgres:'))
  if (u.port === '') u.port = REDSHIFT_PORT
  if (!u.searchParams.has('sslmode')) u.searchParams.set('sslmode', 'require')
  return { connectionString: u.toString() }
}
