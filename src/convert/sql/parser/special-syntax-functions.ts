import type { SourceLocation } from '../../../model/location.js'
import { UnsupportedConstructError } from '../../translate-context.js'
import type { TokenCursor } from '../cursor.js'

const DATA_MINING = 'an Oracle Data Mining model function: PostgreSQL has no in-database mining models; score the model outside the database or with an extension'
const MODEL = 'belongs to the MODEL clause, which PostgreSQL does not have'
const XML_NOT_YET = 'Oracle XML syntax godwit does not translate; rewrite it with PostgreSQL\'s xml functions'

/**
 * Built-ins whose arguments are not an expression list (`USING *`, `cell[dims]`, `AS type`,
 * XML keywords …) and that godwit does not translate: read to the closing parenthesis (and an
 * OVER clause) so the statement is known whole, then refused by name at the call's position,
 * rather than failing as a syntax error inside the arguments.
 */
const REFUSED: Readonly<Record<string, string>> = {
  ...Object.fromEntries(
    ['CLUSTER_DETAILS', 'CLUSTER_DISTANCE', 'CLUSTER_ID', 'CLUSTER_PROBABILITY', 'CLUSTER_SET', 'FEATURE_COMPARE', 'FEATURE_DETAILS', 'FEATURE_ID', 'FEATURE_SET', 'FEATURE_VALUE', 'ORA_DM_PARTITION_NAME', 'PREDICTION', 'PREDICTION_BOUNDS', 'PREDICTION_COST', 'PREDICTION_DETAILS', 'PREDICTION_PROBABILITY', 'PREDICTION_SET'].map((n) => [n, DATA_MINING]),
  ),
  PRESENTV: MODEL,
  PRESENTNNV: MODEL,
  PREVIOUS: MODEL,
  APPROX_RANK: 'an approximate top-n aggregate: PostgreSQL has no APPROX_RANK; rank exactly with RANK() in a subquery',
  TREAT: 'narrows an object to a subtype: PostgreSQL composite types have no inheritance',
  JSON_TRANSFORM: 'PostgreSQL edits JSON with jsonb_set, jsonb_insert and the - operator; rewrite the operations with those',
  XMLPI: XML_NOT_YET,
  XMLQUERY: 'XQuery: PostgreSQL evaluates XPath 1.0 only (xpath())',
  XMLROOT: XML_NOT_YET,
}

/** At `NAME (`: refuses the call when NAME is one of the above. */
export function refuseSpecialSyntaxCall(c: TokenCursor, name: readonly string[], at: SourceLocation): void {
  const reason = name.length === 1 ? REFUSED[name[0]!] : undefined
  if (!reason) return
  c.skipParens()
  if (c.acceptWord('OVER')) c.skipParens()
  throw new UnsupportedConstructError(`${name[0]}: ${reason}`, at, 'UNSUPPORTED_FUNCTION')
}
