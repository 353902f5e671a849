import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runLoad } from '../../src/load/run-load.js'
import { exec, sourceAndTarget, tableDigest, withClient } from './load-support.js'

const SCHEMA = `
CREATE SCHEMA sales;
CREATE TABLE sales.orders (id bigint PRIMARY KEY, customer text NOT NULL, amount numeric(12,2), placed timestamptz, note text, tags text[]);
CREATE TABLE sales.lines (order_id bigint, line int, sku varchar(20), qty int, PRIMARY KEY (order_id, line));
CREATE TABLE sales.events (payload jsonb, at date);
CREATE TYPE sales.mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE sales.feedback (id int PRIMARY KEY, mood sales.mood, moods sales.mood[]);
CREATE TABLE sales.visits (id int PRIMARY KEY, at date) PARTITION BY RANGE (id);
CREATE TABLE sales.visits_a PARTITION OF sales.visits FOR VALUES FROM (0) TO (5000);
CREATE TABLE sales.visits_b PARTITION OF sales.visits FOR VALUES FROM (5000) TO (100000);
CREATE INDEX orders_customer ON sales.orders (customer);
ALTER TABLE sales.lines ADD CONSTRAINT lines_order FOREIGN KEY (order_id) REFERENCES sales.orders (id);
`

describe('load: PostgreSQL → PostgreSQL passthrough', () => {
  let db: Awaited<ReturnType<typeof sourceAndTarget>>
  beforeAll(async () => {
    db = await sourceAndTarget('loadpass')
    await exec(db.source, SCHEMA)
    await exec(db.target, SCHEMA)
    // Target triggers must not fire for loaded rows (the source already holds their effects).
    await exec(db.target, `CREATE FUNCTION sales.refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'trigger fired'; END $$;
      CREATE TRIGGER refuse BEFORE INSERT ON sales.orders FOR EACH ROW EXECUTE FUNCTION sales.refuse()`)
    await exec(
      db.source,
      `INSERT INTO sales.orders SELECT g, 'cust ' || (g % 97), (g * 1.25)::numeric(12,2), timestamptz '2024-01-01' + g * interval '1 minute',
              CASE WHEN g % 10 = 0 THEN NULL ELSE E'tab\\there, newline\\n, backslash \\\\ ' || g END, ARRAY['a' || g, NULL]
         FROM generate_series(1, 20000) g;
       INSERT INTO sales.lines SELECT o, l, 'SKU-' || (o * l % 1000), l FROM generate_series(1, 20000) o, generate_series(1, 3) l;
       INSERT INTO sales.events SELECT jsonb_build_object('n', g), date '2020-01-01' + g FROM generate_series(1, 500) g;
       INSERT INTO sales.visits SELECT g, date '2024-01-01' + g % 365 FROM generate_series(1, 12000) g;
       INSERT INTO sales.feedback SELECT g, (ARRAY['sad','ok','happy']::sales.mood[])[g % 3 + 1], ARRAY['ok', 'happy']::sales.mood[] FROM generate_series(1, 300) g;
       ANALYZE;`,
    )
  })
  afterAll(async () => db?.drop())

  it('copies every table row for row, in key-range chunks, with the position recorded and the slot kept', async () => {
    const result = await runLoad({ sourceUrl: db.source, targetUrl: db.target, jobs: 3, chunkRows: 4000, deferIndexes: true })
    expect(result.complete).toBe(true)
    for (const t of ['sales.orders', 'sales.lines', 'sales.events', 'sales.feedback', 'sales.visits']) {
      expect(await tableDigest(db.target, t)).toEqual(await tableDigest(db.source, t))
    }
    const byName = Object.fromEntries(result.tables.map((t) => [t.name, t]))
    expect(byName['sales.orders']).toMatchObject({ rows: 20000, rejected: 0, chunking: 'key-range', transfer: 'passthrough-binary' })
    expect(byName['sales.orders']!.chunks).toBeGreaterThanOrEqual(4)
    expect(byName['sales.lines']).toMatchObject({ rows: 60000, chunking: 'key-range' })
    expect(byName['sales.events']).toMatchObject({ rows: 500, chunking: 'whole-no-key', chunks: 1 })
    expect(byName['sales.visits']).toMatchObject({ rows: 12000, chunking: 'key-range' }) // a partitioned table, read and written through its parent
    expect(byName['sales.feedback']).toMatchObject({ rows: 300, chunking: 'whole-small', transfer: 'passthrough-text' })
    expect(result.warnings.join('\n')).toMatch(/sales\.events has no primary/)

    // The run's position: a slot on the source at the consistent point, recorded in the target.
    // Named after the run key, with the publication CDC streams (exactly the loaded tables) beside it.
    expect(Object.keys(result.position).sort()).toEqual(['engine', 'lsn', 'publication', 'slot', 'snapshot'])
    expect(result.position).toMatchObject({ engine: 'postgres', slot: expect.stringMatching(/^godwit_[0-9a-f]{16}$/), lsn: expect.any(String) })
    expect(result.position.publication).toBe(result.position.slot)
    const published = await withClient(db.source, (c) => c.query(`SELECT schemaname || '.' || tablename AS t FROM pg_publication_tables WHERE pubname = $1 ORDER BY 1`, [result.position.publication]))
    expect(published.rows.map((r: { t: string }) => r.t)).toEqual(['sales.events', 'sales.feedback', 'sales.lines', 'sales.orders', 'sales.visits'])
    const slot = await withClient(db.source, (c) => c.query(`SELECT confirmed_flush_lsn::text AS lsn FROM pg_replication_slots WHERE slot_name = $1`, [result.position.slot]))
    expect(slot.rows[0]?.lsn).toBe(result.position.lsn)
    const stored = await withClient(db.target, (c) => c.query(`SELECT position, state FROM godwit.load_runs WHERE id = $1`, [result.runId]))
    expect(stored.rows[0]).toEqual({ position: result.position, state: 'done' })
    const chunks = await withClient(db.target, (c) => c.query(`SELECT DISTINCT state, read_at->>'snapshot' AS snapshot FROM godwit.load_chunks WHERE run_id = $1`, [result.runId]))
    expect(chunks.rows).toEqual([{ state: 'done', snapshot: result.position.snapshot }])

    // --defer-indexes rebuilt what it dropped.
    const objects = await withClient(db.target, (c) =>
      c.query(`SELECT (SELECT count(*)::int FROM pg_indexes WHERE indexname = 'orders_customer') AS idx, (SELECT count(*)::int FROM pg_constraint WHERE conname = 'lines_order') AS fk`),
    )
    expect(objects.rows[0]).toEqual({ idx: 1, fk: 1 })
  })
})
