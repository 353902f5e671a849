import type { TableResult, ValidationResult } from '../validate/validation-result.js'
import { renderJunit, type JunitCase } from './junit.js'
import { differenceLine, emptySideText, scopeLines, tableStatusLabel } from './validation-text.js'

const KEYS_IN_FAILURE = 20

/** The validation as JUnit XML: one testcase per table, failures carry counts and the first keys. */
export function renderValidationJunit(r: ValidationResult): string {
  return renderJunit({
    name: 'godwit validate',
    timestamp: r.startedAt,
    seconds: r.seconds,
    properties: { filters: scopeLines(r.scope).join('; '), ...(r.targetOnlyTables.length > 0 ? { 'only-on-target': r.targetOnlyTables.join(', ') } : {}) },
    cases: r.tables.map((t) => tableCase(t, r)),
  })
}

function tableCase(t: TableResult, r: ValidationResult): JunitCase {
  const base = { name: t.name, className: `godwit.validate.${t.comparison}`, seconds: t.seconds }
  if (t.error) return { ...base, error: { message: `${t.error.code}: ${t.error.message}`, details: t.error.message } }
  const label = tableStatusLabel(t, r.scope)
  // A sampled or filtered pass passes, and says what it did not look at.
  if (t.status === 'PASS') return label === 'PASS' ? base : { ...base, output: `${label}: no differences in what was compared; ${scopeLines(r.scope).join('; ')}` }
  const counts = `${label}: source ${t.sourceRows ?? '—'} rows, target ${t.targetRows ?? '—'} rows, ${t.differenceCount} differing rows`
  const empty = emptySideText(t)
  const lines = [
    ...t.schema.filter((f) => f.severity === 'error').map((f) => `${f.code}: ${f.message}`),
    ...(empty ? [empty] : []),
    ...t.differences.slice(0, KEYS_IN_FAILURE).map((d) => differenceLine(t, d)),
    ...(t.aggregates ?? []).filter((a) => !a.equal).map((a) => `${a.aggregate}(${a.column}): ${a.source} vs ${a.target}`),
  ]
  return { ...base, failure: { message: counts, details: lines.join('\n') } }
}
