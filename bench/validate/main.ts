import { createHash } from 'node:crypto'
import { writeFile, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import copyStreams from 'pg-copy-streams'
import { startEmbeddedPostgres } from '../../src/engines/postgres/embedded-server.js'
import { openPgValidationCatalog } from '../../src/engines/postgres/pg-checksum-catalog.js'
import { PgChecksumSide } from '../../src/engines/postgres/pg-checksum-side.js'
import { PG_VALIDATION_SESSION, segmentChecksumQuery } from '../../src/engines/postgres/pg-checksum-sql.js'
import { rangesBetween } from '../../src/validate/bisect.js'
import { runValidation } from '../../src/validate/run-validation.js'
import type { SideTable } from '../../src/validate/side-table.js'
import { DEFAULT_TUNING } from '../../src/validate/table-comparison.js'
import type { ValidationResult } from '../../src/validate/validation-result.js'
import { LINEITEM_DDL, LINEITEM_FILL } from '../shared/lineitem.js'
import { medianSeconds } from '../shared/median-seconds.js'
import { runToSuccess } from '../shared/run-process.js'
import { sideBySideTable } from '../shared/side-by-side-table.js'
import { withPgClient } from '../../src/engines/postgres/pg-client.js'

/**
 * `godwit validate` PostgreSQL → PostgreSQL on two lineitem-like tables, side by side with:
 *  - the engine limit: the same per-segment checksum SQL, run straight with psql on both sides at
 *    once (one psql per side, PostgreSQL free to run each segment in parallel);
 *  - `SELECT count(*)` on both sides at once (a lower bound no checksum can reach);
 *  - the naive way: both tables streamed in key order (COPY) and every row hashed in Node.
 * Then the same with 10 scattered differences on the target, which must be found exactly.
 * BENCH_DATABASE_URL: a server to use (else an embedded one starts); BENCH_VALIDATE_ROWS (default
 * 5,000,000); BENCH_RUNS runs per measurement (median, default 3); BENCH_VALIDATE_JOBS (default 2).
 */
const ROWS = Number(process.env.BENCH_VALIDATE_ROWS ?? 5_000_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 3)
const JOBS = Number(process.env.BENCH_VALIDATE_JOBS ?? 2)
const PSQL = process.env.PSQL ?? 'psql'

/** 10 differences spread over the key space: changed cells, deleted rows, inserted rows. */
function scatteredDifferences(rows: number): string[] {
  const order = (i: number) => Math.floor(((i + 0.5) * rows) / 4 / 10) + 1
  return [
    ...[0, 3, 6, 8].map((i) => `UPDATE lineitem SET l_comment = 'changed ${i}' WHERE l_orderkey = ${order(i)} AND l_linenumber = 2`),
    ...[1, 5, 9].map((i) => `UPDATE lineitem SET l_quantity = l_quantity + 0.01 WHERE l_orderkey = ${order(i)} AND l_linenumber = 1`),
    `DELETE FROM lineitem WHERE l_orderkey = ${order(2)} AND l_linenumber = 3`,
    `DELETE FROM lineitem WHERE l_orderkey = ${order(7)} AND l_linenumber = 4`,
    `INSERT INTO lineitem SELECT l_orderkey, l_partkey, l_suppkey, 9, l_quantity, l_extendedprice, l_discount, l_tax, l_returnflag, l_linestatus, l_shipdate, l_commitdate, l_receiptdate, l_shipinstruct, l_shipmode, 'extra' FROM lineitem WHERE l_orderkey = ${order(4)} AND l_linenumber = 1`,
  ]
}

function query(url: string, text: string, values: unknown[] = []): Promise<pg.QueryResult> {
  return withPgClient(url, (c) => c.query(text, values))
}

/** The level-0 segment checksum statements godwit runs, with bounds inlined, as one psql script. */
async function segmentScript(url: string): Promise<string> {
  const catalog = await openPgValidationCatalog(url, 'source')
  const [t] = await catalog.listTables(['public.lineitem'])
  await catalog.close()
  const key = t!.key!
  const ordered = [...key.map((k) => t!.columns.find((c) => c.name === k)!), ...t!.columns.filter((c) => !key.includes(c.name))]
  const side: SideTable = { schema: 'public', name: 'lineitem', columns: ordered, keyLength: key.length }
  const reader = new PgChecksumSide(url, 'source', 1)
  const segments = Math.ceil(t!.estimatedRows / DEFAULT_TUNING.segmentRows)
  const bounds = await reader.initialBounds(side, segments)
  await reader.close()
  const statements = rangesBetween({}, bounds).map((r) => {
    const q = segmentChecksumQuery(side, r, { byteOrder: false })
    return `${q.text.replace(/\$(\d+)/g, (_, n: string) => pg.escapeLiteral(String(q.values[Number(n) - 1])))};`
  })
  // Session settings that make the ::text casts canonical; parallel query stays at the server default.
  return [...PG_VALIDATION_SESSION.filter((s) => !s.includes('parallel')).map((s) => `${s};`), ...statements].join('\n')
}

async function psqlBoth(urls: readonly string[], script: string, dir: string): Promise<void> {
  const file = join(dir, `script-${createHash('md5').update(script).digest('hex').slice(0, 8)}.sql`)
  await writeFile(file, script)
  await Promise.all(urls.map((u) => runToSuccess(PSQL, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-o', '/dev/null', '-f', file, u])))
}

/** The naive way: stream both tables in key order, md5 every row in Node, and compare the two sums. */
async function naiveCompare(urls: readonly string[]): Promise<{ bytes: number; equal: boolean }> {
  const sides = await Promise.all(
    urls.map(async (u) => {
      const c = new pg.Client({ connectionString: u })
      await c.connect()
      let bytes = 0
      let sum = 0n
      let rest = ''
      try {
        const stream = c.query(copyStreams.to('COPY (SELECT * FROM lineitem ORDER BY l_orderkey, l_linenumber) TO STDOUT'))
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          bytes += chunk.length
          const lines = (rest + chunk.toString('utf8')).split('\n')
          rest = lines.pop()!
          for (const l of lines) sum += createHash('md5').update(l).digest().readBigUInt64BE(0)
        }
      } finally {
        await c.end()
      }
      return { bytes, sum }
    }),
  )
  return { bytes: sides[0]!.bytes + sides[1]!.bytes, equal: sides[0]!.sum === sides[1]!.sum }
}

/** godwit's run with its peak RSS, sampled (the bench process also hosts the other contenders). */
async function godwit(source: string, target: string): Promise<{ result: ValidationResult; peakRss: number }> {
  let peakRss = process.memoryUsage().rss
  const timer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50)
  try {
    const result = await runValidation({ sourceUrl: source, targetUrl: target, tables: ['public.lineitem'], jobs: JOBS })
    return { result, peakRss }
  } finally {
    clearInterval(timer)
  }
}

const mb = (b: number) => `${(b / 1_048_576).toFixed(2)} MB`
const rate = (s: number) => `${Math.round(ROWS / s).toLocaleString('en-US')}`

async function main(): Promise<void> {
  const server = process.env.BENCH_DATABASE_URL ? undefined : await startEmbeddedPostgres({ logical: true })
  const adminUrl = process.env.BENCH_DATABASE_URL ?? server!.url
  const urlOf = (db: string) => Object.assign(new URL(adminUrl), { pathname: `/${db}` }).toString()
  const [srcDb, tgtDb] = ['godwit_bench_validate_src', 'godwit_bench_validate_tgt']
  const [source, target] = [urlOf(srcDb), urlOf(tgtDb)]
  const scratch = await mkdtemp(join(tmpdir(), 'godwit-bench-validate-'))
  try {
    console.log(`preparing two identical lineitem tables of ${ROWS.toLocaleString('en-US')} rows…`)
    for (const db of [srcDb, tgtDb]) await query(adminUrl, `DROP DATABASE IF EXISTS ${db}`)
    await query(adminUrl, `CREATE DATABASE ${srcDb}`)
    await query(source, LINEITEM_DDL)
    await query(source, LINEITEM_FILL, [ROWS])
    await query(source, 'VACUUM ANALYZE lineitem')
    await query(adminUrl, `CREATE DATABASE ${tgtDb} TEMPLATE ${srcDb}`)
    const both = [source, target]

    const identical = await medianSeconds(RUNS, () => godwit(source, target))
    const t = identical.result.result.tables[0]!
    if (t.status !== 'PASS') throw new Error(`identical tables did not validate: ${JSON.stringify(t)}`)
    const script = await segmentScript(source)
    const limit = await medianSeconds(RUNS, () => psqlBoth(both, script, scratch))
    const count = await medianSeconds(RUNS, () => psqlBoth(both, 'SELECT count(*) FROM lineitem;', scratch))
    const naive = await medianSeconds(1, () => naiveCompare(both))

    for (const s of scatteredDifferences(ROWS)) await query(target, s)
    const differing = await medianSeconds(RUNS, () => godwit(source, target))
    const d = differing.result.result.tables[0]!
    const naiveDiff = await medianSeconds(1, () => naiveCompare(both))

    const transfer = (r: ValidationResult) => ({ in: r.source.transfer.bytesReceived + r.target.transfer.bytesReceived, out: r.source.transfer.bytesSent + r.target.transfer.bytesSent })
    const ti = transfer(identical.result.result)
    const td = transfer(differing.result.result)
    console.log(`\nvalidate: lineitem, ${ROWS.toLocaleString('en-US')} rows per side, godwit --jobs ${JOBS}, median of ${RUNS} runs (naive: 1 run)\n`)
    console.log(
      sideBySideTable(
        ['method', 'seconds', 'rows/s (per side)', 'to godwit', 'from godwit', 'vs engine limit', 'found'],
        [
          ['engine limit: segment checksum SQL via psql, both sides at once', limit.seconds.toFixed(2), rate(limit.seconds), '—', '—', '1.00×', '—'],
          ['SELECT count(*) via psql, both sides at once', count.seconds.toFixed(2), rate(count.seconds), '—', '—', `${(count.seconds / limit.seconds).toFixed(2)}×`, '—'],
          ['godwit validate, identical tables', identical.seconds.toFixed(2), rate(identical.seconds), mb(ti.in), mb(ti.out), `${(identical.seconds / limit.seconds).toFixed(2)}×`, `${t.differenceCount} differences`],
          ['godwit validate, 10 scattered differences', differing.seconds.toFixed(2), rate(differing.seconds), mb(td.in), mb(td.out), `${(differing.seconds / limit.seconds).toFixed(2)}×`, `${d.differenceCount} differences`],
          ['naive: stream both ordered by key, md5 per row in Node', naive.seconds.toFixed(2), rate(naive.seconds), mb(naive.result.bytes), '—', `${(naive.seconds / limit.seconds).toFixed(2)}×`, naive.result.equal ? 'equal' : 'differ'],
          ['naive, 10 scattered differences', naiveDiff.seconds.toFixed(2), rate(naiveDiff.seconds), mb(naiveDiff.result.bytes), '—', `${(naiveDiff.seconds / limit.seconds).toFixed(2)}×`, naiveDiff.result.equal ? 'equal' : 'differ (no keys)'],
        ],
      ),
    )
    const perMillion = ti.in / (ROWS / 1_000_000) / 1_000_000
    const peak = Math.max(identical.result.peakRss, differing.result.peakRss)
    console.log('\ngoals:')
    console.log(`  identical within 1.3× the engine limit: ${(identical.seconds / limit.seconds).toFixed(2)}× ${identical.seconds / limit.seconds <= 1.3 ? 'met' : 'NOT met'}`)
    console.log(`  under 1 MB to godwit per million rows: ${perMillion.toFixed(3)} MB ${perMillion < 1 ? 'met' : 'NOT met'}`)
    console.log(`  10 differences found exactly: ${d.differenceCount} (${d.differences.map((x) => x.kind).sort().join(', ')}) ${d.differenceCount === 10 ? 'met' : 'NOT met'}`)
    console.log(`  differences within 1.5× the identical time: ${(differing.seconds / identical.seconds).toFixed(2)}× ${differing.seconds / identical.seconds <= 1.5 ? 'met' : 'NOT met'}`)
    console.log(`  peak memory under 300 MB: ${(peak / 1_048_576).toFixed(0)} MB RSS during godwit runs ${peak < 300 * 1_048_576 ? 'met' : 'NOT met'}`)
  } finally {
    for (const db of [srcDb, tgtDb]) await query(adminUrl, `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`).catch(() => undefined)
    await rm(scratch, { recursive: true, force: true })
    await server?.stop()
  }
}

await main()
