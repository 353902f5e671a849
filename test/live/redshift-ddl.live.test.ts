import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { runConvert } from '../../src/convert/run-convert.js'
import { DEFAULT_REDSHIFT_TARGET } from '../../src/convert/target.js'
import { redshiftPgConfig } from '../../src/engines/redshift/redshift-connection.js'
import { corpusAvailable, corpusLoadOrder, corpusSkipReason } from '../support/corpus.js'

/**
 * Runs the Redshift DDL of the HR sample schema on a real cluster, in a scratch schema dropped
 * afterwards. REDSHIFT_URL=redshift://user:password@cluster:5439/db names the cluster; without
 * it the test skips, saying so (nothing here has run against a cluster yet).
 */
const url = process.env.REDSHIFT_URL
const why = !url ? 'skipped: set REDSHIFT_URL=redshift://user:password@cluster:5439/database to run' : !corpusAvailable ? `skipped: ${corpusSkipReason}` : 'against REDSHIFT_URL'

describe.skipIf(!url || !corpusAvailable)(`Redshift DDL on a live cluster (${why})`, () => {
  it('creates every HR table the conversion wrote, with its distribution and sort key', async () => {
    const schema = `godwit_live_${Date.now()}`
    const { result } = await runConvert({ scripts: corpusLoadOrder('oracle', 'hr'), targetSchema: schema, target: DEFAULT_REDSHIFT_TARGET })
    const client = new pg.Client(redshiftPgConfig(url!))
    await client.connect()
    try {
      await client.query(`CREATE SCHEMA ${schema}`)
      await client.query(`SET search_path = ${schema}`)
      for (const s of result.statements.filter((st) => st.phase !== 'data' && !/^CREATE SCHEMA/.test(st.sql))) {
        if (s.sql.split('\n').every((l) => l.startsWith('--') || l.trim() === '')) continue
        await client.query(s.sql)
      }
      const { rows } = await client.query<{ table: string }>(`SELECT DISTINCT tablename AS table FROM pg_table_def WHERE schemaname = $1`, [schema])
      expect(rows.map((r) => r.table).sort()).toEqual(result.schema.tables.map((t) => t.name.toLowerCase()).sort())
    } finally {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined)
      await client.end()
    }
  })
})
