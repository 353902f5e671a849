import type { AssessmentResult } from '../convert/assess/assessment-result.js'
import { assessmentSections, assessmentTitle, summaryFigures } from './assessment-sections.js'
import { renderSectionsHtml } from './section-html.js'

/** The assessment as one self-contained HTML page (inline styles, no scripts), summary first. */
export function renderAssessmentHtml(r: AssessmentResult): string {
  return renderSectionsHtml(assessmentTitle(r), r.generatedAt === undefined ? undefined : `Generated ${r.generatedAt}`, summaryFigures(r), assessmentSections(r))
}
