import pg from 'pg'
import type { SequenceState } from '../cutover-source.js'

export type { SequenceState }

/**
 * Sequences and identity columns at cutover (PostgreSQL source or target). CDC copies the rows,
 * ids included, but never moves the target's sequences: after the switch the application's next
 * insert would reuse an id the source already handed out. So, with the source frozen, every
 * sequence the target holds for the migrated schemas is set past the source's last value.
 */

const SEQUENCES_SQL = `
SELECT s.schemaname || '.' || s.sequencename AS name, s.last_value::text AS last_value, s.increment_by::text AS increment,
       CASE WHEN t.oid IS NULL THEN NULL ELSE tn.nspname || '.' || t.relname || '.' || a.attname END AS owned_by,
       coalesce(d.deptype = 'i', false) AS identity
  FROM pg_sequences s
  JOIN pg_namespace n ON n.nspname = s.schemaname
  JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = s.sequencename
  LEFT JOIN pg_depend d ON d.objid = c.oid AND d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
  LEFT JOIN pg_class t ON t.oid = d.refobjid
  LEFT JOIN pg_namespace tn ON tn.oid = t.relnamespace
  LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
 WHERE s.schemaname = ANY($1)
 ORDER BY 1`

/** Every sequence in these schemas, with its owning column. */
export async function readSequences(client: pg.ClientBase, schemas: readonly string[]): Promise<SequenceState[]> {
  const r = await client.query(SEQUENCES_SQL, [schemas])
  return r.rows.map((row: { name: string; last_value: string | null; increment: string; owned_by: string | null; identity: boolean }) => ({
    name: row.name,
    lastValue: row.last_value ?? undefined,
    increment: row.increment,
    ownedBy: row.owned_by ?? undefined,
    identity: row.identity,
  }))
}

export interface SequencePair {
  readonly source: SequenceState
  /** Undefined when the target has no counterpart (the pre-check refuses that). */
  readonly target?: SequenceState
}

/**
 * Pairs each source sequence with the target's: by owning column first (identity sequences are
 * named by the server and may differ), else by name; `schemaMap` maps a source schema to the
 * target schema the load wrote it to, `objectName` each name after it (an Oracle source's
 * upper-case names are lower case on the target: src/convert/naming.ts).
 */
export function pairSequences(source: readonly SequenceState[], target: readonly SequenceState[], schemaMap: ReadonlyMap<string, string>, objectName?: (name: string) => string): SequencePair[] {
  const renamed = (qualified: string) => {
    const dot = qualified.indexOf('.')
    const schema = qualified.slice(0, dot)
    const rest = objectName ? `.${qualified.slice(dot + 1).split('.').map(objectName).join('.')}` : qualified.slice(dot)
    return `${schemaMap.get(schema) ?? schema}${rest}`
  }
  return source.map((s) => ({
    source: s,
    target: (s.ownedBy ? target.find((t) => t.ownedBy === renamed(s.ownedBy!)) : undefined) ?? target.find((t) => t.name === renamed(s.name)),
  }))
}

export interface SequenceSync {
  readonly source: string
  readonly target: string
  readonly ownedBy?: string
  readonly identity: boolean
  readonly sourceValue?: string
  readonly targetBefore?: string
  readonly targetAfter?: string
  /**
   * set: moved past the source; already-past: the target was at or beyond it; unused: the source
   * never handed out a value; cannot-move: the target cannot be moved (a Redshift IDENTITY), see
   * `note`; no-target: the target has nothing to move (Redshift has no sequences).
   */
  readonly action: 'set' | 'already-past' | 'unused' | 'cannot-move' | 'no-target'
  /** What the user has to do, where godwit could not. */
  readonly note?: string
}

/**
 * Sets each paired target sequence to the source's last value (is_called, so its next value is
 * past it), unless the target is already at or beyond it. Idempotent: a resumed cutover runs it again.
 */
export async function syncSequences(target: pg.ClientBase, pairs: readonly SequencePair[]): Promise<SequenceSync[]> {
  const out: SequenceSync[] = []
  for (const { source: s, target: t } of pairs) {
    if (!t) continue
    const base = { source: s.name, target: t.name, ownedBy: s.ownedBy, identity: s.identity || t.identity, sourceValue: s.lastValue, targetBefore: t.lastValue, ...(s.note ? { note: s.note } : {}) }
    if (s.lastValue === undefined) {
      out.push({ ...base, targetAfter: t.lastValue, action: 'unused' })
      continue
    }
    const ascending = !BigInt(t.increment).toString().startsWith('-')
    const past = t.lastValue !== undefined && (ascending ? BigInt(t.lastValue) >= BigInt(s.lastValue) : BigInt(t.lastValue) <= BigInt(s.lastValue))
    if (past) {
      out.push({ ...base, targetAfter: t.lastValue, action: 'already-past' })
      continue
    }
    const [schema, name] = splitQualified(t.name)
    await target.query(`SELECT setval($1::regclass, $2::bigint, true)`, [`${pg.escapeIdentifier(schema)}.${pg.escapeIdentifier(name)}`, s.lastValue])
    out.push({ ...base, targetAfter: s.lastValue, action: 'set' })
  }
  return out
}

function splitQualified(q: string): [string, string] {
  const dot = q.indexOf('.')
  return [q.slice(0, dot), q.slice(dot + 1)]
}
