import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { redshiftConnectionString } from '../../src/engines/redshift/redshift-connection.js'
import { runLoad } from '../../src/load/run-load.js'
import { exec, sourceAndTarget } from '../integration/load-support.js'

/**
 * `godwit load` into a real Redshift cluster through S3: awkward values ('' vs NULL, quotes,
 * newlines, 38-digit numerics, zoned timestamps) COPYed from the staged manifest land equal to the
 * PostgreSQL stand-in source, and a rerun after the run is reset loads nothing twice (the
 * cluster's bookkeeping row). Needs REDSHIFT_URL, REDSHIFT_STAGE (s3://bucket/prefix the cluster
 * can read) and REDSHIFT_IAM_ROLE (or a default role on the cluster); AWS credentials from the
 * environment for the uploads.
 */
const url = process.env.REDSHIFT_URL
const stage = process.env.REDSHIFT_STAGE
const role = process.env.REDSHIFT_IAM_ROLE
const ready = Boolean(url && stage)
const TABLE = 'godwit_load_live'

describe.skipIf(!ready)(`godwit load into Redshift${ready ? '' : ' (skipped: set REDSHIFT_URL=redshift://user:pass@cluster:5439/db and REDSHIFT_STAGE=s3://bucket/prefix, optionally REDSHIFT_IAM_ROLE)'}`, () => {
  let db: Awaited<ReturnType<typeof sourceAndTarget>>
  let rs: pg.Client
  beforeAll(async () => {
    db = await sourceAndTarget('rslive')
    await exec(db.source, `CREATE TABLE ${TABLE} (id int PRIMARY KEY, t text, n numeric(38,0), tz timestamptz, b boolean);
      INSERT INTO ${TABLE} VALUES (1, '', 99999999999999999999999999999999999999, '2024-03-01 12:34:56.123456+05:30', true), (2, NULL, NULL, NULL, NULL),
        (3, E'quote " comma , newline \\n tab \\t back \\\\ slash', -1, '1970-01-01 00:00:00+00', false);
      INSERT INTO ${TABLE} SELECT g, 'row ' || g, g, now(), g % 2 = 0 FROM generate_series(4, 20000) g; ANALYZE ${TABLE}`)
    rs = new pg.Client({ connectionString: redshiftConnectionString(url!) })
    await rs.connect()
    await rs.query(`DROP TABLE IF EXISTS public.${TABLE}`)
    await rs.query(`CREATE TABLE public.${TABLE} (id INTEGER, t VARCHAR(256), n NUMERIC(38,0), tz TIMESTAMPTZ, b BOOLEAN)`)
  })
  afterAll(async () => {
    await rs?.query(`DROP TABLE IF EXISTS public.${TABLE}`).catch(() => undefined)
    await rs?.end()
    await db?.drop()
  })

  it('stages, COPYs once per table, and keeps empty strings apart from NULLs', async () => {
    const options = {
      sourceUrl: db.source,
      targetUrl: url!,
      stateUrl: db.target,
      tables: [`public.${TABLE}`],
      chunkRows: 5000,
      staging: { stage: stage!, ...(role ? { iamRole: role } : {}) },
    }
    const result = await runLoad(options)
    expect(result.complete).toBe(true)
    const rows = await rs.query(`SELECT id, t, t IS NULL AS t_null, n::varchar AS n, b FROM public.${TABLE} WHERE id <= 3 ORDER BY id`)
    expect(rows.rows).toEqual([
      { id: 1, t: '', t_null: false, n: '99999999999999999999999999999999999999', b: true },
      { id: 2, t: null, t_null: true, n: null, b: null },
      { id: 3, t: 'quote " comma , newline \n tab \t back \\ slash', t_null: false, n: '-1', b: false },
    ])
    expect(Number((await rs.query(`SELECT count(*) AS n FROM public.${TABLE}`)).rows[0].n)).toBe(20000)
    // The state forgets the run finished; the bookkeeping row in Redshift stops a second COPY.
    await exec(db.target, `UPDATE godwit.load_runs SET state = 'running', finished_at = NULL WHERE id = ${result.runId}`)
    const again = await runLoad(options)
    expect(again.complete).toBe(true)
    expect(Number((await rs.query(`SELECT count(*) AS n FROM public.${TABLE}`)).rows[0].n)).toBe(20000)
  })
})
