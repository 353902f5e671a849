import { makeTypeFormatter } from '../../../../src/convert/format-type.js'
import { DEFAULT_REDSHIFT_TARGET } from '../../../../src/convert/target.js'
import type { CodeTranslator, TranslateContext } from '../../../../src/convert/translate-context.js'
import type { Finding } from '../../../../src/model/finding.js'
import type { ColumnDef, NativeType, SchemaModel } from '../../../../src/model/schema.js'
import { oracleLogicalType } from '../../../../src/engines/oracle/oracle-types.js'
import type { DdlStatement } from '../../../../src/engines/postgres/postgres-ddl-scope.js'
import { renderRedshiftDdl } from '../../../../src/engines/redshift/redshift-ddl.js'
import { teradataLogicalType } from '../../../../src/engines/teradata/teradata-types.js'
import { postgresSyntaxError } from '../../../support/pg-parser.js'
import { stripRedshiftAttributes } from '../../../support/redshift-attributes.js'
import { passThroughTranslator } from '../postgres/ddl-fixtures.js'

/** A Teradata column as its reader would build it: native type parts and the Teradata mapping. */
export function tdColumn(name: string, native: Omit<NativeType, 'text'>, extra: Partial<ColumnDef> = {}): ColumnDef {
  const n: NativeType = { ...native, text: native.name }
  return { name, nativeType: n, type: teradataLogicalType(n), nullable: true, ...extra }
}

export interface RenderedRedshift {
  readonly statements: DdlStatement[]
  readonly findings: Finding[]
  /** Statements, then each finding as a comment: what a golden file holds. */
  golden(): string
  /** PostgreSQL parser errors of the statements once Redshift's attributes are removed. */
  syntaxErrors(): string[]
}

export function renderRedshift(m: SchemaModel, translator: CodeTranslator = passThroughTranslator): RenderedRedshift {
  const findings: Finding[] = []
  const toLogical = m.engine === 'teradata' ? teradataLogicalType : oracleLogicalType
  const formatType = makeTypeFormatter([], toLogical, DEFAULT_REDSHIFT_TARGET)
  const context = (object: string): TranslateContext => ({ object, findings, catalog: m, targetSchema: 'public', formatType, support: new Set(), target: DEFAULT_REDSHIFT_TARGET })
  const statements = renderRedshiftDdl(m, translator, context)
  return {
    statements,
    findings,
    golden: () =>
      [
        ...statements.map((s) => `-- [${s.phase}] ${s.object}\n${s.sql}`),
        ...findings.map((f) => `-- finding: ${f.severity} ${f.code} ${f.object}: ${f.message}`),
      ].join('\n\n') + '\n',
    syntaxErrors: () =>
      statements.flatMap((s) => {
        const e = postgresSyntaxError(stripRedshiftAttributes(s.sql))
        return e ? [`${e}\n${s.sql}`] : []
      }),
  }
}
