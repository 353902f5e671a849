import type { LogicalType } from '../model/logical-type.js'
import type { NativeType, SchemaModel } from '../model/schema.js'
import type { DdlStatement } from '../engines/postgres/postgres-ddl-scope.js'
import { renderPostgresDdl } from '../engines/postgres/postgres-ddl.js'
import { formatPostgresType } from '../engines/postgres/postgres-types.js'
import { renderRedshiftDdl } from '../engines/redshift/redshift-ddl.js'
import { redshiftTranslator } from '../engines/redshift/redshift-translator.js'
import { formatRedshiftType } from '../engines/redshift/redshift-types.js'
import type { TargetEngine } from './target.js'
import type { CodeTranslator, TranslateContext } from './translate-context.js'

// The one place conversion picks by target engine: the DDL renderer, the translator for what is
// translated outside the DDL, and the type rules.

/** The target's DDL renderer (each narrows the translator itself). */
export function renderTargetDdl(engine: TargetEngine, model: SchemaModel, translator: CodeTranslator, context: (object: string) => TranslateContext): DdlStatement[] {
  switch (engine) {
    case 'postgres':
      return renderPostgresDdl(model, translator, context)
    case 'redshift':
      return renderRedshiftDdl(model, translator, context)
  }
}

/** The SQL translator narrowed to the target engine, for what is translated outside the DDL (data statements). */
export function targetTranslator(engine: TargetEngine, translator: CodeTranslator): CodeTranslator {
  switch (engine) {
    case 'postgres':
      return translator
    case 'redshift':
      return redshiftTranslator(translator)
  }
}

/** The target's type text for a logical type (its documented rules). */
export function targetTypeFormat(engine: TargetEngine): (t: LogicalType, native?: NativeType) => string {
  switch (engine) {
    case 'postgres':
      return formatPostgresType
    case 'redshift':
      return formatRedshiftType
  }
}
