import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { netChanges } from '../../src/cdc/net-changes.js'
import { openRedshiftApplySide } from '../../src/engines/redshift/redshift-apply.js'
import { RedshiftChecksumSide } from '../../src/engines/redshift/redshift-checksum-side.js'
import { redshiftPgConfig } from '../../src/engines/redshift/redshift-connection.js'
import { openRedshiftValidationCatalog } from '../../src/engines/redshift/redshift-validation-catalog.js'
import { canonicalLine } from '../../src/validate/canonical-line.js'
import { ChecksumAccumulator, rowHash } from '../../src/validate/segment-checksum.js'
import type { SideTable } from '../../src/validate/side-table.js'
import { canonicalText } from '../../src/values/canonical-text.js'

/**
 * Redshift validation and CDC apply on a live cluster: the pushed-down checksum (MD5 + STRTOL)
 * must equal the one Node computes from the canonical texts of the rows inserted, and a CDC batch
 * must land with its checkpoint. Runs only with REDSHIFT_URL=redshift://user:pass@cluster:5439/db
 * (a user that may create a schema); everything it creates is in one schema, dropped after.
 */
const url = process.env.REDSHIFT_URL
const schema = `godwit_live_${randomBytes(3).toString('hex')}`

describe.skipIf(!url)(url ? 'Redshift validation and CDC apply against REDSHIFT_URL' : 'Redshift: skipped, set REDSHIFT_URL=redshift://user:pass@cluster:5439/db to run', () => {
  let client: pg.Client

  beforeAll(async () => {
    client = new pg.Client(redshiftPgConfig(url!))
    await client.connect()
    await client.query(`CREATE SCHEMA ${schema}`)
    await client.query(`CREATE TABLE ${schema}.awkward (id INTEGER NOT NULL, n DECIMAL(12,3), t VARCHAR(200), c CHAR(6), d DATE, ts TIMESTAMP, tz TIMESTAMPTZ, f BOOLEAN, big BIGINT, PRIMARY KEY (id))`)
    await client.query(
      `INSERT INTO ${schema}.awkward VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9), ($10, $11, $12, $13, $14, $15, $16, $17, $18), ($19, $20, $21, $22, $23, $24, $25, $26, $27)`,
      [
        1, '1.500', 'tab\there', 'ab', '2024-02-29', '2024-01-02 03:04:05.5', '2024-06-01 12:00:00+02', true, '9223372036854775807',
        2, '0.000', 'new\nline\\ \\N', '      ', '1970-01-01', '2024-01-02 03:04:00', '1999-12-31 23:59:59.999999+00', false, '-9223372036854775808',
        3, null, '', null, null, null, null, null, null,
      ],
    )
  }, 120_000)

  afterAll(async () => {
    await client?.query(`DROP SCHEMA ${schema} CASCADE`).catch(() => undefined)
    await client?.end()
  })

  it('the pushed-down segment checksum equals Node\'s over the canonical texts of the same rows', async () => {
    const catalog = await openRedshiftValidationCatalog(url!)
    const [t] = await catalog.listTables([`${schema}.awkward`])
    await catalog.close()
    expect(t).toMatchObject({ key: ['id'], enforcedKeys: [] })
    const side: SideTable = { schema, name: 'awkward', keyLength: 1, columns: t!.columns.map((c) => ({ name: c.name, type: c.type, nativeType: c.nativeType })) }
    const rs = new RedshiftChecksumSide(url!, 2)
    try {
      const node = new ChecksumAccumulator()
      for await (const raw of rs.rawRows(side, undefined)) node.add(rowHash(canonicalLine(side.columns.map((c, i) => canonicalText(raw[i], c.type)))))
      expect(await rs.checksum(side, {})).toEqual(node.result())
      expect(await rs.checksum(side, { lower: ['2'] })).toMatchObject({ rows: 2 })
    } finally {
      await rs.close()
    }
  })

  it('a CDC batch and its checkpoint land in one transaction', async () => {
    const map = { source: 'app.awkward', targetSchema: schema, targetName: 'awkward', columns: ['id', 't'].map((c) => ({ source: c, target: c })), key: ['id'] }
    const side = await openRedshiftApplySide(url!, new Map([['app.awkward', map]]), 1, { position: '0/1', partialEvents: 0, events: 0, transactions: 0 })
    try {
      const tx = { txId: '9', commitPosition: '0/20', endPosition: '0/20', commitTime: new Date(), eventOffset: 0, complete: true, heartbeat: false, events: [
        { kind: 'update' as const, table: 'app.awkward', after: { values: { id: '1', t: 'patched' }, unchanged: ['n', 'c', 'd', 'ts', 'tz', 'f', 'big'] } },
        { kind: 'delete' as const, table: 'app.awkward', before: { values: { id: '3' }, unchanged: [] } },
      ] }
      await side.applyBatch(netChanges([tx], new Map([['app.awkward', { columns: ['id', 't'], key: ['id'] }]])), { position: '0/20', partialEvents: 0, events: 2, transactions: 1 })
      expect((await side.readCheckpoint()).position).toBe('0/20')
      const { rows } = await client.query(`SELECT id, t FROM ${schema}.awkward ORDER BY id`)
      expect(rows).toEqual([{ id: 1, t: 'patched' }, { id: 2, t: 'new\nline\\ \\N' }])
    } finally {
      await side.close()
      await client.query(`DELETE FROM godwit.cdc_target_checkpoint WHERE stream_id = 1`).catch(() => undefined)
    }
  })
})
