import { DEFAULT_TARGET } from '../../../../src/convert/target.js'
import type { Finding } from '../../../../src/model/finding.js'
import type { ColumnDef, NativeType, SchemaModel, TableDef } from '../../../../src/model/schema.js'
import { emptySchema } from '../../../../src/model/schema.js'
import { makeTypeFormatter } from '../../../../src/convert/format-type.js'
import { TokenCursor } from '../../../../src/convert/sql/cursor.js'
import { tokenize } from '../../../../src/convert/sql/tokenizer.js'
import { UnsupportedConstructError, type CodeTranslator, type TranslateContext } from '../../../../src/convert/translate-context.js'
import { oracleLogicalType, parseNativeType } from '../../../../src/engines/oracle/oracle-types.js'
import { renderPostgresDdl, type DdlStatement } from '../../../../src/engines/postgres/postgres-ddl.js'
import { postgresSyntaxError } from '../../../support/pg-parser.js'

/** Oracle type text → NativeType, through the real Oracle type parser. */
export function native(text: string): NativeType {
  const c = new TokenCursor(tokenize(text), text, '<test>')
  return parseNativeType(c)
}

export function column(name: string, type: string, extra: Partial<ColumnDef> = {}): ColumnDef {
  const n = native(type)
  return { name, nativeType: n, type: oracleLogicalType(n), nullable: true, ...extra }
}

export function table(name: string, columns: readonly ColumnDef[], extra: Partial<TableDef> = {}): TableDef {
  return { name, columns, uniques: [], checks: [], foreignKeys: [], ...extra }
}

export function model(parts: Partial<SchemaModel>): SchemaModel {
  return { ...emptySchema('oracle'), ...parts }
}

/**
 * Stands in for the SQL translator: expressions and queries come back as written, except that
 * text containing `UNTRANSLATABLE` is refused, so tests can drive the commented-out path.
 */
export const passThroughTranslator: CodeTranslator = {
  expression: (src) => refuseMarked(src.text),
  query: (src) => refuseMarked(src.text),
  dataStatement: (src) => [refuseMarked(src.text)],
  code: (def) => [refuseMarked(def.source.text)],
}

function refuseMarked(text: string): string {
  if (text.includes('UNTRANSLATABLE')) throw new UnsupportedConstructError(`cannot translate ${text}`, { file: 'x.sql', line: 3, column: 7 })
  return text
}

export interface Rendered {
  readonly statements: DdlStatement[]
  readonly findings: Finding[]
  /** The SQL of one phase, statements joined. */
  sql(phase?: DdlStatement['phase']): string
}

export function render(m: SchemaModel, translator: CodeTranslator = passThroughTranslator): Rendered {
  const findings: Finding[] = []
  const formatType = makeTypeFormatter([], oracleLogicalType)
  const context = (object: string): TranslateContext => ({ object, findings, catalog: m, targetSchema: 'hr', formatType, support: new Set(), target: DEFAULT_TARGET })
  const statements = renderPostgresDdl(m, translator, context)
  return {
    statements,
    findings,
    sql: (phase) => statements.filter((s) => phase === undefined || s.phase === phase).map((s) => s.sql).join('\n'),
  }
}

/** Every statement PostgreSQL's parser rejects, with its error (commented-out ones parse as empty). */
export function syntaxErrors(r: Rendered): string[] {
  return r.statements.flatMap((s) => {
    const e = postgresSyntaxError(s.sql)
    return e ? [`${e}\n${s.sql}`] : []
  })
}

export function codes(r: Rendered): string[] {
  return r.findings.map((f) => f.code)
}
