import { flush, handle, run } from '@oclif/core'
import { UsageError } from '../core/errors.js'

/**
 * What both bins run. A command name godwit does not have never reaches a command class, so the
 * envelope and message the base command gives every other usage error are given here.
 */
export async function main(argv: readonly string[], dir: string): Promise<void> {
  try {
    await run([...argv], dir)
    await flush()
  } catch (err) {
    const unknown = err instanceof Error && /^command (\S+) not found$/.exec(err.message)
    if (!unknown) return handle(err as Error)
    const e = new UsageError('USAGE_UNKNOWN_COMMAND', `godwit has no command ${unknown[1]}`, { hint: 'See godwit --help for the commands of this version.' })
    if (argv.includes('--json')) {
      const envelope = { status: e.exitCode, code: e.code, hint: e.hint, name: e.name, message: e.message, object: null, warnings: [] }
      process.stdout.write(`${JSON.stringify(envelope, null, 2)}\n`)
    } else {
      process.stderr.write(`Error [${e.code}]: ${e.message}\nHint: ${e.hint}\n`)
    }
    process.exitCode = e.exitCode
  }
}
