import type { AssessmentResult } from '../convert/assess/assessment-result.js'
import { assessmentSections, assessmentTitle, summaryFigures } from './assessment-sections.js'
import { mdEscape } from './markdown.js'
import { renderSectionsMarkdown } from './section-markdown.js'

/** The assessment as Markdown: summary first, then schemas, inventory, constructs, objects, action items. */
export function renderAssessmentMarkdown(r: AssessmentResult): string {
  return renderSectionsMarkdown(assessmentTitle(r), r.generatedAt === undefined ? undefined : `Generated ${mdEscape(r.generatedAt)}.`, summaryFigures(r), assessmentSections(r))
}
