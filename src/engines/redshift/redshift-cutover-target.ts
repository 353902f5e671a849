import type pg from 'pg'
import type { CutoverTarget } from '../cutover-target.js'
import type { SequenceState } from '../cutover-source.js'
import type { SequencePair, SequenceSync } from '../postgres/pg-sequence-sync.js'

/**
 * A Redshift cutover target. Redshift has no sequences, and an IDENTITY column cannot be moved:
 * there is no setval, ALTER TABLE cannot change an identity's seed, and values loaded with
 * COPY … EXPLICIT_IDS do not advance it. So the sequence step only reads each identity column's
 * seed (from its default, `"identity"(oid, n, 'seed,step'::text)` in SVV_COLUMNS) and reports, per
 * column, whether new rows would start past the source's last value or could repeat loaded ids,
 * with what to do. It never writes.
 */
export class RedshiftCutoverTarget implements CutoverTarget {
  readonly engine = 'redshift'
  readonly needsEverySequence = false
  /** `schema.table.column` → IDENTITY seed, as read by readSequences. */
  readonly #seeds = new Map<string, bigint>()

  constructor(readonly client: pg.Client) {}

  async missingTables(tables: readonly string[]): Promise<string[]> {
    const missing: string[] = []
    for (const t of tables) {
      const dot = t.indexOf('.')
      const r = await this.client.query(
        `SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'p')`,
        [t.slice(0, dot), t.slice(dot + 1)],
      )
      if (r.rowCount === 0) missing.push(t)
    }
    return missing
  }

  /** Identity columns of these schemas, as states owned by their column (no value: Redshift does not expose the counter). */
  async readSequences(schemas: readonly string[]): Promise<SequenceState[]> {
    const out: SequenceState[] = []
    for (const schema of schemas) {
      const r = await this.client.query<{ table_name: string; column_name: string; column_default: string }>(
        `SELECT table_name, column_name, column_default FROM svv_columns WHERE table_schema = $1 AND column_default LIKE '"identity"%' ORDER BY table_name, column_name`,
        [schema],
      )
      for (const row of r.rows) {
        const m = /'\s*(-?\d+)\s*,\s*(-?\d+)\s*'/.exec(row.column_default)
        if (!m) continue
        const column = `${schema}.${row.table_name}.${row.column_name}`
        this.#seeds.set(column, BigInt(m[1]!))
        out.push({ name: column, increment: m[2]!, ownedBy: column, identity: true })
      }
    }
    return out
  }

  async moveSequences(pairs: readonly SequencePair[]): Promise<SequenceSync[]> {
    return pairs.map(({ source: s, target: t }): SequenceSync => {
      const base = { source: s.name, ownedBy: s.ownedBy, identity: true, sourceValue: s.lastValue }
      if (!t) {
        return {
          ...base,
          target: '—',
          identity: s.identity,
          action: 'no-target',
          note: `Redshift has no sequences and no IDENTITY column numbers ${s.ownedBy ?? 'a migrated column'} from it: nothing to move${s.lastValue ? `; ids the application draws elsewhere must start above ${s.lastValue}` : ''}`,
        }
      }
      const seed = this.#seeds.get(t.ownedBy ?? t.name)
      const targetBefore = seed === undefined ? undefined : `seed ${seed}`
      if (s.lastValue === undefined) return { ...base, target: t.name, targetBefore, targetAfter: targetBefore, action: 'unused' }
      const value = BigInt(s.lastValue)
      const ascending = !t.increment.startsWith('-')
      if (seed !== undefined && (ascending ? seed > value : seed < value)) return { ...base, target: t.name, targetBefore, targetAfter: targetBefore, action: 'already-past' }
      const next = value + BigInt(t.increment)
      return {
        ...base,
        target: t.name,
        targetBefore,
        targetAfter: targetBefore,
        action: 'cannot-move',
        note:
          `Redshift cannot move an IDENTITY (no setval; ALTER TABLE cannot change its seed): new rows in ${t.name} get ids from ${targetBefore ?? 'its seed'} on and may repeat the source's up to ${s.lastValue}. ` +
          `Let the application supply the ids, or before switching recreate the table with IDENTITY(${next}, ${t.increment}) (CREATE TABLE … ; INSERT INTO … SELECT …; rename).`,
      }
    })
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => undefined)
  }
}
