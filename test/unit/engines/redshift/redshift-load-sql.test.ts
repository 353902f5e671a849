import { describe, expect, it } from 'vitest'
import { redactUrl } from '../../../../src/config/redact.js'
import { GodwitError } from '../../../../src/core/errors.js'
import { redshiftConnectionString } from '../../../../src/engines/redshift/redshift-connection.js'
import { copyScript, copyStatement, manifestJson } from '../../../../src/engines/redshift/redshift-copy-sql.js'

const table = { schema: 'sales', name: 'Order "x"', columns: ['id', 'note'], manifest: 's3://b/p/run-3-ab/sales.orders.manifest', rows: 42 }

describe('Redshift load SQL', () => {
  it('COPYs a manifest as gzip CSV with empty-as-NULL, naming the role or the default one', () => {
    expect(copyStatement(table, 'arn:aws:iam::1:role/r')).toBe(
      `COPY "sales"."Order ""x""" ("id", "note")\nFROM 's3://b/p/run-3-ab/sales.orders.manifest'\nIAM_ROLE 'arn:aws:iam::1:role/r'\nMANIFEST CSV GZIP EMPTYASNULL COMPUPDATE OFF STATUPDATE ON`,
    )
    expect(copyStatement(table, undefined)).toContain('IAM_ROLE default')
    expect(copyStatement({ ...table, identity: true }, undefined)).toContain('MANIFEST CSV GZIP EMPTYASNULL EXPLICIT_IDS COMPUPDATE OFF')
  })

  it('writes a manifest with every part mandatory and its size', () => {
    expect(JSON.parse(manifestJson([{ url: 's3://b/k/part-0000.csv.gz', bytes: 20 }]))).toEqual({
      entries: [{ url: 's3://b/k/part-0000.csv.gz', mandatory: true, meta: { content_length: 20 } }],
    })
  })

  it('copy.sql loads each table in one transaction with its bookkeeping row', () => {
    const sql = copyScript([table], undefined)
    expect(sql).toContain('CREATE TABLE IF NOT EXISTS godwit.load_copies')
    expect(sql).toContain(
      `BEGIN;\nLOCK godwit.load_copies;\nCOPY "sales"."Order ""x""" ("id", "note")\nFROM 's3://b/p/run-3-ab/sales.orders.manifest'\nIAM_ROLE default\nMANIFEST CSV GZIP EMPTYASNULL COMPUPDATE OFF STATUPDATE ON;\n` +
        `INSERT INTO godwit.load_copies (manifest, target_table, rows) VALUES ('s3://b/p/run-3-ab/sales.orders.manifest', 'sales.Order "x"', 42);\nCOMMIT;`,
    )
  })
})

describe('Redshift connection URLs', () => {
  it('become pg connection strings on port 5439 with TLS verified unless the URL says otherwise', () => {
    expect(redshiftConnectionString('redshift://admin:pa%40ss@c.eu.redshift.amazonaws.com/dev')).toBe(
      'postgres://admin:pa%40ss@c.eu.redshift.amazonaws.com:5439/dev?sslmode=verify-full',
    )
    expect(redshiftConnectionString('redshift://u@h:5440/db?sslmode=disable')).toBe('postgres://u@h:5440/db?sslmode=disable')
  })

  it('refuses a URL without a database or host, never printing the password', () => {
    for (const url of ['redshift://admin:s3cret@cluster:5439', 'redshift://admin:s3cret@:5439/dev', 'postgres://admin:s3cret@h/db']) {
      let err: unknown
      try {
        redshiftConnectionString(url)
      } catch (e) {
        err = e
      }
      expect(err).toBeInstanceOf(GodwitError)
      expect((err as GodwitError).code).toBe('REDSHIFT_URL_INVALID')
      expect((err as Error).message).not.toContain('s3cret')
    }
    expect(redactUrl('redshift://admin:s3cret@cluster:5439/dev')).not.toContain('s3cret')
  })
})
