import { SourceError } from '../../core/errors.js'
import type { SchemaModel } from '../../model/schema.js'
import { connectOracle, oracleSchemaName, type OracleSession } from './oracle-connection.js'
import { mapOracleCatalog, type CatalogSelection } from './oracle-catalog-mapping.js'
import { CATALOG_QUERIES, CURRENT_SCHEMA, DBA_PROBE, type DictionaryFamily, type OracleCatalogRows } from './oracle-catalog-queries.js'

/**
 * What to read. Empty `schemas` means the URL's `?schema=`, else the connected user's schema;
 * include/exclude are glob patterns on object names (`EMP*`, `*_LOG`), case-insensitive, exclude wins.
 */
export type OracleSelection = CatalogSelection

/** Reads a live Oracle catalog into the schema model (the same model the DDL reader builds). */
export async function introspectOracle(url: string, selection: OracleSelection, signal?: AbortSignal): Promise<SchemaModel> {
  throwIfAborted(signal)
  const session = await connectOracle(url)
  const onAbort = () => void session.cancel().catch(() => undefined)
  signal?.addEventListener('abort', onAbort, { once: true })
  try {
    const schemas = await resolveSchemas(session, selection)
    const rows = await readCatalogRows(session, schemas, signal)
    return mapOracleCatalog(rows, { ...selection, schemas })
  } finally {
    signal?.removeEventListener('abort', onAbort)
    await session.close().catch(() => undefined)
  }
}

async function resolveSchemas(session: OracleSession, selection: OracleSelection): Promise<string[]> {
  if (selection.schemas.length > 0) return selection.schemas.map(oracleSchemaName)
  if (session.url.schemas.length > 0) return [...session.url.schemas]
  const [row] = await session.query<{ SCHEMA_NAME: string }>(CURRENT_SCHEMA)
  return row ? [row.SCHEMA_NAME] : []
}

/** DBA_* shows every schema when the user may read it; ALL_* shows what the user can see. */
async function dictionaryFamily(session: OracleSession): Promise<DictionaryFamily> {
  try {
    await session.query(DBA_PROBE)
    return 'DBA'
  } catch {
    return 'ALL'
  }
}

/** Runs every catalog query in turn (one session; the dictionary is cheap to read serially). */
export async function readCatalogRows(session: OracleSession, schemas: readonly string[], signal?: AbortSignal): Promise<OracleCatalogRows> {
  const family = await dictionaryFamily(session)
  const rows: Record<string, unknown> = { capturedAt: new Date().toISOString() }
  for (const [name, build] of Object.entries(CATALOG_QUERIES)) {
    throwIfAborted(signal)
    const { sql, binds } = build(family, schemas)
    rows[name] = await session.query(sql, binds)
  }
  return rows as unknown as OracleCatalogRows
}

function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) {
    throw new SourceError('ORACLE_CANCELLED', 'Reading the Oracle catalog was cancelled.', { hint: 'Rerun when ready.', cause: signal.reason })
  }
}
