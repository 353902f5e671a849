import pg from 'pg'
import { setTimeout as sleep } from 'node:timers/promises'

/**
 * Freezing writes on a PostgreSQL source for one application role (`godwit cutover --freeze-role`):
 *
 *   ALTER ROLE app SET default_transaction_read_only = on;   -- every new session of app is read-only
 *   SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'app';  -- end the open ones
 *
 * Terminating the sessions rolls back their open transactions, so once none is left every write
 * the application committed is in the WAL before the position read next. A session can still
 * `SET default_transaction_read_only = off` on purpose; where that matters, freeze with a
 * `--freeze-cmd` that revokes privileges or stops the application instead (docs/cutover.md).
 */

export interface RoleFreeze {
  readonly role: string
  /** The role's own default_transaction_read_only setting before the freeze (restored by the undo), if it had one. */
  readonly previousSetting?: string
  readonly sessionsTerminated: number
}

/** The role's current per-role default_transaction_read_only setting (all databases), if any. */
export async function readRoleReadOnlySetting(client: pg.ClientBase, role: string): Promise<string | undefined> {
  const r = await client.query(
    `SELECT split_part(cfg, '=', 2) AS value
       FROM pg_db_role_setting s JOIN pg_roles r ON r.oid = s.setrole, unnest(s.setconfig) AS cfg
      WHERE r.rolname = $1 AND s.setdatabase = 0 AND cfg LIKE 'default_transaction_read_only=%'`,
    [role],
  )
  return (r.rows[0] as { value: string } | undefined)?.value
}

export async function roleExists(client: pg.ClientBase, role: string): Promise<boolean> {
  const r = await client.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [role])
  return r.rowCount === 1
}

export async function setRoleReadOnly(client: pg.ClientBase, role: string): Promise<void> {
  await client.query(`ALTER ROLE ${pg.escapeIdentifier(role)} SET default_transaction_read_only = on`)
}

/** Ends every other session of the role and waits (up to `waitMs`) until the server has removed them. */
export async function terminateRoleSessions(client: pg.ClientBase, role: string, waitMs = 10_000): Promise<number> {
  const r = await client.query(`SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE usename = $1 AND pid <> pg_backend_pid()`, [role])
  const terminated = Number((r.rows[0] as { n: string }).n)
  const deadline = Date.now() + waitMs
  while (Date.now() < deadline) {
    const left = await client.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE usename = $1 AND pid <> pg_backend_pid()`, [role])
    if ((left.rows[0] as { n: number }).n === 0) break
    await sleep(50)
  }
  return terminated
}

/** Undoes setRoleReadOnly: restores the role's own earlier setting, or removes it. */
export async function restoreRoleReadOnly(client: pg.ClientBase, role: string, previousSetting: string | undefined): Promise<void> {
  const r = pg.escapeIdentifier(role)
  await client.query(previousSetting === undefined ? `ALTER ROLE ${r} RESET default_transaction_read_only` : `ALTER ROLE ${r} SET default_transaction_read_only = ${pg.escapeLiteral(previousSetting)}`)
}

/** The source's current WAL position: after the freeze, the last position any application write can have. */
export async function currentWalLsn(client: pg.ClientBase): Promise<string> {
  const r = await client.query(`SELECT pg_current_wal_lsn()::text AS lsn`)
  return (r.rows[0] as { lsn: string }).lsn
}

export interface SlotHealth {
  readonly slot: string
  readonly exists: boolean
  readonly active?: boolean
  /** reserved / extended / unreserved / lost (PostgreSQL 13+): lost means the WAL it needed is gone. */
  readonly walStatus?: string
  readonly retainedWalBytes?: number
  readonly invalidationReason?: string
}

export async function readSlotHealth(client: pg.ClientBase, slot: string): Promise<SlotHealth> {
  const version = Number((await client.query(`SELECT current_setting('server_version_num')::int AS v`)).rows[0].v)
  // invalidation_reason exists from PostgreSQL 17.
  const reason = version >= 170000 ? 'invalidation_reason' : 'NULL::text AS invalidation_reason'
  const r = await client.query(
    `SELECT active, wal_status, pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint AS retained, ${reason} FROM pg_replication_slots WHERE slot_name = $1`,
    [slot],
  )
  const row = r.rows[0] as { active: boolean; wal_status: string | null; retained: string | null; invalidation_reason: string | null } | undefined
  if (!row) return { slot, exists: false }
  return {
    slot,
    exists: true,
    active: row.active,
    walStatus: row.wal_status ?? undefined,
    retainedWalBytes: row.retained === null ? undefined : Number(row.retained),
    invalidationReason: row.invalidation_reason ?? undefined,
  }
}

