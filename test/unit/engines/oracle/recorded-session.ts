import { oracleSourceError, parseOracleUrl, type OracleSession } from '../../../../src/engines/oracle/oracle-connection.js'

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
  readonly error?: string | ((binds: Readonly<Record<string, string>>) => string | undefined)
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
      const a = answers.find((x) => x.match.test(sql))
      if (!a) throw oracleSourceError({ code: 'ORA-00900', message: `ORA-00900: invalid SQL statement (no recorded answer for ${sql})` }, url)
      const error = typeof a.error === 'function' ? a.error(binds) : a.error
      if (error) throw oracleSourceError({ code: error.slice(0, 9), message: error }, url)
      return (typeof a.rows === 'function' ? a.rows(binds) : (a.rows ?? [])) as Row[]
    },
    cancel: async () => undefined,
    close: async () => {
      s.closed = true
    },
  }
  return s
}
