import type { LoadTablePlan, TableProgress } from '../engines/postgres/control-schema-load.js'
import type { PlannedTable } from './load-events.js'
import type { SourcePosition } from './load-source.js'
import type { RejectsFile } from './rejects-file.js'

export interface TableLoadResult {
  /** `schema.table` on the source. */
  readonly name: string
  readonly rows: number
  readonly rejected: number
  readonly seconds: number
  readonly bytes: number
  readonly chunks: number
  readonly chunksDone: number
  readonly chunking: LoadTablePlan['chunking']
  readonly transfer: LoadTablePlan['transfer']
  readonly error?: string
  readonly rejectsFile?: string
}

export interface LoadResult {
  readonly runId: number
  /** True when this call joined or resumed a run that already existed. */
  readonly resumed: boolean
  /** Every chunk of the run is done (and deferred indexes are rebuilt). */
  readonly complete: boolean
  readonly tables: readonly TableLoadResult[]
  /** Where the run read the source; the CDC phase starts here. */
  readonly position: SourcePosition
  readonly warnings: readonly string[]
}

export function plannedTable(p: LoadTablePlan, progress: readonly TableProgress[]): PlannedTable {
  const t = progress.find((x) => x.schema === p.schema && x.name === p.name)
  return {
    name: `${p.schema}.${p.name}`,
    chunks: t?.chunks ?? 0,
    chunksDone: t?.done ?? 0,
    rowsDone: t?.rows ?? 0,
    estimatedRows: t?.estimatedRows ?? 0,
    chunking: p.chunking,
    transfer: p.transfer,
  }
}

export function tableResult(p: LoadTablePlan, progress: readonly TableProgress[], rejectFiles: ReadonlyMap<string, RejectsFile>): TableLoadResult {
  const name = `${p.schema}.${p.name}`
  const t = progress.find((x) => x.schema === p.schema && x.name === p.name)
  const file = rejectFiles.get(name)
  return {
    name,
    rows: t?.rows ?? 0,
    rejected: t?.rejected ?? 0,
    seconds: Math.round((t?.seconds ?? 0) * 1000) / 1000,
    bytes: t?.bytes ?? 0,
    chunks: t?.chunks ?? 0,
    chunksDone: t?.done ?? 0,
    chunking: p.chunking,
    transfer: p.transfer,
    ...(t && t.errors.length > 0 ? { error: t.errors[0] } : {}),
    ...(file && file.count > 0 ? { rejectsFile: file.path } : {}),
  }
}

