import pg from 'pg'
import { redactUrl } from '../config/redact.js'
import { TargetError } from '../core/errors.js'

/**
 * The target's connection pool. A connection the server drops while checked out but between
 * queries emits 'error' with no listener of pg-pool's own, which would crash the process: every
 * connection gets a listener, and the failure surfaces as the next query's error (retried).
 */
export function openTargetPool(url: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max })
  pool.on('error', () => undefined)
  pool.on('connect', (client) => client.on('error', () => undefined))
  return pool
}

/** The first connection to the target: a failure here is the target's URL or server, said so. */
export async function connectTarget(pool: pg.Pool, url: string): Promise<pg.PoolClient> {
  try {
    return await pool.connect()
  } catch (cause) {
    throw new TargetError('TARGET_CONNECT_FAILED', `postgres: cannot connect to ${redactUrl(url)}: ${redactUrl((cause as Error).message)}`, {
      cause,
      hint: 'Check the target URL, that the server is up, and that pg_hba.conf admits this host.',
    })
  }
}

/** One short piece of work on a pooled target connection. */
export async function withTarget<T>(pool: pg.Pool, work: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  try {
    return await work(client)
  } finally {
    client.release()
  }
}


export const NO_REPLICA_ROLE_WARNING =
  "the target user may not set session_replication_role: the target tables' triggers fire and their foreign keys are checked while loading " +
  '(load as a superuser, grant SET on that parameter, or use --defer-indexes to drop foreign keys during the load)'

/** Whether the target user may skip triggers and FK checks while loading, as pg_restore --disable-triggers does. */
export async function canUseReplicaRole(client: pg.ClientBase): Promise<boolean> {
  try {
    await client.query('SET session_replication_role = replica')
    await client.query('RESET session_replication_role')
    return true
  } catch {
    return false
  }
}

