import pg from 'pg'
import { expect } from 'vitest'
import { runLoad, type LoadResult } from '../../src/load/run-load.js'
import { runValidation } from '../../src/validate/run-validation.js'
import { withClient } from './load-support.js'

/**
 * Loads `tables` from source to target through the real load library, as cdc finds it afterwards:
 * the load creates the publication of those tables before its slot, and records both.
 */
export async function loadForCdc(source: string, target: string, tables: readonly string[]): Promise<LoadResult> {
  const result = await runLoad({ sourceUrl: source, targetUrl: target, tables, jobs: 2 })
  expect(result.complete).toBe(true)
  expect(result.position).toMatchObject({ slot: expect.any(String), publication: expect.any(String) })
  return result
}

/** validate (checksum mode) says the target equals the source for these tables. */
export async function expectEqual(source: string, target: string, tables: readonly string[]): Promise<void> {
  const r = await runValidation({ sourceUrl: source, targetUrl: target, tables, mode: 'checksum', jobs: 2 })
  const failed = r.tables.filter((t) => t.status !== 'PASS').map((t) => ({ table: t.name, source: t.sourceRows, target: t.targetRows, differences: t.differences.slice(0, 5), error: t.error?.message }))
  expect(failed).toEqual([])
  expect(r.status).toBe('PASS')
}

export async function currentLsn(url: string): Promise<string> {
  return withClient(url, async (c) => ((await c.query(`SELECT pg_current_wal_lsn()::text AS l`)).rows[0] as { l: string }).l)
}

export async function query<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  return withClient(url, async (c: pg.Client) => (await c.query(sql, params)).rows as T[])
}
