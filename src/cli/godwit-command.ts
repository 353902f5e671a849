import { Command, Flags, Interfaces } from '@oclif/core'
import { loadProjectConfig, type ProjectConfig } from '../config/project-config.js'
import { redactDeep, redactUrl, registerSecretsIn } from '../config/redact.js'
import { GodwitError, InternalError, InterruptedError, TimedOutError } from '../core/errors.js'
import { EXIT, type ExitCode } from '../core/exit-codes.js'
import { routeDriverWarnings } from './driver-warnings.js'
import { guardOutput, type Output } from './output-guard.js'
import { isParseError, usageErrorOf } from './parse-errors.js'

export type GodwitFlags<T extends typeof Command> = Interfaces.InferredFlags<(typeof GodwitCommand)['baseFlags'] & T['flags']>

/** What `--json` prints when the command ran to its end: the result, and how it went. */
export interface SuccessEnvelope<R> {
  /** The process exit code: 0, or 1 (a check failed) / 68 (partial) / a side's code for work that finished with problems. */
  readonly status: ExitCode
  /** `OK`, or what `status` means (`CHECK_FAILED`, `PARTIAL`, a side's error code). */
  readonly code: string
  readonly hint: string | null
  readonly result: R
  readonly warnings: readonly string[]
}

/** What `--json` prints for every error: usage, config, a side, internal, interrupted. */
export interface ErrorEnvelope {
  readonly status: ExitCode
  readonly code: string
  readonly hint: string | null
  readonly name: string
  readonly message: string
  readonly object: string | null
  readonly warnings: readonly string[]
}

/** The envelope's code and hint when a command finished but not cleanly, unless it says more. */
const OUTCOMES: Partial<Record<ExitCode, { code: string; hint: string }>> = {
  [EXIT.checkFailed]: { code: 'CHECK_FAILED', hint: 'The check found problems: they are listed in the result and the reports.' },
  [EXIT.partial]: { code: 'PARTIAL', hint: 'Some work did not finish: fix the cause and run the same command again to resume.' },
  [EXIT.source]: { code: 'SOURCE_FAILED', hint: 'A source-side error stopped part of the work: see the result for the tables and errors.' },
  [EXIT.target]: { code: 'TARGET_FAILED', hint: 'A target-side error stopped part of the work: see the result for the tables and errors.' },
}

/** Global output flags are read from argv before parsing, so even a parse error honours them. */
function outputFlags(argv: readonly string[]): { quiet: boolean; verbose: boolean; logFile?: string } {
  const own = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv
  const at = own.findIndex((a) => a === '--log-file' || a.startsWith('--log-file='))
  const value = at < 0 ? undefined : own[at]!.includes('=') ? own[at]!.slice('--log-file='.length) : own[at + 1]
  // `--log-file --json`: no file given; the parser reports it.
  const logFile = value === undefined || value === '' || value.startsWith('-') ? undefined : value
  return { quiet: own.includes('--quiet'), verbose: own.includes('--verbose'), logFile }
}

/** `--timeout N` from argv, or undefined; a bad value is left to the parser to report. */
function timeoutSeconds(argv: readonly string[]): number | undefined {
  const at = argv.findIndex((a) => a === '--timeout' || a.startsWith('--timeout='))
  const raw = at < 0 ? undefined : argv[at]!.includes('=') ? argv[at]!.slice('--timeout='.length) : argv[at + 1]
  const n = Number(raw)
  return Number.isInteger(n) && n > 0 ? n : undefined
}

function describeError(err: unknown): string {
  const lines: string[] = []
  for (let e: unknown = err, depth = 0; e !== undefined && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    lines.push(`${depth === 0 ? '' : 'caused by: '}${e instanceof Error ? (e.stack ?? e.message) : String(e)}`)
  }
  return lines.join('\n')
}

/**
 * Base of every godwit command: owns the global flags, the `--json` envelope, the project config,
 * redaction of everything printed, Ctrl-C, and turning an error into an exit code (design §6).
 * Commands parse flags, call one library function, return.
 */
/** Why a graceful command was stopped: makes its error (Ctrl-C → 130, --timeout → 69) with the command's hint. */
export type StopReason = (hint: string | undefined) => InterruptedError | TimedOutError

export abstract class GodwitCommand<R> extends Command {
  static override enableJsonFlag = true
  static override baseFlags = {
    config: Flags.string({ description: 'Project file (default: ./godwit.config.json|yaml).', helpGroup: 'GLOBAL' }),
    verbose: Flags.boolean({ description: 'Also print detail: error causes and stack traces.', helpGroup: 'GLOBAL', exclusive: ['quiet'] }),
    quiet: Flags.boolean({ description: 'Print only the result and errors: no progress or warnings (--json and --log-file still hold them).', helpGroup: 'GLOBAL' }),
    timeout: Flags.integer({ description: 'Stop after this many seconds, as on Ctrl-C, and exit 69.', helpGroup: 'GLOBAL', min: 1, helpValue: 'SECONDS' }),
    'log-file': Flags.string({ description: 'Write a detailed log (all output, error causes and stack traces; passwords redacted) to this file.', helpGroup: 'GLOBAL', helpValue: 'FILE' }),
  }

  protected readonly warnings: string[] = []
  /**
   * Set by a command whose work finished but found problems (a failed check, a partial load): the
   * result is still printed, the envelope's status and the exit code say what happened.
   */
  protected exitStatus: ExitCode = EXIT.ok
  /** The envelope's code and hint for a non-zero `exitStatus`, when the command can say more than OUTCOMES. */
  protected outcome?: { readonly code: string; readonly hint?: string }
  private output?: Output
  private unrouteWarnings?: () => void
  private readonly onSigint = () => void this.stop((hint) => new InterruptedError(hint))
  private timer?: NodeJS.Timeout

  /** The result object `--json` prints; the human rendering is the command's own. */
  abstract override run(): Promise<R>

  override async init(): Promise<void> {
    registerSecretsIn(this.argv)
    this.output = guardOutput(outputFlags(this.argv))
    this.unrouteWarnings = routeDriverWarnings((m) => this.warnOnce(m))
    process.on('SIGINT', this.onSigint)
    const seconds = timeoutSeconds(this.argv)
    if (seconds) this.timer = setTimeout(() => void this.stop((hint) => new TimedOutError(seconds, hint)), seconds * 1000).unref()
    await super.init()
  }

  protected projectConfig(path: string | undefined): ProjectConfig {
    return loadProjectConfig(path)
  }

  /** Progress and human output go to stderr when --json is on, so stdout stays parseable. */
  protected progress(line: string): void {
    process.stderr.write(`${redactUrl(line)}\n`)
  }

  /** A line only --verbose prints and --log-file records. */
  protected detail(line: string): void {
    this.output?.detail(line)
  }

  protected warnOnce(message: string): void {
    const safe = redactUrl(message)
    if (this.warnings.includes(safe)) return
    this.warnings.push(safe)
    if (!this.jsonEnabled()) this.warn(safe)
  }

  /**
   * What the command does and says on Ctrl-C (or --timeout) before godwit exits 130 (69): release
   * what it holds and return the hint (what was kept, the command that resumes). A second Ctrl-C
   * exits at once.
   */
  protected async onInterrupt(): Promise<string | undefined> {
    return undefined
  }

  /**
   * For work that stops cleanly (a load's chunks in flight, a cdc batch and its checkpoint): from
   * now on Ctrl-C (and SIGTERM, and --timeout) prints `message` and aborts the returned signal
   * instead of exiting, and run() decides how the command ends; the signal's reason (a StopReason)
   * makes the error that says why it stopped. A second Ctrl-C exits at once.
   */
  protected stopGracefully(message: string): AbortSignal {
    const controller = new AbortController()
    this.graceful = { controller, message }
    process.on('SIGTERM', this.onSigint)
    return controller.signal
  }

  private graceful?: { readonly controller: AbortController; readonly message: string }

  private async stop(stopped: StopReason): Promise<void> {
    clearTimeout(this.timer)
    process.off('SIGINT', this.onSigint)
    process.off('SIGTERM', this.onSigint)
    process.once('SIGINT', () => process.exit(stopped(undefined).exitCode))
    if (this.graceful) {
      process.stderr.write(`${this.graceful.message} (Ctrl-C again to stop at once)\n`)
      this.graceful.controller.abort(stopped)
      return
    }
    let hint: string | undefined
    try {
      hint = await this.onInterrupt()
    } catch (e) {
      this.detail(`while stopping: ${describeError(e)}`)
    }
    const error = stopped(hint)
    this.report(error, undefined)
    process.exit(error.exitCode)
  }

  protected override toSuccessJson(result: unknown): SuccessEnvelope<unknown> {
    const outcome = this.exitStatus === EXIT.ok ? undefined : (this.outcome ?? OUTCOMES[this.exitStatus])
    return {
      status: this.exitStatus,
      code: outcome?.code ?? (this.exitStatus === EXIT.ok ? 'OK' : 'FAILED'),
      hint: outcome?.hint ?? null,
      result: redactDeep(result),
      warnings: this.warnings,
    }
  }

  protected override toErrorJson(err: unknown): ErrorEnvelope {
    const e = err instanceof GodwitError ? err : new InternalError(err)
    return {
      status: e.exitCode,
      code: e.code,
      hint: e.hint ?? null,
      name: e.name,
      message: redactUrl(e.message),
      object: e.object === undefined ? null : redactUrl(e.object),
      warnings: this.warnings,
    }
  }

  protected override async finally(err: Error | undefined): Promise<unknown> {
    process.off('SIGINT', this.onSigint)
    process.off('SIGTERM', this.onSigint)
    clearTimeout(this.timer)
    this.unrouteWarnings?.()
    if (!err && this.exitStatus !== EXIT.ok) process.exitCode = this.exitStatus
    return super.finally(err)
  }

  /** One error, printed once: the envelope with --json, else `Error [CODE]: message` and the hint. */
  private report(e: GodwitError, original: unknown): void {
    if (original !== undefined) this.detail(describeError(original))
    if (this.jsonEnabled()) {
      this.logJson(this.toErrorJson(e))
      return
    }
    const print = (t: string) => (this.output ? this.output.always(t) : process.stderr.write(redactUrl(t)))
    print(`Error [${e.code}]: ${e.message}\n`)
    if (e.hint) print(`Hint: ${e.hint}\n`)
  }

  protected override async catch(err: Error & { code?: unknown }): Promise<unknown> {
    // this.exit() inside a command: already decided, nothing to print.
    if (err.code === 'EEXIT') throw err
    const e = err instanceof GodwitError ? err : isParseError(err) ? usageErrorOf(err, this.id ?? '') : new InternalError(err)
    this.report(e, err)
    return this.exit(e.exitCode)
  }
}
