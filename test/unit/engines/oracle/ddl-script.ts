import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readOracleDdl, type OracleDdlReadOptions, type OracleDdlReadResult } from '../../../../src/engines/oracle/oracle-ddl-reader.js'
import { readSqlPlusScript } from '../../../../src/engines/oracle/sqlplus-script.js'

/** Reads `sql` as a script file named `script.sql`, the way the converter does (SQL*Plus splitting, then the DDL reader). */
export function readDdl(sql: string, options?: OracleDdlReadOptions): OracleDdlReadResult & { file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'godwit-ddl-'))
  const file = join(dir, 'script.sql')
  try {
    writeFileSync(file, sql)
    return { ...readOracleDdl(readSqlPlusScript(file).statements, options), file }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Findings of one code, for assertions that name what they expect. */
export function codes(result: OracleDdlReadResult): string[] {
  return result.findings.map((f) => f.code)
}
