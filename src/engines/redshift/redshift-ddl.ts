import type { SchemaModel } from '../../model/schema.js'
import type { CodeTranslator, TranslateContext } from '../../convert/translate-context.js'
import { renderCode, renderSynonyms } from '../postgres/postgres-ddl-code.js'
import type { DdlScope, DdlStatement } from '../postgres/postgres-ddl-scope.js'
import { renderViews } from '../postgres/postgres-ddl-views.js'
import { renderRedshiftPostData } from './redshift-ddl-constraints.js'
import { renderRedshiftGrants, renderRedshiftTypes, viewsForRedshift } from './redshift-ddl-objects.js'
import { renderRedshiftTables } from './redshift-ddl-tables.js'
import { renderRedshiftSequences, sequenceOwners } from './redshift-sequences.js'
import { redshiftTranslator } from './redshift-translator.js'

/**
 * The schema model as Amazon Redshift statements, in the sections PostgreSQL's renderer uses
 * (docs/redshift.md). Redshift's renderer is PostgreSQL's with these steps replaced: types
 * (none), sequences (IDENTITY or an action item), tables (byte lengths, distribution, sort
 * key, ENCODE AUTO), post-data (informational keys, no checks or indexes) and grants; views,
 * synonyms and routines run through PostgreSQL's steps with a translator narrowed to Redshift.
 */
export function renderRedshiftDdl(model: SchemaModel, translator: CodeTranslator, context: (object: string) => TranslateContext): DdlStatement[] {
  const scope: DdlScope = { model, translator: redshiftTranslator(translator), context, out: [] }
  const owners = sequenceOwners(model)
  renderRedshiftTypes(scope)
  renderRedshiftSequences(scope, owners)
  renderRedshiftTables(scope, owners)
  renderRedshiftPostData(scope)
  renderSynonyms(scope, 'before-views')
  renderCode(scope, 'routines')
  renderViews({ ...scope, model: viewsForRedshift(scope) })
  renderSynonyms(scope, 'after-views')
  renderCode(scope, 'triggers')
  renderRedshiftGrants(scope)
  return scope.out
}
