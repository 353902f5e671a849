import type { Token } from '../sql/token.js'
import { CODE_KINDS, type AssessedKind, type ModelObject } from './assessable-object.js'
import type { ConstructRule } from './construct-catalogue.js'
import { op, stringLiteral, word, words, type TokenPattern } from './token-pattern.js'

const SQL: readonly AssessedKind[] = ['view', 'materialized-view', ...CODE_KINDS]

const call = (name: string): TokenPattern => [word(name), op('(')]

function tableColumns(test: (c: Extract<ModelObject, { kind: 'table' }>['def']['columns'][number]) => boolean) {
  return (o: ModelObject): readonly string[] => (o.kind === 'table' ? o.def.columns.filter(test).map((c) => c.name) : [])
}

/** `TOP n` where n is a number or a bind; a column named TOP is followed by neither. */
function topN(tokens: readonly Token[]): number[] {
  return tokens.flatMap((t, i) => (t.kind === 'word' && t.value === 'TOP' && (tokens[i + 1]?.kind === 'number' || tokens[i + 1]?.kind === 'bind') ? [i] : []))
}

/**
 * What makes a Teradata object cost more than a routine conversion, for `assess --from teradata`
 * (structural rules of the shared catalogue, partitioning or temporary tables, apply too).
 * Weights are minutes of a person's work per object; docs/assessment.md explains the model.
 */
export const TERADATA_CONSTRUCTS: readonly ConstructRule[] = [
  // --- queries (views, macros, procedures) ---
  {
    id: 'td-qualify',
    title: 'QUALIFY',
    appliesTo: SQL,
    detect: { tokens: [words('QUALIFY')] },
    minutes: 10,
    handling: 'automatic',
    why: 'Becomes a subquery that computes the window function and filters on it.',
  },
  {
    id: 'td-top',
    title: 'TOP n',
    appliesTo: SQL,
    detect: { scan: topN },
    minutes: 5,
    handling: 'automatic',
    why: 'TOP n becomes LIMIT (WITH TIES: FETCH FIRST … WITH TIES).',
  },
  {
    id: 'td-sample',
    title: 'SAMPLE',
    appliesTo: SQL,
    detect: { tokens: [words('SAMPLE')] },
    minutes: 20,
    handling: 'review',
    why: 'SAMPLE n / fraction has no exact PostgreSQL form: TABLESAMPLE or ORDER BY random() LIMIT n give different rows and costs.',
  },
  {
    id: 'td-format-phrase',
    title: 'FORMAT phrase in an expression',
    appliesTo: SQL,
    detect: { tokens: [[word('FORMAT'), stringLiteral]] },
    minutes: 15,
    handling: 'review',
    why: "CAST(x AS … FORMAT '…') converts with a display format: it becomes to_char/to_date with a translated format; check the output text.",
  },
  {
    id: 'td-case-specific-compare',
    title: '(CASESPECIFIC) / (NOT CASESPECIFIC) in a comparison',
    appliesTo: SQL,
    detect: { tokens: [[op('('), word('CASESPECIFIC')], [op('('), word('CS')], [op('('), ...words('NOT CASESPECIFIC')], [op('('), ...words('NOT CS')]] },
    minutes: 15,
    handling: 'review',
    why: 'A comparison whose case rule is set in the query: it becomes a citext cast or lower() on both sides; check equality, LIKE and GROUP BY still agree.',
  },
  {
    id: 'td-period-functions',
    title: 'PERIOD functions',
    appliesTo: SQL,
    detect: { tokens: [call('PERIOD'), call('P_INTERSECT'), call('P_NORMALIZE'), words('OVERLAPS'), call('LAST'), call('PRIOR')] },
    minutes: 30,
    handling: 'review',
    why: 'PERIOD values become PostgreSQL range types (daterange, tsrange); BEGIN/END/P_INTERSECT become lower()/upper()/* with inclusive-exclusive bounds to check.',
  },
  {
    id: 'td-hash-functions',
    title: 'HASHROW / HASHBUCKET / HASHAMP',
    appliesTo: SQL,
    detect: { tokens: [call('HASHROW'), call('HASHBUCKET'), call('HASHAMP'), call('HASHBAKAMP')] },
    minutes: 45,
    handling: 'manual',
    why: "Teradata's row-hash functions describe its AMP distribution; PostgreSQL has none. Rewrite what they are used for (sampling, skew checks) or drop them.",
  },
  {
    id: 'td-ordered-analytics',
    title: 'Teradata-only analytic functions (CSUM, MSUM, MAVG, MDIFF, MLINREG, RANK(x))',
    appliesTo: SQL,
    detect: { tokens: [call('CSUM'), call('MSUM'), call('MAVG'), call('MDIFF'), call('MLINREG'), call('QUANTILE')] },
    minutes: 30,
    handling: 'review',
    why: 'Become window functions (SUM() OVER (ORDER BY … ROWS …)); the implicit ordering and grouping of the old forms must be made explicit.',
  },
  {
    id: 'td-dynamic-sql',
    title: 'Dynamic SQL (DBC.SYSEXECSQL, EXECUTE IMMEDIATE)',
    appliesTo: CODE_KINDS,
    detect: { tokens: [words('SYSEXECSQL'), words('EXECUTE IMMEDIATE')] },
    minutes: 60,
    handling: 'manual',
    why: 'The SQL text is built at run time in Teradata SQL: it must be rewritten for PostgreSQL by hand, then run with EXECUTE.',
  },
  {
    id: 'td-result-set-cursor',
    title: 'Procedure returning result sets (DYNAMIC RESULT SETS / WITH RETURN)',
    appliesTo: ['procedure'],
    detect: { tokens: [words('DYNAMIC RESULT SETS'), words('WITH RETURN')] },
    minutes: 30,
    handling: 'review',
    why: 'A PostgreSQL procedure returns rows through refcursors (or becomes a set-returning function); every caller changes how it reads them.',
  },
  {
    id: 'td-handlers',
    title: 'Condition handlers (DECLARE … HANDLER)',
    appliesTo: ['procedure'],
    detect: { tokens: [words('EXIT HANDLER'), words('CONTINUE HANDLER')] },
    minutes: 30,
    handling: 'review',
    why: 'Become EXCEPTION blocks; CONTINUE handlers have no direct form and SQLSTATE codes differ.',
  },
  {
    id: 'td-macro',
    title: 'Macro',
    appliesTo: ['macro'],
    detect: { model: (o) => (o.kind === 'macro' ? [o.def.name] : []) },
    minutes: 20,
    handling: 'review',
    why: 'A macro becomes a PostgreSQL function (rows returned) or procedure; every EXEC that calls it becomes SELECT or CALL.',
  },
  // --- tables (structure) ---
  {
    id: 'td-set-table',
    title: 'SET table without a key',
    appliesTo: ['table'],
    detect: {
      model: (o) =>
        o.kind === 'table' && o.def.rejectsDuplicateRows && !o.def.primaryKey && o.def.uniques.length === 0 && !(o.def.distribution?.kind === 'primary-index' && o.def.distribution.unique) ? ['SET'] : [],
    },
    minutes: 15,
    handling: 'review',
    why: 'Teradata silently drops duplicate rows of a SET table; PostgreSQL keeps them: code that writes it must deduplicate.',
  },
  {
    id: 'td-not-casespecific',
    title: 'NOT CASESPECIFIC columns',
    appliesTo: ['table'],
    detect: { model: tableColumns((c) => c.caseSpecific === false) },
    minutes: 5,
    handling: 'automatic',
    why: 'Become citext (case-insensitive equality, LIKE, GROUP BY and keys); joins with case-specific columns need a look.',
  },
  {
    id: 'td-period-column',
    title: 'PERIOD columns',
    appliesTo: ['table'],
    detect: { model: tableColumns((c) => c.nativeType.name.startsWith('PERIOD')) },
    minutes: 30,
    handling: 'manual',
    why: 'No mapping yet: choose a range type (daterange, tsrange, tstzrange) with a type override and convert the values.',
  },
]
