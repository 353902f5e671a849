/**
 * Connection strings are printed in progress lines, reports and errors; the password never is,
 * however the string is malformed. Two layers:
 * - a lenient reading of anything that looks like `[scheme][:|//]user(:|/)password@host`
 *   (missing colon or slashes, unknown scheme, `@` inside the password, Oracle's `user/pass@host`)
 *   and of `password=…` parameters;
 * - every password godwit was given (flags, project file) is registered, and that exact text,
 *   percent-encoded or decoded, is masked wherever it appears: in a driver's message, a stack
 *   trace, a report.
 */

const MASK = '***'
/** Shorter registered secrets would mask ordinary words; the patterns still cover them in URLs. */
const MIN_SECRET_LENGTH = 4
const secrets = new Set<string>()

/** A run of characters that can hold a connection string: quotes and whitespace end it. */
const TOKEN_WITH_AT = /[^\s"'<>`]*@[^\s"'<>`]*/g
const PASSWORD_PARAM = /((?:[a-z_]*password|pwd|passwd)\s*[=:]\s*)("[^"]*"|'[^']*'|[^&;,\s"'}]+)/gi
const SCHEME = /^[a-z][a-z0-9+.-]*:/i

/** The `user(:|/)password` part of a token before its last `@`, read leniently; undefined without one. */
function credentials(beforeAt: string): { user: string; password: string } | undefined {
  let info: string
  const slashes = beforeAt.indexOf('//')
  if (slashes >= 0) info = beforeAt.slice(slashes + 2)
  else {
    const scheme = SCHEME.exec(beforeAt)
    const rest = scheme ? beforeAt.slice(scheme[0].length).replace(/^\/+/, '') : beforeAt
    info = scheme && /[:/]/.test(rest) ? rest : beforeAt
  }
  const sep = info.search(/[:/]/)
  if (sep < 0) return undefined
  const password = info.slice(sep + 1)
  // `node_modules/@scope/pkg`: the text before `@` ends in a separator, it is a path, not a password.
  if (password === '' || /[:/]$/.test(password)) return undefined
  return { user: info.slice(0, sep + 1), password }
}

function redactToken(token: string): string {
  const at = token.lastIndexOf('@')
  const found = credentials(token.slice(0, at))
  if (!found) return token
  return token.slice(0, at - found.password.length) + MASK + token.slice(at)
}

/** Every password in a connection string given to godwit, for registerSecret. */
export function passwordsIn(text: string): string[] {
  const found: string[] = []
  for (const m of text.matchAll(TOKEN_WITH_AT)) {
    const c = credentials(m[0].slice(0, m[0].lastIndexOf('@')))
    if (c) found.push(c.password)
  }
  for (const m of text.matchAll(PASSWORD_PARAM)) found.push(m[2]!.replace(/^["']|["']$/g, ''))
  return found
}

/** Masks this text (and its percent-encoded and decoded forms) in everything printed from now on. */
export function registerSecret(secret: string): void {
  const forms = [secret, encodeURIComponent(secret)]
  try {
    forms.push(decodeURIComponent(secret))
  } catch {
    // not percent-encoded
  }
  for (const f of forms) if (f.length >= MIN_SECRET_LENGTH) secrets.add(f)
}

/**
 * Registers the passwords of every connection string in these values (flags, config strings).
 * A password that is also another part of its own string (`postgres://postgres:postgres@…`) is
 * left to the URL patterns: masking that word everywhere would mask the scheme and the user too.
 */
export function registerSecretsIn(values: Iterable<string>): void {
  for (const v of values) for (const p of passwordsIn(v)) if (v.split(p).length === 2) registerSecret(p)
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')
}

export function redactUrl(text: string): string {
  let out = text.replace(TOKEN_WITH_AT, redactToken).replace(PASSWORD_PARAM, `$1${MASK}`)
  // Longest first, so a secret containing another is masked whole; only where it stands alone,
  // not inside a longer name (a password `godwit` leaves the slot `godwit_load_1` readable).
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) {
    out = out.replace(new RegExp(`(?<![A-Za-z0-9_])${escapeRegExp(s)}(?![A-Za-z0-9_])`, 'g'), MASK)
  }
  return out
}

/** Redacts every string in a JSON-like value (used on whole result objects before printing). */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redactUrl(value) as T
  if (Array.isArray(value)) return value.map((v) => redactDeep(v)) as T
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v)
    return out as T
  }
  return value
}
