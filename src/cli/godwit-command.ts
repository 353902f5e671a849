import { Command, Flags, Interfaces } from '@oclif/core'
import { loadProjectConfig, type ProjectConfig } from '../config/project-config.js'
import { redactDeep, redactUrl } from '../config/redact.js'
import { GodwitError } from '../core/errors.js'
import { EXIT, type ExitCode } from '../core/exit-codes.js'

export type GodwitFlags<T extends typeof Command> = Interfaces.InferredFlags<(typeof GodwitCommand)['baseFlags'] & T['flags']>

/** What `--json` prints on success: the command's result object, and nothing else on stdout. */
export interface SuccessEnvelope<R> {
  /** The process exit code: 0, or 1 (a check failed) / 68 (partial) / a side's code for work that finished with problems. */
  readonly status: ExitCode
  readonly result: R
  readonly warnings: readonly string[]
}

/**
 * Base of every godwit command: owns the `--json` envelope, the project config, and turning an
 * error into an exit code (design §6). Commands parse flags, call one library function, return.
 */
export abstract class GodwitCommand<R> extends Command {
  static override enableJsonFlag = true
  static override baseFlags = {
    config: Flags.string({ description: 'Project file (default: ./godwit.config.json|yaml).', helpGroup: 'GLOBAL' }),
  }

  protected readonly warnings: string[] = []
  /**
   * Set by a command whose work finished but found problems (a failed check, a partial load): the
   * result is still printed, the envelope's status and the exit code say what happened.
   */
  protected exitStatus: ExitCode = EXIT.ok

  /** The result object `--json` prints; the human rendering is the command's own. */
  abstract override run(): Promise<R>

  protected projectConfig(path: string | undefined): ProjectConfig {
    return loadProjectConfig(path)
  }

  /** Progress and human output go to stderr when --json is on, so stdout stays parseable. */
  protected progress(line: string): void {
    process.stderr.write(`${redactUrl(line)}\n`)
  }

  protected warnOnce(message: string): void {
    this.warnings.push(redactUrl(message))
    if (!this.jsonEnabled()) this.warn(redactUrl(message))
  }

  protected override toSuccessJson(result: unknown): SuccessEnvelope<unknown> {
    return { status: this.exitStatus, result: redactDeep(result), warnings: this.warnings }
  }

  protected override toErrorJson(err: unknown): unknown {
    const e = err as GodwitError
    return {
      status: e.exitCode ?? EXIT.internal,
      name: e.name,
      code: e.code ?? 'INTERNAL',
      message: redactUrl(e.message ?? String(err)),
      hint: e.hint,
      object: e.object,
    }
  }

  protected override async finally(err: Error | undefined): Promise<unknown> {
    if (!err && this.exitStatus !== EXIT.ok) process.exitCode = this.exitStatus
    return super.finally(err)
  }

  protected override async catch(err: Error & { exitCode?: number; oclif?: { exit?: number } }): Promise<unknown> {
    if (err instanceof GodwitError) {
      if (this.jsonEnabled()) {
        this.logJson(this.toErrorJson(err))
      } else {
        process.stderr.write(`Error [${err.code}]: ${redactUrl(err.message)}\n`)
        if (err.hint) process.stderr.write(`Hint: ${err.hint}\n`)
      }
      this.exit(err.exitCode)
    }
    // oclif's own parse errors carry exit code 2 already; anything else is a bug.
    if (err.oclif?.exit !== undefined) throw err
    if (this.jsonEnabled()) {
      this.logJson(this.toErrorJson(err))
      this.exit(EXIT.internal)
    }
    process.stderr.write(`Internal error: ${redactUrl(err.stack ?? err.message)}\n`)
    this.exit(EXIT.internal)
  }
}
