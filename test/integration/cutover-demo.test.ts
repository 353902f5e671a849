import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCdc } from '../../src/cdc/run-cdc.js'
import { demoCutover } from '../../src/demo/demo-cutover.js'
import { readMigrationStatus } from '../../src/status/read-status.js'
import { renderStatusScreen } from '../../src/ui/status-screen.js'
import { loadForCdc } from './cdc-support.js'
import { exec, sourceAndTarget, withClient } from './load-support.js'

const DDL = `CREATE SCHEMA shop; CREATE TABLE shop.items (id serial PRIMARY KEY, name text, qty int); CREATE SEQUENCE shop.invoice_no START 1000;`

describe('demo cutover step (src/demo/demo-cutover.ts) with the real cdc and a writer', () => {
  let db: Awaited<ReturnType<typeof sourceAndTarget>>
  beforeAll(async () => {
    db = await sourceAndTarget('cut_demo')
    await exec(db.source, `${DDL} INSERT INTO shop.items (name, qty) SELECT 'item ' || g, g FROM generate_series(1, 1000) g; SELECT nextval('shop.invoice_no') FROM generate_series(1, 5);`)
    await exec(db.target, DDL)
    await loadForCdc(db.source, db.target, ['shop.items'])
  }, 120_000)
  afterAll(async () => db?.drop())

  it('stops the writer, lets cdc catch up, runs the cutover to GO and writes the reports', async () => {
    const cdc = runCdc({ sourceUrl: db.source, targetUrl: db.target, tables: ['shop.items'] })
    let writing = true
    let written = 0
    const writer = (async () => {
      while (writing) {
        await exec(db.source, `INSERT INTO shop.items (name, qty) VALUES ('live', 1); UPDATE shop.items SET qty = qty + 1 WHERE id = ${1 + (written % 1000)}; SELECT nextval('shop.invoice_no')`)
        written++
        await sleep(10)
      }
    })()
    await sleep(3000)
    if (process.env.PRINT_STATUS) console.error(renderStatusScreen(await readMigrationStatus({ targetUrl: db.target, sourceUrl: db.source })))
    const lines: string[] = []
    const r = await demoCutover({
      sourceUrl: db.source,
      targetUrl: db.target,
      schema: 'shop',
      reportDir: await mkdtemp(join(tmpdir(), 'godwit-demo-cutover-')),
      stopWriter: async () => {
        writing = false
        await writer
      },
      cdcStopped: cdc,
      progress: (l) => lines.push(l),
    })
    expect(r.cutover.failure).toBeUndefined()
    expect(r.cutover).toMatchObject({ decision: 'GO', validation: { status: 'PASS' }, freeze: { method: 'none' } })
    expect(written).toBeGreaterThan(20)
    expect(await cdc).toMatchObject({ exitCode: 0 })
    expect(r.cutover.sequences.find((s) => s.source === 'shop.invoice_no')).toMatchObject({ action: 'set', sourceValue: String(1004 + written), targetAfter: String(1004 + written) })
    expect(r.cutover.switch?.command?.stdout).toMatch(/^the application now connects to postgres:\/\/postgres:\*\*\*@/)
    expect(r.reports).toHaveLength(3)
    expect(await readFile(r.reports[0]!, 'utf8')).toMatch(/godwit froze nothing/)
    const rows = await withClient(db.target, (c) => c.query(`SELECT count(*)::int AS n FROM shop.items`))
    expect(rows.rows[0]).toEqual({ n: 1000 + written })
    expect(lines[0]).toBe('cutover: stopping the application (the demo writer)')
  })
})
