import { SourceError, UsageError } from '../../core/errors.js'
import type { LoadTablePlan } from '../postgres/control-schema-load.js'
import type { TeradataCaptureTable } from './teradata-capture.js'
import { changeTableDdl, changeTableName, changeTablePresentQuery, type CaptureTable } from './teradata-capture-sql.js'
import { listTeradataSourceTables } from './teradata-catalog-read.js'
import { TeradataSessionPool } from './teradata-connection-pool.js'
import { parseTeradataUrl } from './teradata-connection.js'
import type { TeradataDriver } from './teradata-driver.js'

/** How `godwit cdc` captures a Teradata source (docs/teradata-data.md, "Change capture"). */
export interface TeradataCaptureConfig {
  readonly mode: 'watermark' | 'change-table'
  /** `db.table` → its last-modified column, as given (matched case-blind, as Teradata does). */
  readonly watermarkColumns: ReadonlyMap<string, string>
}

export const TERADATA_POLL_MS = 1_000
/** Rows stamped in the last seconds may belong to transactions not yet committed: the next poll takes them. */
export const TERADATA_SETTLE_SECONDS = 5

const fold = (s: string): string => s.toLowerCase()

/**
 * The load run's tables as capture tables, checked against the options: every table needs a key
 * (changes are applied by key), and in watermark mode a TIMESTAMP or DATE watermark column; a
 * watermark for a table the run did not load is a mistake worth saying.
 */
export function teradataCaptureTables(plans: readonly LoadTablePlan[], config: TeradataCaptureConfig): TeradataCaptureTable[] {
  const names = new Set(plans.map((p) => fold(`${p.schema}.${p.name}`)))
  const stray = [...config.watermarkColumns.keys()].filter((t) => !names.has(fold(t)))
  if (stray.length > 0) {
    throw new UsageError('CDC_WATERMARK_TABLE', `--watermark-column names ${stray.join(', ')}, which the load run did not copy`, { object: stray[0], hint: `The run's tables: ${plans.map((p) => `${p.schema}.${p.name}`).join(', ')}.` })
  }
  const marks = new Map([...config.watermarkColumns].map(([t, c]) => [fold(t), c]))
  const unmarked = config.mode === 'watermark' ? plans.filter((p) => !marks.has(fold(`${p.schema}.${p.name}`))).map((p) => `${p.schema}.${p.name}`) : []
  if (unmarked.length > 0) {
    throw new UsageError('CDC_WATERMARK_MISSING', `watermark capture needs a last-modified column for ${unmarked.join(', ')}`, {
      object: unmarked[0],
      hint: `Pass --watermark-column ${unmarked[0]}=<column> per table (a TIMESTAMP or DATE the writers set on every insert and update), or use --capture change-table.`,
    })
  }
  return plans.map((p): TeradataCaptureTable => {
    const name = `${p.schema}.${p.name}`
    if (!p.key?.length) throw new SourceError('CDC_NO_KEY', `${name} has no key: Teradata capture re-reads and applies changed rows by key`, { object: name, hint: 'Give the table a primary key or a unique primary index over NOT NULL columns, reload it, then start godwit cdc; or leave it out with --exclude.' })
    const table: CaptureTable = { schema: p.schema, name: p.name, columns: p.columns.map((c) => ({ name: c.name, type: c.type })), key: p.key }
    if (config.mode === 'change-table') return { ...table, mode: 'change-table' }
    const given = marks.get(fold(name))!
    const column = p.columns.find((c) => fold(c.name) === fold(given))
    if (!column) throw new UsageError('CDC_WATERMARK_COLUMN', `${name} has no column ${given} (--watermark-column)`, { object: `${name}.${given}`, hint: `Its columns: ${p.columns.map((c) => c.name).join(', ')}.` })
    if (column.type.kind !== 'timestamp' && column.type.kind !== 'date') {
      throw new UsageError('CDC_WATERMARK_COLUMN', `${name}.${column.name} is ${column.type.kind}, not a TIMESTAMP or DATE: it cannot order changes`, { object: `${name}.${column.name}`, hint: 'Name the column the writers set to the modification time.' })
    }
    return { ...table, mode: 'watermark', watermark: { column: column.name, settleSeconds: TERADATA_SETTLE_SECONDS, lookbackSeconds: 0 } }
  })
}

function pool(url: string, driver?: TeradataDriver): TeradataSessionPool {
  return new TeradataSessionPool(parseTeradataUrl(url), 1, [], driver)
}

/** Tables whose change table does not exist on the source (change-table mode cannot start without them). */
export async function missingChangeTables(url: string, tables: readonly Pick<CaptureTable, 'schema' | 'name'>[], driver?: TeradataDriver): Promise<string[]> {
  const p = pool(url, driver)
  try {
    const missing: string[] = []
    for (const t of tables) {
      const q = changeTablePresentQuery(t)
      if ((await p.with((s) => s.query(q.sql, q.params))).length === 0) missing.push(`${t.schema}.${t.name}`)
    }
    return missing
  } finally {
    await p.close()
  }
}

/**
 * `godwit cdc --create-change-tables`: the change table and its triggers for every selected
 * table that has none yet (tables that have one are left as they are). Run before godwit load,
 * so that changes made during the load are captured.
 */
export async function createTeradataChangeTables(url: string, patterns: readonly string[], driver?: TeradataDriver): Promise<{ created: string[]; present: string[] }> {
  const tables = await listTeradataSourceTables(url, patterns, driver)
  const present = new Set(await missingChangeTables(url, tables, driver).then((missing) => tables.map((t) => `${t.schema}.${t.name}`).filter((n) => !missing.includes(n))))
  const p = pool(url, driver)
  try {
    const created: string[] = []
    for (const t of tables) {
      const name = `${t.schema}.${t.name}`
      if (present.has(name)) continue
      if (!t.key) throw new SourceError('CDC_NO_KEY', `${name} has no key: change-table capture re-reads rows by key`, { object: name, hint: 'Give it a primary key or a unique primary index over NOT NULL columns, or leave it out with --exclude.' })
      for (const sql of changeTableDdl({ schema: t.schema, name: t.name, columns: t.columns, key: t.key })) await p.with((s) => s.query(sql, []))
      created.push(`${t.schema}.${changeTableName(t.name)}`)
    }
    return { created, present: [...present] }
  } finally {
    await p.close()
  }
}
