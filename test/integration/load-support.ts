import { withPgClient } from '../../src/engines/postgres/pg-client.js'
import { freshDatabase } from '../support/database.js'

/** One short piece of work on a connection of its own (tests import it from here). */
export const withClient = withPgClient

/** A source and a target database on the test server, dropped together (source slots first). */
export async function sourceAndTarget(prefix: string): Promise<{ source: string; target: string; drop: () => Promise<void> }> {
  const source = await freshDatabase(`${prefix}_src`)
  const target = await freshDatabase(`${prefix}_tgt`)
  return {
    source: source.url,
    target: target.url,
    async drop() {
      await dropSlots(source.url)
      await Promise.all([source.drop(), target.drop()])
    },
  }
}

/** A database with a replication slot cannot be dropped; the load leaves its slot for CDC. */
export async function dropSlots(url: string): Promise<void> {
  await withClient(url, (c) => c.query(`SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE database = current_database() AND NOT active`))
}

export async function exec(url: string, sql: string): Promise<void> {
  await withClient(url, (c) => c.query(sql))
}

/** Row count and an order-independent digest of a table's rows (md5 of each row's text, summed). */
export async function tableDigest(url: string, table: string): Promise<{ rows: number; digest: string }> {
  return withClient(url, async (c) => {
    const r = await c.query(
      `SELECT count(*)::int AS rows, coalesce(sum(('x' || left(md5(t::text), 15))::bit(60)::bigint::numeric), 0)::text AS digest FROM ${table} t`,
    )
    return r.rows[0] as { rows: number; digest: string }
  })
}
