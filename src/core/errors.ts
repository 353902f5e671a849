import { EXIT, type ExitCode } from './exit-codes.js'

/** Where in a user's input something went wrong; printed as file:line:column. */
export interface InputPosition {
  readonly file: string
  readonly line: number
  readonly column: number
}

export function formatPosition(p: InputPosition): string {
  return `${p.file}:${p.line}:${p.column}`
}

export interface GodwitErrorOptions {
  /** What the user can do about it, one sentence each. */
  readonly hint?: string
  readonly cause?: unknown
  /** The object the error is about, e.g. `HR.EMPLOYEES` or a file position. */
  readonly object?: string
}

/**
 * Every error godwit raises on purpose. `code` is stable (scripts branch on it), `exitCode`
 * says which side failed, `hint` tells the user what to do next.
 */
export class GodwitError extends Error {
  readonly code: string
  readonly exitCode: ExitCode
  readonly hint?: string
  readonly object?: string

  constructor(code: string, message: string, exitCode: ExitCode, options: GodwitErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = new.target.name
    this.code = code
    this.exitCode = exitCode
    this.hint = options.hint
    this.object = options.object
  }
}

export class UsageError extends GodwitError {
  constructor(code: string, message: string, options?: GodwitErrorOptions) {
    super(code, message, EXIT.usage, options)
  }
}

export class ConfigError extends GodwitError {
  constructor(code: string, message: string, options?: GodwitErrorOptions) {
    super(code, message, EXIT.config, options)
  }
}

export class SourceError extends GodwitError {
  constructor(code: string, message: string, options?: GodwitErrorOptions) {
    super(code, message, EXIT.source, options)
  }
}

export class TargetError extends GodwitError {
  constructor(code: string, message: string, options?: GodwitErrorOptions) {
    super(code, message, EXIT.target, options)
  }
}

export class StateError extends GodwitError {
  constructor(code: string, message: string, options?: GodwitErrorOptions) {
    super(code, message, EXIT.stateConflict, options)
  }
}

/** Ctrl-C (SIGINT): the command stopped where it was; the hint says what was kept and how to go on. */
export class InterruptedError extends GodwitError {
  constructor(hint?: string) {
    super('INTERRUPTED', 'interrupted (Ctrl-C)', EXIT.interrupted, { hint: hint ?? 'Nothing is left running; run the command again to start over.' })
  }
}

/** `--timeout` ran out: the command stopped as on Ctrl-C. */
export class TimedOutError extends GodwitError {
  constructor(seconds: number, hint?: string) {
    super('TIMED_OUT', `stopped after --timeout ${seconds} s`, EXIT.timedOut, { hint: hint ?? 'Raise --timeout, or run the command again.' })
  }
}

/** An error godwit did not expect: a bug. The original, with its stack, is the cause. */
export class InternalError extends GodwitError {
  constructor(cause: unknown) {
    super('INTERNAL', cause instanceof Error ? cause.message : String(cause), EXIT.internal, {
      cause,
      hint: 'This is a bug in godwit: rerun with --verbose (or --log-file FILE) for the stack trace, and report it with that output.',
    })
  }
}

/** A statement in an input file could not be read. Carries the position and the statement text. */
export class SqlSyntaxError extends GodwitError {
  readonly position: InputPosition
  readonly statement?: string

  constructor(message: string, position: InputPosition, statement?: string, options?: GodwitErrorOptions) {
    super('SQL_SYNTAX', `${formatPosition(position)}: ${message}`, EXIT.usage, {
      hint: 'Fix the statement or exclude the file; the other statements were still converted.',
      ...options,
      object: options?.object ?? formatPosition(position),
    })
    this.position = position
    this.statement = statement
  }
}
