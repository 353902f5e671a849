import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readBteqScript, type BteqReadResult } from '../../../../src/engines/teradata/bteq-script.js'
import { readTeradataDdl, type TeradataDdlReadOptions, type TeradataDdlReadResult } from '../../../../src/engines/teradata/teradata-ddl-reader.js'

/** Writes `sql` as `script.sql` and reads it with `read`, removing the file afterwards. */
function withScript<T>(sql: string, read: (file: string) => T): T & { file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'godwit-td-'))
  const file = join(dir, 'script.sql')
  try {
    writeFileSync(file, sql)
    return { ...read(file), file }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

export function readBteq(sql: string): BteqReadResult & { file: string } {
  return withScript(sql, readBteqScript)
}

/** Reads `sql` as the converter does: BTEQ splitting, then the Teradata DDL reader. */
export function readTd(sql: string, options?: TeradataDdlReadOptions): TeradataDdlReadResult & { file: string } {
  return withScript(sql, (file) => readTeradataDdl(readBteqScript(file).statements, options))
}

export function codes(result: { readonly findings: readonly { readonly code: string }[] }): string[] {
  return result.findings.map((f) => f.code)
}
