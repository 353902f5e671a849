import type { DriverConnection, DriverCursor, TeradataDriver } from '../../../../src/engines/teradata/teradata-driver.js'

/**
 * A stand-in for teradatasql that answers from recorded responses (no Teradata server here):
 * each response matches SQL text by a pattern and returns rows or throws the driver's error
 * text. It records what godwit sent, so tests assert on the requests and on what godwit made
 * of the answers.
 */
export interface Recorded {
  readonly match: RegExp
  /** Rows, or a function of the parameters for answers that change from call to call. */
  readonly rows?: unknown[][] | ((params: readonly unknown[]) => unknown[][])
  readonly error?: string
}

export interface RecordedDriver extends TeradataDriver {
  readonly executed: { sql: string; params: readonly unknown[] }[]
  readonly connects: Record<string, string>[]
  readonly closed: number
}

export function recordedDriver(responses: readonly Recorded[]): RecordedDriver {
  const executed: { sql: string; params: readonly unknown[] }[] = []
  const connects: Record<string, string>[] = []
  const state = { closed: 0 }
  class TeradataConnection implements DriverConnection {
    connect(params: Record<string, string>): void {
      connects.push({ ...params })
    }
    cursor(): DriverCursor {
      let pending: unknown[][] = []
      let described = false
      return {
        execute(sql, params = []) {
          executed.push({ sql, params })
          const r = responses.find((x) => x.match.test(sql))
          if (!r) throw new Error(`[Teradata Database] [Error 3706] Syntax error: no recorded response for ${sql}`)
          if (r.error) throw new Error(r.error)
          pending = (typeof r.rows === 'function' ? r.rows(params) : (r.rows ?? [])).map((row) => [...row])
          described = r.rows !== undefined
        },
        fetchmany(n) {
          return pending.splice(0, n)
        },
        fetchall() {
          return pending.splice(0)
        },
        get description() {
          return described ? [['c']] : null
        },
        close() {},
      }
    }
    close(): void {
      state.closed++
    }
  }
  return {
    TeradataConnection,
    executed,
    connects,
    get closed() {
      return state.closed
    },
  }
}
