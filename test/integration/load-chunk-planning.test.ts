import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PgSourceEngine } from '../../src/engines/postgres/pg-source-engine.js'
import { keyRangePredicate } from '../../src/engines/postgres/pg-source-key-range.js'
import type { LoadChunk } from '../../src/load/load-source.js'
import { freshDatabase } from '../support/database.js'
import { exec, withClient } from './load-support.js'

/** Seeded PRNG so a failing case can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32)
}

/** Rows matched by no chunk or by more than one: both must be zero. */
async function coverage(url: string, table: string, chunks: readonly LoadChunk[]): Promise<{ rows: number; gaps: number; overlaps: number }> {
  const hits = chunks.map((c) => `(${c.key ? keyRangePredicate(c.key, c.range) : 'true'})::int`).join(' + ')
  return withClient(url, async (c) => {
    const r = await c.query(`SELECT count(*)::int AS rows, count(*) FILTER (WHERE n = 0)::int AS gaps, count(*) FILTER (WHERE n > 1)::int AS overlaps FROM (SELECT ${hits} AS n FROM ${table}) s`)
    return r.rows[0] as { rows: number; gaps: number; overlaps: number }
  })
}

describe('chunk planning on PostgreSQL: key ranges cover the key space exactly', () => {
  let url: string
  let drop: () => Promise<void>
  let engine: PgSourceEngine
  beforeAll(async () => {
    ;({ url, drop } = await freshDatabase('loadplan'))
    engine = new PgSourceEngine(url, 1)
  })
  afterAll(async () => {
    await engine?.close()
    await drop?.()
  })

  const shapes = [
    { name: 'int_key', ddl: 'k int PRIMARY KEY', gen: (r: () => number, i: number) => `${i * 7 + Math.floor(r() * 5)}` },
    { name: 'text_key', ddl: 'k text PRIMARY KEY', gen: (r: () => number, i: number) => `'${['a', 'B', 'é', 'z', ' ', 'ab', "o''k", '中'][Math.floor(r() * 8)]}${i}'` },
    { name: 'composite', ddl: 'a text, b int, PRIMARY KEY (a, b)', gen: (r: () => number, i: number) => `'${String.fromCharCode(97 + Math.floor(r() * 4))}', ${i}` },
    { name: 'unique_key', ddl: 'k1 date NOT NULL, k2 numeric(8,3) NOT NULL, UNIQUE (k1, k2)', gen: (r: () => number, i: number) => `date '2000-01-01' + ${Math.floor(r() * 40)}, ${i}.${Math.floor(r() * 1000)}` },
  ]

  for (const seed of [1, 2, 3]) {
    for (const shape of shapes) {
      for (const analyzed of [true, false]) {
        it(`${shape.name}, seed ${seed}, ${analyzed ? 'histogram bounds' : 'never analyzed: TABLESAMPLE'}`, async () => {
          const r = random(seed)
          const table = `${shape.name}_${seed}_${analyzed ? 'a' : 'n'}`
          const rows = 2000 + Math.floor(r() * 6000)
          const values = Array.from({ length: rows }, (_, i) => `(${shape.gen(r, i)})`)
          await exec(url, `CREATE TABLE ${table} (${shape.ddl}, filler text); INSERT INTO ${table} SELECT v.*, repeat('x', 200) FROM (VALUES ${values.join(', ')}) v ON CONFLICT DO NOTHING`)
          if (analyzed) await exec(url, `ANALYZE ${table}`)
          const [info] = await engine.listTables([`public.${table}`])
          expect(info?.key).toBeDefined()
          const chunkRows = 100 + Math.floor(r() * 900)
          const chunks = await engine.planChunks(info!, chunkRows)
          expect(chunks.length).toBeGreaterThan(1)
          expect(chunks.map((c) => c.seq)).toEqual(chunks.map((_, i) => i))
          const cover = await coverage(url, table, chunks)
          expect(cover).toMatchObject({ gaps: 0, overlaps: 0 })
          expect(cover.rows).toBeGreaterThan(0)
        })
      }
    }
  }

  it('plans a table that fits one chunk as a single whole-table chunk, and a keyless table likewise', async () => {
    await exec(url, `CREATE TABLE small (id int PRIMARY KEY); INSERT INTO small SELECT generate_series(1, 50); CREATE TABLE keyless (v int); INSERT INTO keyless SELECT generate_series(1, 5000)`)
    const tables = await engine.listTables(['public.small', 'public.keyless'])
    for (const t of tables) {
      const chunks = await engine.planChunks(t, 1000)
      expect(chunks).toHaveLength(1)
      expect(chunks[0]!.range).toBeUndefined()
    }
  })
})
