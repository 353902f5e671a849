/**
 * One `runLoad` in its own process, so its time and peak memory are its own: options as JSON in
 * argv[2]; prints `{ seconds, rows, peakRssKiB }` as JSON.
 */
import { runLoad, type LoadOptions } from '../../src/load/run-load.js'

const options = JSON.parse(process.argv[2] ?? '{}') as LoadOptions
const started = performance.now()
const result = await runLoad(options)
const seconds = (performance.now() - started) / 1000
if (!result.complete) throw new Error(`load incomplete: ${JSON.stringify(result.tables)}`)
const rows = result.tables.reduce((n, t) => n + t.rows, 0)
process.stdout.write(JSON.stringify({ seconds, rows, peakRssKiB: process.resourceUsage().maxRSS }))
