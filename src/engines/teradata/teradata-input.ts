import type { SourceInput } from '../../model/source-input.js'
import type { Finding } from '../../model/finding.js'
import type { DdlSourceStatement } from '../ddl-reader/ddl-context.js'
import { readBteqScript } from './bteq-script.js'
import { readTeradataDdl } from './teradata-ddl-reader.js'

export interface TeradataInputOptions {
  /** `--schema`: the database of unqualified names until a script's `DATABASE x;` names another. */
  readonly defaultDatabase?: string
}

/** Offline input: Teradata BTEQ scripts, SHOW output and DDL exports, read in the order given, as one schema. */
export function readTeradataScripts(scripts: readonly { readonly path: string }[], options: TeradataInputOptions = {}): SourceInput {
  const statements: DdlSourceStatement[] = []
  const findings: Finding[] = []
  const files: string[] = []
  for (const s of scripts) {
    const r = readBteqScript(s.path)
    statements.push(...r.statements)
    findings.push(...r.findings)
    files.push(...r.files)
  }
  const ddl = readTeradataDdl(statements, options)
  return { schema: ddl.schema, data: ddl.data, findings: [...findings, ...ddl.findings], files }
}
