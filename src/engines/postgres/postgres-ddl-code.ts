import type { CodeObjectDef, SynonymDef } from '../../model/schema.js'
import { displayName, pgQualified, pgStoredName } from '../../convert/naming.js'
import type { TranslateContext } from '../../convert/translate-context.js'
import { NotRenderable, note, objectLabel, renderObject, type DdlScope } from './postgres-ddl-scope.js'

/** Functions, procedures, packages and type bodies, then triggers (they name the functions and tables). */
export function renderCode(scope: DdlScope): void {
  const ordered = [...scope.model.code.filter((c) => c.kind !== 'trigger'), ...scope.model.code.filter((c) => c.kind === 'trigger')]
  for (const def of ordered) {
    renderObject(scope, 'code', codeLabel(def), def.source, (ctx) => scope.translator.code(def, ctx))
  }
}

function codeLabel(def: CodeObjectDef): string {
  return objectLabel(def.kind.toUpperCase().replace('-', ' '), def)
}

/**
 * PostgreSQL has no synonyms. One for a table or view becomes a view over it; anything else
 * (a sequence, a routine, a remote object) is left to a person.
 */
export function renderSynonyms(scope: DdlScope): void {
  for (const s of scope.model.synonyms) {
    const label = objectLabel(s.public ? 'PUBLIC SYNONYM' : 'SYNONYM', s)
    renderObject(scope, 'code', label, { text: oracleSketch(s), at: s.at }, (ctx) => synonymSql(scope, s, ctx))
  }
}

function synonymSql(scope: DdlScope, s: SynonymDef, ctx: TranslateContext): string[] {
  if (s.dbLink) throw new NotRenderable(`synonym for a remote object (@${s.dbLink}): use postgres_fdw or oracle_fdw`, 'SYNONYM_DB_LINK', s.at)
  const relations = [...scope.model.tables, ...scope.model.views]
  const matches = (r: { schema?: string; name: string }) => r.name === s.target.name && (s.target.schema === undefined || r.schema === s.target.schema)
  if (!relations.some(matches) && s.target.schema === undefined) {
    throw new NotRenderable(`synonym target ${displayName(s.target)} is not a table or view in the input`, 'SYNONYM_TARGET_UNKNOWN', s.at)
  }
  const ownSchema = (schema?: string) => pgStoredName(schema ?? ctx.targetSchema)
  const name = { schema: s.public ? undefined : s.schema, name: s.name }
  if (ownSchema(name.schema) === ownSchema(s.target.schema) && pgStoredName(s.name) === pgStoredName(s.target.name)) {
    note(ctx, 'info', 'SYNONYM_SAME_NAME', `synonym has its target's name (${displayName(s.target)}); with search_path set it is not needed`, s.at)
    return []
  }
  note(ctx, 'info', 'SYNONYM_AS_VIEW', `synonym becomes a view over ${displayName(s.target)}`, s.at)
  return [`CREATE VIEW ${pgQualified(name)} AS SELECT * FROM ${pgQualified(s.target)};`]
}

function oracleSketch(s: SynonymDef): string {
  return `CREATE ${s.public ? 'PUBLIC ' : ''}SYNONYM ${displayName(s)} FOR ${displayName(s.target)}${s.dbLink ? `@${s.dbLink}` : ''}`
}
