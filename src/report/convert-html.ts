import type { ConvertReport } from '../convert/convert-report.js'
import { convertSections, convertSummary, convertTitle } from './convert-sections.js'
import { renderSectionsHtml } from './section-html.js'

/** The conversion as one self-contained HTML page (inline styles, no scripts), summary first. */
export function renderConvertHtml(r: ConvertReport): string {
  return renderSectionsHtml(convertTitle(r), r.generatedAt === undefined ? undefined : `Generated ${r.generatedAt}`, convertSummary(r), convertSections(r))
}
