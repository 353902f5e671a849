import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readStreamStatuses, requestStop } from '../../src/cdc/cdc-control.js'
import { currentLsn, expectEqual, loadForCdc, query } from './cdc-support.js'
import { exec, sourceAndTarget, withClient } from './load-support.js'
import pg from 'pg'

const TABLES = ['public.items']

/** The real CLI, `godwit cdc --json`, in its own process; resolves each NDJSON progress line. */
function startCdc(source: string, target: string): { child: ChildProcess; lines: Record<string, unknown>[]; exited: Promise<number | string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/dev.js', 'cdc', '--source', source, '--target', target, '--tables', TABLES.join(','), '--batch-size', '500', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] })
  const lines: Record<string, unknown>[] = []
  createInterface({ input: child.stdout! }).on('line', (l) => lines.push(JSON.parse(l) as Record<string, unknown>))
  let stderr = ''
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()))
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')))
  void exited.then((c) => {
    if (c !== 0 && c !== 'SIGKILL') process.stderr.write(`cdc child exited ${c}: ${stderr}\n`)
  })
  return { child, lines, exited }
}

async function until(what: string, cond: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> {
  const end = Date.now() + ms
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** Commits small transactions on the source until stopped; counts exactly the row changes and transactions committed. */
function startWriter(url: string): { stop: () => Promise<{ txs: number; changes: number }> } {
  let running = true
  const counts = { txs: 0, changes: 0 }
  const done = (async () => {
    const c = new pg.Client({ connectionString: url })
    await c.connect()
    let next = 100_000
    try {
      while (running) {
        await c.query('BEGIN')
        let changes = 0
        changes += (await c.query(`INSERT INTO items VALUES ($1::int, 0, md5($1::text))`, [next++])).rowCount ?? 0
        changes += (await c.query(`UPDATE items SET v = v + 1, payload = md5(random()::text) WHERE id IN ($1, $2)`, [Math.floor(Math.random() * 5000), next - 2])).rowCount ?? 0
        changes += (await c.query(`DELETE FROM items WHERE id = $1`, [Math.floor(Math.random() * 5000)])).rowCount ?? 0
        await c.query('COMMIT')
        counts.txs++
        counts.changes += changes
        if (counts.txs % 20 === 0) await new Promise((r) => setTimeout(r, 5))
      }
    } finally {
      await c.end()
    }
  })()
  return {
    async stop() {
      running = false
      await done
      return counts
    },
  }
}

describe('cdc killed with SIGKILL under a steady write load', () => {
  let db: Awaited<ReturnType<typeof sourceAndTarget>>
  beforeAll(async () => {
    db = await sourceAndTarget('cdc_kill')
    const ddl = `CREATE TABLE public.items (id int PRIMARY KEY, v int NOT NULL, payload text);`
    await exec(db.source, ddl)
    await exec(db.target, ddl)
    await exec(db.source, `INSERT INTO items SELECT g, 0, md5(g::text) FROM generate_series(0, 4999) g`)
    await loadForCdc(db.source, db.target, TABLES)
  }, 120_000)
  afterAll(async () => {
    await db.drop()
  })

  it('restarts from the target checkpoint: the end state equals the source, every change applied exactly once', async () => {
    const writer = startWriter(db.source)
    const first = startCdc(db.source, db.target)
    await until('the first cdc to apply 1,000 changes', () => first.lines.some((l) => l.type === 'progress' && Number(l.eventsApplied) >= 1000))
    first.child.kill('SIGKILL')
    expect(await first.exited).toBe('SIGKILL')
    await new Promise((r) => setTimeout(r, 1000)) // the writer keeps going while nothing applies
    const second = startCdc(db.source, db.target)
    await until('the second cdc to report progress', () => second.lines.some((l) => l.type === 'progress'))
    await new Promise((r) => setTimeout(r, 2000))
    const written = await writer.stop()
    const stopAt = await currentLsn(db.source)
    const [stream] = await withClient(db.target, (c) => readStreamStatuses(c))
    await withClient(db.target, (c) => requestStop(c, stream!.id, stopAt))
    expect(await second.exited).toBe(0)
    const result = second.lines.find((l) => l.type === 'result') as { status: number; result: { reason: string; eventsApplied: number; transactionsApplied: number } }
    expect(result.status).toBe(0)
    expect(result.result.reason).toBe('stop-requested')
    // Counted in the same target transactions as the changes: a batch applied twice would count twice.
    expect(result.result.eventsApplied).toBe(written.changes)
    expect(result.result.transactionsApplied).toBe(written.txs)
    expect(written.txs).toBeGreaterThan(300)
    await expectEqual(db.source, db.target, TABLES)
    const [{ n }] = (await query<{ n: number }>(db.target, `SELECT count(*)::int AS n FROM items WHERE id >= 100000`)) as [{ n: number }]
    expect(n).toBeGreaterThan(0)
  }, 180_000)

  it('SIGTERM finishes the batch in flight, keeps the checkpoint and exits 0', async () => {
    const third = startCdc(db.source, db.target)
    await until('the third cdc to report progress', () => third.lines.some((l) => l.type === 'progress'))
    await exec(db.source, `UPDATE items SET v = v + 1 WHERE id < 100`)
    await new Promise((r) => setTimeout(r, 1500))
    third.child.kill('SIGTERM')
    expect(await third.exited).toBe(0)
    expect(third.lines.find((l) => l.type === 'result')).toMatchObject({ status: 0, result: { reason: 'interrupted' } })
    await expectEqual(db.source, db.target, TABLES)
  }, 120_000)
})
