import { mkdtempSync, rmSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmbeddedPostgres, type EmbeddedServer } from '../../src/engines/postgres/embedded-server.js'
import { corpusAvailable, corpusSkipReason } from '../../test/support/corpus.js'
import { medianSeconds } from '../shared/median-seconds.js'
import { oracleSchemasInDependencyOrder } from './corpus-schemas.js'
import { convertCorpusWithGodwit } from './godwit-convert.js'
import {
  convertCorpusWithOra2pg,
  ORA2PG_STEPS,
  ora2pgStatus,
  probeOfflineTypes,
  writeOra2pgConfig,
} from './ora2pg-convert.js'
import { writeOra2pgInputs } from './ora2pg-input.js'
import { applyToFreshDatabase, createSchemaOwnerRoles, serverMajorVersion } from './on-postgres.js'
import { printResults, type ToolFigures } from './print-results.js'

/**
 * Converts the whole Oracle corpus with godwit and with ora2pg, from the same scripts, times the
 * conversion (median of BENCH_RUNS runs, 3 by default; applying is not timed), then applies each
 * tool's output to its own fresh database and counts what PostgreSQL holds afterwards.
 */
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3))

async function main(): Promise<void> {
  if (!corpusAvailable) throw new Error(`cannot bench convert: ${corpusSkipReason}`)
  const schemas = oracleSchemasInDependencyOrder()
  console.log(`Oracle corpus schemas, in apply order: ${schemas.join(', ')}; ${RUNS} timed conversion run(s) per tool`)
  // Timings on a shared machine swing with its load; the reader should know what it was.
  console.log(`machine: ${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(1)} at start`)
  const work = mkdtempSync(join(tmpdir(), 'bench-convert-'))
  const server = await startEmbeddedPostgres({ logical: false })
  try {
    await createSchemaOwnerRoles(server.url, schemas)
    const godwit = await medianSeconds(RUNS, (run) => convertCorpusWithGodwit(schemas, join(work, 'godwit', `run-${run}`)))
    const tools: ToolFigures[] = [
      { tool: 'godwit', seconds: godwit.seconds, allSeconds: godwit.all, onPostgres: await applyToFreshDatabase(server, 'godwit', godwit.result) },
    ]
    const ora2pg = await benchOra2pg(server, schemas, work)
    if (ora2pg) tools.push(ora2pg)
    console.log(`load average ${loadavg()[0]!.toFixed(1)} at end\n`)
    printResults(godwit.result.source, tools)
  } finally {
    await server.stop()
    rmSync(work, { recursive: true, force: true })
  }
}

/** ora2pg's figures, or undefined (and why, printed) when it cannot run here. */
async function benchOra2pg(server: EmbeddedServer, schemas: readonly string[], work: string): Promise<ToolFigures | undefined> {
  const status = await ora2pgStatus()
  if (!status.installed) {
    console.log(`ora2pg: SKIPPED, ${status.reason}`)
    return undefined
  }
  const dir = join(work, 'ora2pg')
  const config = writeOra2pgConfig(dir, await serverMajorVersion(server.url))
  const inputs = writeOra2pgInputs(schemas, join(dir, 'input'))
  console.log(`${status.version}, offline (-i FILE, no Oracle connection), types run per schema: ${ORA2PG_STEPS.map((s) => s.type).join(', ')}`)
  console.log('  PROCEDURE not run: offline, FUNCTION already emits every function and procedure of the file')
  console.log('  DML (INSERT/UPDATE/anonymous blocks) goes through -t QUERY: INSERT and COPY need an Oracle connection')
  const firstInput = inputs.get(schemas[0]!)!
  for (const [type, refusal] of await probeOfflineTypes(config, firstInput.ddl, join(dir, 'probe'))) {
    console.log(`  -t ${type} with -i: ${refusal === undefined ? 'accepted' : `refused: ${refusal}`}`)
  }
  const timed = await medianSeconds(RUNS, (run) => convertCorpusWithOra2pg(config, inputs, join(dir, `run-${run}`)))
  const byType = [...timed.result.secondsByType].map(([type, s]) => `${type} ${s.toFixed(1)}`)
  console.log(`  ora2pg seconds by type, all schemas, last run: ${byType.join(', ')}`)
  for (const f of timed.result.failures) console.log(`  ora2pg -t ${f.type} on ${f.schema} failed: ${f.message}`)
  return { tool: 'ora2pg', seconds: timed.seconds, allSeconds: timed.all, onPostgres: await applyToFreshDatabase(server, 'ora2pg', timed.result) }
}

await main()
