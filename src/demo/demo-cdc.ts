import pg from 'pg'
import { requestStop } from '../cdc/cdc-control.js'
import { runCdc, type CdcResult } from '../cdc/run-cdc.js'
import { formatMs } from '../ui/cdc-live-view.js'

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
  /** How long the writer runs on the source. */
  readonly writeSeconds?: number
}

export interface DemoCdcResult extends CdcResult {
  /** Transactions and row changes the writer committed on the source while cdc ran. */
  readonly written: { readonly transactions: number; readonly changes: number }
}

/**
 * The cdc step of `godwit demo`: a writer records, moves and deletes sightings on the source
 * while cdc applies them to the target with the lag shown; then writes stop, cdc is asked to stop
 * at the source's current position, and the validation that follows finds the two sides equal.
 */
export async function runDemoCdc(o: DemoCdcOptions): Promise<DemoCdcResult> {
  const say = o.progress ?? (() => undefined)
  const t = `${pg.escapeIdentifier(o.schema)}.sightings`
  let streamId: number | undefined
  let lastSaid = 0
  const cdc = runCdc({
    sourceUrl: o.sourceUrl,
    targetUrl: o.targetUrl,
    fromLoadRun: o.loadRunId,
    onStart: (s) => {
      streamId = s.streamId
      say(`cdc: stream ${s.streamId} continues load run ${s.loadRunId} from LSN ${s.startPosition}`)
    },
    onProgress: (p) => {
      if (p.at.getTime() - lastSaid < 1000) return
      lastSaid = p.at.getTime()
      say(`cdc: lag ${formatMs(p.lagMs)} (p95 ${formatMs(p.p95Ms)}), ${Math.round(p.eventsPerSec)} changes/s, ${p.eventsApplied} applied, at ${p.position}`)
    },
    onWarning: (m) => say(`cdc: warning: ${m}`),
  })
  const written = { transactions: 0, changes: 0 }
  await withClient(o.sourceUrl, async (c) => {
    say(`cdc: a writer records, updates and deletes sightings on the source for ${o.writeSeconds ?? 5} s`)
    const end = Date.now() + (o.writeSeconds ?? 5) * 1000
    const next = Number((await c.query(`SELECT max(sighting_id) AS m FROM ${t}`)).rows[0].m) + 1
    let i = 0
    while (Date.now() < end) {
      await c.query('BEGIN')
      let n = 0
      n += (await c.query(`INSERT INTO ${t} (sighting_id, bird_id, site_id, seen_at, flock_size, observer) SELECT $1::bigint, bird_id, site_id, now(), 3, 'demo writer' FROM ${t} ORDER BY sighting_id LIMIT 1`, [next + i])).rowCount ?? 0
      n += (await c.query(`UPDATE ${t} SET flock_size = flock_size + 1 WHERE sighting_id = 100000 + $1::int`, [1 + ((i * 37) % 150_000)])).rowCount ?? 0
      if (i % 4 === 0) n += (await c.query(`DELETE FROM ${t} WHERE sighting_id = 100000 + $1::int`, [150_000 + i])).rowCount ?? 0
      await c.query('COMMIT')
      written.transactions++
      written.changes += n
      i++
      await new Promise((r) => setTimeout(r, 10))
    }
    const stopAt = (await c.query(`SELECT pg_current_wal_lsn()::text AS l`)).rows[0].l as string
    say(`cdc: writer done (${written.transactions} transactions, ${written.changes} row changes); asking cdc to stop at ${stopAt}`)
    while (streamId === undefined) await new Promise((r) => setTimeout(r, 50))
    await withClient(o.targetUrl, (tc) => requestStop(tc, streamId!, stopAt))
  })
  const result = await cdc
  say(`cdc: stopped at ${result.stoppedPosition ?? result.appliedPosition}, ${result.eventsApplied} changes in ${result.transactionsApplied} transactions applied`)
  return { ...result, written }
}

async function withClient<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    return await work(c)
  } finally {
    await c.end()
  }
}
