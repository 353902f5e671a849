import { pipeline } from 'node:stream/promises'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectOracle, type OracleSession } from '../../src/engines/oracle/oracle-connection.js'
import { openOracleRowSource, type OracleRowSource } from '../../src/engines/oracle/oracle-extract.js'
import { formatPostgresType } from '../../src/engines/postgres/postgres-types.js'
import type { LoadChunk, LoadColumn } from '../../src/load/load-source.js'
import type { LogicalType } from '../../src/model/logical-type.js'
import { transcodeToCopyBinary, type RejectedRow } from '../../src/values/transcode.js'
import { freshDatabase } from '../support/database.js'

/**
 * Reads an Oracle table at an SCN through OracleRowSource and loads it into PostgreSQL through
 * godwit's codec. Needs ORACLE_URL (oracle://user:pass@host:1521/service, a user that may create
 * a table and use flashback queries on it).
 */
const url = process.env.ORACLE_URL
const TABLE = 'GODWIT_EXTRACT_LIVE'

const COLUMNS: [string, string, LogicalType][] = [
  ['ID', 'NUMBER(10)', { kind: 'int', bytes: 8 }],
  ['AMOUNT', 'NUMBER(12,2)', { kind: 'decimal', precision: 12, scale: 2 }],
  ['ANY_NUM', 'NUMBER', { kind: 'decimal' }],
  ['DBL', 'BINARY_DOUBLE', { kind: 'float', bytes: 8 }],
  ['CODE', 'CHAR(5)', { kind: 'text', fixed: true, maxChars: 5 }],
  ['NAME', 'VARCHAR2(20 CHAR)', { kind: 'text', fixed: false, maxChars: 20 }],
  ['NOTE', 'CLOB', { kind: 'clob' }],
  ['BYTES', 'RAW(16)', { kind: 'binary', maxBytes: 16 }],
  ['DOC', 'BLOB', { kind: 'binary' }],
  ['HIRED', 'DATE', { kind: 'timestamp', precision: 0, tz: 'none' }],
  ['AT9', 'TIMESTAMP(9)', { kind: 'timestamp', precision: 9, tz: 'none' }],
  ['AT_TZ', 'TIMESTAMP(6) WITH TIME ZONE', { kind: 'timestamp', precision: 6, tz: 'utc' }],
  ['SPAN', 'INTERVAL DAY(3) TO SECOND(6)', { kind: 'interval', fields: 'day-second', precision: 6 }],
  ['AGE', 'INTERVAL YEAR(3) TO MONTH', { kind: 'interval', fields: 'year-month' }],
]

describe.skipIf(!url)(`Oracle extraction at an SCN${url ? '' : ' (skipped: set ORACLE_URL=oracle://user:pass@host:1521/service to run)'}`, () => {
  let ora: OracleSession
  let source: OracleRowSource
  let target: { url: string; drop: () => Promise<void> }
  let tgt: pg.Client

  beforeAll(async () => {
    ora = await connectOracle(url!)
    await ora.query(`BEGIN EXECUTE IMMEDIATE 'DROP TABLE ${TABLE} PURGE'; EXCEPTION WHEN OTHERS THEN NULL; END;`)
    await ora.query(`CREATE TABLE ${TABLE} (${COLUMNS.map(([n, t]) => `${n} ${t}`).join(', ')}, PRIMARY KEY (ID))`)
    await ora.query(`INSERT INTO ${TABLE} VALUES (1, 1234567890.125, .71, BINARY_DOUBLE_NAN, 'ab', '', TO_CLOB(RPAD('x', 40000, 'y')),
      HEXTORAW('00FF7F80'), TO_BLOB(HEXTORAW('DEADBEEF')), TO_DATE('2024-02-29 13:14:15', 'YYYY-MM-DD HH24:MI:SS'),
      TO_TIMESTAMP('2024-01-01 00:00:00.123456789', 'YYYY-MM-DD HH24:MI:SS.FF9'),
      TO_TIMESTAMP_TZ('2024-03-10 02:30:00.5 +05:30', 'YYYY-MM-DD HH24:MI:SS.FF TZH:TZM'),
      INTERVAL '3 04:05:06.789012' DAY TO SECOND, INTERVAL '-1-6' YEAR TO MONTH)`)
    await ora.query(`INSERT INTO ${TABLE} (ID, ANY_NUM, DBL, NAME, HIRED) VALUES (2, -1.5E+20, BINARY_DOUBLE_INFINITY, UNISTR('emoji \\D83D\\DE00 ü'), TO_DATE('-4712-01-01', 'SYYYY-MM-DD'))`)
    await ora.query(`INSERT INTO ${TABLE} (ID, NAME) VALUES (3, 'a' || CHR(0) || 'b')`)
    await ora.query('COMMIT')
    source = await openOracleRowSource(url!, 2)
    target = await freshDatabase('godwit_ora_extract')
    tgt = new pg.Client({ connectionString: target.url })
    await tgt.connect()
    await tgt.query(`SET TIME ZONE 'UTC'`)
    await tgt.query(`CREATE TABLE t (${COLUMNS.map(([n, , t]) => `${n.toLowerCase()} ${formatPostgresType(t)}`).join(', ')})`)
  }, 300_000)

  afterAll(async () => {
    await ora?.query(`BEGIN EXECUTE IMMEDIATE 'DROP TABLE ${TABLE} PURGE'; EXCEPTION WHEN OTHERS THEN NULL; END;`).catch(() => undefined)
    await ora?.close()
    await source?.close()
    await tgt?.end()
    await target?.drop()
  })

  it('reads the rows as of the SCN, decodes every type exactly and rejects the NUL row with its key', async () => {
    const at = await source.currentPosition()
    expect(at.scn).toMatch(/^\d+$/)
    // Committed after the SCN: must not be read.
    await ora.query(`INSERT INTO ${TABLE} (ID) VALUES (4)`)
    await ora.query('COMMIT')

    const columns: LoadColumn[] = COLUMNS.map(([n, , t]) => ({ name: n, targetName: n.toLowerCase(), type: t, pgType: formatPostgresType(t) }))
    const chunks: LoadChunk[] = await source.planKeyChunks(ora.url.user.toUpperCase(), TABLE, [{ name: 'ID', type: COLUMNS[0]![2] }], 2, 4)
    expect(chunks.length).toBeGreaterThan(1)
    const rejects: RejectedRow[] = []
    for (const chunk of chunks) {
      const rows = source.readChunkRows(chunk, columns, at)
      await pipeline(transcodeToCopyBinary(rows, columns, ['ID'], (r) => rejects.push(r)), tgt.query(copyFrom(`COPY t FROM STDIN (FORMAT binary)`)))
    }
    expect(rejects).toEqual([{ key: { ID: '3' }, column: 'name', value: 'a\\0b', reason: 'NUL byte at character 2: PostgreSQL text cannot hold it' }])
    const { rows } = await tgt.query(`SELECT id, amount::text, any_num::text, dbl::text, code, name, length(note) AS note_len, encode(bytes, 'hex') AS bytes,
        encode(doc, 'hex') AS doc, hired::text, at9::text, at_tz::text, span::text, age::text FROM t ORDER BY id`)
    expect(rows).toEqual([
      { id: '1', amount: '1234567890.13', any_num: '0.71', dbl: 'NaN', code: 'ab   ', name: null, note_len: 40000, bytes: '00ff7f80', doc: 'deadbeef',
        hired: '2024-02-29 13:14:15', at9: '2024-01-01 00:00:00.123457', at_tz: '2024-03-09 21:00:00.5+00', span: '3 days 04:05:06.789012', age: '-1 years -6 mons' },
      { id: '2', amount: null, any_num: '-150000000000000000000', dbl: 'Infinity', code: null, name: 'emoji 😀 ü', note_len: null, bytes: null, doc: null,
        hired: '4712-01-01 00:00:00 BC', at9: null, at_tz: null, span: null, age: null },
    ])
  })
})
