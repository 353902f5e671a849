import type { DriverBindValue } from '../../../../src/engines/oracle/oracle-driver.js'
import { oracleSourceError, parseOracleUrl, type OracleSession, type OracleWriteSession } from '../../../../src/engines/oracle/oracle-connection.js'

/**
 * An OracleSession answering from recorded responses (no Oracle server here): each response
 * matches the SQL text by a pattern and returns rows, or fails with the driver's error text
 * wrapped the way the real session wraps it (oracleSourceError). It keeps what godwit sent, so
 * tests assert on the statements and on what godwit made of the answers.
 */
export interface RecordedAnswer {
  readonly match: RegExp
  /** Rows, or a function of the binds for answers that depend on them. */
  readonly rows?: unknown[] | ((binds: Readonly<Record<string, string>>) => unknown[])
  /** `ORA-nnnnn: …` as the driver reports it. */
  readonly error?: string | ((binds: Readonly<Record<string, DriverBindValue>>) => string | undefined)
  /** DML: the rows one execution touched (default 1). */
  readonly rowsAffected?: number | ((binds: Readonly<Record<string, DriverBindValue>>) => number)
}

export interface RecordedSession extends OracleSession {
  readonly sent: { sql: string; binds: Readonly<Record<string, string>> }[]
  closed: boolean
}

export const RECORDED_URL = 'oracle://gw:secret@oracle.invalid:1521/FREEPDB1'

export function recordedSession(answers: readonly RecordedAnswer[]): RecordedSession {
  const url = parseOracleUrl(RECORDED_URL)
  const s: RecordedSession = {
    url,
    sent: [],
    closed: false,
    async query<Row>(sql: string, binds: Readonly<Record<string, string>> = {}): Promise<Row[]> {
      s.sent.push({ sql, binds })
      const a = answerFor(answers, sql, binds, url)
      return (typeof a.rows === 'function' ? a.rows(binds) : (a.rows ?? [])) as Row[]
    },
    cancel: async () => undefined,
    close: async () => {
      s.closed = true
    },
  }
  return s
}

function answerFor(answers: readonly RecordedAnswer[], sql: string, binds: Readonly<Record<string, DriverBindValue>>, url: ReturnType<typeof parseOracleUrl>): RecordedAnswer {
  const a = answers.find((x) => x.match.test(sql))
  if (!a) throw oracleSourceError({ code: 'ORA-00900', message: `ORA-00900: invalid SQL statement (no recorded answer for ${sql})` }, url)
  const error = typeof a.error === 'function' ? a.error(binds) : a.error
  if (error) throw oracleSourceError({ code: error.slice(0, 9), message: error }, url)
  return a
}

/** One call a write session received, in order: what a transaction consisted of. */
export type RecordedCall =
  | { readonly op: 'query' | 'execute'; readonly sql: string; readonly binds: Readonly<Record<string, DriverBindValue>> }
  | { readonly op: 'executeMany'; readonly sql: string; readonly rows: readonly Readonly<Record<string, DriverBindValue>>[] }
  | { readonly op: 'commit' | 'rollback' }

export interface RecordedWriteSession extends OracleWriteSession {
  readonly calls: RecordedCall[]
  closed: boolean
}

/**
 * The same for a session that writes (cdc --reverse): DML answers with rowsAffected per bind
 * row; an error fails the whole executeMany with the failing row's `offset`, as the driver
 * does without batchErrors.
 */
export function recordedWriteSession(answers: readonly RecordedAnswer[]): RecordedWriteSession {
  const url = parseOracleUrl(RECORDED_URL)
  const affected = (a: RecordedAnswer, binds: Readonly<Record<string, DriverBindValue>>): number => (typeof a.rowsAffected === 'function' ? a.rowsAffected(binds) : (a.rowsAffected ?? 1))
  const s: RecordedWriteSession = {
    url,
    calls: [],
    closed: false,
    async query<Row>(sql: string, binds: Readonly<Record<string, string>> = {}): Promise<Row[]> {
      s.calls.push({ op: 'query', sql, binds })
      const a = answerFor(answers, sql, binds, url)
      return (typeof a.rows === 'function' ? a.rows(binds) : (a.rows ?? [])) as Row[]
    },
    async execute(sql, binds) {
      s.calls.push({ op: 'execute', sql, binds })
      return affected(answerFor(answers, sql, binds, url), binds)
    },
    async executeMany(sql, rows) {
      s.calls.push({ op: 'executeMany', sql, rows })
      return rows.map((binds, offset) => {
        try {
          return affected(answerFor(answers, sql, binds, url), binds)
        } catch (e) {
          throw Object.assign(e as Error, { cause: Object.assign((e as Error).cause as object, { offset }) })
        }
      })
    },
    commit: async () => {
      s.calls.push({ op: 'commit' })
    },
    rollback: async () => {
      s.calls.push({ op: 'rollback' })
    },
    cancel: async () => undefined,
    close: async () => {
      s.closed = true
    },
  }
  return s
}
