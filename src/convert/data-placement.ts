import type { SqlText } from '../model/location.js'
import type { SchemaModel } from '../model/schema.js'
import { tokenize } from './sql/tokenizer.js'

/**
 * Where the data statements stop fitting the data phase: the index of the first one that
 * reads a view (OE's oc_popul.sql fills categories_tab from oc_product_information), calls a
 * routine of the schema (Teradata's `EXEC macro`, a function in a VALUES list) or checks
 * indexes (ANALYZE … VALIDATE STRUCTURE, which amcheck runs over them), or the count when none
 * does. Views and routines are created in the code phase and indexes in post-data, after the
 * data, so from that statement on the data runs at the end of the code phase instead; the
 * statements after it move too, since they may rely on the rows it writes (script order is kept).
 * A token scan is enough: a column named like a view or routine only moves statements later,
 * which still runs them correctly.
 */
export function firstDataStatementNeedingCode(data: readonly SqlText[], model: Pick<SchemaModel, 'views' | 'code'>): number {
  const names = new Set([...model.views, ...model.code].map((o) => o.name))
  const index = data.findIndex((text) => CHECKS_STRUCTURE.test(text.text) || (names.size > 0 && namesMentioned(text, names).length > 0))
  return index < 0 ? data.length : index
}

const CHECKS_STRUCTURE = /^\s*ANALYZE\b[\s\S]*\bVALIDATE\s+STRUCTURE\b/i

/** The names of `names` a statement's text mentions as words (a token scan, as above). */
export function namesMentioned(text: SqlText, names: ReadonlySet<string>): string[] {
  const found = new Set<string>()
  for (const t of tokenize(text.text, text.at)) if ((t.kind === 'word' || t.kind === 'qident') && names.has(t.value)) found.add(t.value)
  return [...found]
}
