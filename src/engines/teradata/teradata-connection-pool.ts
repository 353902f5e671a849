import { connectTeradata, type TeradataSession, type TeradataUrl } from './teradata-connection.js'
import type { TeradataDriver } from './teradata-driver.js'

/**
 * Up to `size` Teradata sessions shared by the load's chunk readers (or validation's segment
 * queries). Each new session first runs `setup` (session settings). A session whose work failed
 * is closed rather than reused: a failed request can leave Teradata's transaction aborted.
 */
export class TeradataSessionPool {
  readonly #free: TeradataSession[] = []
  readonly #waiting: Array<{ resolve: (s: TeradataSession) => void; reject: (e: unknown) => void }> = []
  #live = 0
  #closed = false

  constructor(
    readonly url: TeradataUrl,
    private readonly size: number,
    private readonly setup: readonly string[],
    private readonly driver?: TeradataDriver,
  ) {}

  async with<T>(work: (s: TeradataSession) => Promise<T>): Promise<T> {
    const s = await this.#acquire()
    let ok = false
    try {
      const result = await work(s)
      ok = true
      return result
    } finally {
      this.#release(s, ok)
    }
  }

  /** Rows of one statement in batches, holding one session until the consumer stops. */
  async *stream(sql: string, params: readonly unknown[], batch: number): AsyncGenerator<unknown[][]> {
    const s = await this.#acquire()
    let ok = false
    try {
      yield* s.stream(sql, params, batch)
      ok = true
    } finally {
      this.#release(s, ok)
    }
  }

  async close(): Promise<void> {
    this.#closed = true
    for (const w of this.#waiting.splice(0)) w.reject(new Error('the Teradata session pool was closed'))
    await Promise.all(this.#free.splice(0).map((s) => s.close().catch(() => undefined)))
  }

  async #acquire(): Promise<TeradataSession> {
    if (this.#closed) throw new Error('the Teradata session pool was closed')
    const idle = this.#free.pop()
    if (idle) return idle
    if (this.#live < this.size) {
      this.#live++
      try {
        const s = await connectTeradata(this.url, this.driver)
        try {
          for (const statement of this.setup) await s.query(statement)
        } catch (e) {
          await s.close().catch(() => undefined)
          throw e
        }
        return s
      } catch (e) {
        this.#live--
        // Whoever waits would wait forever if no session could be opened at all.
        if (this.#live === 0) for (const w of this.#waiting.splice(0)) w.reject(e)
        throw e
      }
    }
    return new Promise((resolve, reject) => this.#waiting.push({ resolve, reject }))
  }

  #release(s: TeradataSession, ok: boolean): void {
    if (!ok || this.#closed) {
      this.#live--
      void s.close().catch(() => undefined)
      const next = this.#waiting.shift()
      if (next) this.#acquire().then(next.resolve, next.reject)
      return
    }
    const next = this.#waiting.shift()
    if (next) next.resolve(s)
    else this.#free.push(s)
  }
}
