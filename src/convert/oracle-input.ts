import type { Finding } from '../model/finding.js'
import type { SqlText } from '../model/location.js'
import type { SchemaModel } from '../model/schema.js'
import { readOracleDdl } from '../engines/oracle/oracle-ddl-reader.js'
import { readSqlPlusScript, type ScriptStatement } from '../engines/oracle/sqlplus-script.js'

/** A script to read, with the SQL*Plus positional arguments it is run with (`@script v3`). */
export interface ScriptInput {
  readonly path: string
  readonly args?: readonly string[]
}

export interface SourceInput {
  readonly schema: SchemaModel
  readonly data: readonly SqlText[]
  readonly findings: readonly Finding[]
  /** Every file read, includes too. */
  readonly files: readonly string[]
}

/** Offline input: Oracle DDL/SQL*Plus scripts, read in the order given, as one schema. */
export function readOracleScripts(scripts: readonly ScriptInput[]): SourceInput {
  const statements: ScriptStatement[] = []
  const findings: Finding[] = []
  const files: string[] = []
  for (const s of scripts) {
    const r = readSqlPlusScript(s.path, { args: s.args })
    statements.push(...r.statements)
    findings.push(...r.findings)
    files.push(...r.files)
  }
  const ddl = readOracleDdl(statements)
  return { schema: ddl.schema, data: ddl.data, findings: [...findings, ...ddl.findings], files }
}
