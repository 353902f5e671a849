import { pipeline } from 'node:stream/promises'
import pg from 'pg'
import { from as copyFrom, to as copyTo } from 'pg-copy-streams'
import { readPgTable } from '../../src/engines/postgres/pg-catalog.js'
import { startEmbeddedPostgres } from '../../src/engines/postgres/embedded-server.js'
import { PgRowSource } from '../../src/engines/postgres/pg-row-source.js'
import type { LoadColumn } from '../../src/load/load-source.js'
import { fieldEncoderFor } from '../../src/values/binary-field-encoders.js'
import { CopyBinaryWriter } from '../../src/values/copy-binary-writer.js'
import { readCopyText } from '../../src/values/copy-text-reader.js'
import { PG_TEXT_SESSION_OPTIONS, pgTextDecoderFor } from '../../src/values/pg-text-decoders.js'
import { batchEncoder, transcodeToCopyBinary } from '../../src/values/transcode.js'
import { LINEITEM_DDL, LINEITEM_FILL } from '../shared/lineitem.js'
import { medianSeconds } from '../shared/median-seconds.js'
import { runToSuccess } from '../shared/run-process.js'
import { sideBySideTable } from '../shared/side-by-side-table.js'

/**
 * godwit's value codec on a lineitem-shaped table (16 columns: integers, numeric(15,2), char,
 * dates, varchar(44)) against the native baseline `psql COPY TO | psql COPY FROM`:
 *  - codec only: COPY text already in memory → decoded values → binary COPY bytes (no database);
 *  - transcoding path: PgRowSource → transcodeToCopyBinary → COPY FROM (binary), 1 and 2 parts.
 * BENCH_DATABASE_URL points at a server to use (else an embedded one starts); BENCH_ROWS sets the size.
 */
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 3)

async function main(): Promise<void> {
  const server = process.env.BENCH_DATABASE_URL ? undefined : await startEmbeddedPostgres()
  const admin = process.env.BENCH_DATABASE_URL ?? server!.url
  const dbUrl = (name: string) => Object.assign(new URL(admin), { pathname: `/${name}` }).toString()
  const adminClient = new pg.Client({ connectionString: admin })
  await adminClient.connect()
  for (const db of ['godwit_bench_codec_src', 'godwit_bench_codec_tgt']) {
    await adminClient.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`)
    await adminClient.query(`CREATE DATABASE ${db}`)
  }
  const srcUrl = dbUrl('godwit_bench_codec_src')
  const tgtUrl = dbUrl('godwit_bench_codec_tgt')
  const src = new pg.Client({ connectionString: srcUrl, options: PG_TEXT_SESSION_OPTIONS })
  const tgt = new pg.Client({ connectionString: tgtUrl })
  await src.connect()
  await tgt.connect()
  try {
    await src.query(LINEITEM_DDL)
    await src.query(LINEITEM_FILL, [ROWS])
    await src.query('VACUUM ANALYZE lineitem')
    await tgt.query(LINEITEM_DDL.replace(', PRIMARY KEY (l_orderkey, l_linenumber)', ''))
    const table = await readPgTable(src, 'public', 'lineitem')
    const columns: LoadColumn[] = table.columns.map((c) => ({ name: c.name, targetName: c.name, type: c.type, pgType: c.pgType }))
    const results: [string, number][] = []

    const native = await medianSeconds(RUNS, async () => {
      await tgt.query('TRUNCATE lineitem')
      await runToSuccess('bash', ['-c', `psql "$SRC" -qAtc 'COPY lineitem TO STDOUT' | psql "$TGT" -qc 'COPY lineitem FROM STDIN'`], { env: { SRC: srcUrl, TGT: tgtUrl } })
    })
    results.push(['native: psql COPY TO | psql COPY FROM', native.seconds])

    // Codec alone: the source's COPY text held in memory, then decoded and encoded with no I/O.
    const text: Buffer[] = []
    for await (const chunk of src.query(copyTo('COPY lineitem TO STDOUT'))) text.push(chunk as Buffer)
    const decoders = table.columns.map((c) => pgTextDecoderFor(c.type))
    const encode = batchEncoder(columns.map((c) => fieldEncoderFor({ name: c.targetName, pgType: c.pgType })), () => undefined)
    const codec = await medianSeconds(RUNS, async () => {
      const w = new CopyBinaryWriter()
      for await (const batch of readCopyText(arrayChunks(text), decoders)) {
        encode(batch, w)
        w.take()
      }
    })
    results.push(['godwit codec only (COPY text in memory → values → binary COPY)', codec.seconds])

    const rowSource = new PgRowSource(srcUrl, 2)
    const holder = new pg.Client({ connectionString: srcUrl })
    await holder.connect()
    await holder.query('BEGIN ISOLATION LEVEL REPEATABLE READ')
    const snapshot = (await holder.query<{ s: string }>('SELECT pg_export_snapshot() AS s')).rows[0]!.s
    for (const parts of [1, 2]) {
      const targets = await Promise.all(Array.from({ length: parts }, async () => {
        const c = new pg.Client({ connectionString: tgtUrl })
        await c.connect()
        return c
      }))
      const split = String(Math.floor(ROWS / 4 / parts) + 1)
      const path = await medianSeconds(RUNS, async () => {
        await tgt.query('TRUNCATE lineitem')
        await Promise.all(targets.map(async (target, i) => {
          const range = parts === 1 ? undefined : i === 0 ? { upper: [split] } : { lower: [split] }
          const chunk = { schema: 'public', table: 'lineitem', seq: i, key: ['l_orderkey'], ...(range ? { range } : {}), estimatedRows: ROWS / parts }
          const rows = rowSource.readChunkRows(chunk, columns, { engine: 'postgres', snapshot })
          await pipeline(transcodeToCopyBinary(rows, columns, ['l_orderkey', 'l_linenumber'], () => undefined), target.query(copyFrom('COPY lineitem FROM STDIN (FORMAT binary)')))
        }))
      })
      const loaded = (await tgt.query<{ n: string }>('SELECT count(*) AS n FROM lineitem')).rows[0]!.n
      if (Number(loaded) !== ROWS) throw new Error(`transcoding path loaded ${loaded} rows, expected ${ROWS}`)
      results.push([`godwit transcoding path, ${parts} part${parts > 1 ? 's' : ''} (PgRowSource → codec → COPY FROM binary)`, path.seconds])
      await Promise.all(targets.map((c) => c.end()))
    }
    await holder.end()
    await rowSource.close()

    console.log(`lineitem shape, ${ROWS.toLocaleString('en')} rows, median of ${RUNS} runs`)
    console.log(sideBySideTable(['path', 'seconds', 'rows/s', '× native'], results.map(([name, s]) => [
      name, s.toFixed(2), Math.round(ROWS / s).toLocaleString('en'), (native.seconds / s).toFixed(2),
    ])))
  } finally {
    await src.end()
    await tgt.end()
    for (const db of ['godwit_bench_codec_src', 'godwit_bench_codec_tgt']) await adminClient.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`)
    await adminClient.end()
    await server?.stop()
  }
}

async function* arrayChunks(chunks: readonly Buffer[]): AsyncGenerator<Buffer> {
  yield* chunks
}

await main()
