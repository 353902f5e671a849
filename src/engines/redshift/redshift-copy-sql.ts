import { qualifiedName, quoteIdent } from '../postgres/pg-source-key-range.js'

/**
 * The SQL a Redshift load runs, and writes to copy.sql for an operator with `--stage-only`. The
 * bookkeeping table holds one row per manifest COPY has loaded, inserted in the COPY's own
 * transaction: whatever happens to the state database afterwards, a table is loaded at most once.
 */

const literal = (s: string) => `'${s.replaceAll("'", "''").replaceAll('\\', '\\\\')}'`

export const BOOKKEEPING_TABLE = 'godwit.load_copies'

export const BOOKKEEPING_DDL = [
  'CREATE SCHEMA IF NOT EXISTS godwit',
  `CREATE TABLE IF NOT EXISTS ${BOOKKEEPING_TABLE} (manifest VARCHAR(1024) NOT NULL, target_table VARCHAR(512) NOT NULL, rows BIGINT NOT NULL, loaded_at TIMESTAMP DEFAULT SYSDATE)`,
]

export interface CopyTable {
  readonly schema: string
  readonly name: string
  readonly columns: readonly string[]
  /** s3:// URL of the table's manifest. */
  readonly manifest: string
  /** Rows staged: what COPY must report loading. */
  readonly rows: number
  /** The table has an IDENTITY column: its source values are kept (EXPLICIT_IDS), as a migration needs. */
  readonly identity?: boolean
}

/**
 * One COPY of a table's manifest. CSV with the PostgreSQL rules: an unquoted empty field is NULL
 * (EMPTYASNULL extends that to VARCHAR, where COPY would otherwise read ''), a quoted `""` the
 * empty string. Dates and timestamps are in COPY's default formats (`YYYY-MM-DD`,
 * `YYYY-MM-DD HH:MI:SS.ffffff[+00]`). Without a role, the cluster's default IAM role reads S3.
 */
export function copyStatement(t: CopyTable, iamRole: string | undefined): string {
  return [
    `COPY ${qualifiedName(t.schema, t.name)} (${t.columns.map(quoteIdent).join(', ')})`,
    `FROM ${literal(t.manifest)}`,
    `IAM_ROLE ${iamRole ? literal(iamRole) : 'default'}`,
    `MANIFEST CSV GZIP EMPTYASNULL${t.identity ? ' EXPLICIT_IDS' : ''} COMPUPDATE OFF STATUPDATE ON`,
  ].join('\n')
}

/** The manifest of a table's parts: every one mandatory, with its size. */
export function manifestJson(parts: readonly { readonly url: string; readonly bytes: number }[]): string {
  return `${JSON.stringify({ entries: parts.map((p) => ({ url: p.url, mandatory: true, meta: { content_length: p.bytes } })) }, null, 1)}\n`
}

/** copy.sql: each table's COPY and its bookkeeping row in one transaction, refusing a manifest already loaded. */
export function copyScript(tables: readonly CopyTable[], iamRole: string | undefined): string {
  const lines = [
    '-- Written by godwit load --stage-only. Run with psql against the cluster. Each table loads in its own',
    `-- transaction together with its row in ${BOOKKEEPING_TABLE}; check that table before running a block twice.`,
    '-- A table with an IDENTITY column needs EXPLICIT_IDS added to its COPY to keep the source values.',
    ...BOOKKEEPING_DDL.map((s) => `${s};`),
  ]
  for (const t of tables) {
    lines.push(
      '',
      `-- ${t.schema}.${t.name}: ${t.rows} rows`,
      'BEGIN;',
      `LOCK ${BOOKKEEPING_TABLE};`,
      `${copyStatement(t, iamRole)};`,
      `INSERT INTO ${BOOKKEEPING_TABLE} (manifest, target_table, rows) VALUES (${literal(t.manifest)}, ${literal(`${t.schema}.${t.name}`)}, ${t.rows});`,
      'COMMIT;',
    )
  }
  return `${lines.join('\n')}\n`
}
