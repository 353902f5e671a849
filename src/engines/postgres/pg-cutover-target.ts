import type pg from 'pg'
import type { CutoverTarget } from '../cutover-target.js'
import type { SequenceState } from '../cutover-source.js'
import { readSequences, syncSequences, type SequencePair, type SequenceSync } from './pg-sequence-sync.js'

/** A PostgreSQL cutover target: to_regclass, pg_sequences, setval. Its session is the state store's. */
export class PgCutoverTarget implements CutoverTarget {
  readonly engine = 'postgres'
  readonly needsEverySequence = true

  constructor(readonly client: pg.Client) {}

  async missingTables(tables: readonly string[]): Promise<string[]> {
    const missing: string[] = []
    for (const t of tables) {
      const r = await this.client.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [quoteQualified(t)])
      if (!(r.rows[0] as { present: boolean }).present) missing.push(t)
    }
    return missing
  }

  readSequences(schemas: readonly string[]): Promise<SequenceState[]> {
    return readSequences(this.client, schemas)
  }

  moveSequences(pairs: readonly SequencePair[]): Promise<SequenceSync[]> {
    return syncSequences(this.client, pairs)
  }

  /** The session belongs to the state store, which closes it. */
  async close(): Promise<void> {}
}

function quoteQualified(q: string): string {
  const dot = q.indexOf('.')
  return `"${q.slice(0, dot).replace(/"/g, '""')}"."${q.slice(dot + 1).replace(/"/g, '""')}"`
}
