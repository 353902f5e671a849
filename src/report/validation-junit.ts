import type { TableResult, ValidationResult } from '../validate/validation-result.js'
import { renderJunit, type JunitCase } from './junit.js'

const KEYS_IN_FAILURE = 20

/** The validation as JUnit XML: one testcase per table, failures carry counts and the first keys. */
export function renderValidationJunit(r: ValidationResult): string {
  return renderJunit({ name: 'godwit validate', timestamp: r.startedAt, seconds: r.seconds, cases: r.tables.map(tableCase) })
}

function tableCase(t: TableResult): JunitCase {
  const base = { name: t.name, className: `godwit.validate.${t.comparison}`, seconds: t.seconds }
  if (t.error) return { ...base, error: { message: `${t.error.code}: ${t.error.message}`, details: t.error.message } }
  if (t.status === 'PASS') return base
  const counts = `source ${t.sourceRows ?? '—'} rows, target ${t.targetRows ?? '—'} rows, ${t.differenceCount} differing rows`
  const lines = [
    ...t.schema.filter((f) => f.severity === 'error').map((f) => `${f.code}: ${f.message}`),
    ...t.differences.slice(0, KEYS_IN_FAILURE).map((d) => `${d.kind} ${JSON.stringify(d.key)}${d.columns.length > 0 ? ` columns ${d.columns.join(', ')}` : ''}`),
    ...(t.aggregates ?? []).filter((a) => !a.equal).map((a) => `${a.aggregate}(${a.column}): ${a.source} vs ${a.target}`),
  ]
  return { ...base, failure: { message: counts, details: lines.join('\n') } }
}
