import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { UsageError } from '../../core/errors.js'
import type { LoadChunk, LoadColumn, SourcePosition } from '../../load/load-source.js'
import type { HeldPosition, LoadSourceEngine, SourceTable } from '../../load/source-engine.js'
import { listTeradataSourceTables } from './teradata-catalog-read.js'
import type { TeradataUrl } from './teradata-connection.js'
import type { TeradataDriver } from './teradata-driver.js'

import { readTptExportFile } from './tpt-files.js'
import { tptExportScript, tptFileName, tptJobVariables } from './tpt-script.js'

export const TPT_SCRIPT_FILE = 'godwit-export.tpt'
export const TPT_JOBVARS_FILE = 'godwit-export.jobvars'

/**
 * `teradata://…?via=tpt&tpt_dir=DIR`: the load reads the files a Teradata Parallel Transporter
 * export wrote instead of pulling rows through the driver. The first run finds no files,
 * writes the export job and its job variables into DIR and stops with the command to run;
 * once the files are there, a run loads each table from its file (one chunk per table). The
 * catalog is still read live, so the driver is needed for the table list. The files hold what
 * TPT read when it ran: its start time is the position (consistency as for the live path).
 */
export class TptLoadSource implements LoadSourceEngine {
  readonly engine = 'teradata' as const

  constructor(
    private readonly url: string,
    private readonly parsed: TeradataUrl & { readonly tptDir: string },
    private readonly jobs: number,
    private readonly driver?: TeradataDriver,
  ) {}

  async listTables(patterns: readonly string[]): Promise<SourceTable[]> {
    const tables = await listTeradataSourceTables(this.url, patterns, this.driver)
    const missing = tables.filter((t) => !existsSync(this.#file(t)))
    if (missing.length > 0) this.#writeExport(missing)
    return tables
  }

  async openPosition(): Promise<HeldPosition> {
    return {
      position: { engine: 'teradata', lock: this.parsed.readLock },
      warning: 'Loading from TPT export files: rows are as the export read them (no snapshot on Teradata); re-check tables written since with godwit validate.',
      close: async () => undefined,
      discard: async () => undefined,
    }
  }

  async planChunks(table: SourceTable): Promise<LoadChunk[]> {
    return [{ schema: table.schema, table: table.name, seq: 0, estimatedRows: table.estimatedRows }]
  }

  async readPosition(run: SourcePosition): Promise<SourcePosition> {
    return run
  }

  readChunkRows(chunk: LoadChunk, columns: readonly LoadColumn[]): AsyncIterable<readonly (readonly unknown[])[]> {
    return readTptExportFile(this.#file({ schema: chunk.schema, name: chunk.table }), columns)
  }

  async close(): Promise<void> {}

  #file(t: { schema: string; name: string }): string {
    return join(this.parsed.tptDir, tptFileName(t))
  }

  #writeExport(tables: readonly SourceTable[]): never {
    const dir = this.parsed.tptDir
    mkdirSync(dir, { recursive: true })
    const script = join(dir, TPT_SCRIPT_FILE)
    const vars = join(dir, TPT_JOBVARS_FILE)
    writeFileSync(script, tptExportScript(tables, { destination: dir, lock: this.parsed.readLock, sessions: Math.max(2, this.jobs * 2) }))
    if (!existsSync(vars)) writeFileSync(vars, tptJobVariables(this.parsed.host, this.parsed.user), { mode: 0o600 })
    throw new UsageError('TPT_EXPORT_WRITTEN', `no TPT export files yet for ${tables.map((t) => `${t.schema}.${t.name}`).join(', ')}: wrote the export job ${script}`, {
      object: script,
      hint: `Put the password into ${vars}, run \`tbuild -f ${script} -v ${vars}\` on a host with Teradata Tools and Utilities, then rerun this godwit load.`,
    })
  }
}
