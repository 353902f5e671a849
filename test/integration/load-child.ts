/**
 * Runs one `runLoad` in its own process for the kill and sharing tests: options as JSON in
 * argv[2], the result as JSON on stdout.
 */
import { runLoad, type LoadOptions } from '../../src/load/run-load.js'

const options = JSON.parse(process.argv[2] ?? '{}') as LoadOptions
const result = await runLoad(options)
process.stdout.write(JSON.stringify(result))
