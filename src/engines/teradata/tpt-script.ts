import { UsageError } from '../../core/errors.js'
import type { LoadColumn } from '../../load/load-source.js'
import { teradataName } from './teradata-catalog-queries.js'
import { selectExpression, tableRef, type ReadLock } from './teradata-extract-sql.js'

/**
 * A Teradata Parallel Transporter export job for tables too large to pull through Node: the
 * EXPORT operator reads with many sessions and a DataConnector consumer writes files (locally,
 * or to S3 through Teradata's S3 access module). The user runs it (`tbuild -f … -v …`); godwit
 * then loads the files (tpt-files.ts).
 *
 * Each row is exported as ONE text field that already is a PostgreSQL COPY text line: the
 * columns' text forms (the same expressions the live load reads), backslash, TAB, LF and CR
 * escaped, NULL as `\N`, joined by TAB. TPT's delimited format has no NULL distinct from an
 * empty string and no escaping of its delimiter, so godwit does both in SQL and lets TPT write
 * the line as it is. The cost: a row's text is limited to TPT_LINE_CHARS characters (a UTF8
 * session counts three bytes a character against TPT's 64 000-byte field); LOB columns are
 * refused (load those tables without --via tpt). A Teradata-mode CAST truncates silently, so
 * every line ends in a last field `E`: a line cut short has lost it, and the reader refuses it.
 */
export interface TptExportOptions {
  /** Local directory (DirectoryPath) or `s3://bucket/prefix` (S3 access module). */
  readonly destination: string
  readonly lock: ReadLock
  /** EXPORT operator sessions; Teradata caps them per AMP count. */
  readonly sessions: number
}

export interface TptTable {
  readonly schema: string
  readonly name: string
  readonly columns: readonly TptColumn[]
}

/** What the export needs of a column: its source name and logical type. */
export type TptColumn = Pick<LoadColumn, 'name' | 'type'>

/** The longest line a row can export as, in characters. */
export const TPT_LINE_CHARS = 21_000

/** The last field of every exported line; its absence means TPT or a CAST cut the line. */
export const TPT_LINE_END = 'E'

/** The file a table's rows are written to (and read back from). */
export function tptFileName(t: Pick<TptTable, 'schema' | 'name'>): string {
  return `${t.schema}.${t.name}.copy.txt`.replace(/[^\w.-]/g, '_')
}

const ESCAPES: readonly [string, string][] = [
  ["'\\'", "'\\\\'"],
  ["'09'XC", "'\\t'"],
  ["'0A'XC", "'\\n'"],
  ["'0D'XC", "'\\r'"],
]

function escaped(text: string): string {
  return ESCAPES.reduce((x, [from, to]) => `OREPLACE(${x}, ${from}, ${to})`, text)
}

/** One column's COPY text field: its text form, escaped; `\N` for NULL. */
export function copyFieldExpression(c: TptColumn): string {
  const col = teradataName(c.name)
  let text: string
  switch (c.type.kind) {
    case 'int':
    case 'float':
      text = `TO_CHAR(${col})`
      break
    case 'binary':
      if (c.type.maxBytes === undefined) throw lobRefused(c)
      // COPY text's bytea form: \x and lower-case hex (its backslash is escaped below with the rest).
      text = `'\\x' || LOWER(FROM_BYTES(${col}, 'base16'))`
      break
    case 'clob':
      throw lobRefused(c)
    case 'text':
      text = col
      break
    default:
      text = selectExpression(c.name, c.type)
  }
  return `CASE WHEN ${col} IS NULL THEN '\\N' ELSE ${escaped(text)} END`
}

function lobRefused(c: TptColumn): UsageError {
  return new UsageError('TPT_LOB_UNSUPPORTED', `column ${c.name}: LOB values cannot be exported as TPT text lines`, {
    object: c.name,
    hint: 'Load this table without --via tpt (the live path reads LOBs), or exclude the column.',
  })
}

/** The SELECT the EXPORT operator runs: one VARCHAR line per row. */
export function tptSelect(t: TptTable, lock: ReadLock): string {
  if (t.columns.length === 0) throw new RangeError(`${t.schema}.${t.name}: no columns to export`)
  const line = [...t.columns.map(copyFieldExpression), `'${TPT_LINE_END}'`].join(" || '09'XC || ")
  const table = tableRef(t.schema, t.name)
  return `LOCKING TABLE ${table} FOR ${lock === 'read' ? 'READ' : 'ACCESS'} SELECT CAST(${line} AS VARCHAR(${TPT_LINE_CHARS})) FROM ${table};`
}

function tptString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`
}

function writerAttributes(destination: string, file: string): string[] {
  const s3 = /^s3:\/\/([^/]+)\/?(.*)$/.exec(destination)
  const common = [`VARCHAR Format = 'Delimited'`, `VARCHAR OpenMode = 'Write'`, `VARCHAR TextDelimiter = '|'`]
  if (!s3) return [`VARCHAR DirectoryPath = ${tptString(destination)}`, `VARCHAR FileName = ${tptString(file)}`, ...common]
  const prefix = s3[2] ? `${s3[2].replace(/\/?$/, '/')}` : ''
  return [
    `VARCHAR FileName = ${tptString(file)}`,
    ...common,
    `VARCHAR AccessModuleName = 'libs3axsmod.so'`,
    `VARCHAR AccessModuleInitStr = ${tptString(`S3Bucket=${s3[1]} S3Prefix=${prefix} S3Object=${file}`)}`,
  ]
}

/**
 * The job script for the tables, one export step each. Credentials stay out of it: `@TdpId`,
 * `@UserName` and `@UserPassword` come from the job variables file the user fills in.
 */
export function tptExportScript(tables: readonly TptTable[], o: TptExportOptions): string {
  if (tables.length === 0) throw new RangeError('a TPT export needs at least one table')
  const steps = tables.map((t, i) => {
    const n = i + 1
    const attrs = (lines: readonly string[]) => lines.map((l, k) => `      ${l}${k < lines.length - 1 ? ',' : ''}`).join('\n')
    return [
      `  /* ${t.schema}.${t.name} → ${tptFileName(t)} */`,
      `  STEP export_${n}`,
      '  (',
      `    DEFINE OPERATOR export_${n}`,
      '    TYPE EXPORT',
      '    SCHEMA godwit_line',
      '    ATTRIBUTES (',
      attrs([
        'VARCHAR TdpId = @TdpId',
        'VARCHAR UserName = @UserName',
        'VARCHAR UserPassword = @UserPassword',
        `INTEGER MaxSessions = ${Math.max(1, Math.floor(o.sessions))}`,
        `VARCHAR SelectStmt = ${tptString(tptSelect(t, o.lock))}`,
      ]),
      '    );',
      `    DEFINE OPERATOR write_${n}`,
      '    TYPE DATACONNECTOR CONSUMER',
      '    SCHEMA *',
      '    ATTRIBUTES (',
      attrs(writerAttributes(o.destination, tptFileName(t))),
      '    );',
      `    APPLY TO OPERATOR (write_${n}) SELECT * FROM OPERATOR (export_${n});`,
      '  );',
    ].join('\n')
  })
  return [
    '/* Written by godwit: each row is one PostgreSQL COPY text line (docs/teradata-data.md). */',
    'USING CHARACTER SET UTF8',
    'DEFINE JOB godwit_export',
    "DESCRIPTION 'godwit: export tables as COPY text lines'",
    '(',
    `  DEFINE SCHEMA godwit_line (line VARCHAR(${TPT_LINE_CHARS * 3}));`, // bytes: UTF8 needs three a character
    '',
    steps.join('\n\n'),
    ');',
    '',
  ].join('\n')
}

/** The job variables file to fill in and pass with `tbuild -v`; the password is left for the user to write. */
export function tptJobVariables(host: string, user: string): string {
  return [`TdpId = ${tptString(host)}`, `,UserName = ${tptString(user)}`, ",UserPassword = ''", ''].join('\n')
}
