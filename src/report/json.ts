/**
 * JSON reports are the phase's result object itself, so `--json` and the report file agree.
 * Two-space indentation and a final newline make the file diff well.
 */
export function renderJson(result: unknown): string {
  return `${JSON.stringify(result, null, 2)}\n`
}
