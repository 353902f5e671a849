import type { Finding } from '../model/finding.js'
import type { ScriptInput, SourceInput } from '../model/source-input.js'
import { readOracleDdl } from '../engines/oracle/oracle-ddl-reader.js'
import { readSqlPlusScript, type ScriptStatement } from '../engines/oracle/sqlplus-script.js'

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
