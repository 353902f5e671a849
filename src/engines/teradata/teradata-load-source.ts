import { selectsTable } from '../../core/glob.js'
import type { LoadChunk, LoadColumn, SourcePosition } from '../../load/load-source.js'
import type { HeldPosition, LoadSourceEngine, SourceTable } from '../../load/source-engine.js'
import type { SchemaModel } from '../../model/schema.js'
import { introspectTeradata, listTeradataSourceTables } from './teradata-catalog-read.js'
import { parseTeradataUrl } from './teradata-connection.js'
import type { TeradataDriver } from './teradata-driver.js'
import { TeradataRowSource } from './teradata-extract.js'
import { TptLoadSource } from './tpt-load-source.js'

/**
 * Teradata as a load source. Teradata has no snapshot a second session can join and no
 * flashback query, so no read point spans the chunks: with `lock=access` (the default) each
 * chunk is a dirty read under `LOCKING … FOR ACCESS` (it neither waits for nor blocks writers,
 * and may see rows of transactions that later roll back); with `?lock=read` each chunk waits
 * for writers of its table and sees committed rows, but two chunks still see two moments. The
 * run records the source clock at its start; a table written during the load is re-checked
 * with `godwit validate` (docs/teradata-data.md), and watermark capture started from that time
 * re-applies the rows changed since.
 */
export class TeradataLoadSource implements LoadSourceEngine {
  readonly engine = 'teradata' as const

  constructor(
    private readonly url: string,
    private readonly rows: TeradataRowSource,
    private readonly driver?: TeradataDriver,
  ) {}

  listTables(patterns: readonly string[]): Promise<SourceTable[]> {
    return listTeradataSourceTables(this.url, patterns, this.driver)
  }

  async readSchemaModel(patterns: readonly string[]): Promise<SchemaModel> {
    const model = await introspectTeradata(this.url, false, this.driver)
    return { ...model, tables: model.tables.filter((t) => selectsTable(t.schema, t.name, patterns)), views: model.views.filter((v) => selectsTable(v.schema, v.name, patterns)) }
  }

  async openPosition(): Promise<HeldPosition> {
    const position = await this.rows.currentPosition()
    const how = position.lock === 'read' ? 'each chunk waits for writers (LOCKING … FOR READ) but chunks see different moments' : 'chunks are dirty reads (LOCKING … FOR ACCESS) that may see uncommitted rows'
    return {
      position,
      warning: `Teradata has no snapshot: ${how}. Tables written during the load must be re-checked with godwit validate, or captured from ${position.sourceTime} UTC by watermark CDC (docs/teradata-data.md).`,
      // Nothing is held on the source: the position is a clock reading.
      close: async () => undefined,
      discard: async () => undefined,
    }
  }

  planChunks(table: SourceTable, chunkRows: number): Promise<LoadChunk[]> {
    return this.rows.planChunks(table.schema, table.name, chunkRows, table.estimatedRows)
  }

  /** Every chunk reads current data: the run's position is the only one there is. */
  async readPosition(run: SourcePosition): Promise<SourcePosition> {
    return run
  }

  readChunkRows(chunk: LoadChunk, columns: readonly LoadColumn[], at: SourcePosition): AsyncIterable<readonly (readonly unknown[])[]> {
    return this.rows.readChunkRows(chunk, columns, at)
  }

  close(): Promise<void> {
    return this.rows.close()
  }
}

/** The live load source, or (`?via=tpt`) the one that reads a TPT export's files. */
export function openTeradataLoadSource(url: string, jobs: number, driver?: TeradataDriver): LoadSourceEngine {
  const parsed = parseTeradataUrl(url)
  if (parsed.tptDir !== undefined) return new TptLoadSource(url, { ...parsed, tptDir: parsed.tptDir }, jobs, driver)
  return new TeradataLoadSource(url, new TeradataRowSource(parsed, jobs + 1, driver), driver)
}

