import pg from 'pg'
import { connectPool } from '../engines/postgres/pg-connect.js'

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
  return connectPool(pool, 'target', url)
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
