import type { EngineName } from '../../model/schema.js'
import { CONSTRUCTS, type ConstructRule } from './construct-catalogue.js'
import { TERADATA_CONSTRUCTS } from './teradata-construct-catalogue.js'

/**
 * Rules that look at the model's structure (partitioning, temporary tables, unsupported column
 * types, materialized views …) hold for every source; rules over source text are written in
 * one dialect's words and belong to that dialect.
 */
const STRUCTURAL = CONSTRUCTS.filter((rule) => 'model' in rule.detect)

/** The construct catalogue a source engine's schema is assessed with. */
export function constructCatalogue(engine: EngineName): readonly ConstructRule[] {
  switch (engine) {
    case 'teradata':
      return [...STRUCTURAL, ...TERADATA_CONSTRUCTS]
    case 'oracle':
    case 'postgres':
    case 'redshift':
      return CONSTRUCTS
  }
}
