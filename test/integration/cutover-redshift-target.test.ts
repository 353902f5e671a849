import { describe, expect, it } from 'vitest'
import { runCutover } from '../../src/cutover/run-cutover.js'
import { readMigrationStatus } from '../../src/status/read-status.js'
import { runCli } from '../cli/run-cli.js'
import { exec } from './load-support.js'
import { appCanWrite, streamingMigration } from './cutover-support.js'
import { asRedshift, CHECKSUM_STAND_INS, identityStandIns } from './redshift-stand-ins.js'

/**
 * Cutover into a Redshift target whose run state lives in `--state` (docs/state-store.md). The
 * "cluster" is a PostgreSQL database reached by a redshift:// URL, with stand-ins for what
 * Redshift has and PostgreSQL lacks (SVV_COLUMNS, the "identity" default, STRTOL); the state is
 * the same database by its postgres:// URL, where the load and the stream recorded the run.
 * The migrated tables became IDENTITY columns on the cluster, which Redshift cannot move.
 */
describe('cutover into Redshift (its SQL on PostgreSQL) with --state', () => {
  let cluster = ''
  const fixture = streamingMigration('cutrs', async (m) => {
    const db = new URL(m.target).pathname.slice(1)
    // As `godwit convert --to redshift` leaves them: orders.id seeded at 1 (below the loaded ids), notes.id at 1000 (above).
    await exec(m.target, `${identityStandIns('rs_stand_in')} ${CHECKSUM_STAND_INS}
      ALTER DATABASE ${db} SET search_path = public, rs_stand_in;
      ALTER TABLE orders ALTER COLUMN id SET DEFAULT rs_stand_in."identity"(0, 0, '1,1'::text); DROP SEQUENCE orders_id_seq;
      ALTER TABLE notes ALTER COLUMN id DROP IDENTITY; ALTER TABLE notes ALTER COLUMN id SET DEFAULT rs_stand_in."identity"(0, 0, '1000,1'::text);`)
    // A sequence no column takes its default from: Redshift has nothing to move for it.
    await exec(m.source, `CREATE SEQUENCE invoice_no START 7000; SELECT nextval('invoice_no') FROM generate_series(1, 3);`)
    cluster = asRedshift(m.target)
  })

  it('needs --state: refused before anything is read, as godwit cdc refuses it', async () => {
    const { m } = fixture
    await expect(runCutover({ sourceUrl: m.source, targetUrl: cluster, dryRun: true })).rejects.toMatchObject({ code: 'STATE_REQUIRED', exitCode: 2 })
    await expect(readMigrationStatus({ targetUrl: cluster })).rejects.toMatchObject({ code: 'STATE_REQUIRED' })
  })

  it('GO: gates and steps read and write the state store; IDENTITY columns are reported, not moved; no fall-back stream from Redshift', async () => {
    const { m } = fixture
    const r = await runCutover({ sourceUrl: m.source, targetUrl: cluster, stateUrl: m.target, freezeRole: m.role, maxLagMs: 1000, drainTimeoutMs: 10_000 })
    expect(r.failure).toBeUndefined()
    expect(r).toMatchObject({ state: 'done', decision: 'GO', target: expect.stringMatching(/^redshift:\/\//) })
    expect(r.checks.every((c) => c.ok)).toBe(true)
    expect(r.checks.find((c) => c.id === 'target-objects')?.detail).toBe('2 tables, 3 sequences')
    const orders = r.sequences.find((s) => s.ownedBy === 'public.orders.id')!
    expect(orders).toMatchObject({ target: 'public.orders.id', action: 'cannot-move', targetBefore: 'seed 1', targetAfter: 'seed 1' })
    expect(BigInt(orders.sourceValue!)).toBeGreaterThanOrEqual(500n)
    expect(orders.note).toMatch(/^Redshift cannot move an IDENTITY \(no setval; ALTER TABLE cannot change its seed\): new rows in public.orders.id get ids from seed 1 on/)
    expect(orders.note).toContain(`recreate the table with IDENTITY(${BigInt(orders.sourceValue!) + 1n}, 1)`)
    expect(r.sequences.find((s) => s.ownedBy === 'public.notes.id')).toMatchObject({ action: 'already-past', sourceValue: '40', targetBefore: 'seed 1000' })
    expect(r.sequences.find((s) => s.source === 'public.invoice_no')).toMatchObject({ action: 'no-target', sourceValue: '7002', note: expect.stringMatching(/^Redshift has no sequences .*ids the application draws elsewhere must start above 7002$/) })
    expect(r.steps.find((s) => s.name === 'sequences')?.outcome).toBe('3 sequences checked, 0 moved past the source; 1 redshift IDENTITY columns cannot be moved past the source (public.orders.id): see the report')
    expect(r.validation).toMatchObject({ status: 'PASS' })
    expect(r.fallback.summary).toMatch(/godwit cdc --reverse reads PostgreSQL only, and the target is redshift/)
    expect(String(await appCanWrite(m.appUrl))).toMatch(/read-only transaction/)

    const status = await readMigrationStatus({ targetUrl: cluster, stateUrl: m.target })
    expect(status.cutover).toMatchObject({ id: r.id, state: 'done', decision: 'GO' })
    expect(status.tables.map((t) => [t.name, t.loaded, t.validation?.status])).toEqual([['public.notes', true, 'PASS'], ['public.orders', true, 'PASS']])
  })

  it('the commands take --state: status reads the run, cutover reports the finished one', async () => {
    const { m } = fixture
    const status = await runCli(['status', '--target', cluster, '--state', m.target, '--json'])
    expect(JSON.parse(status.stdout)).toMatchObject({ result: { cutover: { decision: 'GO' } } })
    const again = await runCli(['cutover', '--source', m.source, '--target', cluster, '--state', m.target, '--json'])
    expect(again.status).toBe(0)
    expect(JSON.parse(again.stdout)).toMatchObject({ result: { alreadyFinished: true, decision: 'GO' } })
  }, 60_000)
})
