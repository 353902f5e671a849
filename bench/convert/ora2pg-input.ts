import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { readSqlPlusScript, type ScriptStatement } from '../../src/engines/oracle/sqlplus-script.js'
import { corpusLoadOrder } from '../../test/support/corpus.js'

/** One schema's scripts as ora2pg can read them: its DDL and code in one file, its DML in another. */
export interface Ora2pgInput {
  readonly ddl: string
  readonly dml: string
}

/** Row changes and anonymous blocks: what ora2pg's `-t QUERY` translates, not its DDL types. */
const DML = /^(?:INSERT|UPDATE|DELETE|MERGE|COMMIT|BEGIN|DECLARE)\b/i

/**
 * ora2pg reads plain SQL files: it does not follow SQL*Plus `@` includes nor replace `&1`
 * variables, and the corpus's installers (oe's coe_v3.sql) are made of both. So each schema's
 * load order is read the way SQL*Plus runs it (with godwit's script reader, the same statements
 * godwit converts) and written back as plain SQL, PL/SQL units ended by `/` as ora2pg expects.
 * The DML goes in its own file because ora2pg's DDL types skip it and `-t QUERY` would copy the
 * DDL through untranslated.
 */
export function writeOra2pgInputs(schemas: readonly string[], dir: string): Map<string, Ora2pgInput> {
  mkdirSync(dir, { recursive: true })
  const inputs = new Map<string, Ora2pgInput>()
  for (const schema of schemas) {
    const ddl: string[] = []
    const dml: string[] = []
    for (const script of corpusLoadOrder('oracle', schema)) {
      for (const statement of readSqlPlusScript(script.path, { args: script.args }).statements) {
        ;(DML.test(statement.text) ? dml : ddl).push(asPlainSql(statement))
      }
    }
    const input = { ddl: join(dir, `${schema}-ddl.sql`), dml: join(dir, `${schema}-dml.sql`) }
    writeFileSync(input.ddl, ddl.join('\n'))
    writeFileSync(input.dml, dml.join('\n'))
    inputs.set(schema, input)
  }
  return inputs
}

function asPlainSql(statement: ScriptStatement): string {
  return statement.plsql ? `${statement.text}\n/\n` : `${statement.text};\n`
}
