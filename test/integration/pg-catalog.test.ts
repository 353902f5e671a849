import { beforeAll, describe, expect, it } from 'vitest'
import { listPgTables, PgTableNotFoundError, readPgTable, usableKey } from '../../src/engines/postgres/pg-catalog.js'
import { useDatabase } from '../support/database.js'

describe('PostgreSQL catalog for the data phases', () => {
  const db = useDatabase('pgcat')

  beforeAll(async () => {
    await db.client.query(`
      CREATE SCHEMA s;
      CREATE TABLE s.every_type (
        id bigint PRIMARY KEY, small smallint, whole integer, amount numeric(12,2), free numeric, ratio real, precise double precision,
        code char(3), label varchar(40), body text, raw bytea, born date, seen timestamp(3), at timestamptz,
        span interval day to second(3), age interval year to month, flag boolean NOT NULL, doc jsonb, x xml, u uuid);
      CREATE TABLE s.uniq (a int NOT NULL, b text NOT NULL, c int, UNIQUE (c), UNIQUE (b, a));
      CREATE TABLE s.no_key (a int, b int UNIQUE);
      CREATE TABLE public.other (id int PRIMARY KEY);`)
  })

  it('maps every column to its logical type from type name and typmod', async () => {
    const t = await readPgTable(db.client, 's', 'every_type')
    const byName = Object.fromEntries(t.columns.map((c) => [c.name, c.type]))
    expect(byName).toEqual({
      id: { kind: 'int', bytes: 8 }, small: { kind: 'int', bytes: 2 }, whole: { kind: 'int', bytes: 4 },
      amount: { kind: 'decimal', precision: 12, scale: 2 }, free: { kind: 'decimal' },
      ratio: { kind: 'float', bytes: 4 }, precise: { kind: 'float', bytes: 8 },
      code: { kind: 'text', fixed: true, maxChars: 3 }, label: { kind: 'text', fixed: false, maxChars: 40 }, body: { kind: 'text', fixed: false },
      raw: { kind: 'binary' }, born: { kind: 'date' }, seen: { kind: 'timestamp', tz: 'none', precision: 3 },
      at: { kind: 'timestamp', tz: 'utc', precision: undefined },
      span: { kind: 'interval', fields: 'day-second', precision: 3 }, age: { kind: 'interval', fields: 'year-month' },
      flag: { kind: 'boolean' }, doc: { kind: 'json' }, x: { kind: 'xml' }, u: { kind: 'unsupported', native: 'uuid' },
    })
    expect(t.columns.find((c) => c.name === 'amount')!.pgType).toBe('numeric(12,2)')
    expect(t.columns.find((c) => c.name === 'flag')!.nullable).toBe(false)
    expect(t.primaryKey).toEqual(['id'])
  })

  it('picks the primary key, else a unique key of NOT NULL columns in its own column order, else none', async () => {
    expect(usableKey(await readPgTable(db.client, 's', 'every_type'))).toEqual(['id'])
    expect(usableKey(await readPgTable(db.client, 's', 'uniq'))).toEqual(['b', 'a'])
    expect(usableKey(await readPgTable(db.client, 's', 'no_key'))).toBeUndefined()
  })

  it('lists user tables, filtered by schema.table or table globs', async () => {
    expect((await listPgTables(db.client)).map((t) => `${t.schema}.${t.name}`)).toEqual(['public.other', 's.every_type', 's.no_key', 's.uniq'])
    expect((await listPgTables(db.client, ['s.*_key', 'OTHER'])).map((t) => t.name)).toEqual(['other', 'no_key'])
  })

  it('names a missing table and the side it is missing on', async () => {
    const err = await readPgTable(db.client, 's', 'absent', 'target').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(PgTableNotFoundError)
    expect(err).toMatchObject({ code: 'TABLE_NOT_FOUND', exitCode: 5, object: 's.absent' })
  })
})
