import { writeFileSync } from 'node:fs'

/**
 * Loaded into each bench's process with `--import` by run.ts: at exit it writes the process's
 * peak resident set size (KiB) to the file named by BENCH_PEAK_RSS_FILE, so the runner can report
 * every bench's memory without the bench doing anything.
 */
const target = process.env.BENCH_PEAK_RSS_FILE
if (target) process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS)))
