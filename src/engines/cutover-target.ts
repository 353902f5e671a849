import pg from 'pg'
import { engineOfUrl, unreachableEngine } from './registry.js'
import type { SequenceState } from './cutover-source.js'
import type { SequencePair, SequenceSync } from './postgres/pg-sequence-sync.js'

/**
 * What `godwit cutover` needs from the target beyond the state store (docs/cutover.md): its
 * tables present, its sequences or identity columns, and moving them past the source's values.
 * PostgreSQL sets its sequences; Redshift cannot move an IDENTITY and says so per column.
 */
export interface CutoverTarget {
  readonly engine: 'postgres' | 'redshift'
  /** A session on the target (for a PostgreSQL target, the state store's own). */
  readonly client: pg.Client
  /** Of these `schema.table` names, those the target does not have. */
  missingTables(tables: readonly string[]): Promise<string[]>
  /** Sequences (PostgreSQL) or identity columns (Redshift, as sequence-like states owned by their column). */
  readSequences(schemas: readonly string[]): Promise<SequenceState[]>
  /** Whether every source sequence needs a target counterpart (Redshift has no sequences). */
  readonly needsEverySequence: boolean
  /** Moves each paired target sequence past its source, or reports why it cannot. Idempotent. */
  moveSequences(pairs: readonly SequencePair[]): Promise<SequenceSync[]>
  close(): Promise<void>
}

/**
 * The target side of a cutover, by the URL's engine. `control` is the state store's session:
 * a PostgreSQL target is its own state store, so the session is shared, not opened twice.
 */
export async function openCutoverTarget(url: string, control: pg.Client, connect: (connectionString: string) => Promise<pg.Client>): Promise<CutoverTarget> {
  const engine = engineOfUrl(url)
  switch (engine.name) {
    case 'postgres': {
      const { PgCutoverTarget } = await import('./postgres/pg-cutover-target.js')
      return new PgCutoverTarget(control)
    }
    case 'redshift': {
      const { RedshiftCutoverTarget } = await import('./redshift/redshift-cutover-target.js')
      const { redshiftConnectionString } = await import('./redshift/redshift-connection.js')
      return new RedshiftCutoverTarget(await connect(redshiftConnectionString(url)))
    }
    case 'oracle':
    case 'teradata':
      return unreachableEngine(engine)
  }
}
