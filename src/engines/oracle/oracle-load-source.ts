import type { LoadChunk, LoadColumn, SourcePosition } from '../../load/load-source.js'
import type { HeldPosition, LoadSourceEngine, SourceTable } from '../../load/source-engine.js'
import type { SchemaModel } from '../../model/schema.js'
import { splitSelection } from '../../core/glob.js'
import { listOracleDataTables } from './oracle-data-tables.js'
import { introspectOracle } from './oracle-introspector.js'
import { openOracleRowSource, ScnTooOldError, type OracleRowSource } from './oracle-extract.js'

/**
 * Oracle as a load source: the run reads every chunk `AS OF SCN` of one SCN taken at the start,
 * so the position survives a crash for as long as undo keeps it. A chunk that finds the SCN gone
 * (ORA-01555) is retried at a newer SCN and records it; CDC still starts from the run's SCN and
 * its idempotent apply converges (design.md, "Resuming keeps that promise"). Keyless tables are split by ROWID ranges when the
 * user may read DBA_EXTENTS (the target table is then emptied once when the run is planned, since
 * a ROWID means nothing there), else loaded whole.
 */
export class OracleLoadSource implements LoadSourceEngine {
  readonly engine = 'oracle' as const
  readonly #url: string
  readonly #rows: OracleRowSource
  /** SCNs a chunk found no longer readable (ORA-01555) in this process. */
  readonly #goneScns = new Set<string>()
  #fresh?: Promise<SourcePosition>

  constructor(url: string, rows: OracleRowSource) {
    this.#url = url
    this.#rows = rows
  }

  async listTables(patterns: readonly string[]): Promise<SourceTable[]> {
    const tables = await listOracleDataTables(this.#url, patterns)
    return tables.map((t) => ({ schema: t.schema, name: t.name, columns: t.columns, ...(t.key ? { key: t.key } : {}), estimatedRows: t.estimatedRows }))
  }

  async readSchemaModel(patterns: readonly string[]): Promise<SchemaModel> {
    const { include, exclude } = splitSelection(patterns)
    const bare = (globs: string[]) => globs.map((p) => p.replace(/^[^.]*\./, ''))
    return introspectOracle(this.#url, { schemas: [], include: bare(include), exclude: bare(exclude) })
  }

  async openPosition(): Promise<HeldPosition> {
    const position = await this.#rows.currentPosition()
    // An SCN is a number, not a session: nothing to keep open or to drop.
    return { position, close: async () => undefined, discard: async () => undefined }
  }

  async planChunks(table: SourceTable, chunkRows: number): Promise<LoadChunk[]> {
    const whole: LoadChunk = { schema: table.schema, table: table.name, seq: 0, estimatedRows: table.estimatedRows }
    if (table.estimatedRows > 0 && table.estimatedRows <= chunkRows) return [whole]
    if (!table.key) {
      // ROWID ranges need SELECT on DBA_EXTENTS; without it the table loads whole, still correct.
      if (table.estimatedRows <= 0) return [whole]
      return this.#rows.planRowidChunks(table.schema, table.name, chunkRows, table.estimatedRows).catch(() => [whole])
    }
    const types = new Map(table.columns.map((c) => [c.name, c.type]))
    const key = table.key.map((name) => ({ name, type: types.get(name)! }))
    return this.#rows.planKeyChunks(table.schema, table.name, key, chunkRows, table.estimatedRows)
  }

  /** The run's SCN while undo still holds it; after a chunk found it gone, a newer one (recorded per chunk). */
  async readPosition(run: SourcePosition): Promise<SourcePosition> {
    if (!run.scn || !this.#goneScns.has(run.scn)) return run
    let fresh = await (this.#fresh ??= this.#rows.currentPosition())
    if (fresh.scn && this.#goneScns.has(fresh.scn)) fresh = await (this.#fresh = this.#rows.currentPosition())
    return fresh
  }

  async *readChunkRows(chunk: LoadChunk, columns: readonly LoadColumn[], at: SourcePosition): AsyncIterable<readonly (readonly unknown[])[]> {
    try {
      yield* this.#rows.readChunkRows(chunk, columns, at)
    } catch (err) {
      if (err instanceof ScnTooOldError && at.scn) this.#goneScns.add(at.scn)
      throw err
    }
  }

  close(): Promise<void> {
    return this.#rows.close()
  }
}

export async function openOracleLoadSource(url: string, jobs: number): Promise<OracleLoadSource> {
  return new OracleLoadSource(url, await openOracleRowSource(url, jobs + 1))
}
