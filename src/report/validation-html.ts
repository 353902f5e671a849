import type { ValidationResult } from '../validate/validation-result.js'
import { el, type HtmlChild } from './html.js'
import { renderSectionsHtml } from './section-html.js'
import { validationSections, validationSummary, validationTitle } from './validation-sections.js'

/** Table statuses in colour: green for PASS (also a sampled or filtered one), red otherwise. */
function statusCell(c: string | number): HtmlChild {
  const status = typeof c === 'string' ? /^(PASS|FAIL|ERROR)\b/.exec(c)?.[1] : undefined
  return status ? el('strong', { style: `color:${status === 'PASS' ? '#1a7f37' : '#cf222e'}` }, c) : c
}

/** The validation as one self-contained HTML page (inline styles, no scripts), summary first. */
export function renderValidationHtml(r: ValidationResult): string {
  return renderSectionsHtml(validationTitle(r), `Run ${r.runId}`, validationSummary(r), validationSections(r), statusCell)
}
