import type { QualifiedName } from '../model/schema.js'

/**
 * The naming rule (docs/naming.md): names the source stored folded to upper case (Oracle's
 * unquoted names) are written in lower case and unquoted, PostgreSQL's own folding; any other
 * name (it was quoted in the source: mixed or lower case, spaces) is quoted with its case kept.
 * A folded name that is a PostgreSQL reserved word, or holds `$`/`#`, is quoted in lower case.
 */
const PG_RESERVED = new Set(
  (
    'all analyse analyze and any array as asc asymmetric authorization binary both case cast check collate collation ' +
    'column concurrently constraint create cross current_catalog current_date current_role current_schema ' +
    'current_time current_timestamp current_user default deferrable desc distinct do else end except false fetch ' +
    'for foreign freeze from full grant group having ilike in initially inner intersect into is isnull join lateral ' +
    'leading left like limit localtime localtimestamp natural not notnull null offset on only or order outer overlaps ' +
    'placing primary references returning right select session_user similar some symmetric system_user table ' +
    'tablesample then to trailing true union unique user using variadic verbose when where window with'
  ).split(' '),
)

const FOLDED = /^[A-Z_][A-Z0-9_$#]*$/

export function isPgReserved(word: string): boolean {
  return PG_RESERVED.has(word.toLowerCase())
}

/** A PostgreSQL string literal (standard_conforming_strings: only quotes are doubled). */
export function quoteLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`
}

/** How a source identifier is written in PostgreSQL SQL. */
export function pgIdent(name: string): string {
  if (FOLDED.test(name)) {
    const lower = name.toLowerCase()
    if (!PG_RESERVED.has(lower) && /^[a-z_][a-z0-9_]*$/.test(lower)) return lower
    return `"${lower}"`
  }
  return `"${name.replace(/"/g, '""')}"`
}

/** The name PostgreSQL will store (what `pgIdent` denotes), for catalog lookups and reports. */
export function pgStoredName(name: string): string {
  return FOLDED.test(name) ? name.toLowerCase() : name
}

/** `schema.name`, with the schema left out when it is absent. */
export function pgQualified(q: QualifiedName): string {
  return q.schema ? `${pgIdent(q.schema)}.${pgIdent(q.name)}` : pgIdent(q.name)
}

/** A name for messages and reports: `HR.EMPLOYEES`. */
export function displayName(q: QualifiedName): string {
  return q.schema ? `${q.schema}.${q.name}` : q.name
}

/** The search_path the output files run with: the target schema (stored name), then public. */
export function searchPathFor(targetSchema: string, ...before: readonly string[]): string {
  const schemas = [...new Set([...before, targetSchema])].filter((s) => s !== 'public')
  return [...schemas.map(pgIdent), 'public'].join(', ')
}
