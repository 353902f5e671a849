import { UnsupportedConstructError } from '../../convert/translate-context.js'

/**
 * Constructs the PostgreSQL generator writes that Redshift does not have. Checked on the
 * generated text (string literals and comments blanked out), each with the reason the action
 * item gives. The generator itself stays PostgreSQL's; this is the list of where Redshift's
 * dialect is narrower, until the SQL generator takes a Redshift subclass (design.md section 7).
 */
const UNSUPPORTED: ReadonlyArray<{ readonly pattern: RegExp; readonly what: string }> = [
  { pattern: /::\s*jsonb\b|\bjsonb_\w+\s*\(|\bjsonb\b/i, what: 'jsonb (Redshift keeps JSON in SUPER, queried with PartiQL paths or JSON_EXTRACT_PATH_TEXT)' },
  { pattern: /\bIS\s+(?:NOT\s+)?JSON\b/i, what: 'IS JSON (use CAN_JSON_PARSE)' },
  { pattern: /\bjson_(?:value|query|exists|table|object|array|objectagg|arrayagg|serialize|scalar)\s*\(/i, what: 'the SQL/JSON functions' },
  { pattern: /\bjson(?:b)?_(?:build_\w+|agg|object_agg|array_elements\w*|each\w*|populate\w*|to_record\w*|path_\w+)\s*\(/i, what: 'PostgreSQL JSON functions' },
  { pattern: /\bxml\w*\s*\(|::\s*xml\b/i, what: 'XML functions' },
  { pattern: /\bLATERAL\b/i, what: 'LATERAL joins' },
  { pattern: /\b(?:unnest|array_agg|array_length|cardinality|string_to_array|regexp_split_to_\w+)\s*\(|\bARRAY\s*\[|\[\s*\]/i, what: 'arrays' },
  { pattern: /\bgenerate_series\s*\(/i, what: 'generate_series (it runs on the leader node only)' },
  { pattern: /\bregexp_(?:like|matches)\s*\(/i, what: 'regexp_like (use ~ or REGEXP_COUNT)' },
  { pattern: /\bWITH\s+RECURSIVE\b[\s\S]*?\b(?:CYCLE\s+\w+\s+SET|SEARCH\s+(?:DEPTH|BREADTH)\s+FIRST)\b/i, what: 'CYCLE/SEARCH clauses of a recursive CTE' },
  // Redshift's recursive form is `name (column, …) AS (…)`: the column list is required.
  { pattern: /\bWITH\s+RECURSIVE\s+(?:"[^"]+"|\w+)\s+AS\s*\(/i, what: 'a recursive CTE without a column list (Redshift requires one)' },
  { pattern: /\bWHEN\s+(?:NOT\s+)?MATCHED\s+AND\b/i, what: 'MERGE with a condition on WHEN [NOT] MATCHED (Redshift takes one unconditional clause of each)' },
  { pattern: /\bnextval\s*\(|\bcurrval\s*\(|\bsetval\s*\(/i, what: 'sequences (Redshift has none; an IDENTITY column generates ids)' },
  { pattern: /\b(?:clock_timestamp|transaction_timestamp)\s*\(/i, what: 'clock_timestamp/transaction_timestamp (use GETDATE or SYSDATE)' },
  { pattern: /\b(?:convert_to|convert_from|encode)\s*\(/i, what: "PostgreSQL's bytea conversions (Redshift has TO_VARBYTE and FROM_VARBYTE)" },
  { pattern: /\bgen_random_uuid\s*\(/i, what: 'gen_random_uuid' },
  { pattern: /\bstring_agg\s*\(/i, what: 'string_agg (use LISTAGG(value, separator) WITHIN GROUP (ORDER BY …))' },
  { pattern: /\)\.[\w"]/, what: 'composite field selection, (value).field (Redshift has no composite types; SUPER reads value.field)' },
  { pattern: /\bDISTINCT\s+ON\b/i, what: 'DISTINCT ON' },
  { pattern: /\bFILTER\s*\(\s*WHERE\b/i, what: 'aggregate FILTER clauses' },
]

/** Rewrites of PostgreSQL spellings to Redshift's where the meaning is the same. */
const RESPELLED: ReadonlyArray<{ readonly pattern: RegExp; readonly to: string }> = [
  // SYSDATE/CURRENT_DATE in the PostgreSQL output: the statement's start time, to the second.
  { pattern: /\bstatement_timestamp\(\)::timestamp\(0\)/gi, to: "date_trunc('second', getdate())" },
  { pattern: /\bstatement_timestamp\(\)/gi, to: 'getdate()' },
  // Redshift keeps microseconds and takes no precision in casts to timestamps and times.
  { pattern: /::(timestamptz|timestamp|timetz|time)\s*\(\s*\d+\s*\)/gi, to: '::$1' },
  // Redshift has LIMIT, not the standard's FETCH FIRST.
  { pattern: /\bFETCH\s+FIRST\s+(\d+)\s+ROWS?\s+ONLY\b/gi, to: 'LIMIT $1' },
]

/** The text with every string literal and comment replaced by spaces of the same length. */
export function blankLiteralsAndComments(sql: string): string {
  return sql.replace(/'(?:[^']|'')*'|--[^\n]*|\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' '))
}

/** The first Redshift gap the generated SQL falls into, or undefined. */
export function redshiftGap(sql: string): string | undefined {
  const code = blankLiteralsAndComments(sql)
  const merges = (code.match(/\bWHEN\s+MATCHED\b/gi) ?? []).length
  const inserts = (code.match(/\bWHEN\s+NOT\s+MATCHED\b/gi) ?? []).length
  if (merges > 1 || inserts > 1) return 'MERGE with more than one WHEN MATCHED or WHEN NOT MATCHED clause'
  return UNSUPPORTED.find((u) => u.pattern.test(code))?.what
}

/**
 * PostgreSQL output made Redshift's: the same-meaning spellings rewritten outside string
 * literals and comments, then refused with an UnsupportedConstructError when a construct
 * Redshift lacks remains (the caller keeps the source commented out under an action item).
 */
export function toRedshiftSql(sql: string, what: string): string {
  const out = RESPELLED.reduce((text, r) => respell(text, r.pattern, r.to), sql)
  const gap = redshiftGap(out)
  if (gap) throw new UnsupportedConstructError(`${what} uses ${gap}, which Amazon Redshift does not have`, undefined, 'REDSHIFT_UNSUPPORTED')
  return out
}

/** Replaces the matches that lie wholly outside literals and comments (blanking keeps offsets). */
function respell(sql: string, pattern: RegExp, to: string): string {
  const code = blankLiteralsAndComments(sql)
  let out = ''
  let from = 0
  for (const m of code.matchAll(pattern)) {
    if (sql.slice(m.index, m.index + m[0].length) !== m[0]) continue
    out += sql.slice(from, m.index) + m[0].replace(new RegExp(pattern.source, pattern.flags.replace('g', '')), to)
    from = m.index + m[0].length
  }
  return out + sql.slice(from)
}
