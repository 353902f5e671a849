/**
 * Connection URLs are printed in progress lines, reports and errors; the password never is.
 * Handles `scheme://user:pass@host`, and `password=…` in key/value connection strings.
 */
export function redactUrl(text: string): string {
  return text
    // Greedy up to the authority's last `@`: drivers accept a raw `@` inside a password.
    .replace(/([a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]*):([^/\s]*)@/gi, '$1:***@')
    .replace(/\b(password|pwd)=([^&;\s]+)/gi, '$1=***')
}

/** Redacts every string in a JSON-like value (used on whole result objects before printing). */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redactUrl(value) as T
  if (Array.isArray(value)) return value.map((v) => redactDeep(v)) as T
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v)
    return out as T
  }
  return value
}
