import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { introspectTeradata, teradataDataTable } from '../../src/engines/teradata/teradata-catalog-read.js'
import { TeradataCapture } from '../../src/engines/teradata/teradata-capture.js'
import { changeTableDdl, changeTableDropDdl } from '../../src/engines/teradata/teradata-capture-sql.js'
import { TeradataChecksumSide } from '../../src/engines/teradata/teradata-checksum-side.js'
import { connectTeradata, parseTeradataUrl, type TeradataSession } from '../../src/engines/teradata/teradata-connection.js'
import { openTeradataLoadSource } from '../../src/engines/teradata/teradata-load-source.js'
import type { LoadColumn } from '../../src/load/load-source.js'
import type { TableDef } from '../../src/model/schema.js'
import { ClientHashedSide } from '../../src/validate/client-hash.js'

/**
 * Teradata end to end on a real system: TERADATA_URL names a database the user may create
 * tables, triggers and rows in (e.g. ClearScape Analytics Experience or Vantage Express), and
 * the teradatasql driver must be installed (`npm install teradatasql`). Nothing here has run
 * yet: no Teradata is reachable where godwit is developed (README, "What ran where").
 */
const url = process.env.TERADATA_URL
const how = url ? 'against TERADATA_URL' : 'skipped: set TERADATA_URL=teradata://user:pass@host/database (and npm install teradatasql) to run'
const table = `godwit_live_${randomBytes(3).toString('hex')}`

describe.skipIf(!url)(`Teradata engine (${how})`, () => {
  let s: TeradataSession
  let db: string
  let def: TableDef

  beforeAll(async () => {
    s = await connectTeradata(url!)
    db = parseTeradataUrl(url!).database ?? String((await s.query('SELECT DATABASE'))[0]![0]).trim()
    await s.query(
      `CREATE MULTISET TABLE "${db}"."${table}" (id INTEGER NOT NULL, amount DECIMAL(38,2), name VARCHAR(20) CHARACTER SET UNICODE NOT CASESPECIFIC, ` +
        `code CHAR(4), d DATE, ts TIMESTAMP(6), tstz TIMESTAMP(6) WITH TIME ZONE, b VARBYTE(8), p PERIOD(DATE), j JSON(1000), ` +
        `updated_at TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP(6) NOT NULL) UNIQUE PRIMARY INDEX (id)`,
    )
    await s.query(`INSERT INTO "${db}"."${table}" (id, amount, name, code, d, ts, tstz, b, p, j) VALUES (1, 0.50, 'tab' || '09'XC || 'x', 'ab', DATE '2024-02-29', TIMESTAMP '2024-02-29 10:11:12.5', TIMESTAMP '2024-02-29 12:00:00+02:00', '00FF'XB, PERIOD(DATE '2024-01-01', DATE '2024-02-01'), NEW JSON('{"b":1,"a":[1,2]}'))`)
    await s.query(`INSERT INTO "${db}"."${table}" (id) VALUES (2)`)
    def = (await introspectTeradata(url!)).tables.find((t) => t.name.toLowerCase() === table)!
  }, 120_000)

  afterAll(async () => {
    for (const ddl of changeTableDropDdl({ schema: db, name: table })) await s.query(ddl).catch(() => undefined)
    await s?.query(`DROP TABLE "${db}"."${table}"`).catch(() => undefined)
    await s?.close()
  })

  it('reads the table from the catalog: types, UPI distribution, case-specificity', () => {
    expect(def.distribution).toEqual({ kind: 'primary-index', columns: ['id'], unique: true })
    expect(def.columns.find((c) => c.name === 'name')).toMatchObject({ caseSpecific: false, type: { kind: 'text', maxChars: 20 } })
    expect(def.columns.find((c) => c.name === 'p')!.nativeType.name).toBe('PERIOD(DATE)')
    expect(teradataDataTable(def).key).toEqual(['id'])
  })

  it('loads the rows through chunk planning and decoding', async () => {
    const engine = openTeradataLoadSource(url!, 2)
    const [t] = await engine.listTables([`${db}.${table}`])
    const held = await engine.openPosition({ name: 'live', tables: [t!] })
    const chunks = await engine.planChunks(t!, 1)
    const columns: LoadColumn[] = t!.columns.map((c) => ({ name: c.name, targetName: c.name, type: c.type, pgType: 'text' }))
    const rows = []
    for (const chunk of chunks) for await (const b of engine.readChunkRows(chunk, columns, held.position)) rows.push(...b)
    await engine.close()
    const one = rows.find((r) => r[0] === 1)!
    expect(one.slice(1, 5)).toEqual(['0.5', 'tab\tx', 'ab  ', 19782])
    expect(one[8]).toBe('[2024-01-01,2024-02-01)')
    expect(rows).toHaveLength(2)
  })

  it('checksums client-side and reads rows back canonically', async () => {
    const side = new ClientHashedSide(new TeradataChecksumSide(url!, 1), 'source')
    const st = { schema: db, name: table, keyLength: 1, columns: def.columns.map((c) => ({ name: c.name, type: c.type, nativeType: c.nativeType.text })) }
    expect((await side.checksum(st, {})).rows).toBe(2)
    expect((await side.rows(st, { lower: ['1'], upper: ['2'] }))[0]!.slice(0, 3)).toEqual(['1', '0.5', 'tab\tx'])
    await side.close()
  })

  it('captures an update through a change table', async () => {
    const ct = { schema: db, name: table, key: ['id'], columns: def.columns.map((c) => ({ name: c.name, type: c.type, nativeType: c.nativeType.text })) }
    for (const ddl of changeTableDdl(ct)) await s.query(ddl)
    await s.query(`UPDATE "${db}"."${table}" SET amount = 7 WHERE id = 2`)
    const capture = new TeradataCapture(url!, { tables: [{ ...ct, mode: 'change-table' }], pollMs: 10, startFrom: '' })
    const open = await capture.open({ position: '0', partialEvents: 0, events: 0, transactions: 0 })
    const it = open.items[Symbol.asyncIterator]()
    const item = (await it.next()).value
    await open.close()
    await capture.close()
    expect(item.kind === 'transaction' && item.tx.events).toEqual([{ kind: 'update', table: `${db}.${def.name}`, after: { values: expect.objectContaining({ id: '2', amount: '7' }), unchanged: [] } }])
  })
})
