import pg from 'pg'
import { UsageError } from '../../core/errors.js'
import type { ChangeFeed, CutoverSource, FeedHealth, FreezeRequest, SequenceState, SourceFreeze } from '../cutover-source.js'
import { connectPg } from './pg-connect.js'
import { currentWalLsn, readRoleReadOnlySetting, readSlotHealth, restoreRoleReadOnly, roleExists, setRoleReadOnly, terminateRoleSessions } from './pg-freeze.js'
import { readSequences } from './pg-sequence-sync.js'

/** A PostgreSQL cutover source: freeze by role (pg-freeze.ts), WAL position, slot health, pg_sequences. */
export class PgCutoverSource implements CutoverSource {
  readonly defaultFreeze = 'none'
  readonly engine = 'postgres'

  private constructor(readonly postgres: pg.Client) {}

  static async connect(url: string): Promise<PgCutoverSource> {
    const client = new pg.Client({ connectionString: url })
    client.on('error', () => undefined)
    await connectPg(client, 'source', url)
    // Frozen by role, godwit's own session may belong to that role: it still has to undo the freeze.
    await client.query(`SET default_transaction_read_only = off`)
    return new PgCutoverSource(client)
  }

  async freeze(request: FreezeRequest, earlier: SourceFreeze | undefined, remember: (planned: SourceFreeze) => Promise<void>): Promise<SourceFreeze> {
    const role = request.role
    if (role === undefined) return { method: 'none', note: 'no --freeze-cmd or --freeze-role: the application is taken to be stopped already; godwit froze nothing' }
    if (!(await roleExists(this.postgres, role))) throw new UsageError('CUTOVER_NO_ROLE', `--freeze-role ${role}: no such role on the source`)
    // A resumed freeze must restore the setting from before the first attempt, not its own.
    const previousSetting = earlier?.method === 'role' ? earlier.previousSetting : await readRoleReadOnlySetting(this.postgres, role)
    await remember({ method: 'role', role, ...(previousSetting === undefined ? {} : { previousSetting }), note: `making role ${role} read-only` })
    await setRoleReadOnly(this.postgres, role)
    const sessionsTerminated = await terminateRoleSessions(this.postgres, role)
    return { method: 'role', role, previousSetting, sessionsTerminated, note: `ALTER ROLE ${role} SET default_transaction_read_only = on; ${sessionsTerminated} open sessions of ${role} terminated` }
  }

  async undoFreeze(f: SourceFreeze): Promise<string> {
    if (f.method !== 'role' || !f.role) return 'nothing to undo'
    await restoreRoleReadOnly(this.postgres, f.role, f.previousSetting)
    return `ALTER ROLE ${f.role} ${f.previousSetting === undefined ? 'RESET default_transaction_read_only' : `SET default_transaction_read_only = ${f.previousSetting}`}: the source is writable again`
  }

  currentPosition(): Promise<string> {
    return currentWalLsn(this.postgres)
  }

  async changeFeedHealth(feed: ChangeFeed): Promise<FeedHealth> {
    const title = 'replication slot healthy'
    if (!feed.slot) return { title, ok: false, detail: `stream ${feed.streamId} records no slot` }
    const h = await readSlotHealth(this.postgres, feed.slot)
    if (!h.exists) return { title, ok: false, detail: `slot ${feed.slot} does not exist on the source` }
    const ok = h.walStatus !== 'lost' && h.invalidationReason === undefined
    return { title, ok, detail: `slot ${feed.slot}: ${h.active ? 'active' : 'inactive'}, wal_status ${h.walStatus ?? '?'}, retains ${h.retainedWalBytes ?? '?'} bytes${h.invalidationReason ? `, invalidated: ${h.invalidationReason}` : ''}` }
  }

  readSequences(schemas: readonly string[]): Promise<SequenceState[]> {
    return readSequences(this.postgres, schemas)
  }

  /** PostgreSQL to PostgreSQL keeps names as they are. */
  targetObjectName(name: string): string {
    return name
  }

  async close(): Promise<void> {
    await this.postgres.end().catch(() => undefined)
  }
}
