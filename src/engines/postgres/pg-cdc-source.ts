import pg from 'pg'
import { SourceError } from '../../core/errors.js'
import { positionOrdinal } from '../../model/change-position.js'
import type { CaptureItem } from '../../model/change-event.js'
import { assembleTransactions, HEARTBEAT_PREFIX, type CaptureExpectations, type ResumePoint } from './pg-change-capture.js'
import { PgLogicalStream } from './pg-logical-stream.js'
import { connectSource } from './pg-source-position.js'

/** A table cdc streams, in source names, with the key the load used (undefined: none). */
export interface StreamedTable {
  readonly name: string
  readonly columns: readonly string[]
  readonly key?: readonly string[]
}

export interface SourceStatus {
  /** pg_current_wal_lsn(). */
  readonly position: string
  /** WAL the slot keeps (current LSN − restart_lsn). */
  readonly retainedBytes?: number
}

/** An open capture: committed transactions from the resume point, and the acknowledgement back. */
export interface OpenCapture {
  readonly items: AsyncIterable<CaptureItem>
  acknowledge(position: string): void
  requestProgress(): void
  close(): Promise<void>
}

/**
 * The PostgreSQL side of cdc: checks, the logical stream, a heartbeat and the source's position.
 * Keeps one ordinary connection for the heartbeat and status queries.
 */
export class PgCdcSource {
  readonly #url: string
  readonly #slot: string
  readonly #publication: string
  readonly #client: pg.Client

  private constructor(url: string, slot: string, publication: string, client: pg.Client) {
    this.#url = url
    this.#slot = slot
    this.#publication = publication
    this.#client = client
  }

  static async connect(url: string, slot: string, publication: string): Promise<PgCdcSource> {
    const client = new pg.Client({ connectionString: url })
    await connectSource(client, url)
    return new PgCdcSource(url, slot, publication, client)
  }

  /**
   * Refuses to start, with the fix, when the stream cannot be exact: wal_level, the slot and the
   * publication the load made, the tables in it, and each table's REPLICA IDENTITY (DEFAULT needs
   * a primary key equal to the load's key; NOTHING, or no key without FULL, cannot identify rows).
   */
  async preflight(tables: readonly StreamedTable[]): Promise<void> {
    const c = this.#client
    const s = (await c.query(`SELECT current_setting('wal_level') AS wal, current_setting('server_version_num')::int AS v`)).rows[0] as { wal: string; v: number }
    if (s.wal !== 'logical') throw new SourceError('CDC_WAL_LEVEL', `the source runs with wal_level=${s.wal}`, { hint: 'Set wal_level=logical on the source, restart it, and rerun the load (its slot must be created with logical decoding on).' })
    if (s.v < 140000) throw new SourceError('CDC_SOURCE_VERSION', `the source is PostgreSQL ${Math.floor(s.v / 10000)}: cdc needs 14 or newer (pgoutput logical messages carry the heartbeat)`)
    const slot = (await c.query(`SELECT plugin, database = current_database() AS here FROM pg_replication_slots WHERE slot_name = $1`, [this.#slot])).rows[0] as { plugin: string; here: boolean } | undefined
    if (!slot) throw new SourceError('CDC_SLOT_MISSING', `replication slot ${this.#slot} recorded by the load no longer exists on the source`, { object: this.#slot, hint: 'Changes since the load are lost to cdc: rerun godwit load (it creates a new slot), then godwit cdc.' })
    if (slot.plugin !== 'pgoutput' || !slot.here) throw new SourceError('CDC_SLOT_WRONG', `replication slot ${this.#slot} is not a pgoutput slot of this database`, { object: this.#slot })
    const pub = (await c.query(`SELECT schemaname || '.' || tablename AS t FROM pg_publication_tables WHERE pubname = $1`, [this.#publication])).rows as { t: string }[]
    const inPub = new Set(pub.map((r) => r.t))
    const exists = (await c.query(`SELECT 1 FROM pg_publication WHERE pubname = $1`, [this.#publication])).rowCount === 1
    if (!exists) throw new SourceError('CDC_PUBLICATION_MISSING', `publication ${this.#publication} recorded by the load no longer exists on the source`, { object: this.#publication, hint: 'pgoutput cannot stream changes from before a publication existed: rerun godwit load.' })
    const missing = tables.filter((t) => !inPub.has(t.name)).map((t) => t.name)
    if (missing.length > 0) throw new SourceError('CDC_TABLE_NOT_PUBLISHED', `publication ${this.#publication} does not include ${missing.join(', ')}`, { object: missing[0], hint: 'Rerun godwit load for this selection: it creates the publication for the tables it loads.' })
    const idents = await c.query(
      `SELECT n.nspname || '.' || c.relname AS t, c.relreplident AS ident,
              (SELECT array_agg(a.attname::text ORDER BY a.attname) FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                WHERE i.indrelid = c.oid AND CASE WHEN c.relreplident = 'i' THEN i.indisreplident ELSE i.indisprimary END) AS cols
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname || '.' || c.relname = ANY ($1::text[])`,
      [tables.map((t) => t.name)],
    )
    for (const row of idents.rows as { t: string; ident: string; cols: string[] | null }[]) {
      const t = tables.find((x) => x.name === row.t)!
      const fix = `ALTER TABLE ${row.t.split('.').map((p) => pg.escapeIdentifier(p)).join('.')} REPLICA IDENTITY FULL;`
      if (row.ident === 'f') continue
      if (row.ident === 'n' || !row.cols) {
        throw new SourceError('CDC_REPLICA_IDENTITY', `${row.t} has ${row.ident === 'n' ? 'REPLICA IDENTITY NOTHING' : 'no primary key and REPLICA IDENTITY DEFAULT'}: its updates and deletes cannot say which row they change`, {
          object: row.t,
          hint: `Run on the source: ${fix} (or add a primary key), then start godwit cdc again.`,
        })
      }
      const key = [...(t.key ?? [])].sort()
      if (key.join(',') !== row.cols.join(',')) {
        throw new SourceError('CDC_REPLICA_IDENTITY', `${row.t}: its replica identity (${row.cols.join(', ')}) is not the key the load used (${key.join(', ') || 'none'})`, {
          object: row.t,
          hint: `Run on the source: ${fix}, then start godwit cdc again.`,
        })
      }
    }
  }

  async open(resume: ResumePoint, expect: CaptureExpectations): Promise<OpenCapture> {
    const stream = await PgLogicalStream.open(this.#url, this.#slot, this.#publication, resume.position)
    return {
      items: assembleTransactions(stream.messages(), resume, expect),
      acknowledge: (p) => stream.acknowledge(p),
      requestProgress: () => stream.requestProgress(),
      close: () => stream.close(),
    }
  }

  /**
   * A transactional logical message: it travels the slot like a change, so applying it advances
   * the checkpoint and measures lag while the tables are idle, and lets the slot release WAL.
   * pg_logical_emit_message needs no table and, unlike a heartbeat table, no write access to the
   * application's schema; by default only superusers may execute it (GRANT EXECUTE ON FUNCTION
   * pg_logical_emit_message(boolean, text, text) TO the cdc user otherwise).
   */
  async heartbeat(): Promise<void> {
    await this.#client.query(`SELECT pg_logical_emit_message(true, $1, now()::text)`, [HEARTBEAT_PREFIX])
  }

  async status(): Promise<SourceStatus> {
    const r = await this.#client.query(
      `SELECT pg_current_wal_lsn()::text AS lsn,
              (SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn) FROM pg_replication_slots WHERE slot_name = $1)::bigint AS retained`,
      [this.#slot],
    )
    const row = r.rows[0] as { lsn: string; retained: string | null }
    return { position: row.lsn, ...(row.retained !== null ? { retainedBytes: Number(row.retained) } : {}) }
  }

  /** Source position − applied position, in WAL bytes. */
  static distance(from: string, to: string): number {
    return Number(positionOrdinal('postgres', to) - positionOrdinal('postgres', from))
  }

  async close(): Promise<void> {
    await this.#client.end().catch(() => undefined)
  }
}

/** `godwit cdc --drop-slot`: the migration is abandoned; the slot would keep WAL forever. */
export async function dropSlotAndPublication(url: string, slot: string | undefined, publication: string | undefined): Promise<{ slotDropped: boolean; publicationDropped: boolean }> {
  const client = new pg.Client({ connectionString: url })
  await connectSource(client, url)
  try {
    let slotDropped = false
    let publicationDropped = false
    if (slot) {
      const r = await client.query(`SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1`, [slot])
      slotDropped = r.rowCount === 1
    }
    if (publication) {
      const r = await client.query(`SELECT 1 FROM pg_publication WHERE pubname = $1`, [publication])
      if (r.rowCount === 1) {
        await client.query(`DROP PUBLICATION ${pg.escapeIdentifier(publication)}`)
        publicationDropped = true
      }
    }
    return { slotDropped, publicationDropped }
  } catch (cause) {
    throw new SourceError('CDC_DROP_FAILED', `postgres: dropping slot ${slot ?? '-'} / publication ${publication ?? '-'} failed: ${(cause as Error).message}`, {
      cause,
      hint: 'A slot in use by a running godwit cdc cannot be dropped: stop it first. Dropping needs the REPLICATION attribute (slot) and ownership of the publication.',
    })
  } finally {
    await client.end().catch(() => undefined)
  }
}
