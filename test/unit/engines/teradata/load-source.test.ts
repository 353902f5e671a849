import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SourceError, type UsageError } from '../../../../src/core/errors.js'
import { openTeradataLoadSource } from '../../../../src/engines/teradata/teradata-load-source.js'
import type { LoadColumn } from '../../../../src/load/load-source.js'
import { openSourceEngine } from '../../../../src/load/source-engines.js'
import { openValidationSide } from '../../../../src/validate/validation-engines.js'
import type { SourceTable } from '../../../../src/load/source-engine.js'
import { recordedSalesCatalog } from './recorded-catalog.js'
import { recordedDriver, type Recorded } from './recorded-driver.js'

const TD_URL = 'teradata://etl:secret@td.example.com/Sales'
const orders: SourceTable = { schema: 'Sales', name: 'Orders', columns: [], estimatedRows: 1_000_000 }

function source(responses: readonly Recorded[], jobs = 2) {
  const driver = recordedDriver([{ match: /^SET TIME ZONE/, rows: undefined }, ...responses])
  return { driver, engine: openTeradataLoadSource(TD_URL, jobs, driver) }
}

describe('TeradataLoadSource positions', () => {
  it('records the source clock and the lock mode, and warns that there is no snapshot', async () => {
    const { engine, driver } = source([{ match: /CURRENT_TIMESTAMP\(6\)/, rows: [['2026-12-06 06:00:00.123456']] }])
    const held = await engine.openPosition({ name: 'run', tables: [] })
    expect(held.position).toEqual({ engine: 'teradata', sourceTime: '2026-12-06 06:00:00.123456', lock: 'access' })
    expect(held.warning).toMatch(/no snapshot: chunks are dirty reads \(LOCKING … FOR ACCESS\)/)
    expect(held.warning).toMatch(/godwit validate/)
    expect(await engine.readPosition(held.position)).toBe(held.position)
    expect(driver.executed[0]!.sql).toBe("SET TIME ZONE INTERVAL '00:00' HOUR TO MINUTE")
    await engine.close()
    expect(driver.closed).toBe(1)
  })
})

describe('TeradataLoadSource.planChunks', () => {
  it('partitioned tables: ranges of partition numbers', async () => {
    const { engine } = source([{ match: /PartitioningConstraintsV/, rows: [[264, 5e9]] }])
    const chunks = await engine.planChunks(orders, 250_000)
    expect(chunks.map((c) => c.range)).toEqual([
      { upper: ['PARTITION', '67'] },
      { lower: ['PARTITION', '67'], upper: ['PARTITION', '133'] },
      { lower: ['PARTITION', '133'], upper: ['PARTITION', '199'] },
      { lower: ['PARTITION', '199'] },
    ])
  })

  it('tables with a primary index: hash-bucket ranges, capped because each is a scan', async () => {
    const { engine, driver } = source([
      { match: /PartitioningConstraintsV/, rows: [[null, 8e9]] },
      { match: /DBC\.IndicesV/, rows: [['P', 'CustomerId']] },
      { match: /^SELECT HASHBUCKET\(\)$/, rows: [[1_048_575]] },
    ])
    const chunks = await engine.planChunks(orders, 10_000)
    expect(chunks).toHaveLength(32)
    expect(chunks[0]!.range).toEqual({ upper: ['HASHBUCKET', '32768'] })
    expect(chunks.at(-1)!.range).toEqual({ lower: ['HASHBUCKET', '1015808'] })
    expect(driver.executed.find((e) => /DBC\.IndicesV/.test(e.sql))!.params).toEqual(['Sales', 'Orders'])
  })

  it('no statistics: the size comes from permanent space; NoPI tables load whole', async () => {
    const { engine } = source([
      { match: /PartitioningConstraintsV/, rows: [[null, 200 * 50_000]] },
      { match: /DBC\.IndicesV/, rows: [] },
    ])
    const chunks = await engine.planChunks({ ...orders, estimatedRows: 0 }, 10_000)
    expect(chunks).toEqual([{ schema: 'Sales', table: 'Orders', seq: 0, estimatedRows: 50_000 }])
  })
})

describe('TeradataLoadSource.readChunkRows', () => {
  const columns: LoadColumn[] = [
    { name: 'OrderId', targetName: 'order_id', type: { kind: 'int', bytes: 8 }, pgType: 'bigint' },
    { name: 'Total', targetName: 'total', type: { kind: 'decimal', precision: 38, scale: 2 }, pgType: 'numeric(38,2)' },
    { name: 'OrderDate', targetName: 'order_date', type: { kind: 'date' }, pgType: 'date' },
  ]
  const at = { engine: 'teradata' as const, sourceTime: '2026-12-06 06:00:00', lock: 'access' as const }

  it('reads a hash-bucket chunk with the primary index and decodes the values', async () => {
    const { engine, driver } = source([
      { match: /DBC\.IndicesV/, rows: [['Q', 'CustomerId'], ['Q', 'OrderDate']] },
      { match: /^LOCKING TABLE/, rows: [[1, '.50', '2024-01-31'], [2n, null, '2024-02-01']] },
    ])
    const batches = []
    for await (const b of engine.readChunkRows({ schema: 'Sales', table: 'Orders', seq: 3, range: { lower: ['HASHBUCKET', '10'], upper: ['HASHBUCKET', '20'] }, estimatedRows: 2 }, columns, at)) batches.push(b)
    expect(batches).toEqual([[[1, '0.5', 19753], [2, null, 19754]]])
    const read = driver.executed.find((e) => e.sql.startsWith('LOCKING'))!
    expect(read.sql).toContain('HASHBUCKET(HASHROW("CustomerId", "OrderDate")) >= ?')
    expect(read.params).toEqual([10, 20])
  })

  it('a failing request is a typed error naming the chunk, and its session is not reused', async () => {
    const { engine, driver } = source([{ match: /^LOCKING TABLE/, error: '[Teradata Database] [Error 2646] No more spool space in etl.' }])
    const read = async () => {
      for await (const _ of engine.readChunkRows({ schema: 'Sales', table: 'Orders', seq: 0, estimatedRows: 1 }, columns, at)) void _
    }
    const e = await read().catch((x: unknown) => x)
    expect(e).toBeInstanceOf(SourceError)
    expect((e as SourceError).code).toBe('TERADATA_SPOOL_EXHAUSTED')
    expect((e as SourceError).message).toMatch(/reading Sales\.Orders chunk 0/)
    expect((e as SourceError).message).not.toContain('secret')
    expect(driver.closed).toBe(1)
  })
})

describe('listing tables from the recorded catalog, and ?via=tpt', () => {
  const catalog = recordedSalesCatalog()

  it('lists the selected tables with their keys and estimates, reading no SHOW text', async () => {
    const driver = recordedDriver(catalog)
    const engine = openTeradataLoadSource(TD_URL, 1, driver)
    const tables = await engine.listTables(['Sales.Cust*'])
    expect(tables.map((t) => [t.name, t.key, t.estimatedRows])).toEqual([['Customer', ['CustomerId'], 2_000_000]])
    expect(driver.executed.some((e) => e.sql.startsWith('SHOW'))).toBe(false)
    expect(driver.executed.find((e) => /DBC\.TablesV/.test(e.sql))!.params).toEqual(['Sales'])
  })

  it('first run writes the TPT job and stops; with the files there it loads them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'godwit-tpt-load-'))
    const engine = openTeradataLoadSource(`${TD_URL}?via=tpt&tpt_dir=${encodeURIComponent(dir)}`, 2, recordedDriver(catalog))
    const e = await engine.listTables(['Sales.OrderLine']).catch((x: unknown) => x)
    expect((e as UsageError).code).toBe('TPT_EXPORT_WRITTEN')
    expect((e as UsageError).hint).toMatch(/tbuild -f .*godwit-export\.tpt -v .*godwit-export\.jobvars/)
    expect(readFileSync(join(dir, 'godwit-export.tpt'), 'utf8')).toContain(`VARCHAR FileName = 'Sales.OrderLine.copy.txt'`)
    const vars = join(dir, 'godwit-export.jobvars')
    expect(readFileSync(vars, 'utf8')).not.toContain('secret')
    expect(statSync(vars).mode & 0o777).toBe(0o600)

    writeFileSync(join(dir, 'Sales.OrderLine.copy.txt'), '7\t1\tSKU-1\t12.5000\tE\n')
    const [table] = await engine.listTables(['Sales.OrderLine'])
    const chunks = await engine.planChunks(table!, 10)
    expect(chunks).toEqual([{ schema: 'Sales', table: 'OrderLine', seq: 0, estimatedRows: 0 }])
    const cols: LoadColumn[] = table!.columns.map((c) => ({ name: c.name, targetName: c.name, type: c.type, pgType: 'text' }))
    const rows = []
    for await (const b of engine.readChunkRows(chunks[0]!, cols, { engine: 'teradata' })) rows.push(...b)
    expect(rows).toEqual([[7, 1, 'SKU-1', '12.5']])
  })
})

describe('wiring: the phases open Teradata through the engine registry', () => {
  it('load opens the Teradata source lazily; without teradatasql the first catalog read says how to install it', async () => {
    const engine = await openSourceEngine('teradata://etl:secret@td.example.com/Sales', 2)
    expect(engine.engine).toBe('teradata')
    const e = await engine.listTables([]).catch((x: unknown) => x)
    expect((e as SourceError).code).toBe('TERADATA_DRIVER_MISSING')
    expect((e as SourceError).hint).toContain('npm install teradatasql')
    await engine.close()
  })

  it('validation takes Teradata as a source, hashed client-side, and not as a target', async () => {
    const side = await openValidationSide('teradata://v:secret@td/Sales', 'source', { jobs: 1, clientHash: false })
    expect(side.checksums.engine).toBe('teradata+client-hash')
    await side.checksums.close()
    await expect(openValidationSide('teradata://v:secret@td/Sales', 'target', { jobs: 1, clientHash: false })).rejects.toMatchObject({ code: 'VALIDATE_ENGINE_UNSUPPORTED' })
  })
})
