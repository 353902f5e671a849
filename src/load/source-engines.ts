import { redactUrl } from '../config/redact.js'
import { UsageError } from '../core/errors.js'
import type { LoadSourceEngine } from './source-engine.js'

/**
 * The source engine for a URL, by scheme. Engines load lazily so a driver is only imported when
 * its database is used.
 */
export async function openSourceEngine(url: string, jobs: number): Promise<LoadSourceEngine> {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase()
  if (scheme === 'postgres' || scheme === 'postgresql') {
    const { PgSourceEngine } = await import('../engines/postgres/pg-source-engine.js')
    return new PgSourceEngine(url, jobs)
  }
  if (scheme === 'oracle') {
    const { openOracleLoadSource } = await import('../engines/oracle/oracle-load-source.js')
    return openOracleLoadSource(url, jobs)
  }
  throw new UsageError('LOAD_SOURCE_UNSUPPORTED', `cannot load from ${redactUrl(url)}: no load source engine for ${scheme ?? 'this URL'}`, {
    hint: 'Use a postgres:// or oracle:// source URL.',
  })
}
