import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TeradataCapture } from '../../src/engines/teradata/teradata-capture.js'
import { connectTeradata, parseTeradataUrl, type TeradataSession } from '../../src/engines/teradata/teradata-connection.js'
import { TeradataCutoverSource } from '../../src/engines/teradata/teradata-cutover-source.js'
import { comparePositions } from '../../src/model/change-position.js'

/**
 * The Teradata cutover source on a real system: TERADATA_URL names a database the user may
 * create tables and rows in, and the teradatasql driver must be installed. Proves what the
 * recorded tests assume of Teradata: the clock reading orders after a capture poll taken before
 * it and before one taken after it, and the identity high-water mark (DBC.IdCol, or MAX where
 * the user cannot read it) is at or past every number handed out. Nothing here has run yet: no
 * Teradata is reachable where godwit is developed.
 */
const url = process.env.TERADATA_URL
const how = url ? 'against TERADATA_URL' : 'skipped: set TERADATA_URL=teradata://user:pass@host/database (and npm install teradatasql) to run'
const table = `godwit_cut_${randomBytes(3).toString('hex')}`

describe.skipIf(!url)(`Teradata cutover source (${how})`, () => {
  let s: TeradataSession
  let db: string

  beforeAll(async () => {
    s = await connectTeradata(url!)
    db = parseTeradataUrl(url!).database ?? String((await s.query('SELECT DATABASE'))[0]![0]).trim()
    await s.query(`CREATE MULTISET TABLE "${db}"."${table}" (id INTEGER GENERATED ALWAYS AS IDENTITY (START WITH 1 INCREMENT BY 1 NO CYCLE), v INTEGER, updated_at TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP(6) NOT NULL) PRIMARY INDEX (v)`)
    for (let v = 1; v <= 3; v++) await s.query(`INSERT INTO "${db}"."${table}" (v) VALUES (${v})`)
  }, 120_000)

  afterAll(async () => {
    await s?.query(`DROP TABLE "${db}"."${table}"`).catch(() => undefined)
    await s?.close()
  })

  it('the frozen clock orders between the capture polls before and after it', async () => {
    const columns = [{ name: 'id', type: { kind: 'int', bytes: 4 } as const }, { name: 'v', type: { kind: 'int', bytes: 4 } as const }, { name: 'updated_at', type: { kind: 'timestamp', precision: 6, tz: 'none' } as const }]
    const capture = new TeradataCapture(url!, { tables: [{ schema: db, name: table, columns, key: ['id'], mode: 'watermark', watermark: { column: 'updated_at', settleSeconds: 0, lookbackSeconds: 0 } }], pollMs: 2_500, startFrom: '2000-01-01 00:00:00.000000' })
    const open = await capture.open({ position: '0', partialEvents: 0, events: 0, transactions: 0 })
    const polls = open.items[Symbol.asyncIterator]()
    const before = (await polls.next()).value
    const source = new TeradataCutoverSource(url!)
    const frozen = await source.currentPosition()
    const after = (await polls.next()).value
    await open.close()
    await capture.close()
    expect(frozen).toMatch(/^time \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6} UTC$/)
    expect(before.kind === 'transaction' && before.tx.events).toHaveLength(3)
    if (before.kind !== 'transaction' || after.kind !== 'transaction') throw new Error('capture yielded no poll')
    expect(comparePositions('teradata', before.tx.endPosition, frozen)).toBe(-1)
    // The next poll is 2.5 s later, past the 1 s clock margin.
    expect(comparePositions('teradata', after.tx.endPosition, frozen)).toBe(1)
    await source.close()
  }, 60_000)

  it('the identity high-water mark is at or past every id handed out', async () => {
    const source = new TeradataCutoverSource(url!)
    const seqs = await source.readSequences([db])
    const mine = seqs.find((q) => q.name.toLowerCase() === `${db}.${table}.id`.toLowerCase())
    const max = String((await s.query(`SELECT MAX(id) FROM "${db}"."${table}"`))[0]![0])
    expect(mine).toMatchObject({ identity: true, increment: '1' })
    expect(BigInt(mine!.lastValue!)).toBeGreaterThanOrEqual(BigInt(max))
    await source.close()
  }, 60_000)
})
