import type { CodeObjectDef, SynonymDef } from '../../model/schema.js'
import { displayName, pgQualified, pgStoredName } from '../../convert/naming.js'
import type { TranslateContext } from '../../convert/translate-context.js'
import { NotRenderable, note, objectLabel, renderObject, type DdlScope } from './postgres-ddl-scope.js'

/**
 * Functions, procedures, packages and type bodies (`stage: 'routines'`), or triggers (they name
 * the functions and tables, and an INSTEAD OF trigger its view). Routines come before views,
 * which may call them (OE's customers_view calls get_phone_number_f); their bodies are not
 * checked when created (check_function_bodies = off), so views they read may come later.
 */
export function renderCode(scope: DdlScope, stage: 'routines' | 'triggers'): void {
  for (const def of scope.model.code.filter((c) => (c.kind === 'trigger') === (stage === 'triggers'))) {
    renderObject(scope, 'code', codeLabel(def), def.source, (ctx) => scope.translator.code(def, ctx))
  }
}

function codeLabel(def: CodeObjectDef): string {
  return objectLabel(def.kind.toUpperCase().replace('-', ' '), def)
}

/**
 * PostgreSQL has no synonyms. One for a table or view becomes a view over it (code phase);
 * anything else (a sequence, a routine, a remote object) is left to a person. Those over a view
 * of the input need that view, so they come after the views (`stage: 'after-views'`); the
 * others come before them, since views may read through them (OE's views read HR's countries
 * through the synonym countries).
 */
export function renderSynonyms(scope: DdlScope, stage: 'before-views' | 'after-views'): void {
  const isView = (s: SynonymDef) => scope.model.views.some((v) => v.name === s.target.name && (s.target.schema === undefined || v.schema === s.target.schema))
  for (const s of scope.model.synonyms) {
    if (isView(s) !== (stage === 'after-views')) continue
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
