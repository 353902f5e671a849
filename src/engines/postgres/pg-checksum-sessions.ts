import type { Socket } from 'node:net'
import pg from 'pg'
import { connectPg } from './pg-connect.js'
import { GodwitError, SourceError, TargetError } from '../../core/errors.js'
import { redactUrl } from '../../config/redact.js'
import type { TransferStats } from '../../validate/checksum-side.js'
import { PG_VALIDATION_SESSION } from './pg-checksum-sql.js'

export type Side = 'source' | 'target'

/** Shown in pg_stat_activity, so a DBA sees what the load on the server is. */
export const VALIDATION_APPLICATION_NAME = 'godwit validate'

interface Snapshot {
  readonly id: string
  /** pg_current_wal_lsn() when the snapshot was taken, when the role may read it. */
  readonly position?: string
}

/**
 * Up to `size` worker connections to one database, all reading one snapshot: a dedicated
 * connection opens a REPEATABLE READ transaction and exports its snapshot, and every worker
 * imports it, so all segments of all tables are read at the same moment (the reported position).
 * The exporter runs no work, so it stays open until close() as PostgreSQL requires; a worker
 * whose query failed (its transaction is then aborted) is dropped and replaced by a new one.
 * endSnapshot() ends the shared read point: later queries see current data (for re-checks).
 */
export class PgValidationSessions {
  private readonly free: pg.Client[] = []
  private readonly broken = new WeakSet<pg.Client>()
  private readonly waiting: Array<{ resolve: (c: pg.Client) => void; reject: (e: unknown) => void }> = []
  private live = 0
  private snapshot?: Promise<{ exporter: pg.Client; snapshot: Snapshot }>
  private inSnapshot = true
  private readonly opened: pg.Client[] = []

  constructor(
    private readonly url: string,
    private readonly size: number,
    readonly side: Side,
  ) {}

  async position(): Promise<string | undefined> {
    return (await this.sharedSnapshot()).snapshot.position
  }

  async withClient<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
    const c = await this.acquire()
    try {
      return await fn(c)
    } catch (e) {
      this.broken.add(c)
      throw e
    } finally {
      this.release(c)
    }
  }

  async acquire(): Promise<pg.Client> {
    const idle = this.free.pop()
    if (idle) return idle
    if (this.live < this.size) {
      this.live++
      try {
        return await this.openWorker()
      } catch (e) {
        this.live--
        // Whoever waits for a connection would wait forever if none could be opened.
        if (this.live === 0) for (const w of this.waiting.splice(0)) w.reject(e)
        throw e
      }
    }
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }))
  }

  /** Returns a worker; one marked broken (its transaction failed) is closed, and a waiter gets a new one. */
  release(c: pg.Client): void {
    if (this.broken.has(c)) {
      this.live--
      void c.end().catch(() => undefined)
      const next = this.waiting.shift()
      if (next) this.acquire().then(next.resolve, next.reject)
      return
    }
    const next = this.waiting.shift()
    if (next) next.resolve(c)
    else this.free.push(c)
  }

  markBroken(c: pg.Client): void {
    this.broken.add(c)
  }

  async endSnapshot(): Promise<void> {
    if (!this.inSnapshot) return
    this.inSnapshot = false
    await Promise.all(this.free.map((c) => c.query('COMMIT')))
  }

  async close(): Promise<TransferStats> {
    this.free.length = 0
    return endCountingBytes(this.opened.splice(0))
  }

  /** A typed error naming the side, the object and (redacted) the database. */
  fail(e: unknown, object: string, what: string): GodwitError {
    const prefix = `${this.side} ${object}: `
    if (e instanceof GodwitError && e.message.startsWith(prefix)) return e
    const message = e instanceof Error ? e.message : String(e)
    const Err = this.side === 'source' ? SourceError : TargetError
    return new Err(e instanceof GodwitError ? e.code : `VALIDATE_${this.side.toUpperCase()}_QUERY`, `${prefix}${what} failed: ${redactUrl(message)}`, {
      object,
      hint: e instanceof GodwitError && e.hint ? e.hint : `Check that ${object} is readable on the ${this.side} (${redactUrl(this.url)}); the statement is in the error's cause.`,
      cause: e,
    })
  }

  private sharedSnapshot(): Promise<{ exporter: pg.Client; snapshot: Snapshot }> {
    this.snapshot ??= (async () => {
      const exporter = await this.connect()
      try {
        await exporter.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
        return { exporter, snapshot: await exportSnapshot(exporter) }
      } catch (e) {
        throw this.fail(e, redactUrl(this.url), 'exporting the validation snapshot')
      }
    })()
    return this.snapshot
  }

  private async openWorker(): Promise<pg.Client> {
    if (!this.inSnapshot) return this.connect()
    const { snapshot } = await this.sharedSnapshot()
    const c = await this.connect()
    try {
      await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
      await c.query(`SET TRANSACTION SNAPSHOT ${pg.escapeLiteral(snapshot.id)}`)
      return c
    } catch (e) {
      throw this.fail(e, redactUrl(this.url), 'importing the validation snapshot')
    }
  }

  private async connect(): Promise<pg.Client> {
    const c = new pg.Client({ connectionString: this.url, application_name: VALIDATION_APPLICATION_NAME })
    c.on('error', () => undefined) // a dropped connection surfaces as the failing query's error
    await connectPg(c, this.side, this.url)
    this.opened.push(c)
    try {
      for (const s of PG_VALIDATION_SESSION) await c.query(s)
      return c
    } catch (e) {
      throw this.fail(e, redactUrl(this.url), 'setting up a validation session')
    }
  }
}

/** Ends the connections and returns the bytes they moved (any engine reached with `pg`). */
export async function endCountingBytes(clients: readonly pg.Client[]): Promise<TransferStats> {
  const stats = { bytesReceived: 0, bytesSent: 0 }
  await Promise.all(
    clients.map(async (c) => {
      const socket = (c as unknown as { connection?: { stream?: Socket } }).connection?.stream
      await c.end().catch(() => undefined)
      stats.bytesReceived += socket?.bytesRead ?? 0
      stats.bytesSent += socket?.bytesWritten ?? 0
    }),
  )
  return stats
}

async function exportSnapshot(c: pg.Client): Promise<Snapshot> {
  const { rows } = await c.query<{ snapshot: string }>('SELECT pg_export_snapshot() AS snapshot')
  let position: string | undefined
  try {
    await c.query('SAVEPOINT lsn')
    position = (await c.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0]?.lsn
  } catch {
    // A standby or a role without the right cannot tell; validation still runs.
    await c.query('ROLLBACK TO SAVEPOINT lsn')
  }
  return { id: rows[0]!.snapshot, position }
}
