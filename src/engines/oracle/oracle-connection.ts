import { ConfigError, GodwitError, SourceError } from '../../core/errors.js'
import { redactUrl } from '../../config/redact.js'
import { loadOracleDriver, type DriverConnection } from './oracle-driver.js'

/** `oracle://user:pass@host[:port]/service[?schema=HR,OE]`, taken apart. */
export interface OracleUrl {
  readonly user: string
  readonly password: string
  readonly host: string
  readonly port: number
  readonly service: string
  /** Easy Connect string for the driver: `host:port/service`. */
  readonly connectString: string
  /** `?schema=HR,OE`; empty when not given (the connected user's schema is meant). */
  readonly schemas: readonly string[]
}

const DEFAULT_PORT = 1521
const URL_HINT = 'Write it as oracle://user:password@host:1521/service (URL-encode special characters in the password).'

export function parseOracleUrl(url: string): OracleUrl {
  const shown = redactUrl(url)
  const bad = (problem: string): ConfigError =>
    new ConfigError('ORACLE_URL_INVALID', `Oracle URL ${shown}: ${problem}`, { hint: URL_HINT })
  let u: URL
  try {
    u = new URL(url)
  } catch {
    throw bad('not a URL')
  }
  if (u.protocol !== 'oracle:') throw bad(`scheme must be oracle://, not ${u.protocol}//`)
  if (!u.hostname) throw bad('host is missing')
  if (!u.username) throw bad('user is missing')
  if (!u.password) throw bad('password is missing')
  const service = decodeURIComponent(u.pathname.replace(/^\//, ''))
  if (!service) throw bad('service name is missing (…@host:1521/SERVICE)')
  if (service.includes('/')) throw bad('the path must be just the service name')
  for (const param of u.searchParams.keys()) {
    if (param !== 'schema') throw bad(`unknown parameter "${param}" (only ?schema=A,B is understood)`)
  }
  const port = u.port ? Number(u.port) : DEFAULT_PORT
  const schemas = (u.searchParams.get('schema') ?? '').split(',').map((s) => s.trim()).filter(Boolean).map(oracleSchemaName)
  return {
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    host: u.hostname,
    port,
    service,
    connectString: `${u.hostname}:${port}/${service}`,
    schemas,
  }
}

/**
 * Schema names as the dictionary stores them: Oracle folds unquoted names to upper case, so
 * `hr` means HR; a name typed with mixed case (`"MyApp"` created quoted) is kept as typed.
 */
export function oracleSchemaName(name: string): string {
  return name === name.toLowerCase() ? name.toUpperCase() : name
}

/** A session with the catalog: rows come back as objects keyed by upper-case column name. */
export interface OracleSession {
  readonly url: OracleUrl
  query<Row>(sql: string, binds?: Readonly<Record<string, string>>): Promise<Row[]>
  /** Interrupts the statement running now (used when the caller's AbortSignal fires). */
  cancel(): Promise<void>
  close(): Promise<void>
}

export async function connectOracle(url: string): Promise<OracleSession> {
  const parsed = parseOracleUrl(url)
  const driver = await loadOracleDriver()
  let conn: DriverConnection
  try {
    conn = await driver.getConnection({ user: parsed.user, password: parsed.password, connectString: parsed.connectString })
  } catch (e) {
    throw oracleSourceError(e, parsed)
  }
  // Dictionary texts (DATA_DEFAULT, SEARCH_CONDITION, HIGH_VALUE, view TEXT) are LONG columns.
  const longAsString = (meta: { dbType: unknown }) =>
    meta.dbType === driver.DB_TYPE_LONG || meta.dbType === driver.DB_TYPE_CLOB || meta.dbType === driver.DB_TYPE_NCLOB
      ? { type: driver.STRING }
      : undefined
  const options = { outFormat: driver.OUT_FORMAT_OBJECT, fetchTypeHandler: longAsString }
  return {
    url: parsed,
    async query<Row>(sql: string, binds: Readonly<Record<string, string>> = {}): Promise<Row[]> {
      try {
        const result = await conn.execute(sql, binds, options)
        return (result.rows ?? []) as Row[]
      } catch (e) {
        throw oracleSourceError(e, parsed)
      }
    },
    cancel: () => conn.break(),
    close: () => conn.close(),
  }
}

interface DriverFailure {
  readonly code: string
  readonly message: string
  readonly hint: string
}

/** Driver error codes (ORA-…, NJS-…) → what to tell the user. */
const FAILURES: readonly { readonly match: RegExp; readonly code: string; readonly hint: (u: OracleUrl) => string }[] = [
  { match: /ORA-01017/, code: 'ORACLE_AUTH_FAILED', hint: (u) => `Check the user name and password for ${u.user}.` },
  { match: /ORA-28000/, code: 'ORACLE_ACCOUNT_LOCKED', hint: (u) => `Ask a DBA to unlock ${u.user} (ALTER USER ${u.user} ACCOUNT UNLOCK).` },
  { match: /ORA-28001/, code: 'ORACLE_PASSWORD_EXPIRED', hint: (u) => `Change the expired password of ${u.user}.` },
  { match: /ORA-12514|NJS-518|ORA-12505|NJS-519/, code: 'ORACLE_UNKNOWN_SERVICE', hint: (u) => `The listener at ${u.host}:${u.port} does not know service ${u.service}: check the service name (lsnrctl status lists them).` },
  { match: /NJS-503|NJS-511|NJS-510|NJS-501|NJS-521|ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EHOSTUNREACH|ORA-12541|ORA-12170/, code: 'ORACLE_UNREACHABLE', hint: (u) => `Check that ${u.host}:${u.port} is reachable and a listener runs there, and that service ${u.service} is right.` },
  { match: /ORA-0311[34]|ORA-03135|ORA-12537|DPI-1080|NJS-500/, code: 'ORACLE_CONNECTION_LOST', hint: (u) => `The session to ${u.host}:${u.port} ended (network, or the instance restarted); godwit cdc reconnects and resumes from its checkpoint, other commands can be rerun.` },
  { match: /ORA-00942|ORA-01031/, code: 'ORACLE_CATALOG_ACCESS', hint: () => 'The user cannot read a dictionary view: grant SELECT_CATALOG_ROLE, or use the schema owner.' },
  { match: /ORA-01013|NJS-040/, code: 'ORACLE_CANCELLED', hint: () => 'The statement was cancelled; rerun when ready.' },
]

function describe(e: unknown, u: OracleUrl): DriverFailure {
  const err = e as { code?: unknown; message?: unknown; cause?: { code?: unknown } }
  const message = typeof err.message === 'string' ? err.message : String(e)
  const probe = [err.code, err.cause?.code, message].filter((x) => typeof x === 'string').join(' ')
  const known = FAILURES.find((f) => f.match.test(probe))
  return {
    code: known?.code ?? 'ORACLE_ERROR',
    message: redactUrl(message.split('\n')[0] ?? message),
    hint: known?.hint(u) ?? 'See the Oracle error code above; docs/oracle-catalog.md lists the privileges needed.',
  }
}

/** Wraps a driver error once in a SourceError with a code and a hint; godwit's own errors pass through. */
export function oracleSourceError(e: unknown, u: OracleUrl): GodwitError {
  if (e instanceof GodwitError) return e
  const f = describe(e, u)
  return new SourceError(f.code, `Oracle ${u.host}:${u.port}/${u.service}: ${f.message}`, { hint: f.hint, cause: e })
}
