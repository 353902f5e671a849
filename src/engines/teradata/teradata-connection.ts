import { ConfigError, GodwitError, SourceError, UsageError } from '../../core/errors.js'
import { redactUrl } from '../../config/redact.js'
import { loadTeradataDriver, type DriverConnectParams, type DriverConnection, type TeradataDriver } from './teradata-driver.js'

/** `teradata://user:pass@host[:port][/database][?schema=A,B&lock=read&logmech=LDAP&encryptdata=true&tmode=ANSI]`, taken apart. */
export interface TeradataUrl {
  readonly user: string
  readonly password: string
  readonly host: string
  readonly port: number
  /** The session's default database (unqualified names); absent: the user's own. */
  readonly database?: string
  /** Databases whose objects are read (`?schema=`); empty: the default database. */
  readonly schemas: readonly string[]
  /** Driver parameters passed through as given (logmech, encryptdata, sslmode, tmode). */
  readonly options: Readonly<Record<string, string>>
  /** `?lock=read`: load chunks wait for writers instead of reading dirty (`access`, the default). */
  readonly readLock: 'access' | 'read'
  /** `?via=tpt&tpt_dir=DIR`: load from the files of a TPT export (tpt-script.ts) in DIR instead of through the driver. */
  readonly tptDir?: string
}

const DEFAULT_PORT = 1025
/** Where a TPT export's script and files go when `?via=tpt` names no `tpt_dir`. */
export const DEFAULT_TPT_DIR = 'godwit-tpt'
const URL_HINT = 'Write it as teradata://user:password@host[:1025]/database (URL-encode special characters in the password).'
/** Driver parameters a URL may carry; anything else is a typo, reported rather than ignored. */
const PASSED_THROUGH = new Set(['logmech', 'encryptdata', 'sslmode', 'tmode', 'cop', 'https_port'])

/**
 * `load --via tpt [--tpt-dir DIR]`: the source URL with the TPT parameters set, so the load goes
 * through a Teradata Parallel Transporter export (a usage error for any other engine's URL).
 */
export function withTptExport(url: string, dir?: string): string {
  if (!/^teradata:/i.test(url.trim())) {
    throw new UsageError('LOAD_VIA_TPT_SOURCE', `--via tpt exports with Teradata Parallel Transporter; the source ${redactUrl(url)} is not teradata://`, {
      hint: 'Leave out --via for other sources.',
    })
  }
  const u = new URL(url)
  u.searchParams.set('via', 'tpt')
  if (dir) u.searchParams.set('tpt_dir', dir)
  return u.toString()
}

export function parseTeradataUrl(url: string): TeradataUrl {
  const shown = redactUrl(url)
  const bad = (problem: string): ConfigError => new ConfigError('TERADATA_URL_INVALID', `Teradata URL ${shown}: ${problem}`, { hint: URL_HINT })
  let u: URL
  try {
    u = new URL(url)
  } catch {
    throw bad('not a URL')
  }
  if (u.protocol !== 'teradata:') throw bad(`scheme must be teradata://, not ${u.protocol}//`)
  if (!u.hostname) throw bad('host is missing')
  if (!u.username) throw bad('user is missing')
  if (!u.password) throw bad('password is missing')
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''))
  if (database.includes('/')) throw bad('the path must be just the database name')
  const options: Record<string, string> = {}
  for (const [key, value] of u.searchParams) {
    const k = key.toLowerCase()
    if (k === 'schema') continue
    if (k === 'lock') {
      if (value !== 'access' && value !== 'read') throw bad(`lock must be access or read, not "${value}"`)
      continue
    }
    if (k === 'via') {
      if (value !== 'tpt') throw bad(`via must be tpt, not "${value}"`)
      continue
    }
    if (k === 'tpt_dir') continue
    if (!PASSED_THROUGH.has(k)) throw bad(`unknown parameter "${key}" (understood: schema, lock, via, tpt_dir, ${[...PASSED_THROUGH].join(', ')})`)
    if (k === 'tmode' && !/^(ANSI|TERA|DEFAULT)$/i.test(value)) throw bad(`tmode must be ANSI, TERA or DEFAULT, not "${value}"`)
    options[k] = value
  }
  const port = u.port ? Number(u.port) : DEFAULT_PORT
  const schemas = (u.searchParams.get('schema') ?? '').split(',').map((s) => s.trim()).filter(Boolean)
  return {
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    host: u.hostname,
    port,
    ...(database ? { database } : {}),
    schemas: schemas.length > 0 ? schemas : database ? [database] : [],
    options,
    readLock: u.searchParams.get('lock') === 'read' ? 'read' : 'access',
    ...(u.searchParams.get('via') === 'tpt' ? { tptDir: u.searchParams.get('tpt_dir') || DEFAULT_TPT_DIR } : {}),
  }
}

/** What the driver's `connect` takes. The password is only ever here, never in a message. */
export function driverConnectParams(u: TeradataUrl): DriverConnectParams {
  return {
    host: u.host,
    dbs_port: String(u.port),
    user: u.user,
    password: u.password,
    ...(u.database ? { database: u.database } : {}),
    ...u.options,
  }
}

/** One Teradata session. Rows come back as arrays in select-list order; parameters bind to `?` markers. */
export interface TeradataSession {
  readonly url: TeradataUrl
  /** All rows of a statement. */
  query(sql: string, params?: readonly unknown[]): Promise<unknown[][]>
  /** Rows in batches of at most `batch`, the statement held open between them. */
  stream(sql: string, params: readonly unknown[], batch: number): AsyncGenerator<unknown[][]>
  close(): Promise<void>
}

export async function connectTeradata(url: string | TeradataUrl, driver?: TeradataDriver): Promise<TeradataSession> {
  const parsed = typeof url === 'string' ? parseTeradataUrl(url) : url
  const d = driver ?? (await loadTeradataDriver())
  const conn: DriverConnection = new d.TeradataConnection()
  try {
    conn.connect(driverConnectParams(parsed))
  } catch (e) {
    throw teradataSourceError(e, parsed)
  }
  return sessionOver(conn, parsed)
}

function sessionOver(conn: DriverConnection, u: TeradataUrl): TeradataSession {
  return {
    url: u,
    async query(sql, params = []) {
      const cur = conn.cursor()
      try {
        cur.execute(sql, params)
        return cur.description ? cur.fetchall() : []
      } catch (e) {
        throw teradataSourceError(e, u)
      } finally {
        cur.close()
      }
    },
    async *stream(sql, params, batch) {
      const cur = conn.cursor()
      try {
        try {
          cur.execute(sql, params)
        } catch (e) {
          throw teradataSourceError(e, u)
        }
        for (;;) {
          let rows: unknown[][]
          try {
            rows = cur.fetchmany(batch)
          } catch (e) {
            throw teradataSourceError(e, u)
          }
          if (rows.length === 0) return
          yield rows
          // The driver blocks the thread; let other sessions' consumers (the target COPY) run.
          await new Promise((resolve) => setImmediate(resolve))
        }
      } finally {
        cur.close()
      }
    },
    async close() {
      conn.close()
    },
  }
}

/** Teradata error numbers (`[Error 8017]`) and driver failures → what to tell the user. */
const FAILURES: readonly { readonly match: RegExp; readonly code: string; readonly hint: (u: TeradataUrl) => string }[] = [
  { match: /\[Error 8017\]|\b8017\b.*(UserId|password)/i, code: 'TERADATA_AUTH_FAILED', hint: (u) => `Check the user name and password for ${u.user} (and ?logmech= if the site uses LDAP).` },
  { match: /\[Error 3032\]|\[Error 3033\]/, code: 'TERADATA_ACCOUNT_LOCKED', hint: (u) => `Ask a DBA to release the lock on ${u.user} (MODIFY USER … RELEASE PASSWORD LOCK).` },
  { match: /\[Error 3802\]/, code: 'TERADATA_UNKNOWN_DATABASE', hint: (u) => `The database in the URL (${u.database ?? '(default)'}) or ?schema= does not exist: SELECT DatabaseName FROM DBC.DatabasesV lists them.` },
  { match: /\[Error 3523\]|\[Error 3524\]|\[Error 5315\]/, code: 'TERADATA_ACCESS_DENIED', hint: (u) => `Grant ${u.user} SELECT on the databases read and on DBC (docs/teradata-data.md lists the privileges).` },
  { match: /\[Error 3807\]/, code: 'TERADATA_OBJECT_MISSING', hint: () => 'A table or view named in the request does not exist (dropped or renamed while godwit ran?).' },
  { match: /\[Error 2646\]|\[Error 3710\]/, code: 'TERADATA_SPOOL_EXHAUSTED', hint: () => 'The request ran out of spool: use smaller chunks (--chunk-rows) or ask for more spool for the user.' },
  { match: /\[Error 2631\]/, code: 'TERADATA_DEADLOCK', hint: () => 'Teradata aborted the request in a deadlock; rerunning resumes it.' },
  { match: /ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EHOSTUNREACH|Hostname lookup failed|Failed to connect|connection refused|i\/o timeout/i, code: 'TERADATA_UNREACHABLE', hint: (u) => `Check that ${u.host}:${u.port} is reachable and a gateway listens there.` },
]

/** Wraps a driver error once in a SourceError with a code and a hint; godwit's own errors pass through. */
export function teradataSourceError(e: unknown, u: TeradataUrl): GodwitError {
  if (e instanceof GodwitError) return e
  const err = e as { message?: unknown; code?: unknown; cause?: { code?: unknown } }
  const message = typeof err.message === 'string' ? err.message : String(e)
  const probe = [err.code, err.cause?.code, message].filter((x) => typeof x === 'string').join(' ')
  const known = FAILURES.find((f) => f.match.test(probe))
  // The driver's messages carry a stack of "at …" lines after the first; the first says it all.
  const first = redactUrl(message.split('\n')[0] ?? message)
  return new SourceError(known?.code ?? 'TERADATA_ERROR', `Teradata ${u.host}:${u.port}: ${first}`, {
    hint: known?.hint(u) ?? 'See the Teradata error number above; docs/teradata-data.md lists the privileges godwit needs.',
    cause: e,
  })
}
