import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OUTPUT_FILES } from '../../src/convert/convert.js'
import { runConvert } from '../../src/convert/run-convert.js'
import { runDemoLoad } from '../../src/demo/demo-load.js'
import { DEMO_SCRIPT } from '../../src/demo/run-demo.js'
import { applySqlFiles } from '../../src/engines/postgres/postgres-apply.js'
import { sourceAndTarget, tableDigest, withClient } from './load-support.js'

describe('demo load', () => {
  let db: Awaited<ReturnType<typeof sourceAndTarget>>
  beforeAll(async () => {
    db = await sourceAndTarget('loaddemo')
    const outDir = await mkdtemp(join(tmpdir(), 'godwit-demo-load-'))
    await runConvert({ scripts: [{ path: DEMO_SCRIPT }], targetSchema: 'flyway', outDir })
    const files = await Promise.all(OUTPUT_FILES.map(async (f) => ({ name: f.file, sql: await readFile(join(outDir, f.file), 'utf8') })))
    await applySqlFiles(db.source, files)
    // The target gets the schema without the demo's rows.
    await applySqlFiles(db.target, files.filter((f) => f.name !== '02-data.sql'))
  })
  afterAll(async () => db?.drop())

  it('loads every demo table so the target equals the source', async () => {
    const lines: string[] = []
    const result = await runDemoLoad({ sourceUrl: db.source, targetUrl: db.target, schema: 'flyway', progress: (l) => lines.push(l) })
    expect(result.complete).toBe(true)
    const tables = await withClient(db.source, (c) => c.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'flyway' ORDER BY 1`))
    expect(result.tables.map((t) => t.name).sort()).toEqual(tables.rows.map((r: { tablename: string }) => `flyway.${r.tablename}`))
    expect(result.tables.reduce((n, t) => n + t.rows, 0)).toBeGreaterThan(0)
    for (const t of result.tables) expect(await tableDigest(db.target, t.name)).toEqual(await tableDigest(db.source, t.name))
    expect(lines.at(-1)).toMatch(/^load: read the source at slot godwit_[0-9a-f]{16} at LSN [0-9A-F]+\/[0-9A-F]+$/)
  })
})
