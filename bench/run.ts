import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * `npm run bench [-- NAME…]`: runs every bench/NAME/main.ts (or the ones named) one after another,
 * each in its own node process so its peak memory is its own, and exits non-zero if any crashed.
 */
const BENCH_DIR = dirname(fileURLToPath(import.meta.url))
const PEAK_RSS_HOOK = join(BENCH_DIR, 'peak-rss.ts')

interface BenchOutcome {
  readonly name: string
  readonly exitCode: number
  readonly seconds: number
  readonly peakRssMiB?: number
}

function discoverBenches(): string[] {
  return readdirSync(BENCH_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(BENCH_DIR, e.name, 'main.ts')))
    .map((e) => e.name)
    .sort()
}

async function runBench(name: string): Promise<BenchOutcome> {
  const scratch = mkdtempSync(join(tmpdir(), `bench-rss-${name}-`))
  const rssFile = join(scratch, 'peak-rss-kib')
  const started = performance.now()
  const exitCode = await new Promise<number>((resolveExit) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--import', PEAK_RSS_HOOK, join(BENCH_DIR, name, 'main.ts')], {
      stdio: 'inherit',
      env: { ...process.env, BENCH_PEAK_RSS_FILE: rssFile },
    })
    child.on('error', () => resolveExit(1))
    // A bench killed by a signal has no exit code; it crashed all the same.
    child.on('exit', (code) => resolveExit(code ?? 1))
  })
  const seconds = (performance.now() - started) / 1000
  const peakRssMiB = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) / 1024 : undefined
  rmSync(scratch, { recursive: true, force: true })
  return { name, exitCode, seconds, peakRssMiB }
}

async function main(): Promise<number> {
  const available = discoverBenches()
  const requested = process.argv.slice(2)
  const unknown = requested.filter((n) => !available.includes(n))
  if (unknown.length > 0) {
    console.error(`no such bench: ${unknown.join(', ')} (available: ${available.join(', ') || 'none'})`)
    return 2
  }
  const outcomes: BenchOutcome[] = []
  for (const name of requested.length > 0 ? requested : available) {
    console.log(`\n=== bench ${name} ===`)
    const outcome = await runBench(name)
    outcomes.push(outcome)
    const rss = outcome.peakRssMiB === undefined ? 'peak RSS unknown' : `peak RSS ${outcome.peakRssMiB.toFixed(0)} MiB (bench process)`
    const status = outcome.exitCode === 0 ? 'ok' : `CRASHED (exit ${outcome.exitCode})`
    console.log(`=== bench ${name}: ${status}, ${outcome.seconds.toFixed(1)} s wall, ${rss} ===`)
  }
  return outcomes.some((o) => o.exitCode !== 0) ? 1 : 0
}

process.exitCode = await main()
