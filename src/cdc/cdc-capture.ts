import { SourceError, UsageError } from '../core/errors.js'
import type { CdcStreamRow, LoadRunForCdc } from '../engines/postgres/control-schema-cdc.js'
import type { LoadTablePlan } from '../engines/postgres/control-schema-load.js'
import type { TeradataCaptureConfig } from '../engines/teradata/teradata-cdc-tables.js'
import type { TeradataDriver } from '../engines/teradata/teradata-driver.js'
import type { StreamedTable } from '../engines/postgres/pg-cdc-source.js'
import { engineFor, unreachableEngine, type EngineName } from '../engines/registry.js'
import type { CaptureSide } from './replay-loop.js'

/** What the capture of some engines needs beyond the load run. */
export interface CaptureConfig {
  /** Teradata: watermark polling (default) or change tables filled by triggers. */
  readonly mode?: TeradataCaptureConfig['mode']
  /** Teradata watermark mode: `db.table` → last-modified column. */
  readonly watermarkColumns?: TeradataCaptureConfig['watermarkColumns']
  /** Tests: a Teradata driver answering from recordings. */
  readonly teradataDriver?: TeradataDriver
}

/** The capture side of a stream, chosen by the source URL's engine through the registry. */
export interface CaptureChoice {
  readonly engine: CdcStreamRow['sourceEngine']
  /** The load's position: the stream's first checkpoint. */
  readonly startPosition: string
  readonly slot?: string
  readonly publication?: string
  /** Said once at start: what this capture cannot guarantee on this source. */
  readonly warnings: readonly string[]
  preflight(): Promise<void>
  openSide(): Promise<CaptureSide>
}

/** Checks the load run recorded what its engine's capture needs, and returns that capture. */
/** `--watermark-column TABLE=COL`, repeated: table → column; a value without both halves is a usage error naming it. */
export function watermarkColumnsOf(pairs: readonly string[]): Map<string, string> {
  const out = new Map<string, string>()
  for (const pair of pairs) {
    const m = /^\s*([^=\s]+)\s*=\s*([^=\s]+)\s*$/.exec(pair)
    if (!m) throw new UsageError('CDC_WATERMARK_FLAG', `--watermark-column ${JSON.stringify(pair)} is not TABLE=COLUMN`, { object: pair, hint: 'Write it as --watermark-column Sales.Orders=UpdatedAt, once per table.' })
    out.set(m[1]!, m[2]!)
  }
  return out
}

/**
 * `godwit cdc --create-change-tables`: the change tables and triggers of change-table capture on
 * a Teradata source, for the selected tables (run before godwit load: docs/teradata-data.md).
 */
export async function createChangeTables(sourceUrl: string, tables: readonly string[], driver?: TeradataDriver): Promise<{ created: string[]; present: string[] }> {
  const engine = engineFor(sourceUrl, 'cdcSource', 'CDC_ENGINE_UNSUPPORTED')
  if (engine.name !== 'teradata') throw new UsageError('CDC_CAPTURE_OPTIONS', `--create-change-tables is for Teradata sources; ${engine.title} changes are read from its log`, { hint: 'Leave it out.' })
  if (!tables.some((t) => !t.startsWith('!'))) throw new UsageError('CDC_CHANGE_TABLES_SELECTION', '--create-change-tables needs --tables: it adds triggers to every table it selects', { hint: 'Name the tables the migration copies, e.g. --tables Sales.Orders,Sales.Lines.' })
  const { createTeradataChangeTables } = await import('../engines/teradata/teradata-cdc-tables.js')
  return createTeradataChangeTables(sourceUrl, tables, driver)
}

/** The load plan's tables as a stream names them (`schema.table`, source column names, key). */
export function streamedTables(plans: readonly LoadTablePlan[]): StreamedTable[] {
  return plans.map((p) => ({ name: `${p.schema}.${p.name}`, columns: p.columns.map((c) => c.name), ...(p.key ? { key: p.key } : {}) }))
}

export async function captureFor(sourceUrl: string, run: LoadRunForCdc, plans: readonly LoadTablePlan[], batchSize: number, config: CaptureConfig = {}): Promise<CaptureChoice> {
  const tables = streamedTables(plans)
  const engine = engineFor(sourceUrl, 'cdcSource', 'CDC_ENGINE_UNSUPPORTED')
  const name: EngineName = engine.name
  if (run.position.engine !== engine.name) {
    throw new UsageError('CDC_ENGINE_MISMATCH', `load run ${run.id} read a ${run.position.engine} source, but --source is ${engine.title}`, { hint: 'Pass the --source the load read from.' })
  }
  if (name !== 'teradata' && (config.mode !== undefined || config.watermarkColumns?.size)) {
    throw new UsageError('CDC_CAPTURE_OPTIONS', `--capture and --watermark-column are for Teradata sources; ${engine.title} changes are read from its log`, { hint: 'Leave them out.' })
  }
  const columns = new Map(tables.map((t) => [t.name, t.columns]))
  switch (name) {
    case 'postgres': {
      const { slot, publication, lsn } = requirePostgresPosition(run)
      const { PgCdcSource } = await import('../engines/postgres/pg-cdc-source.js')
      return {
        engine: 'postgres',
        startPosition: lsn,
        slot,
        publication,
        warnings: [],
        preflight: async () => {
          const probe = await PgCdcSource.connect(sourceUrl, slot, publication)
          try {
            await probe.preflight(tables)
          } finally {
            await probe.close()
          }
        },
        openSide: async () => {
          const s = await PgCdcSource.connect(sourceUrl, slot, publication)
          return {
            open: (cp) => s.open({ position: cp.position, ...(cp.partialTx ? { partialTx: cp.partialTx } : {}), partialEvents: cp.partialEvents }, { columns, maxTxEvents: batchSize }),
            heartbeat: () => s.heartbeat(),
            status: () => s.status(),
            distance: (a, b) => PgCdcSource.distance(a, b),
            close: () => s.close(),
          }
        },
      }
    }
    case 'oracle': {
      const scn = run.position.scn
      if (!scn) throw new SourceError('CDC_NO_SCN', `load run ${run.id} recorded no SCN`, { hint: 'Rerun godwit load: it records the SCN it read the tables at.' })
      const firstRestart = run.position.oldestOpenScn === undefined ? undefined : (BigInt(run.position.oldestOpenScn) - 1n).toString()
      const { OracleCdcSource } = await import('../engines/oracle/oracle-cdc-source.js')
      return {
        engine: 'oracle',
        startPosition: scn,
        warnings: firstRestart === undefined
          ? [`load run ${run.id} did not record the oldest transaction open at its SCN (the load's user could not read V$TRANSACTION): a transaction that was open while the load read and committed after it loses its changes from before SCN ${scn}. Grant SELECT on V_$TRANSACTION and rerun the load to be exact.`]
          : [],
        preflight: async () => {
          const probe = await OracleCdcSource.connect(sourceUrl)
          try {
            await probe.preflight(tables)
          } finally {
            await probe.close()
          }
        },
        openSide: async () => {
          const s = await OracleCdcSource.connect(sourceUrl)
          return {
            open: (cp) => {
              // Until cdc has applied a transaction, mining starts before the oldest one open at the load's SCN.
              const restart = cp.restartPosition ?? (cp.position === scn ? firstRestart : undefined)
              return s.open({ position: cp.position, ...(cp.txId ? { txId: cp.txId } : {}), ...(restart ? { restartPosition: restart } : {}), ...(cp.partialTx ? { partialTx: cp.partialTx } : {}), partialEvents: cp.partialEvents }, { columns, maxTxEvents: batchSize })
            },
            heartbeat: () => s.heartbeat(),
            status: () => s.status(),
            distance: (a, b) => OracleCdcSource.distance(a, b),
            close: () => s.close(),
          }
        },
      }
    }
    case 'teradata': {
      const sourceTime = run.position.sourceTime
      if (!sourceTime) throw new SourceError('CDC_NO_SOURCE_TIME', `load run ${run.id} recorded no Teradata clock`, { hint: 'Rerun godwit load: it records CURRENT_TIMESTAMP at its start, where capture begins.' })
      const { teradataCaptureTables, missingChangeTables, TERADATA_POLL_MS } = await import('../engines/teradata/teradata-cdc-tables.js')
      const { TeradataCapture, teradataStartPosition } = await import('../engines/teradata/teradata-capture.js')
      const mode = config.mode ?? 'watermark'
      const captured = teradataCaptureTables(plans, { mode, watermarkColumns: config.watermarkColumns ?? new Map() })
      const driver = config.teradataDriver
      return {
        engine: 'teradata',
        startPosition: teradataStartPosition(captured, sourceTime),
        warnings: mode === 'watermark' ? ['watermark capture does not see rows deleted from the source: godwit validate finds them (docs/teradata-data.md).'] : [],
        preflight: async () => {
          if (mode !== 'change-table') return
          const missing = await missingChangeTables(sourceUrl, captured, driver)
          if (missing.length > 0) {
            throw new SourceError('CDC_NO_CHANGE_TABLE', `${missing.join(', ')} ${missing.length === 1 ? 'has' : 'have'} no change table on the source`, {
              object: missing[0],
              hint: 'Create them with godwit cdc --create-change-tables --source … --tables …, then rerun godwit load (changes before the triggers existed were not recorded), then start godwit cdc --capture change-table.',
            })
          }
        },
        openSide: async () => new TeradataCapture(sourceUrl, { tables: captured, pollMs: TERADATA_POLL_MS, startFrom: sourceTime }, driver),
      }
    }
    case 'redshift':
      return unreachableEngine(engine)
  }
}

function requirePostgresPosition(run: LoadRunForCdc): { slot: string; publication: string; lsn: string } {
  const p = run.position
  if (!p.slot || !p.lsn) {
    throw new SourceError('CDC_NO_SLOT', `load run ${run.id} recorded no replication slot (the source did not have wal_level=logical when it loaded)`, { hint: 'Set wal_level=logical on the source and rerun godwit load.' })
  }
  if (!p.publication) {
    throw new SourceError('CDC_NO_PUBLICATION', `load run ${run.id} recorded no publication: pgoutput cannot stream changes from before a publication existed, so cdc cannot continue this load exactly`, {
      object: p.slot,
      hint: 'Rerun godwit load with a version that creates the publication before its slot, then start godwit cdc; drop the old slot with godwit cdc --drop-slot --from-load-run ' + String(run.id) + '.',
    })
  }
  return { slot: p.slot, publication: p.publication, lsn: p.lsn }
}
