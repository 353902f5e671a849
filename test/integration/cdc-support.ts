import pg from 'pg'
import { expect } from 'vitest'
import { runLoad, type LoadResult } from '../../src/load/run-load.js'
import { runValidation } from '../../src/validate/run-validation.js'
import { exec, withClient } from './load-support.js'

export const TEST_PUBLICATION = 'godwit_cdc_test'

/**
 * Loads `tables` from source to target through the real load library, as cdc finds it afterwards.
 * The publication is created BEFORE the load creates its slot (pgoutput cannot stream changes from
 * before its publication existed). Until the load records `publication` in its position itself,
 * the test writes it there — the only step that stands in for the load.
 */
export async function loadForCdc(source: string, target: string, tables: readonly string[]): Promise<LoadResult> {
  await exec(source, `CREATE PUBLICATION ${TEST_PUBLICATION} FOR TABLE ${tables.join(', ')}`)
  const result = await runLoad({ sourceUrl: source, targetUrl: target, tables, jobs: 2 })
  expect(result.complete).toBe(true)
  if (!(result.position as { publication?: string }).publication) {
    await withClient(target, (c) => c.query(`UPDATE godwit.load_runs SET position = position || jsonb_build_object('publication', $2::text) WHERE id = $1`, [result.runId, TEST_PUBLICATION]))
  }
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
