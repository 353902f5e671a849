import type { Finding } from '../model/finding.js'
import type { SqlText } from '../model/location.js'
import type { SchemaModel } from '../model/schema.js'
import { oracleDialect } from '../engines/oracle/oracle-dialect.js'
import type { DdlStatement } from '../engines/postgres/postgres-ddl.js'
import { supportFunctionSql } from './sql/support-functions.js'
import { actionItem, commentedOut, keptUnparsed } from './comment-out.js'
import { makeTypeFormatter } from './format-type.js'
import { pgIdent, pgStoredName, searchPathFor } from './naming.js'
import type { SourceDialect } from './sql/dialect.js'
import { renderTargetDdl, targetTranslator } from './render-target-ddl.js'
import { alignForeignKeyTypes } from './align-key-types.js'
import { firstDataStatementNeedingCode, namesMentioned } from './data-placement.js'
import { resolveColumnTypes } from './resolve-types.js'
import { dependsOnUnconverted, type CodeTranslator, type TranslateContext } from './translate-context.js'
import { asTranslationFailure } from './translation-failure.js'
import type { TypeOverrides } from './type-overrides.js'
import { DEFAULT_TARGET, type TargetDialect } from './target.js'

export type OutputPhase = 'pre-data' | 'data' | 'post-data' | 'code'

/** The phases in the order the output files run (pg_dump's sections, with data in between). */
export const OUTPUT_FILES: ReadonlyArray<{ readonly phase: OutputPhase; readonly file: string }> = [
  { phase: 'pre-data', file: '01-pre-data.sql' },
  { phase: 'data', file: '02-data.sql' },
  { phase: 'post-data', file: '03-post-data.sql' },
  { phase: 'code', file: '04-code.sql' },
]

export interface OutputStatement {
  readonly phase: OutputPhase
  readonly object: string
  readonly sql: string
}

export interface ConvertOptions {
  /** PostgreSQL schema for objects the source names without a schema. */
  readonly targetSchema: string
  readonly typeOverrides?: TypeOverrides
  /** The PostgreSQL the output must run on (default: the oldest supported major, DEFAULT_TARGET). */
  readonly target?: TargetDialect
  /** The source's dialect: its type table and translator (default Oracle's). */
  readonly source?: SourceDialect
}

export interface ConvertResult {
  readonly schema: SchemaModel
  readonly targetSchema: string
  readonly target: TargetDialect
  readonly statements: readonly OutputStatement[]
  readonly findings: readonly Finding[]
}

/**
 * Source schema model (+ the data statements of the scripts) → PostgreSQL statements by phase,
 * with every object that could not be translated kept commented out beside an action item.
 */
export function convertToPostgres(
  source: { readonly schema: SchemaModel; readonly data: readonly SqlText[]; readonly findings: readonly Finding[] },
  options: ConvertOptions,
): ConvertResult {
  const targetSchema = pgStoredName(options.targetSchema)
  const targetSchemaOf = (s?: string) => (s ? pgStoredName(s) : targetSchema)
  const dialect = options.source ?? oracleDialect
  const formatType = makeTypeFormatter(options.typeOverrides ?? [], dialect.logicalType, options.target)
  const supported = resolveColumnTypes(source.schema, targetSchemaOf)
  const resolved = alignForeignKeyTypes(supported.model, formatType, targetSchemaOf)
  const findings: Finding[] = [...source.findings, ...supported.findings, ...resolved.findings]
  const support = new Set<string>()
  const target = options.target ?? DEFAULT_TARGET
  const context = (object: string): TranslateContext => ({
    object,
    findings,
    catalog: resolved.model,
    targetSchema,
    formatType,
    support,
    target,
  })

  const ddl: readonly DdlStatement[] = renderTargetDdl(target.engine, resolved.model, dialect.translator, context)
  const unconverted = unconvertedNames(findings)
  const data = source.data.map((text, i) => translateData(text, dialect.translator, context(`DATA statement ${i + 1}`), unconverted))
  const afterCode = firstDataStatementNeedingCode(source.data, resolved.model)
  if (afterCode < source.data.length) {
    const text = source.data[afterCode]!
    findings.push({ code: 'DATA_AFTER_VIEWS', severity: 'info', object: `DATA statement ${afterCode + 1}`, message: `this data statement reads a view, calls a routine or checks the indexes of the schema, so it and the ${source.data.length - afterCode - 1} after it run at the end of the code phase, once those exist`, at: text.at })
  }
  const dataStatements: OutputStatement[] = data.flatMap((sqls, i) => sqls.map((sql) => ({ phase: i < afterCode ? 'data' : 'code', object: 'DATA', sql })))

  const schemas = new Set<string>([targetSchema])
  for (const o of [...resolved.model.tables, ...resolved.model.views, ...resolved.model.sequences, ...resolved.model.types, ...resolved.model.code]) {
    if (o.schema) schemas.add(targetSchemaOf(o.schema))
  }
  const header: OutputStatement[] = [...schemas]
    .filter((s) => s !== 'public')
    .map((s) => ({ phase: 'pre-data', object: `SCHEMA ${s}`, sql: `CREATE SCHEMA IF NOT EXISTS ${pgIdent(s)};` }))
  const supportSql: OutputStatement[] = supportFunctionSql(support).map((sql) => ({ phase: 'pre-data', object: 'godwit_ora support', sql }))

  return {
    schema: resolved.model,
    targetSchema,
    target,
    statements: [...header, ...supportSql, ...ddl, ...dataStatements, ...keptUnparsed(source.findings)],
    findings,
  }
}

/**
 * The names of the views and routines left as action items: a data statement that reads or
 * runs one (`INSERT … SELECT FROM v`, `EXEC m`) cannot run either.
 */
function unconvertedNames(findings: readonly Finding[]): Set<string> {
  const kinds = /^(?:VIEW|MATERIALIZED VIEW|MACRO|PROCEDURE|FUNCTION) (?:.*\.)?([^.]+)$/
  return new Set(findings.flatMap((f) => (f.severity === 'action' && f.object ? [kinds.exec(f.object)?.[1]].filter((n): n is string => !!n) : [])))
}

function translateData(text: SqlText, translator: CodeTranslator, ctx: TranslateContext, unconverted: ReadonlySet<string>): string[] {
  try {
    const sql = targetTranslator(ctx.target.engine, translator).dataStatement(text, ctx)
    const needs = namesMentioned(text, unconverted)
    if (needs.length) throw dependsOnUnconverted('uses', needs, text.at)
    return sql
  } catch (e) {
    const failure = asTranslationFailure(e)
    if (!failure) throw e
    ctx.findings.push(actionItem(ctx.object, failure.code, failure.message, failure.at ?? text.at, text.text))
    return [commentedOut(text.text, failure.message, failure.at ?? text.at)]
  }
}

/** The text of one output file: a header that makes it run on its own, then its statements. */
export function renderOutputFile(result: ConvertResult, phase: OutputPhase): string {
  const body = result.statements.filter((s) => s.phase === phase).map((s) => ensureTerminated(s.sql))
  const searchPath = searchPathFor(result.targetSchema)
  const head = [
    `-- godwit: ${phase} (run the files in name order, e.g. psql -v ON_ERROR_STOP=1 -f FILE)`,
    `SET search_path = ${searchPath};`,
    // Redshift is UTF-8 only and has neither setting; its CREATE PROCEDURE does not check bodies.
    ...(result.target.engine === 'postgres' ? ["SET client_encoding = 'UTF8';", ...(phase === 'code' ? ['SET check_function_bodies = off;'] : [])] : []),
  ]
  return `${[...head, ...body].join('\n\n')}\n`
}

function ensureTerminated(sql: string): string {
  const t = sql.trimEnd()
  // A fully commented-out statement needs no terminator; anything else gets exactly one.
  if (t.split('\n').every((l) => l.startsWith('--') || l.trim() === '')) return t
  return t.endsWith(';') ? t : `${t};`
}
