import { ConfigError, GodwitError, SourceError, TargetError } from '../../core/errors.js'
import { redactUrl } from '../../config/redact.js'
import { loadOracleDriver, type DriverBindValue, type DriverConnection } from './oracle-driver.js'

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

/**
 * A session that also writes (cdc --reverse applies changes to Oracle): DML runs in one open
 * transaction until commit() or rollback(); the driver never commits on its own.
 */
export interface OracleWriteSession extends OracleSession {
  /** One DML statement; resolves with the rows it touched. */
  execute(sql: string, binds: Readonly<Record<string, DriverBindValue>>): Promise<number>
  /** One statement for many bind rows in one round trip; resolves with the rows each touched. */
  executeMany(sql: string, rows: readonly Readonly<Record<string, DriverBindValue>>[]): Promise<number[]>
  commit(): Promise<void>
  rollback(): Promise<void>
}

export async function connectOracle(url: string): Promise<OracleWriteSession> {
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
    async execute(sql, binds) {
      try {
        return (await conn.execute(sql, binds)).rowsAffected ?? 0
      } catch (e) {
        throw oracleSourceError(e, parsed)
      }
    },
    async executeMany(sql, rows) {
      if (rows.length === 0) return []
      try {
        return (await conn.executeMany(sql, rows, { dmlRowCounts: true })).dmlRowCounts ?? []
      } catch (e) {
        throw oracleSourceError(e, parsed)
      }
    },
    async commit() {
      await conn.commit().catch((e: unknown) => {
        throw oracleSourceError(e, parsed)
      })
    },
    async rollback() {
      await conn.rollback().catch((e: unknown) => {
        throw oracleSourceError(e, parsed)
      })
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
  { match: /NJS-503|NJS-511|NJS-510|NJS-501|NJS-521|NJS-530|ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EHOSTUNREACH|ORA-12541|ORA-12170/, code: 'ORACLE_UNREACHABLE', hint: (u) => `Check that ${u.host}:${u.port} is reachable and a listener runs there, and that service ${u.service} is right.` },
  { match: /ORA-0311[34]|ORA-03135|ORA-12537|DPI-1080|NJS-500/, code: 'ORACLE_CONNECTION_LOST', hint: (u) => `The session to ${u.host}:${u.port} ended (network, or the instance restarted); godwit cdc reconnects and resumes from its checkpoint, other commands can be rerun.` },
  { match: /ORA-00942|ORA-01031/, code: 'ORACLE_CATALOG_ACCESS', hint: () => 'The user cannot read a dictionary view: grant SELECT_CATALOG_ROLE, or use the schema owner.' },
  { match: /ORA-01013|NJS-040/, code: 'ORACLE_CANCELLED', hint: () => 'The statement was cancelled; rerun when ready.' },
  // What a table refuses when godwit writes to it (cdc --reverse).
  { match: /ORA-00001/, code: 'ORACLE_UNIQUE_VIOLATED', hint: () => 'A row with this key or unique value is already in the Oracle table: something other than godwit wrote to it after the switch. Remove the conflicting row, then start godwit cdc --reverse again.' },
  { match: /ORA-01400|ORA-01407/, code: 'ORACLE_NULL_REFUSED', hint: () => 'The column is NOT NULL in Oracle and PostgreSQL sent NULL or an empty string (Oracle stores \'\' as NULL): allow NULL in the Oracle column, then start again (the change is in the new database\'s log already).' },
  { match: /ORA-12899|ORA-01438|ORA-01401/, code: 'ORACLE_VALUE_TOO_LARGE', hint: () => 'The value does not fit the Oracle column: widen the column in Oracle, then start godwit cdc --reverse again (it resumes with the same batch).' },
  { match: /ORA-02291|ORA-02292/, code: 'ORACLE_FOREIGN_KEY', hint: () => 'A batch applies changes in key order per table, not in the order of the application: make the foreign keys DEFERRABLE (godwit sets them deferred) or disable them while cdc --reverse runs.' },
  { match: /ORA-12081|ORA-12088/, code: 'ORACLE_TABLE_READ_ONLY', hint: () => 'The table is still read-only from the cutover freeze: run the ALTER TABLE … READ WRITE lines of the fall-back plan (the application stays on PostgreSQL), then start godwit cdc --reverse again.' },
  { match: /ORA-00060|ORA-08177|ORA-00054/, code: 'ORACLE_TRANSACTION_CONFLICT', hint: () => 'Another session held the rows (deadlock, lock wait or serialisation): godwit cdc retries the batch from its checkpoint.' },
]

/** Failures after which the same batch may simply be tried again: a connection lost, or another session in the way. */
export const ORACLE_RETRYABLE_CODES: readonly string[] = ['ORACLE_UNREACHABLE', 'ORACLE_CONNECTION_LOST', 'ORACLE_TRANSACTION_CONFLICT']

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

/** The same error on the side godwit writes to (cdc --reverse into Oracle): a TargetError, exit 5. */
export function oracleTargetError(e: unknown, u: OracleUrl): GodwitError {
  if (e instanceof GodwitError && !(e instanceof SourceError)) return e
  const f = describe(e instanceof SourceError ? (e.cause ?? e) : e, u)
  return new TargetError(f.code, `Oracle ${u.host}:${u.port}/${u.service}: ${f.message}`, { hint: f.hint, cause: e })
}
