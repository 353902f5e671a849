import { engineFor, unreachableEngine } from '../engines/registry.js'
import { withTptExport } from '../engines/teradata/teradata-connection.js'
import type { LoadSourceEngine } from './source-engine.js'

/**
 * The load source engine for a URL. Engines load lazily so a driver is only imported when its
 * database is used.
 */
export async function openSourceEngine(url: string, jobs: number): Promise<LoadSourceEngine> {
  const engine = engineFor(url, 'loadSource', 'LOAD_SOURCE_UNSUPPORTED')
  switch (engine.name) {
    case 'postgres': {
      const { PgSourceEngine } = await import('../engines/postgres/pg-source-engine.js')
      return new PgSourceEngine(url, jobs)
    }
    case 'oracle': {
      const { openOracleLoadSource } = await import('../engines/oracle/oracle-load-source.js')
      return openOracleLoadSource(url, jobs)
    }
    case 'teradata': {
      const { openTeradataLoadSource } = await import('../engines/teradata/teradata-load-source.js')
      return openTeradataLoadSource(url, jobs)
    }
    case 'redshift':
      return unreachableEngine(engine)
  }
}

/** `--via tpt [--tpt-dir DIR]`: the source URL that makes the load read a TPT export's files (Teradata only). */
export function sourceUrlVia(url: string, via: 'tpt' | undefined, tptDir: string | undefined): string {
  return via === 'tpt' ? withTptExport(url, tptDir) : url
}
