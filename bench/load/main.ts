import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { startEmbeddedPostgres } from '../../src/engines/postgres/embedded-server.js'
import type { LoadOptions } from '../../src/load/run-load.js'
import { LINEITEM_DDL, LINEITEM_FILL } from '../shared/lineitem.js'
import { medianSeconds } from '../shared/median-seconds.js'
import { runToSuccess } from '../shared/run-process.js'
import { sideBySideTable } from '../shared/side-by-side-table.js'

/**
 * `godwit load` PostgreSQL → PostgreSQL on a TPC-H-lineitem-like table against the native
 * baseline `psql -c "COPY t TO STDOUT" | psql -c "COPY t FROM STDIN"` on the same server:
 *  - default path: binary COPY passed through without decoding, --jobs 4;
 *  - transcoding path (--transcode): every value decoded and re-encoded, --jobs 4.
 * Each godwit run is a fresh run in its own process (time of runLoad itself, peak RSS of that
 * process). BENCH_DATABASE_URL points at a server to use (else an embedded one starts);
 * BENCH_LOAD_ROWS sets the size (default 5,000,000), BENCH_RUNS the runs per path (median).
 */
const ROWS = Number(process.env.BENCH_LOAD_ROWS ?? 5_000_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 3)
const JOBS = 4
const LOAD_ONCE = fileURLToPath(new URL('./load-once.ts', import.meta.url))

interface LoadOnce {
  readonly seconds: number
  readonly rows: number
  readonly peakRssKiB: number
}

async function main(): Promise<void> {
  const server = process.env.BENCH_DATABASE_URL ? undefined : await startEmbeddedPostgres({ logical: true })
  const adminUrl = process.env.BENCH_DATABASE_URL ?? server!.url
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  const names = ['godwit_bench_load_src', 'godwit_bench_load_tgt']
  const urlOf = (db: string) => Object.assign(new URL(adminUrl), { pathname: `/${db}` }).toString()
  for (const db of names) {
    await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`)
    await admin.query(`CREATE DATABASE ${db}`)
  }
  const [srcUrl, tgtUrl] = names.map(urlOf) as [string, string]
  const src = new pg.Client({ connectionString: srcUrl })
  const tgt = new pg.Client({ connectionString: tgtUrl })
  await src.connect()
  await tgt.connect()
  try {
    console.log(`filling lineitem with ${ROWS.toLocaleString('en')} rows …`)
    await src.query(LINEITEM_DDL)
    await src.query(LINEITEM_FILL, [ROWS])
    await src.query('VACUUM ANALYZE lineitem')
    await tgt.query(LINEITEM_DDL)
    const copyBytes = Number((await runToSuccess('bash', ['-c', `psql "$SRC" -qAtc 'COPY lineitem TO STDOUT' | wc -c`], { env: { SRC: srcUrl } })).trim())

    const reset = async () => {
      await tgt.query('TRUNCATE lineitem')
      await tgt.query(`DO $$ BEGIN IF to_regclass('godwit.load_runs') IS NOT NULL THEN DELETE FROM godwit.load_runs; END IF; END $$`)
      await src.query(`SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE database = current_database() AND NOT active`)
      await tgt.query('CHECKPOINT')
    }
    const native = await medianSeconds(RUNS, async () => {
      await reset()
      await runToSuccess('bash', ['-c', `psql "$SRC" -qAtc 'COPY lineitem TO STDOUT' | psql "$TGT" -qc 'COPY lineitem FROM STDIN'`], { env: { SRC: srcUrl, TGT: tgtUrl } })
    })
    const godwit = async (label: string, extra: Partial<LoadOptions>) => {
      const runs: LoadOnce[] = []
      for (let i = 0; i < RUNS; i++) {
        await reset()
        const options: LoadOptions = { sourceUrl: srcUrl, targetUrl: tgtUrl, jobs: JOBS, ...extra }
        const once = JSON.parse(await runToSuccess(process.execPath, ['--import', 'tsx', LOAD_ONCE, JSON.stringify(options)])) as LoadOnce
        if (once.rows !== ROWS) throw new Error(`${label}: loaded ${once.rows} rows, expected ${ROWS}`)
        runs.push(once)
      }
      const sorted = [...runs].sort((a, b) => a.seconds - b.seconds)
      return { label, seconds: sorted[Math.floor(sorted.length / 2)]!.seconds, peakRssKiB: Math.max(...runs.map((r) => r.peakRssKiB)) }
    }
    const results = [
      await godwit(`godwit load --jobs ${JOBS} (binary COPY passthrough)`, {}),
      await godwit(`godwit load --jobs ${JOBS} --transcode (value codec)`, { transcode: true }),
    ]
    const row = (label: string, seconds: number, rss?: number) => [
      label,
      seconds.toFixed(2),
      Math.round(ROWS / seconds).toLocaleString('en'),
      (copyBytes / 1e6 / seconds).toFixed(1),
      (native.seconds / seconds).toFixed(2),
      rss === undefined ? '' : (rss / 1024).toFixed(0),
    ]
    console.log(`lineitem, ${ROWS.toLocaleString('en')} rows, ${(copyBytes / ROWS).toFixed(0)} bytes a row as COPY text, median of ${RUNS} runs`)
    console.log(
      sideBySideTable(
        ['path', 'seconds', 'rows/s', 'MB/s (COPY text)', '× native', 'peak RSS MiB'],
        [row('native: psql COPY TO | psql COPY FROM', native.seconds), ...results.map((r) => row(r.label, r.seconds, r.peakRssKiB))],
      ),
    )
  } finally {
    await src.query(`SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE database = current_database() AND NOT active`).catch(() => undefined)
    await src.end()
    await tgt.end()
    for (const db of names) await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`)
    await admin.end()
    await server?.stop()
  }
}

await main()
