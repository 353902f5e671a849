import type { SchemaModel } from '../model/schema.js'
import type { DdlStatement } from '../engines/postgres/postgres-ddl-scope.js'
import { renderPostgresDdl } from '../engines/postgres/postgres-ddl.js'
import { renderRedshiftDdl } from '../engines/redshift/redshift-ddl.js'
import type { TargetEngine } from './target.js'
import type { CodeTranslator, TranslateContext } from './translate-context.js'

/** The one place conversion picks the target's DDL renderer. */
export function renderTargetDdl(engine: TargetEngine, model: SchemaModel, translator: CodeTranslator, context: (object: string) => TranslateContext): DdlStatement[] {
  switch (engine) {
    case 'postgres':
      return renderPostgresDdl(model, translator, context)
    case 'redshift':
      return renderRedshiftDdl(model, translator, context)
  }
}
