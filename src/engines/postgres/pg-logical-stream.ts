import pg from 'pg'
import copyStreams from 'pg-copy-streams'
import type { Duplex } from 'node:stream'
import { SourceError } from '../../core/errors.js'
import { redactUrl } from '../../config/redact.js'
import { lsnText, positionOrdinal } from '../../model/change-position.js'
import { connectSource } from './pg-source-position.js'
import { dateToPgTimestamp, decodePgoutput, type PgoutputMessage } from './pgoutput-decoder.js'

export type WalMessage =
  | { readonly kind: 'xlog'; readonly walStart: bigint; readonly message: PgoutputMessage }
  | { readonly kind: 'keepalive'; readonly walEnd: bigint; readonly replyRequested: boolean }

/**
 * A logical replication connection streaming a slot with pgoutput (protocol 1, text values,
 * logical messages on) over the COPY BOTH sub-protocol, written on `pg` + pg-copy-streams rather
 * than a replication library so that (a) values stay the server's text (no global type parsers
 * turning timestamps into Dates), (b) an unchanged TOASTed column stays distinguishable from
 * NULL, and (c) the flush position we report is exactly the one the target committed — never
 * the received position.
 */
export class PgLogicalStream {
  readonly #client: pg.Client
  readonly #copy: Duplex
  #acked: bigint
  #closed = false
  readonly #timer: NodeJS.Timeout

  readonly #label: string
  #started = false

  private constructor(client: pg.Client, copy: Duplex, startLsn: bigint, label: string) {
    this.#client = client
    this.#label = label
    this.#copy = copy
    this.#acked = startLsn
    // The server drops a receiver that stays silent for wal_sender_timeout (60 s by default).
    this.#timer = setInterval(() => this.sendStatus(false), 10_000)
    this.#timer.unref()
  }

  static async open(url: string, slot: string, publication: string, startLsn: string): Promise<PgLogicalStream> {
    const client = new pg.Client({ connectionString: url, replication: 'database' } as pg.ClientConfig)
    await connectSource(client, url)
    const publicationNames = pg.escapeIdentifier(publication).replace(/'/g, "''")
    const sql = `START_REPLICATION SLOT ${pg.escapeIdentifier(slot)} LOGICAL ${startLsn} (proto_version '1', publication_names '${publicationNames}', messages 'true')`
    // The typings predate copy-both; it is a Duplex whose readable side yields one CopyData frame per chunk.
    const both = (copyStreams as unknown as { both: (sql: string, o: object) => pg.Submittable & Duplex }).both
    const copy: Duplex = client.query(both(sql, { alignOnCopyDataFrame: true, readableObjectMode: true }))
    const stream = new PgLogicalStream(client, copy, positionOrdinal('postgres', startLsn), `${slot} at ${redactUrl(url)}`)
    // The first frame (this keepalive's answer) or START_REPLICATION's error arrives first in messages().
    stream.requestProgress()
    return stream
  }

  /** Messages in WAL order; ends when the connection closes, throws when it fails. */
  async *messages(): AsyncGenerator<WalMessage> {
    try {
      for await (const frame of this.#copy as AsyncIterable<Buffer>) {
        this.#started = true
        const type = frame[0]
        if (type === 0x77 /* w */) {
          yield { kind: 'xlog', walStart: frame.readBigUInt64BE(1), message: decodePgoutput(frame.subarray(25)) }
        } else if (type === 0x6b /* k */) {
          const replyRequested = frame[17] === 1
          if (replyRequested) this.sendStatus(false)
          yield { kind: 'keepalive', walEnd: frame.readBigUInt64BE(1), replyRequested }
        }
      }
    } catch (cause) {
      if (this.#closed) return
      if (!this.#started) throw streamError(this.#label, cause as Error)
      throw new SourceError('SOURCE_STREAM_LOST', `postgres: the replication stream broke: ${(cause as Error).message}`, { cause })
    }
    if (!this.#closed) throw new SourceError('SOURCE_STREAM_LOST', 'postgres: the replication stream ended unexpectedly')
  }

  /** Everything up to `lsn` is committed on the target: the slot may release the WAL before it. */
  acknowledge(lsn: string): void {
    const v = positionOrdinal('postgres', lsn)
    if (v > this.#acked) this.#acked = v
    this.sendStatus(false)
  }

  /** Asks the server for a keepalive, which says how far it has sent. */
  requestProgress(): void {
    this.sendStatus(true)
  }

  get acknowledged(): string {
    return lsnText(this.#acked)
  }

  private sendStatus(replyRequested: boolean): void {
    if (this.#closed) return
    const b = Buffer.alloc(34)
    b.write('r', 0)
    b.writeBigUInt64BE(this.#acked, 1) // written
    b.writeBigUInt64BE(this.#acked, 9) // flushed: what the slot's confirmed_flush_lsn follows
    b.writeBigUInt64BE(this.#acked, 17) // applied
    b.writeBigInt64BE(dateToPgTimestamp(new Date()), 25)
    b.writeUInt8(replyRequested ? 1 : 0, 33)
    this.#copy.write(b)
  }

  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    clearInterval(this.#timer)
    this.#copy.on('error', () => undefined)
    // Ending the socket is enough: the walsender exits and releases the slot.
    await this.#client.end().catch(() => undefined)
  }
}

/** START_REPLICATION refused (slot or publication missing, slot in use). */
function streamError(label: string, cause: Error): SourceError {
  const msg = cause.message
  const hint = /does not exist/.test(msg)
    ? 'The load run recorded this slot and publication; if they were dropped, the load must be rerun.'
    : /is active/.test(msg)
      ? 'Another process (an earlier godwit cdc?) is streaming this slot; stop it first.'
      : undefined
  return new SourceError('SOURCE_STREAM_FAILED', `postgres: START_REPLICATION on slot ${label} failed: ${msg}`, { cause, object: label.split(' ')[0], ...(hint ? { hint } : {}) })
}
