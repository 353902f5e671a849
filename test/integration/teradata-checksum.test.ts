import { describe, expect, it } from 'vitest'
import { TeradataChecksumSide } from '../../src/engines/teradata/teradata-checksum-side.js'
import { PgChecksumSide } from '../../src/engines/postgres/pg-checksum-side.js'
import type { LogicalType } from '../../src/model/logical-type.js'
import { ClientHashedSide } from '../../src/validate/client-hash.js'
import type { SideTable } from '../../src/validate/side-table.js'
import { formatIsoInterval } from '../../src/values/temporal-text.js'
import { Interval } from '../../src/values/value.js'
import { useDatabase } from '../support/database.js'
import { recordedDriver } from '../unit/engines/teradata/recorded-driver.js'

/**
 * Teradata cannot hash, so its rows are hashed in Node. The point of that design is that a
 * Teradata segment checksum equals PostgreSQL's pushed-down one for the same data: here the
 * same rows sit in real PostgreSQL and come from Teradata in the forms teradatasql returns for
 * godwit's select list (TO_CHAR decimals like `.50`, blank-padded CHAR, UTC timestamp text,
 * Uint8Array bytes, Teradata interval text).
 */
const db = useDatabase('td_checksum')

const columns: { name: string; pg: string; td: LogicalType; tdNative: string }[] = [
  { name: 'id', pg: 'integer', td: { kind: 'int', bytes: 4 }, tdNative: 'INTEGER' },
  { name: 'amount', pg: 'numeric(38,2)', td: { kind: 'decimal', precision: 38, scale: 2 }, tdNative: 'DECIMAL(38,2)' },
  { name: 'name', pg: 'varchar(20)', td: { kind: 'text', fixed: false, maxChars: 20 }, tdNative: 'VARCHAR(20)' },
  { name: 'code', pg: 'char(4)', td: { kind: 'text', fixed: true, maxChars: 4 }, tdNative: 'CHAR(4)' },
  { name: 'd', pg: 'date', td: { kind: 'date' }, tdNative: 'DATE' },
  { name: 'ts', pg: 'timestamp(6)', td: { kind: 'timestamp', precision: 6, tz: 'none' }, tdNative: 'TIMESTAMP(6)' },
  { name: 'tstz', pg: 'timestamptz(6)', td: { kind: 'timestamp', precision: 6, tz: 'utc' }, tdNative: 'TIMESTAMP(6) WITH TIME ZONE' },
  { name: 'b', pg: 'bytea', td: { kind: 'binary', maxBytes: 8 }, tdNative: 'VARBYTE(8)' },
  { name: 'iv', pg: 'interval', td: { kind: 'interval', fields: 'day-second', precision: 6 }, tdNative: 'INTERVAL DAY(4) TO SECOND(6)' },
  { name: 'j', pg: 'jsonb', td: { kind: 'json' }, tdNative: 'JSON' },
  { name: 'tm', pg: 'time(6)', td: { kind: 'time', precision: 6, tz: false }, tdNative: 'TIME(6)' },
]

describe('Teradata client-side checksums against PostgreSQL pushdown', () => {
  it('agree on the same rows, NULLs, escapes, padding and zones included', async () => {
    await db.client.query(`CREATE TABLE t (${columns.map((c) => `${c.name} ${c.pg}`).join(', ')}, PRIMARY KEY (id))`)
    await db.client.query(`INSERT INTO t VALUES
      (1, 0.50, E'tab\\there\\\\', 'ab', '2024-02-29', '2024-02-29 10:11:12.5', '2024-02-29 12:00:00+02', '\\x00ff', '1 day 02:00:00', '{"b": 1, "a": [1, 2]}', '10:11:12'),
      (2, -12345678901234567890123456789012345.67, '', 'abcd', '0001-01-01', '1999-12-31 23:59:59.999999', '1970-01-01 00:00:00+00', '\\x', '-00:00:01', '[]', '00:00:00'),
      (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`)
    const pgTable: SideTable = { schema: 'public', name: 't', keyLength: 1, columns: columns.map((c) => ({ name: c.name, type: c.td, nativeType: c.pg })) }
    const pgSide = new PgChecksumSide(db.url, 'target', 1)
    const expected = await pgSide.checksum(pgTable, {})
    await pgSide.close()

    const driver = recordedDriver([
      { match: /^SET /, rows: undefined },
      {
        match: /^LOCKING TABLE "Sales"\."T" FOR ACCESS SELECT /,
        rows: [
          [1, '.50', 'tab\there\\', 'ab  ', '2024-02-29', '2024-02-29 10:11:12.500000', '2024-02-29 10:00:00.000000', new Uint8Array([0, 255]), '   1 02:00:00.000000', '{"a":[1,2],"b":1}', '10:11:12.000000'],
          [2n, '-12345678901234567890123456789012345.67', '', 'abcd', '0001-01-01', '1999-12-31 23:59:59.999999', '1970-01-01 00:00:00.000000', new Uint8Array([]), '-   0 00:00:01.000000', '[]', '00:00:00.000000'],
          [3, null, null, null, null, null, null, null, null, null, null],
        ],
      },
    ])
    const tdTable: SideTable = { schema: 'Sales', name: 'T', keyLength: 1, columns: columns.map((c) => ({ name: c.name, type: c.td, nativeType: c.tdNative })) }
    const td = new ClientHashedSide(new TeradataChecksumSide('teradata://v:secret@td/Sales', 1, driver), 'source')
    expect(td.engine).toBe('teradata+client-hash')
    expect(await td.checksum(tdTable, {})).toEqual(expected)
    expect(expected.rows).toBe(3)
    // Row texts agree too (what a leaf diff compares).
    const pgRows = await new PgChecksumSide(db.url, 'target', 1).rows(pgTable, {})
    expect(await td.rows(tdTable, {})).toEqual(pgRows)
    await td.close()
  })

  it('formats intervals as PostgreSQL does under IntervalStyle iso_8601', async () => {
    await db.client.query("SET IntervalStyle = 'iso_8601'")
    const cases: [string, Interval][] = [
      ['0', new Interval(0, 0, 0)],
      ['1 year 2 mons -3 days 04:05:06.5', new Interval(14, -3, ((4 * 60 + 5) * 60 + 6) * 1_000_000 + 500_000)],
      ['-1 year -1 mon', new Interval(-13, 0, 0)],
      ['-00:00:01.25', new Interval(0, 0, -1_250_000)],
      ['100 days 00:00:00.000001', new Interval(0, 100, 1)],
      ['-2 hours 30 minutes', new Interval(0, 0, -90 * 60 * 1_000_000)],
    ]
    for (const [pgText, iv] of cases) {
      const r = await db.client.query<{ t: string }>('SELECT $1::interval::text AS t', [pgText])
      expect(formatIsoInterval(iv), pgText).toBe(r.rows[0]!.t)
    }
  })
})
