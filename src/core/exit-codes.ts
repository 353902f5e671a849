/**
 * Process exit codes, shared by every command (documented in docs/exit-codes.md).
 * They say which side failed, so a CI phase can react without parsing text.
 */
export const EXIT = {
  ok: 0,
  checkFailed: 1,
  usage: 2,
  config: 3,
  source: 4,
  target: 5,
  stateConflict: 6,
  internal: 70,
  partial: 68,
  timedOut: 69,
  interrupted: 130,
} as const

export type ExitCode = (typeof EXIT)[keyof typeof EXIT]
