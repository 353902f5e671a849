import { UsageError } from '../core/errors.js'

const ANSI = new RegExp(String.raw`\u001b\[[0-9;]*m`, 'g')

/** oclif's parser errors by class name → godwit's stable usage codes. */
const CODES: Readonly<Record<string, string>> = {
  NonExistentFlagsError: 'USAGE_UNKNOWN_FLAG',
  FailedFlagValidationError: 'USAGE_MISSING_FLAG',
  RequiredArgsError: 'USAGE_MISSING_ARGUMENT',
  UnexpectedArgsError: 'USAGE_UNEXPECTED_ARGUMENT',
  FlagInvalidOptionError: 'USAGE_BAD_VALUE',
  ArgInvalidOptionError: 'USAGE_BAD_VALUE',
  ViolatedFlagConstraintError: 'USAGE_FLAG_CONFLICT',
}

/** True for the errors oclif raises while reading argv (they carry exit code 2). */
export function isParseError(err: unknown): err is Error & { oclif: { exit: number } } {
  return err instanceof Error && (err as { oclif?: { exit?: unknown } }).oclif?.exit === 2
}

/** An oclif parse error as a UsageError with a stable code, oclif's wording kept minus its framing. */
export function usageErrorOf(err: Error, commandId: string): UsageError {
  const text = err.message.replace(ANSI, '')
  const code = /cannot also be provided|must also be provided/.test(text)
    ? 'USAGE_FLAG_CONFLICT'
    : (CODES[err.constructor.name] ?? (/^Parsing --/.test(text) ? 'USAGE_BAD_VALUE' : 'USAGE'))
  const message = text
    .replace(/^The following errors? occurred:\s*/, '')
    .replace(/\n\s*See more help with --help\s*$/, '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join('; ')
  return new UsageError(code, message, { cause: err, hint: `See godwit ${commandId} --help.` })
}
