import { UnsupportedConstructError } from '../../translate-context.js'
import { supports, type TargetFeature } from '../../target.js'
import type { SchemaModel } from '../../../model/schema.js'
import type { FromItem } from '../ast.js'
import type { ExprRule, SelectRule } from './index.js'
import { columnType } from './scope.js'

/**
 * Nothing passes through unresolved: after every translation rule has run, an Oracle call that
 * is left must be a built-in PostgreSQL has under the same name with the same meaning (for the
 * argument counts listed), or something the converted schema defines (a function, a type
 * constructor, a PL/SQL name the generator owns). Anything else (a supplied package such as
 * DBMS_LOB, an Oracle-only built-in or aggregate, an Oracle Text operator) is an action item
 * with its position, never a call that fails at run time. Likewise data-dictionary and
 * dynamic-performance views and the ROWID pseudo-columns.
 */

/** Oracle built-ins that mean the same in PostgreSQL: name → [fewest, most] arguments, and the feature a target needs. */
const SAME_IN_POSTGRES: Readonly<Record<string, readonly [number, number, TargetFeature?]>> = {
  ABS: [1, 1], ACOS: [1, 1], ASIN: [1, 1], ATAN: [1, 1], ATAN2: [2, 2], COS: [1, 1], COSH: [1, 1], SIN: [1, 1], SINH: [1, 1],
  TAN: [1, 1], TANH: [1, 1], EXP: [1, 1], MOD: [2, 2], LN: [1, 1], LOG: [2, 2], SQRT: [1, 1], POWER: [2, 2], SIGN: [1, 1], CEIL: [1, 1], FLOOR: [1, 1],
  UPPER: [1, 1], LOWER: [1, 1], INITCAP: [1, 1], LPAD: [2, 3], RPAD: [2, 3], LTRIM: [1, 2], RTRIM: [1, 2], LENGTH: [1, 1], ASCII: [1, 1],
  CHR: [1, 1], COALESCE: [1, 999], NULLIF: [2, 2], TO_CHAR: [2, 2], TO_DATE: [2, 2], TO_TIMESTAMP: [2, 2], TO_NUMBER: [2, 2],
  COUNT: [0, 1], SUM: [1, 1], AVG: [1, 1], MIN: [1, 1], MAX: [1, 1], STDDEV: [1, 1], STDDEV_POP: [1, 1], STDDEV_SAMP: [1, 1],
  VARIANCE: [1, 1], VAR_POP: [1, 1], VAR_SAMP: [1, 1], CORR: [2, 2], COVAR_POP: [2, 2], COVAR_SAMP: [2, 2],
  REGR_SLOPE: [2, 2], REGR_INTERCEPT: [2, 2], REGR_COUNT: [2, 2], REGR_R2: [2, 2], REGR_AVGX: [2, 2], REGR_AVGY: [2, 2],
  REGR_SXX: [2, 2], REGR_SYY: [2, 2], REGR_SXY: [2, 2], ROW_NUMBER: [0, 0], RANK: [0, 999], DENSE_RANK: [0, 999],
  PERCENT_RANK: [0, 999], GROUPING: [1, 999], WIDTH_BUCKET: [4, 4], CUME_DIST: [0, 999], NTILE: [1, 1], LAG: [1, 3], LEAD: [1, 3], FIRST_VALUE: [1, 1], LAST_VALUE: [1, 1],
  NTH_VALUE: [2, 2], PERCENTILE_CONT: [1, 1], PERCENTILE_DISC: [1, 1], ANY_VALUE: [1, 1, 'anyValue'],
  BIT_AND_AGG: [1, 1], BIT_OR_AGG: [1, 1], BIT_XOR_AGG: [1, 1], XMLCOMMENT: [1, 1], XMLCONCAT: [1, 999],
}

/** Oracle names PostgreSQL spells differently for the same function. */
const SPELLED: Readonly<Record<string, string>> = { BIT_AND_AGG: 'bit_and', BIT_OR_AGG: 'bit_or', BIT_XOR_AGG: 'bit_xor' }

/** A stand-in below the version that has the function: ANY_VALUE picks any value, as min does. */
const BEFORE_FEATURE: Readonly<Record<string, string>> = { ANY_VALUE: 'min' }

/** The converted schema defines the called name (a function, procedure, package routine or type). */
export function definedBySchema(name: readonly string[], catalog: Pick<SchemaModel, 'types' | 'code'>): boolean {
  const last = name[name.length - 1]!
  const owner = name.length > 1 ? name[name.length - 2] : undefined
  if (catalog.types.some((t) => t.name === last)) return true
  return catalog.code.some((d) => (d.name === last && (d.kind === 'function' || d.kind === 'procedure')) || (d.kind === 'package' && d.name === owner))
}

export const ORACLE_PACKAGE = /^(DBMS_|UTL_|OWA_|APEX_|CTX_|SDO_|HTP$|HTF$|ORD_|XDB)/

const unresolvedCall: ExprRule = (e, rc) => {
  if (e.kind !== 'call' || e.target || e.json) return undefined
  if (rc.g.resolveName?.(e.name) !== undefined || rc.g.definesName?.(e.name)) return undefined
  const name = e.name.join('.')
  const packaged = e.name.length > 1 && e.name.slice(0, -1).some((p) => ORACLE_PACKAGE.test(p) || p === 'SYS')
  if (packaged) throw new UnsupportedConstructError(`${name}: Oracle supplied package ${e.name[e.name.length - 2]} has no PostgreSQL counterpart`, e.at, 'ORACLE_PACKAGE')
  if (definedBySchema(e.name, rc.g.catalog)) return undefined
  if (e.name.length > 1) {
    throw new UnsupportedConstructError(`${name}: neither the converted scripts nor PostgreSQL define it; convert the schema or package that does, or create it on the target`, e.at, 'UNSUPPORTED_FUNCTION')
  }
  const rule = SAME_IN_POSTGRES[name]
  const argc = e.star ? 0 : e.args.length
  if (rule && argc >= rule[0] && argc <= rule[1]) {
    const feature = rule[2]
    const pgName = feature && !supports(rc.g.target, feature) ? BEFORE_FEATURE[name]! : (SPELLED[name] ?? name.toLowerCase())
    return { ...e, name: [pgName], target: true }
  }
  const why = rule ? `with ${argc} argument(s)` : 'is an Oracle built-in or a name this schema does not define'
  throw new UnsupportedConstructError(`${name} ${why}: no PostgreSQL function resolves it`, e.at, 'UNSUPPORTED_FUNCTION')
}

/** ROWID and ORA_ROWSCN address Oracle's storage; PostgreSQL's ctid changes on every update. */
const PSEUDO_COLUMNS = new Set(['ROWID', 'ORA_ROWSCN', 'UROWID'])

const storagePseudoColumn: ExprRule = (e, rc) => {
  if (e.kind !== 'column' || rc.g.resolveName?.(e.path) !== undefined) return undefined
  const last = e.path[e.path.length - 1]!
  if (!PSEUDO_COLUMNS.has(last)) return undefined
  throw new UnsupportedConstructError(`pseudo-column ${last} addresses Oracle row storage: use the primary key (PostgreSQL's ctid changes when a row is updated)`, e.at, 'PSEUDO_COLUMN')
}

/** Oracle built-ins written without parentheses that read like a column, when no column of that name is in scope. */
const BARE_BUILTINS: Readonly<Record<string, string>> = {
  UID: "the session user's numeric id: PostgreSQL identifies roles by name (current_user) or oid",
  ORA_INVOKING_USER: 'the invoker inside definer-rights code: PostgreSQL has session_user and current_user, which mean other things there',
  ORA_INVOKING_USERID: 'the invoker inside definer-rights code: PostgreSQL identifies roles by name',
  ITERATION_NUMBER: 'belongs to the MODEL clause, which PostgreSQL does not have',
}

const bareBuiltin: ExprRule = (e, rc) => {
  if (e.kind !== 'column' || e.path.length !== 1 || rc.g.resolveName?.(e.path) !== undefined || columnType(e.path, rc)) return undefined
  const reason = BARE_BUILTINS[e.path[0]!]
  if (!reason) return undefined
  throw new UnsupportedConstructError(`${e.path[0]}: ${reason}`, e.at, 'UNSUPPORTED_FUNCTION')
}

export const resolutionRules: readonly ExprRule[] = [storagePseudoColumn, bareBuiltin, unresolvedCall]

/** Oracle's data dictionary and dynamic-performance views: information_schema / pg_catalog hold the PostgreSQL counterparts. */
const DICTIONARY_VIEW = /^(V\$|GV\$|X\$|ALL_|DBA_|USER_|CDB_)/

export const rejectDictionaryViews: SelectRule = (q, rc) => {
  const check = (f: FromItem): void => {
    if (f.kind === 'join') {
      check(f.left)
      check(f.right)
      return
    }
    if (f.kind !== 'table') return
    const last = f.name[f.name.length - 1]!
    const known = rc.g.catalog.tables.some((t) => t.name === last) || rc.g.catalog.views.some((v) => v.name === last)
    if (known) return
    if (DICTIONARY_VIEW.test(last) || (f.name.length > 1 && f.name[0] === 'SYS' && last !== 'DUAL')) {
      throw new UnsupportedConstructError(`${f.name.join('.')} is an Oracle data-dictionary or dynamic-performance view: rewrite the query on information_schema or pg_catalog`, f.at, 'DICTIONARY_VIEW')
    }
  }
  q.from.forEach(check)
  return q
}
