import type { ValidationResult } from '../validate/validation-result.js'
import { mdCode } from './markdown.js'
import { renderSectionsMarkdown } from './section-markdown.js'
import { validationSections, validationSummary, validationTitle } from './validation-sections.js'

/** The validation as Markdown: summary first, then the table list, then each table that is not equal. */
export function renderValidationMarkdown(r: ValidationResult): string {
  return renderSectionsMarkdown(validationTitle(r), `Run ${mdCode(r.runId)}.`, validationSummary(r), validationSections(r))
}
