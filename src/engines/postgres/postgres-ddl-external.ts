import type { DirectoryDef, ExternalTableDef, LoaderFormat, TableDef } from '../../model/schema.js'

/** The one file_fdw server the output creates; every foreign table of a file names it. */
export const FILE_SERVER = 'godwit_files'

/** How file_fdw reads an external table's file: its OPTIONS, and how it may differ from ORACLE_LOADER. */
export interface FileFdwTable {
  readonly options: ReadonlyArray<readonly [string, string]>
  readonly differences: readonly string[]
}

/** Oracle character set names file_fdw's `encoding` option has an equivalent for. */
const ENCODINGS: Readonly<Record<string, string>> = {
  AL32UTF8: 'UTF8', UTF8: 'UTF8', WE8ISO8859P1: 'LATIN1', WE8ISO8859P15: 'LATIN9', WE8MSWIN1252: 'WIN1252', US7ASCII: 'SQL_ASCII', EE8MSWIN1250: 'WIN1250', CL8MSWIN1251: 'WIN1251',
}

/**
 * An ORACLE_LOADER external table over one delimited file, as file_fdw reads it: format csv with
 * the delimiter and quote, `header` for one skipped line, the encoding; every column
 * `force_null`, since Oracle reads an empty field as NULL, quoted or not. Anything else (another
 * driver, fixed-width fields, LOAD WHEN, a preprocessor, bad/log/discard files, several files,
 * a directory with no known path) has no file_fdw form: the reasons are returned instead, and the
 * table stays a regular table with an action item.
 */
export function fileFdwTable(table: TableDef, directories: readonly DirectoryDef[]): FileFdwTable | { readonly reasons: readonly string[] } {
  const ext = table.external
  if (!ext) return { reasons: ['the external table clause was not read'] }
  const reasons: string[] = []
  const driver = ext.driver ?? 'ORACLE_LOADER'
  if (driver !== 'ORACLE_LOADER') reasons.push(`TYPE ${driver}: file_fdw reads text files only`)
  if (table.partitioning) reasons.push('a partitioned external table: file_fdw reads one file per table')
  if (table.primaryKey || table.uniques.length > 0 || table.foreignKeys.length > 0) reasons.push('it has keys, which a foreign table cannot have')
  for (const c of table.columns) {
    if (c.defaultExpr || c.virtualExpr || c.identity) reasons.push(`column ${c.name} has a ${c.identity ? 'identity' : c.virtualExpr ? 'virtual expression' : 'default'}, which a file_fdw table does not fill in`)
  }
  if (ext.accessParametersQuery) reasons.push('ACCESS PARAMETERS USING CLOB: the parameters are computed by a query when the table is read')
  if (ext.locations.length !== 1) reasons.push(`LOCATION names ${ext.locations.length} files: a file_fdw table reads one`)
  const location = ext.locations[0]
  if (location && /[*?]/.test(location.file)) reasons.push(`LOCATION '${location.file}' is a wildcard: a file_fdw table reads one named file`)
  const directory = location?.directory ?? ext.defaultDirectory
  const path = directory === undefined ? undefined : directories.find((d) => d.name.toUpperCase() === directory.toUpperCase())?.path
  if (location && path === undefined) {
    reasons.push(directory === undefined ? 'no directory is named' : `directory ${directory} has no known path: define it in the scripts (CREATE DIRECTORY) or map it with --directory ${directory}=/path/on/the/database/server`)
  }
  const format = ext.accessParameters?.format
  if (!ext.accessParameters && !ext.accessParametersQuery) reasons.push('no ACCESS PARAMETERS: the field layout is not stated')
  else if (ext.accessParameters && !format && driver === 'ORACLE_LOADER') reasons.push('the ACCESS PARAMETERS could not be read')
  if (format) reasons.push(...formatReasons(format, table))
  if (reasons.length > 0 || !format || !location || path === undefined) return { reasons: reasons.length > 0 ? reasons : ['the ACCESS PARAMETERS could not be read'] }
  return { options: fileOptions(format, joinPath(path, location.file)), differences: differences(format, ext, table) }
}

function formatReasons(f: LoaderFormat, table: TableDef): string[] {
  const reasons = f.clauses.map((c) => `${c}: no file_fdw form`)
  if (f.records !== 'newline') reasons.push('records are not delimited by newlines')
  if (f.fieldTerminator === undefined && !f.csv) reasons.push('no FIELDS TERMINATED BY: fields are not delimited')
  if (f.fieldTerminator !== undefined && [...f.fieldTerminator].length !== 1) reasons.push(`fields are terminated by '${f.fieldTerminator}': file_fdw takes a one-character delimiter`)
  if (f.enclosedBy !== undefined && [...f.enclosedBy].length !== 1) reasons.push(`fields are enclosed by '${f.enclosedBy}': file_fdw takes a one-character quote`)
  const skipped = (f.skip ?? 0) + (f.fieldNames === 'first file' || f.fieldNames === 'all files' ? 1 : 0)
  if (skipped > 1) reasons.push(`${skipped} lines are skipped at the start: file_fdw skips one header line at most`)
  if (f.characterSet !== undefined && !ENCODINGS[f.characterSet]) reasons.push(`CHARACTERSET ${f.characterSet}: no PostgreSQL encoding is mapped for it`)
  if (f.fields && f.fields.join(',') !== table.columns.map((c) => c.name).join(',')) {
    reasons.push('the field list does not name the columns in their order: file_fdw reads the fields into the columns by position')
  }
  return reasons
}

function fileOptions(f: LoaderFormat, filename: string): Array<readonly [string, string]> {
  const options: Array<readonly [string, string]> = [['filename', filename], ['format', 'csv']]
  options.push(['delimiter', f.fieldTerminator ?? ','])
  options.push(['quote', f.enclosedBy ?? '"'])
  if ((f.skip ?? 0) + (f.fieldNames === 'first file' || f.fieldNames === 'all files' ? 1 : 0) === 1) options.push(['header', 'true'])
  if (f.characterSet) options.push(['encoding', ENCODINGS[f.characterSet]!])
  return options
}

/** What file_fdw does differently from ORACLE_LOADER with these parameters, for the warning. */
function differences(f: LoaderFormat, ext: ExternalTableDef, table: TableDef): string[] {
  const out: string[] = []
  if (f.enclosedBy === undefined && !f.csv) out.push('Oracle reads no enclosing quotes; file_fdw (csv) reads a field starting with " as quoted')
  if (f.trim !== 'NOTRIM' && table.columns.some((c) => c.type.kind === 'text')) out.push(`Oracle trims blanks around fields (${f.trim ?? 'LDRTRIM, its default'}); file_fdw keeps them in text columns`)
  if (f.missingFieldValuesAreNull) out.push('MISSING FIELD VALUES ARE NULL: a line with fewer fields is an error in file_fdw')
  if (ext.rejectLimit !== undefined && ext.rejectLimit !== '0') out.push(`REJECT LIMIT ${ext.rejectLimit}: Oracle skips bad rows, file_fdw stops the query at the first one`)
  return out
}

function joinPath(directory: string, file: string): string {
  return directory.endsWith('/') || directory.endsWith('\\') ? `${directory}${file}` : `${directory}/${file}`
}
