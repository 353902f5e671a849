import { appendFileSync, writeFileSync } from 'node:fs'
import { redactUrl } from '../config/redact.js'
import { UsageError } from '../core/errors.js'

type Write = typeof process.stdout.write

export interface OutputOptions {
  /** Drop stderr (progress, warnings); errors still go through `always`. */
  readonly quiet: boolean
  /** Print detail lines (`detail`) on stderr too. */
  readonly verbose: boolean
  /** Append everything printed, plus detail lines, to this file (ANSI codes stripped). */
  readonly logFile?: string
}

export interface Output {
  /** stderr that --quiet does not silence: errors, the interrupt message. */
  always(text: string): void
  /** What only --verbose shows and --log-file records: stack traces, causes, timings. */
  detail(text: string): void
  restore(): void
}

const ANSI = new RegExp(String.raw`\u001b\[[0-9;?]*[ -/]*[@-~]`, 'g')

function textOf(chunk: unknown): string {
  return typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8')
}

/**
 * Everything the process prints passes here: redacted (no password reaches a terminal, a CI log
 * or the log file, whichever code printed it), copied to --log-file, and silenced on stderr by
 * --quiet.
 */
export function guardOutput(o: OutputOptions): Output {
  const out = process.stdout.write.bind(process.stdout) as Write
  const err = process.stderr.write.bind(process.stderr) as Write
  const record = (text: string) => {
    if (o.logFile) appendFileSync(o.logFile, text.replace(ANSI, ''))
  }
  if (o.logFile) {
    try {
      writeFileSync(o.logFile, `# godwit ${redactUrl(process.argv.slice(2).join(' '))}\n# started ${new Date().toISOString()}\n`)
    } catch (cause) {
      throw new UsageError('LOG_FILE_UNWRITABLE', `cannot write the log file ${o.logFile}: ${(cause as Error).message}`, {
        cause,
        hint: 'Give --log-file a path in a directory that exists and is writable.',
      })
    }
  }
  const wrap = (write: Write, silent: boolean): Write =>
    ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
      const safe = redactUrl(textOf(chunk))
      record(safe)
      const cb = typeof encoding === 'function' ? encoding : callback
      if (silent) {
        if (typeof cb === 'function') process.nextTick(cb as () => void)
        return true
      }
      return typeof encoding === 'function' ? write(safe, encoding as () => void) : write(safe, encoding as BufferEncoding, cb as () => void)
    }) as Write
  process.stdout.write = wrap(out, false)
  process.stderr.write = wrap(err, o.quiet)
  return {
    always(text) {
      const safe = redactUrl(text)
      record(safe)
      err(safe)
    },
    detail(text) {
      const safe = redactUrl(text.endsWith('\n') ? text : `${text}\n`)
      if (o.verbose) err(safe)
      record(safe)
    },
    restore() {
      process.stdout.write = out
      process.stderr.write = err
    },
  }
}
