import pg from 'pg'
import { runCdc, type CdcResult } from '../cdc/run-cdc.js'
import { formatMs } from '../ui/cdc-live-view.js'
import { withPgClient as withClient } from '../engines/postgres/pg-client.js'

/**
 * Before the demo's load: site_audit, which has no key, gets REPLICA IDENTITY FULL, the fix cdc
 * names when it refuses such a table. (The load itself creates the publication before its slot.)
 */
export async function prepareDemoCdc(sourceUrl: string, schema: string): Promise<void> {
  await withClient(sourceUrl, async (c) => {
    await c.query(`ALTER TABLE ${pg.escapeIdentifier(schema)}.site_audit REPLICA IDENTITY FULL`)
  })
}

export interface DemoCdcOptions {
  readonly sourceUrl: string
  readonly targetUrl: string
  readonly schema: string
  readonly loadRunId: number
  readonly progress?: (line: string) => void
}

export interface DemoCdcResult extends CdcResult {
  /** Transactions and row changes the writer committed on the source while cdc ran. */
  readonly written: { readonly transactions: number; readonly changes: number }
}

/** The demo's cdc stream and the application writing to the source while it runs. */
export interface RunningDemoCdc {
  /** Stops the writer once its transaction in flight has committed; resolves with what it wrote. */
  stopWriter(): Promise<DemoCdcResult['written']>
  /** Settles when cdc stops (the cutover's drain asks it to, at the frozen position). */
  readonly stopped: Promise<CdcResult>
}

/**
 * The cdc step of `godwit demo`: cdc continues the load run while a writer (the demo's
 * "application") records, moves and deletes sightings on the source, with the lag shown. Both keep
 * running until the cutover step stops the writer and drains cdc at the frozen position.
 */
export function startDemoCdc(o: DemoCdcOptions): RunningDemoCdc {
  const say = o.progress ?? (() => undefined)
  const t = `${pg.escapeIdentifier(o.schema)}.sightings`
  let lastSaid = 0
  const stopped = runCdc({
    sourceUrl: o.sourceUrl,
    targetUrl: o.targetUrl,
    fromLoadRun: o.loadRunId,
    onStart: (s) => say(`cdc: stream ${s.streamId} continues load run ${s.loadRunId} from LSN ${s.startPosition}`),
    onProgress: (p) => {
      if (p.at.getTime() - lastSaid < 1000) return
      lastSaid = p.at.getTime()
      say(`cdc: lag ${formatMs(p.lagMs)} (p95 ${formatMs(p.p95Ms)}), ${Math.round(p.eventsPerSec)} changes/s, ${p.eventsApplied} applied, at ${p.position}`)
    },
    onWarning: (m) => say(`cdc: warning: ${m}`),
  })
  const written = { transactions: 0, changes: 0 }
  let writing = true
  say('cdc: the application (a writer) records, updates and deletes sightings on the source')
  const writer = withClient(o.sourceUrl, async (c) => {
    const next = Number((await c.query(`SELECT max(sighting_id) AS m FROM ${t}`)).rows[0].m) + 1
    for (let i = 0; writing; i++) {
      await c.query('BEGIN')
      let n = 0
      n += (await c.query(`INSERT INTO ${t} (sighting_id, bird_id, site_id, seen_at, flock_size, observer) SELECT $1::bigint, bird_id, site_id, now(), 3, 'demo writer' FROM ${t} ORDER BY sighting_id LIMIT 1`, [next + i])).rowCount ?? 0
      n += (await c.query(`UPDATE ${t} SET flock_size = flock_size + 1 WHERE sighting_id = 100000 + $1::int`, [1 + ((i * 37) % 150_000)])).rowCount ?? 0
      if (i % 4 === 0) n += (await c.query(`DELETE FROM ${t} WHERE sighting_id = 100000 + $1::int`, [150_000 + i])).rowCount ?? 0
      await c.query('COMMIT')
      written.transactions++
      written.changes += n
      await new Promise((r) => setTimeout(r, 10))
    }
  })
  return {
    async stopWriter() {
      writing = false
      await writer
      say(`cdc: the writer stopped after ${written.transactions} transactions (${written.changes} row changes)`)
      return written
    },
    stopped,
  }
}
