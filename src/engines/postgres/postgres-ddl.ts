import type { SchemaModel } from '../../model/schema.js'
import type { CodeTranslator, TranslateContext } from '../../convert/translate-context.js'
import { renderCode, renderSynonyms } from './postgres-ddl-code.js'
import { renderPostData } from './postgres-ddl-constraints.js'
import { renderPrimaryIndexes } from './postgres-ddl-distribution.js'
import { renderGrants } from './postgres-ddl-grants.js'
import type { DdlScope, DdlStatement } from './postgres-ddl-scope.js'
import { renderSequences } from './postgres-ddl-sequences.js'
import { renderTables } from './postgres-ddl-tables.js'
import { renderTypes } from './postgres-ddl-types.js'
import { renderViews } from './postgres-ddl-views.js'

export type { DdlStatement } from './postgres-ddl-scope.js'

/**
 * The schema model as PostgreSQL statements in pg_dump's sections (docs/ddl-rendering.md):
 * pre-data (types, sequences, tables, partitions, comments) before the load, post-data (keys,
 * checks, indexes, foreign keys, identity resets) after it, and code (synonyms, routines, views, triggers,
 * grants) last. What cannot be rendered is kept commented out with an action item in the
 * context's findings.
 */
export function renderPostgresDdl(model: SchemaModel, translator: CodeTranslator, context: (object: string) => TranslateContext): DdlStatement[] {
  const scope: DdlScope = { model, translator, context, out: [] }
  renderTypes(scope)
  renderSequences(scope)
  renderTables(scope)
  renderPostData(scope)
  renderPrimaryIndexes(scope)
  renderSynonyms(scope, 'before-views')
  renderCode(scope, 'routines')
  renderViews(scope)
  renderSynonyms(scope, 'after-views')
  renderCode(scope, 'triggers')
  renderGrants(scope)
  return scope.out
}
