import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exec, sourceAndTarget, tableDigest, withClient } from '../integration/load-support.js'
import { runCli, type CliRun } from './run-cli.js'

const DEV_BIN = fileURLToPath(new URL('../../bin/dev.js', import.meta.url))

/** The real CLI as a child whose signals the test sends; `done` resolves when it exits. */
function startCli(args: readonly string[]): { child: ReturnType<typeof spawn>; done: Promise<CliRun> } {
  const child = spawn(process.execPath, ['--import', 'tsx', DEV_BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()))
  const done = new Promise<CliRun>((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })))
  return { child, done }
}

/** Holds a lock on a target table that COPY must wait for, so a load stays mid-chunk until released. */
async function blockWrites(target: string, table: string): Promise<() => Promise<void>> {
  const c = new pg.Client({ connectionString: target })
  await c.connect()
  await c.query('BEGIN')
  await c.query(`LOCK TABLE ${table} IN SHARE MODE`)
  return async () => {
    await c.query('COMMIT')
    await c.end()
  }
}

/** Polls for up to two minutes: a new logical slot may wait ~15 s for the server's next running-transactions record. */
async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  for (const deadline = Date.now() + 120_000; Date.now() < deadline; ) {
    if (await check()) return
    await sleep(50)
  }
  throw new Error(`timed out waiting for ${what}`)
}

const runningChunks = (target: string) =>
  withClient(target, async (c) => {
    if (!(await c.query(`SELECT to_regclass('godwit.load_chunks') IS NOT NULL AS p`)).rows[0].p) return 0
    return ((await c.query(`SELECT count(*)::int AS n FROM godwit.load_chunks WHERE state = 'running'`)).rows[0] as { n: number }).n
  })

describe('godwit load: Ctrl-C and overlapping runs, through the real binary', () => {
  let db: Awaited<ReturnType<typeof sourceAndTarget>>
  const ddl = `CREATE TABLE lineitem (id bigint PRIMARY KEY, qty int, note text); CREATE TABLE customers (id int PRIMARY KEY, name text)`
  beforeAll(async () => {
    db = await sourceAndTarget('loadsigint')
    await exec(db.source, `${ddl}; INSERT INTO lineitem SELECT g, g % 50, md5(g::text) FROM generate_series(1, 100000) g;
      INSERT INTO customers SELECT g, 'c' || g FROM generate_series(1, 1000) g; ANALYZE`)
    await exec(db.target, ddl)
  })
  afterAll(async () => db?.drop())

  it('Ctrl-C stops claiming, lets the chunks in flight commit, says what was saved and the command that resumes (exit 130)', { timeout: 240_000 }, async () => {
    const args = ['load', '--source', db.source, '--target', db.target, '--tables', 'public.lineitem', '--chunk-rows', '5000', '--jobs', '2', '--no-report']
    const release = await blockWrites(db.target, 'lineitem')
    const load = startCli(args)
    try {
      await until('two chunks in flight', async () => (await runningChunks(db.target)) >= 2)
      load.child.kill('SIGINT')
      await sleep(300)
    } finally {
      await release()
    }
    const r = await load.done
    expect(r.status).toBe(130)
    expect(r.stderr).toContain('Ctrl-C: claiming no more chunks')
    expect(r.stderr).toContain('Error [INTERRUPTED]: interrupted (Ctrl-C)')
    const saved = /Hint: 2 of 20 chunks are saved in the target \(([\d,]+) rows\); nothing half-written remains\./.exec(r.stderr)
    expect(saved).not.toBeNull()
    const password = new URL(db.source).password
    expect(r.stderr).toContain(`Resume with: godwit load --source ${db.source.replace(`:${password}@`, ':***@')}`)
    expect(r.stdout + r.stderr).not.toContain(`:${password}@`)
    const states = await withClient(db.target, (c) =>
      c.query(`SELECT count(*) FILTER (WHERE state = 'done')::int AS done, count(*) FILTER (WHERE state = 'running')::int AS running, coalesce(sum(rows), 0)::int AS rows FROM godwit.load_chunks`),
    )
    const rows = Number(saved![1]!.replace(/,/g, ''))
    expect(states.rows[0]).toEqual({ done: 2, running: 0, rows })
    expect(await tableDigest(db.target, 'lineitem')).toMatchObject({ rows })

    // The resume command: its snapshot ended with the interrupted process, said once, plainly.
    const resumed = await runCli(args)
    expect(resumed.status).toBe(0)
    expect(resumed.stderr).toMatch(/Plan: resume run \d+: 18 of 20 chunks left/)
    expect(resumed.stderr.match(/ended with the process that took it/g)).toHaveLength(1)
    expect(resumed.stderr).not.toMatch(/attempt \d+ failed/)
    expect(resumed.stdout).toMatch(/read the source at 2 positions \(its first snapshot had ended when it resumed\): 2 chunks at LSN \S+ \(snapshot \S+\) \(the run's own\); 18 chunks at LSN/)
    expect(await tableDigest(db.target, 'lineitem')).toEqual(await tableDigest(db.source, 'lineitem'))
  })

  it('a run over tables another active run holds stops with exit 6 naming both, and leaves nothing behind', { timeout: 240_000 }, async () => {
    await exec(db.target, `TRUNCATE lineitem, customers`)
    const release = await blockWrites(db.target, 'lineitem')
    const wide = startCli(['load', '--source', db.source, '--target', db.target, '--tables', 'public.*', '--chunk-rows', '5000', '--jobs', '2', '--no-report'])
    let narrow: CliRun
    try {
      await until('the wide run loading', async () => (await runningChunks(db.target)) >= 1)
      narrow = await runCli(['load', '--source', db.source, '--target', db.target, '--tables', 'public.customers', '--no-report', '--json'])
    } finally {
      await release()
    }
    expect(narrow.status).toBe(6)
    const err = JSON.parse(narrow.stdout) as { code: string; message: string }
    expect(err.code).toBe('LOAD_RUN_CONFLICT')
    expect(err.message).toMatch(/run \d+ \(--tables public\.\*, loading now\) holds public\.customers/)
    const w = await wide.done
    expect(w.status).toBe(0)
    for (const t of ['lineitem', 'customers']) expect(await tableDigest(db.target, t)).toEqual(await tableDigest(db.source, t))
    const runs = await withClient(db.target, (c) => c.query(`SELECT selection, state FROM godwit.load_runs ORDER BY id`))
    expect(runs.rows).toEqual([
      { selection: ['public.lineitem'], state: 'done' },
      { selection: ['public.*'], state: 'done' },
    ])
    const slots = await withClient(db.source, (c) => c.query(`SELECT count(*)::int AS n FROM pg_replication_slots WHERE database = current_database()`))
    expect(slots.rows[0]).toEqual({ n: 2 }) // one per selection that loaded; none for the refused one
  })
})
