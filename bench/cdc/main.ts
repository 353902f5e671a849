import pg from 'pg'
import { percentile } from '../../src/cdc/lag-tracker.js'
import { readLagSamples, readStreamStatuses, requestStop } from '../../src/cdc/cdc-control.js'
import { runCdc } from '../../src/cdc/run-cdc.js'
import { startEmbeddedPostgres } from '../../src/engines/postgres/embedded-server.js'
import { PgCdcSource } from '../../src/engines/postgres/pg-cdc-source.js'
import { runLoad } from '../../src/load/run-load.js'
import type { ChangeEvent } from '../../src/model/change-event.js'
import { runProcess } from '../shared/run-process.js'
import { sideBySideTable } from '../shared/side-by-side-table.js'
import { withPgClient } from '../../src/engines/postgres/pg-client.js'

/**
 * `godwit cdc` PostgreSQL → PostgreSQL. A writer commits a 60% update / 25% insert / 15% delete
 * mix (10 changes per transaction) while nothing applies, building a backlog; then, side by side:
 *  - godwit's catch-up: decode + net changes + set-based apply + checkpoint, to the backlog's end;
 *  - the naive apply: the same decoded events, one INSERT/UPDATE/DELETE statement per change, one
 *    target transaction per source transaction (into a copy of the target);
 *  - the source's own decode rate: pg_recvlogical (pgoutput) into /dev/null, the ceiling.
 * Then lag p50/p95/max while the writer offers 2,000 changes/s for 30 s.
 * BENCH_DATABASE_URL: a server with wal_level=logical (else an embedded one starts);
 * BENCH_CDC_CHANGES (default 200,000); BENCH_CDC_RATE (2,000); BENCH_CDC_SECONDS (30); BENCH_CDC_NAIVE=0 skips the naive run.
 */
const CHANGES = Number(process.env.BENCH_CDC_CHANGES ?? 200_000)
const RATE = Number(process.env.BENCH_CDC_RATE ?? 2_000)
const SECONDS = Number(process.env.BENCH_CDC_SECONDS ?? 30)
const ROWS = 100_000
const PUB = 'bench_cdc_pub'
const DDL = `CREATE TABLE public.orders (id bigint PRIMARY KEY, customer int NOT NULL, amount numeric(12,2), status text, note text, updated timestamptz NOT NULL)`

function sql(url: string, text: string, values: unknown[] = []): Promise<pg.QueryResult> {
  return withPgClient(url, (c) => c.query(text, values))
}

function withDb(admin: string, name: string): string {
  const u = new URL(admin)
  u.pathname = `/${name}`
  return u.toString()
}

/** Server-side writer: `changes` effective row changes in transactions of 10, committed one by one. */
async function writeBacklog(url: string, changes: number): Promise<void> {
  await sql(url, `CREATE OR REPLACE PROCEDURE bench_write(n int) LANGUAGE plpgsql AS $$
    DECLARE done int := 0; r float8; k bigint; hi bigint; got int;
    BEGIN
      SELECT coalesce(max(id), 0) INTO hi FROM orders;
      WHILE done < n LOOP
        r := random();
        IF r < 0.60 THEN
          k := 1 + floor(random() * hi);
          UPDATE orders SET amount = amount + 1, status = 'updated', updated = clock_timestamp() WHERE id = k;
        ELSIF r < 0.85 THEN
          hi := hi + 1;
          INSERT INTO orders VALUES (hi, (random() * 1000)::int, 10, 'new', md5(hi::text), clock_timestamp());
        ELSE
          k := 1 + floor(random() * hi);
          DELETE FROM orders WHERE id = k;
        END IF;
        GET DIAGNOSTICS got = ROW_COUNT;
        done := done + got;
        IF got > 0 AND done % 10 = 0 THEN COMMIT; END IF;
      END LOOP;
      COMMIT;
    END $$`)
  await sql(url, `CALL bench_write(${Math.floor(changes)})`)
}

/** The naive baseline: one statement per decoded change, one target transaction per source transaction. */
async function naiveApply(sourceUrl: string, targetUrl: string, slot: string, endLsn: string): Promise<number> {
  const source = await PgCdcSource.connect(sourceUrl, slot, PUB)
  const start = (await sql(sourceUrl, `SELECT confirmed_flush_lsn::text AS l FROM pg_replication_slots WHERE slot_name = $1`, [slot])).rows[0].l as string
  const capture = await source.open({ position: start, partialEvents: 0 }, { columns: new Map([['public.orders', ['id', 'customer', 'amount', 'status', 'note', 'updated']]]), maxTxEvents: 1_000_000 })
  const target = new pg.Client({ connectionString: targetUrl })
  await target.connect()
  const cols = ['id', 'customer', 'amount', 'status', 'note', 'updated']
  const one = async (e: ChangeEvent): Promise<void> => {
    if (e.kind === 'insert') await target.query(`INSERT INTO orders (${cols.join(', ')}) VALUES ($1, $2, $3, $4, $5, $6)`, cols.map((c) => e.after.values[c]))
    else if (e.kind === 'update') await target.query(`UPDATE orders SET customer = $2, amount = $3, status = $4, note = $5, updated = $6 WHERE id = $1`, cols.map((c) => e.after.values[c]))
    else if (e.kind === 'delete') await target.query(`DELETE FROM orders WHERE id = $1`, [e.before.values.id])
  }
  const started = performance.now()
  let applied = 0
  const end = BigInt(`0x${endLsn.split('/')[0]}`) << 32n | BigInt(`0x${endLsn.split('/')[1]}`)
  for await (const item of capture.items) {
    if (item.kind !== 'transaction') continue
    await target.query('BEGIN')
    for (const e of item.tx.events) await one(e)
    await target.query('COMMIT')
    applied += item.tx.events.length
    capture.acknowledge(item.tx.endPosition)
    const [hi, lo] = item.tx.endPosition.split('/')
    if ((BigInt(`0x${hi}`) << 32n | BigInt(`0x${lo}`)) >= end) break
  }
  const seconds = (performance.now() - started) / 1000
  await capture.close()
  await source.close()
  await target.end()
  if (applied !== CHANGES) throw new Error(`naive apply saw ${applied} changes, expected ${CHANGES}`)
  return seconds
}

async function recvlogical(url: string, slot: string, endLsn: string): Promise<number | string> {
  const started = performance.now()
  const r = await runProcess('pg_recvlogical', ['-d', url, '--slot', slot, '--start', '--endpos', endLsn, '--no-loop', '-o', 'proto_version=1', '-o', `publication_names=${PUB}`, '-f', '/dev/null'])
  if (r.startError) return 'not available (pg_recvlogical not on PATH)'
  if (r.status !== 0) return `failed: ${r.stderr.trim().split('\n')[0]}`
  return (performance.now() - started) / 1000
}

function rssSampler(): { stop: () => number } {
  let peak = process.memoryUsage().rss
  const t = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100)
  return {
    stop() {
      clearInterval(t)
      return peak / 2 ** 20
    },
  }
}

async function main(): Promise<void> {
  const server = process.env.BENCH_DATABASE_URL ? undefined : await startEmbeddedPostgres({ logical: true })
  const admin = process.env.BENCH_DATABASE_URL ?? server!.url
  const suffix = Date.now().toString(36)
  const [src, tgt, naive] = ['src', 'tgt', 'naive'].map((n) => `bench_cdc_${n}_${suffix}`) as [string, string, string]
  const sourceUrl = withDb(admin, src)
  const targetUrl = withDb(admin, tgt)
  const naiveUrl = withDb(admin, naive)
  const slots = [`bench_naive_${suffix}`, `bench_recv_${suffix}`]
  try {
    for (const d of [src, tgt]) await sql(admin, `CREATE DATABASE ${d}`)
    for (const u of [sourceUrl, targetUrl]) await sql(u, DDL)
    await sql(sourceUrl, `INSERT INTO orders SELECT g, g % 1000, g, 'open', md5(g::text), now() FROM generate_series(1, ${ROWS}) g`)
    await sql(sourceUrl, `CREATE PUBLICATION ${PUB} FOR TABLE public.orders`)
    const load = await runLoad({ sourceUrl, targetUrl, tables: ['public.orders'], jobs: 2 })
    if (!(load.position as { publication?: string }).publication) {
      await sql(targetUrl, `UPDATE godwit.load_runs SET position = position || jsonb_build_object('publication', $2::text) WHERE id = $1`, [load.runId, PUB])
    }
    await sql(admin, `CREATE DATABASE ${naive} TEMPLATE ${tgt}`)
    for (const s of slots) await sql(sourceUrl, `SELECT pg_create_logical_replication_slot($1, 'pgoutput')`, [s])

    console.log(`writing a backlog of ${CHANGES.toLocaleString('en-US')} changes (60% update / 25% insert / 15% delete, 10 per transaction) on ${ROWS.toLocaleString('en-US')} rows…`)
    await writeBacklog(sourceUrl, CHANGES)
    const endLsn = (await sql(sourceUrl, `SELECT pg_current_wal_lsn()::text AS l`)).rows[0].l as string

    const c = new pg.Client({ connectionString: targetUrl })
    await c.connect()
    await sql(targetUrl, `SELECT 1`) // control schema is created by the first runCdc; request the stop after it exists
    let godwitSeconds = 0
    const rss = rssSampler()
    {
      const started = performance.now()
      const running = runCdc({ sourceUrl, targetUrl, tables: ['public.orders'], batchSize: 10_000, onStart: (s) => void requestStop(c, s.streamId, endLsn) })
      const r = await running
      godwitSeconds = (performance.now() - started) / 1000
      if (r.eventsApplied !== CHANGES) throw new Error(`godwit applied ${r.eventsApplied} changes, expected ${CHANGES}`)
    }
    const catchUpRss = rss.stop()
    const naiveSeconds = process.env.BENCH_CDC_NAIVE === '0' ? undefined : await naiveApply(sourceUrl, naiveUrl, slots[0]!, endLsn)
    const recv = await recvlogical(sourceUrl, slots[1]!, endLsn)

    const rate = (s: number) => `${Math.round(CHANGES / s).toLocaleString('en-US')} changes/s`
    console.log(`\ncatch-up over a backlog of ${CHANGES.toLocaleString('en-US')} changes`)
    console.log(sideBySideTable(['method', 'seconds', 'rate'], [
      ['godwit cdc (decode + net changes + COPY/ON CONFLICT apply + checkpoint)', godwitSeconds.toFixed(1), rate(godwitSeconds)],
      ['naive: one statement per change, one transaction per source transaction', naiveSeconds?.toFixed(1) ?? '—', naiveSeconds ? rate(naiveSeconds) : 'skipped (BENCH_CDC_NAIVE=0)'],
      ['pg_recvlogical pgoutput → /dev/null (decode ceiling)', typeof recv === 'number' ? recv.toFixed(1) : '—', typeof recv === 'number' ? rate(recv) : recv],
    ]))
    console.log(`godwit cdc process peak RSS during catch-up: ${catchUpRss.toFixed(0)} MiB`)

    // Lag while a writer offers RATE changes/s.
    const lagRss = rssSampler()
    const abort = new AbortController()
    let streamId = 0
    let lagNow: number | undefined
    const running = runCdc({ sourceUrl, targetUrl, tables: ['public.orders'], signal: abort.signal, onStart: (s) => (streamId = s.streamId), onProgress: (p) => (lagNow = p.lagMs) })
    // First catch up what arrived since the stop (the stopped run's own heartbeats, minutes old by now).
    while (lagNow === undefined || lagNow > 1000) await new Promise((r) => setTimeout(r, 200))
    const writerStart = new Date()
    const w = new pg.Client({ connectionString: sourceUrl })
    await w.connect()
    const hi0 = Number((await w.query(`SELECT max(id) AS m FROM orders`)).rows[0].m)
    let next = hi0 + 1
    const started = Date.now()
    let offered = 0
    // Every 50 ms, whatever keeps the offered total at RATE × elapsed (a slow tick is made up by the next).
    while (Date.now() - started < SECONDS * 1000) {
      const tickStart = Date.now()
      const due = Math.round((RATE * (tickStart - started)) / 1000) - offered
      if (due >= 20) {
        const ins = Math.round(due * 0.25)
        const del = Math.round(due * 0.15)
        const upd = due - ins - del
        await w.query('BEGIN')
        await w.query(`UPDATE orders SET amount = amount + 1, updated = clock_timestamp() WHERE id IN (SELECT DISTINCT 1 + floor(random() * $1)::bigint FROM generate_series(1, $2))`, [hi0, upd])
        await w.query(`INSERT INTO orders SELECT g, 1, 1, 'lag', md5(g::text), clock_timestamp() FROM generate_series($1::bigint, $2::bigint) g`, [next, next + ins - 1])
        await w.query(`DELETE FROM orders WHERE id IN (SELECT DISTINCT 1 + floor(random() * $1)::bigint FROM generate_series(1, $2))`, [hi0, del])
        await w.query('COMMIT')
        next += ins
        offered += due
      }
      await new Promise((r) => setTimeout(r, Math.max(0, 50 - (Date.now() - tickStart))))
    }
    await w.end()
    await new Promise((r) => setTimeout(r, 2000))
    abort.abort()
    await running
    // The lag "now" each status tick recorded in godwit.cdc_lag_samples while the writer ran.
    const lags = (await readLagSamples(c, streamId, writerStart)).filter((x) => x.at.getTime() <= writerStart.getTime() + SECONDS * 1000).map((x) => x.lagMs ?? 0).sort((a, b) => a - b)
    const lagPeak = lagRss.stop()
    const [stream] = await readStreamStatuses(c)
    await c.end()
    console.log(`\nlag while ${Math.round(offered / SECONDS).toLocaleString('en-US')} changes/s were offered for ${SECONDS} s (${lags.length} samples, one per second)`)
    console.log(sideBySideTable(['p50', 'p95', 'max', 'peak RSS'], [[`${percentile(lags, 0.5)} ms`, `${percentile(lags, 0.95)} ms`, `${lags.at(-1)} ms`, `${lagPeak.toFixed(0)} MiB`]]))
    console.log(`stream ${stream?.id}: ${stream?.eventsApplied.toLocaleString('en-US')} changes applied in total, state ${stream?.state}`)
  } finally {
    for (const s of slots) await sql(sourceUrl, `SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1 AND NOT active`, [s]).catch(() => undefined)
    await sql(sourceUrl, `SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE database = current_database() AND NOT active`).catch(() => undefined)
    for (const d of [src, tgt, naive]) await sql(admin, `DROP DATABASE IF EXISTS ${d} WITH (FORCE)`).catch(() => undefined)
    await server?.stop()
  }
}

await main()
