import type { ConvertReport } from '../convert/convert-report.js'
import { convertSections, convertSummary, convertTitle } from './convert-sections.js'
import { mdEscape } from './markdown.js'
import { renderSectionsMarkdown } from './section-markdown.js'

/** The conversion as Markdown: summary, output files, objects, action items, warnings. */
export function renderConvertMarkdown(r: ConvertReport): string {
  return renderSectionsMarkdown(convertTitle(r), r.generatedAt === undefined ? undefined : `Generated ${mdEscape(r.generatedAt)}.`, convertSummary(r), convertSections(r))
}
