import { TargetError } from '../core/errors.js'
import type { PgTableInfo } from '../engines/postgres/pg-catalog.js'
import type { LoadColumn } from './load-source.js'
import type { SourceTable } from './source-engine.js'

/** How a table's rows cross: COPY data passed through untouched, or decoded and re-encoded. */
export type Transfer = 'passthrough-binary' | 'passthrough-text' | 'transcode'

/** Types below this OID are built in and have the same OID on every PostgreSQL server. */
const FIRST_USER_OID = 16384

/** A table's column pairs, and the source columns left out because the target computes them. */
export interface ColumnMapping {
  readonly columns: LoadColumn[]
  /** Source columns whose target column is generated (the source's own generated columns never reach here). */
  readonly generated: string[]
}

/**
 * Pairs each source column with its target column: by exact name, else by the one name equal
 * ignoring case (Oracle's folded `EMPNO` → `empno`). A source column the target lacks fails the
 * table; one whose target column is generated is left out (the target computes it, and COPY may
 * not write it); target-only columns are left to their defaults.
 */
export function mapColumns(source: SourceTable, target: PgTableInfo, targetGenerated: ReadonlySet<string> = new Set()): ColumnMapping {
  const columns: LoadColumn[] = []
  const generated: string[] = []
  for (const c of source.columns) {
    const match = target.columns.find((t) => t.name === c.name) ?? uniqueCaseless(target, c.name)
    if (match && targetGenerated.has(match.name)) {
      generated.push(c.name)
      continue
    }
    if (!match) {
      throw new TargetError('LOAD_COLUMN_MISSING', `target table ${target.schema}.${target.name} has no column for source column ${source.schema}.${source.name}.${c.name}`, {
        object: `${target.schema}.${target.name}`,
        hint: 'Add the column to the target (godwit convert, then apply), or exclude the table.',
      })
    }
    columns.push({ name: c.name, targetName: match.name, type: c.type, pgType: match.pgType })
  }
  return { columns, generated }
}

function uniqueCaseless(target: PgTableInfo, name: string) {
  const found = target.columns.filter((t) => t.name.toLowerCase() === name.toLowerCase())
  return found.length === 1 ? found[0] : undefined
}

/**
 * Passthrough when every column has the same type text on both sides, the source being
 * PostgreSQL (its COPY data is then valid target input as is); binary unless a user-defined
 * type is involved, whose binary form carries server-specific OIDs. Anything else transcodes.
 */
export function chooseTransfer(sourceEngine: string, source: SourceTable, columns: readonly LoadColumn[], target: PgTableInfo, forceTranscode: boolean): Transfer {
  if (forceTranscode || sourceEngine !== 'postgres') return 'transcode'
  const same = columns.every((c) => source.columns.find((s) => s.name === c.name)?.nativeType === c.pgType)
  if (!same) return 'transcode'
  const builtin = columns.every((c) => (target.columns.find((t) => t.name === c.targetName)?.typeOid ?? FIRST_USER_OID) < FIRST_USER_OID)
  return builtin ? 'passthrough-binary' : 'passthrough-text'
}
