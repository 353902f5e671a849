import pg from 'pg'
import { selectsTable } from '../core/glob.js'
import { connectPg } from '../engines/postgres/pg-connect.js'
import { convertToPostgres, renderOutputFile, type OutputPhase } from '../convert/convert.js'
import { detectTargetVersion } from '../engines/postgres/postgres-version.js'
import { pgStoredName } from '../convert/naming.js'
import { defaultTargetSchema } from '../convert/run-convert.js'
import { applySqlFiles } from '../engines/postgres/postgres-apply.js'
import type { Finding } from '../model/finding.js'
import type { QualifiedName, SchemaModel, TableDef } from '../model/schema.js'

export interface CreatedTables {
  /** Target tables made, `schema.table` as stored in PostgreSQL. */
  readonly created: readonly string[]
  /** What conversion said about them (type mappings, foreign keys left out). */
  readonly findings: readonly Finding[]
}

/** Only what a table needs to exist and hold its data: no views, code, grants or synonyms. */
const TABLE_PHASES: readonly OutputPhase[] = ['pre-data', 'post-data']

/**
 * `load --create`: converts the selected source tables that the target lacks (with their types,
 * sequences, indexes and constraints, exactly as `godwit convert` would) and applies them. Foreign
 * keys to tables that are neither selected nor on the target are left out, with a finding each, so
 * a partial selection still creates cleanly.
 */
export async function createTargetTables(model: SchemaModel, targetUrl: string, patterns: readonly string[]): Promise<CreatedTables> {
  const targetSchema = defaultTargetSchema(model)
  const stored = (q: QualifiedName) => `${pgStoredName(q.schema ?? targetSchema)}.${pgStoredName(q.name)}`
  const existing = await existingNames(targetUrl)
  const selected = model.tables.filter((t) => selectsTable(t.schema, t.name, patterns))
  const missing = selected.filter((t) => !existing.relations.has(stored(t)))
  if (missing.length === 0) return { created: [], findings: [] }

  const reachable = new Set([...existing.relations, ...missing.map(stored)])
  const findings: Finding[] = []
  const tables = missing.map((t): TableDef => {
    const keep = t.foreignKeys.filter((fk) => reachable.has(stored({ schema: fk.references.schema ?? t.schema, name: fk.references.name })))
    for (const fk of t.foreignKeys.filter((f) => !keep.includes(f))) {
      findings.push({
        severity: 'warning',
        code: 'CREATE_FK_SKIPPED',
        object: `TABLE ${stored(t)}`,
        message: `foreign key ${fk.name ?? `(${fk.columns.join(', ')})`} not created: ${fk.references.name} is neither selected nor on the target`,
      })
    }
    return { ...t, foreignKeys: keep }
  })
  const names = new Set(tables.map((t) => stored(t)))
  const subset: SchemaModel = {
    ...model,
    tables,
    indexes: model.indexes.filter((i) => names.has(stored({ schema: i.table.schema ?? i.schema, name: i.table.name }))),
    sequences: model.sequences.filter((s) => !existing.relations.has(stored(s))),
    types: model.types.filter((t) => !existing.types.has(stored(t))),
    views: [],
    code: [],
    synonyms: [],
    grants: [],
  }
  // Written for the target's own version, as `godwit convert` would for a live target.
  const converted = convertToPostgres({ schema: subset, data: [], findings: [] }, { targetSchema, target: await detectTargetVersion(targetUrl) })
  // The same files `godwit convert` writes for these phases.
  await applySqlFiles(targetUrl, TABLE_PHASES.map((phase) => ({ name: `load --create (${phase})`, sql: renderOutputFile(converted, phase) })))
  return { created: [...names], findings: [...findings, ...converted.findings] }
}

async function existingNames(url: string): Promise<{ relations: Set<string>; types: Set<string> }> {
  const client = new pg.Client({ connectionString: url })
  await connectPg(client, 'target', url)
  try {
    const { rows } = await client.query<{ name: string; kind: string }>(
      `SELECT n.nspname || '.' || c.relname AS name, 'r' AS kind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       UNION ALL SELECT n.nspname || '.' || t.typname, 't' FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace`,
    )
    return { relations: new Set(rows.filter((r) => r.kind === 'r').map((r) => r.name)), types: new Set(rows.filter((r) => r.kind === 't').map((r) => r.name)) }
  } finally {
    await client.end()
  }
}
