import type { ColumnDef, IdentitySpec, SchemaModel, SequenceDef, TableDef } from '../../model/schema.js'
import { displayName } from '../../convert/naming.js'
import { NotRenderable, note, objectLabel, renderObject, type DdlScope } from '../postgres/postgres-ddl-scope.js'

/** `[schema.]sequence.NEXTVAL` as a whole default expression (Oracle 12c's DEFAULT seq.NEXTVAL). */
const NEXTVAL_DEFAULT = /^\s*(?:("?)([\w$#]+)\1\s*\.\s*)?("?)([\w$#]+)\3\s*\.\s*NEXTVAL\s*$/i

/** The column each sequence numbers, where a column's default is that sequence's NEXTVAL. */
export interface SequenceOwners {
  /** IDENTITY(start, increment) for a column whose default draws from a sequence it owns. */
  identityOf(table: TableDef, column: ColumnDef): IdentitySpec | undefined
  ownerOf(sequence: SequenceDef): { readonly table: TableDef; readonly column: ColumnDef } | undefined
}

function sameName(a: string, b: string, quoted: boolean): boolean {
  return quoted ? a === b : a.toUpperCase() === b.toUpperCase()
}

/**
 * Redshift has no sequences. A sequence that is the default of one column becomes that column's
 * IDENTITY (the first such column, in table order); any other use is an action item.
 */
export function sequenceOwners(model: SchemaModel): SequenceOwners {
  const owners = new Map<SequenceDef, { table: TableDef; column: ColumnDef }>()
  for (const table of model.tables) {
    for (const column of table.columns) {
      const m = column.identity ? null : NEXTVAL_DEFAULT.exec(column.defaultExpr?.text ?? '')
      if (!m) continue
      const [, schemaQuote, schema, nameQuote, name] = m
      const seq = model.sequences.find((s) => sameName(s.name, name!, nameQuote === '"') && (schema === undefined || s.schema === undefined || sameName(s.schema, schema, schemaQuote === '"')))
      if (seq && !owners.has(seq)) owners.set(seq, { table, column })
    }
  }
  const byColumn = new Map([...owners].map(([seq, o]) => [o.column, seq]))
  return {
    identityOf: (_table, column) => {
      const seq = byColumn.get(column)
      return seq ? { always: false, start: seq.start, increment: seq.increment } : undefined
    },
    ownerOf: (sequence) => owners.get(sequence),
  }
}

/** Sequences (pre-data): a note where one became an IDENTITY, an action item for the rest. */
export function renderRedshiftSequences(scope: DdlScope, owners: SequenceOwners): void {
  for (const s of scope.model.sequences) {
    const label = objectLabel('SEQUENCE', s)
    const owner = owners.ownerOf(s)
    if (owner) {
      const where = `${displayName(owner.table)}.${owner.column.name}`
      note(scope.context(label), 'info', 'REDSHIFT_SEQUENCE_AS_IDENTITY', `Redshift has no sequences: this one numbers ${where}, which becomes an IDENTITY column`, s.at)
      scope.out.push({ phase: 'pre-data', object: label, sql: `-- SEQUENCE ${displayName(s)}: Redshift has no sequences; it is the IDENTITY of ${where}` })
      continue
    }
    renderObject(scope, 'pre-data', label, { text: `CREATE SEQUENCE ${displayName(s)}`, at: s.at }, () => {
      throw new NotRenderable(
        'Amazon Redshift has no sequences: give the column that takes its values an IDENTITY (godwit does when a column defaults to its NEXTVAL), or number rows in the loading job',
        'REDSHIFT_NO_SEQUENCES',
        s.at,
      )
    })
  }
}
