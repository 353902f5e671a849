import pg from 'pg'
import type { EmbeddedServer } from '../../src/engines/postgres/embedded-server.js'
import { applyWithPsql, type ApplyOutcome } from './apply-with-psql.js'
import type { ConvertedCorpus } from './godwit-convert.js'
import { countObjectsOnPostgres } from './postgres-census.js'
import type { ObjectCounts } from './object-counts.js'

export interface OnPostgres extends ApplyOutcome {
  readonly objects: ObjectCounts
}

/**
 * Oracle schemas are users, and a migration creates their PostgreSQL roles before the schema
 * DDL (ora2pg's output says `ALTER SCHEMA hr OWNER TO hr`). Created once per server, for both tools.
 */
export async function createSchemaOwnerRoles(adminUrl: string, schemas: readonly string[]): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    for (const schema of schemas) await client.query(`CREATE ROLE ${client.escapeIdentifier(schema)}`)
  } finally {
    await client.end()
  }
}

/** A fresh database for one tool's output: every schema applied in dependency order, then counted. */
export async function applyToFreshDatabase(server: EmbeddedServer, database: string, converted: ConvertedCorpus): Promise<OnPostgres> {
  const url = await server.createDatabase(database)
  const schemas = [...converted.filesBySchema.keys()]
  const applied = await applyWithPsql(url, schemas.flatMap((s) => converted.filesBySchema.get(s) ?? []))
  return { ...applied, objects: await countObjectsOnPostgres(url, schemas) }
}

export async function serverMajorVersion(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")
    return Math.floor(Number(rows[0]!.v) / 10000)
  } finally {
    await client.end()
  }
}
