import { UsageError } from '../core/errors.js'
import { engineOfUrl } from '../engines/registry.js'

/**
 * The PostgreSQL database holding a run's `godwit` control schema (docs/state-store.md): the
 * target itself when it is PostgreSQL and no `--state` is given; `--state` otherwise. Redshift
 * cannot hold the schema (no SKIP LOCKED, advisory locks or jsonb), so a Redshift target needs one.
 */
export function stateUrlFor(targetUrl: string, stateUrl: string | undefined): string {
  if (stateUrl !== undefined) {
    const engine = engineOfUrl(stateUrl)
    if (engine.name !== 'postgres') {
      throw new UsageError('STATE_NOT_POSTGRES', `--state must name a PostgreSQL database, not ${engine.title}`, { hint: 'Pass --state postgres://user@host/db (any small PostgreSQL; docs/state-store.md).' })
    }
    return stateUrl
  }
  const target = engineOfUrl(targetUrl)
  if (target.name === 'postgres') return targetUrl
  throw new UsageError('STATE_REQUIRED', `${target.title} targets keep their run state in a PostgreSQL database: --state is required`, {
    hint: 'Pass --state postgres://user@host/db (any small PostgreSQL; it holds the godwit schema; docs/state-store.md).',
  })
}
