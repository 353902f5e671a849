import type { Finding } from '../model/finding.js'
import type { SchemaModel } from '../model/schema.js'
import { unenforcedKeys, type UnenforcedKey } from '../engines/redshift/redshift-ddl-constraints.js'
import { OUTPUT_FILES, type ConvertResult } from './convert.js'
import { targetName, type TargetEngine } from './target.js'

export interface ObjectCounts {
  readonly tables: number
  readonly views: number
  readonly materializedViews: number
  readonly sequences: number
  readonly indexes: number
  readonly types: number
  readonly functions: number
  readonly procedures: number
  readonly packages: number
  readonly triggers: number
  readonly synonyms: number
  readonly dataStatements: number
}

/** What `godwit convert --json` prints and what `conversion-report.json` holds. */
export interface ConvertReport {
  readonly from: 'oracle'
  readonly to: TargetEngine
  /** `PostgreSQL 14`, `Amazon Redshift`. */
  readonly targetName: string
  /** The PostgreSQL major (or Redshift cluster build) the output was written for; it runs there and on every newer one. */
  readonly targetVersion: number
  /**
   * Redshift: the primary, unique and foreign keys it holds without enforcing them, which the
   * load and validation check instead. Absent for PostgreSQL, which enforces them.
   */
  readonly unenforcedKeys?: readonly UnenforcedKey[]
  readonly outDir?: string
  readonly targetSchema: string
  readonly files: ReadonlyArray<{ readonly name: string; readonly statements: number }>
  readonly objects: ObjectCounts
  readonly actionItems: readonly Finding[]
  readonly warnings: readonly Finding[]
  /**
   * Info findings: what was read and deliberately not written (a DROP, a user, a storage clause),
   * each saying why nothing is lost, so no statement of the input disappears without a word.
   */
  readonly notes: readonly Finding[]
  readonly seconds: number
  /** When the conversion ran, as given by the caller (the converter reads no clock). */
  readonly generatedAt?: string
}

export function countObjects(schema: SchemaModel, dataStatements: number): ObjectCounts {
  const code = (kind: string) => schema.code.filter((c) => c.kind === kind).length
  return {
    tables: schema.tables.length,
    views: schema.views.filter((v) => !v.materialized).length,
    materializedViews: schema.views.filter((v) => v.materialized).length,
    sequences: schema.sequences.length,
    indexes: schema.indexes.length,
    types: schema.types.filter((t) => t.kind !== 'forward').length,
    functions: code('function'),
    procedures: code('procedure'),
    packages: code('package'),
    triggers: code('trigger'),
    synonyms: schema.synonyms.length,
    dataStatements,
  }
}

export function buildConvertReport(result: ConvertResult, dataStatements: number, seconds: number, outDir?: string, generatedAt?: string): ConvertReport {
  return {
    from: 'oracle',
    to: result.target.engine,
    targetName: targetName(result.target),
    targetVersion: result.target.version,
    ...(result.target.engine === 'redshift' ? { unenforcedKeys: unenforcedKeys(result.schema) } : {}),
    outDir,
    targetSchema: result.targetSchema,
    files: OUTPUT_FILES.map((f) => ({ name: f.file, statements: result.statements.filter((s) => s.phase === f.phase).length })),
    objects: countObjects(result.schema, dataStatements),
    actionItems: result.findings.filter((f) => f.severity === 'action'),
    warnings: result.findings.filter((f) => f.severity === 'warning'),
    notes: result.findings.filter((f) => f.severity === 'info'),
    seconds,
    generatedAt,
  }
}
