import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { startEmbeddedPostgres } from '../../src/engines/postgres/embedded-server.js'
import { runLoad } from '../../src/load/run-load.js'
import { LINEITEM_DDL, LINEITEM_FILL } from '../shared/lineitem.js'
import { medianSeconds } from '../shared/median-seconds.js'
import { runToSuccess } from '../shared/run-process.js'
import { sideBySideTable } from '../shared/side-by-side-table.js'

/**
 * Staging for Redshift on a lineitem-shaped table: `godwit load --target redshift:// --stage
 * file://… --stage-only` (read the source, check each value against Redshift's limits, write
 * gzip CSV parts per slice, manifests, copy.sql) against the native baseline of the same bytes'
 * work: `psql COPY … TO STDOUT (FORMAT csv) | gzip > file` (level 6 as godwit's, one stream, no checks, no parts).
 * BENCH_DATABASE_URL points at a server to use (else an embedded one starts); BENCH_ROWS sets the
 * size; BENCH_JOBS the load's workers (default 2).
 */
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 3)
const JOBS = Number(process.env.BENCH_JOBS ?? 2)
const SLICES = 4

function sizeOf(dir: string): number {
  let n = 0
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) if (e.isFile() && e.name.endsWith('.csv.gz')) n += statSync(join(e.parentPath, e.name)).size
  return n
}

async function main(): Promise<void> {
  const server = process.env.BENCH_DATABASE_URL ? undefined : await startEmbeddedPostgres()
  const admin = process.env.BENCH_DATABASE_URL ?? server!.url
  const dbUrl = (name: string) => Object.assign(new URL(admin), { pathname: `/${name}` }).toString()
  const dbs = ['godwit_bench_rs_src', 'godwit_bench_rs_state']
  const adminClient = new pg.Client({ connectionString: admin })
  await adminClient.connect()
  for (const db of dbs) {
    await adminClient.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`)
    await adminClient.query(`CREATE DATABASE ${db}`)
  }
  const [srcUrl, stateUrl] = dbs.map(dbUrl) as [string, string]
  const scratch = mkdtempSync(join(tmpdir(), 'godwit-bench-rs-'))
  try {
    const src = new pg.Client({ connectionString: srcUrl })
    await src.connect()
    await src.query(LINEITEM_DDL)
    await src.query(LINEITEM_FILL, [ROWS])
    await src.query('VACUUM ANALYZE lineitem')
    await src.end()

    const plain = join(scratch, 'plain.csv.gz')
    const native = await medianSeconds(RUNS, () =>
      runToSuccess('bash', ['-c', `psql "$SRC" -qAtc 'COPY lineitem TO STDOUT (FORMAT csv)' | gzip > "$OUT"`], { env: { SRC: srcUrl, OUT: plain } }),
    )
    const nativeBytes = statSync(plain).size

    let stagedBytes = 0
    const godwit = await medianSeconds(RUNS, async (run) => {
      const dir = join(scratch, `stage-${run}`)
      const result = await runLoad({
        sourceUrl: srcUrl,
        targetUrl: 'redshift://bench@cluster.invalid:5439/dev',
        stateUrl,
        tables: ['public.lineitem'],
        jobs: JOBS,
        restart: true,
        staging: { stage: `file://${dir}`, stageOnly: true, slices: SLICES },
      })
      if (!result.complete || result.totals.rows !== ROWS) throw new Error(`staged ${result.totals.rows} rows, expected ${ROWS}`)
      stagedBytes = sizeOf(dir)
      rmSync(dir, { recursive: true, force: true })
    })

    console.log(`lineitem shape, ${ROWS.toLocaleString('en')} rows, median of ${RUNS} runs`)
    console.log(
      sideBySideTable(['path', 'seconds', 'rows/s', 'gzip MiB', '× native'], [
        ['native: psql COPY … (FORMAT csv) | gzip', native.seconds.toFixed(2), Math.round(ROWS / native.seconds).toLocaleString('en'), (nativeBytes / 2 ** 20).toFixed(1), '1.00'],
        [
          `godwit load --stage-only (${JOBS} jobs, ${SLICES} parts per chunk, checked values)`,
          godwit.seconds.toFixed(2),
          Math.round(ROWS / godwit.seconds).toLocaleString('en'),
          (stagedBytes / 2 ** 20).toFixed(1),
          (native.seconds / godwit.seconds).toFixed(2),
        ],
      ]),
    )
    console.log('godwit includes planning, chunk claims in the state database and the manifests/copy.sql; both compress at gzip level 6.')
  } finally {
    rmSync(scratch, { recursive: true, force: true })
    for (const db of dbs) await adminClient.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`)
    await adminClient.end()
    await server?.stop()
  }
}

await main()
