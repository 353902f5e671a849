import pg from 'pg'
import { loadModule, parseSync } from 'libpg-query'

await loadModule()

/**
 * The catalog-resolution check of issue 13: every function, operator and relation an output
 * statement names must exist on the target server — built in, created by the output itself,
 * a godwit support function or an allowed extension (the caller applies the output, support
 * functions and extensions to the database it reads first). Syntax newer than the target
 * (IS JSON, SQL/JSON functions, MERGE, a FROM subquery without alias) counts as unresolved too.
 * PostgreSQL's own parser (libpg-query) finds the references; PL/pgSQL bodies are cut into
 * their SQL statements and expressions, which are parsed the same way.
 */
export interface TargetCatalog {
  readonly version: number
  /** `name` and `schema.name` → accepted argument counts. */
  readonly functions: ReadonlyMap<string, ReadonlyArray<{ readonly min: number; readonly max: number }>>
  readonly operators: ReadonlySet<string>
  /** `name` and `schema.name` of tables, views, sequences … */
  readonly relations: ReadonlySet<string>
}

export async function readTargetCatalog(url: string): Promise<TargetCatalog> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const version = Math.floor(Number((await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows[0]!.v) / 10000)
    const functions = new Map<string, Array<{ min: number; max: number }>>()
    const { rows } = await client.query<{ nspname: string; proname: string; n: number; defaults: number; variadic: boolean }>(
      'SELECT n.nspname, p.proname, p.pronargs AS n, p.pronargdefaults AS defaults, p.provariadic <> 0 AS variadic FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace',
    )
    for (const r of rows) {
      const arity = { min: r.n - r.defaults - (r.variadic ? 1 : 0), max: r.variadic ? Infinity : r.n }
      for (const key of [r.proname, `${r.nspname}.${r.proname}`]) functions.set(key, [...(functions.get(key) ?? []), arity])
    }
    const operators = new Set((await client.query<{ oprname: string }>('SELECT DISTINCT oprname FROM pg_operator')).rows.map((r) => r.oprname))
    const relations = new Set<string>()
    for (const r of (await client.query<{ nspname: string; relname: string }>('SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace')).rows) {
      relations.add(r.relname)
      relations.add(`${r.nspname}.${r.relname}`)
    }
    return { version, functions, operators, relations }
  } finally {
    await client.end()
  }
}

/** Parse nodes of syntax that a PostgreSQL major introduced. */
const SYNTAX_SINCE: Readonly<Record<string, readonly [number, string]>> = {
  MergeStmt: [15, 'MERGE'],
  JsonIsPredicate: [16, 'IS JSON'],
  JsonObjectConstructor: [16, 'JSON_OBJECT'],
  JsonArrayConstructor: [16, 'JSON_ARRAY'],
  JsonArrayQueryConstructor: [16, 'JSON_ARRAY(query)'],
  JsonObjectAgg: [16, 'JSON_OBJECTAGG'],
  JsonArrayAgg: [16, 'JSON_ARRAYAGG'],
  JsonFuncExpr: [17, 'JSON_VALUE/JSON_QUERY/JSON_EXISTS'],
  JsonTable: [17, 'JSON_TABLE'],
  JsonParseExpr: [17, 'JSON()'],
  JsonScalarExpr: [17, 'JSON_SCALAR'],
  JsonSerializeExpr: [17, 'JSON_SERIALIZE'],
}

interface References {
  readonly functions: Array<{ readonly name: string; readonly argc: number }>
  readonly operators: string[]
  readonly relations: string[]
  readonly syntax: Array<{ readonly since: number; readonly what: string }>
  readonly ctes: Set<string>
  /** Function bodies to check in turn: [language, body]. */
  readonly bodies: Array<[string, string]>
}

const names = (list: unknown): string[] => ((list as Array<{ String?: { sval: string } }> | undefined) ?? []).map((n) => n.String?.sval ?? '')

function collect(node: unknown, refs: References): void {
  if (Array.isArray(node)) {
    for (const n of node) collect(n, refs)
    return
  }
  if (node === null || typeof node !== 'object') return
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    const v = value as Record<string, unknown>
    if (key === 'FuncCall') {
      // An ordered-set aggregate's WITHIN GROUP columns are arguments too (percentile_cont(float8, float8)).
      const aggregated = v.agg_within_group ? ((v.agg_order as unknown[] | undefined)?.length ?? 0) : 0
      refs.functions.push({ name: names(v.funcname).join('.'), argc: v.agg_star ? 0 : ((v.args as unknown[] | undefined)?.length ?? 0) + aggregated })
    }
    else if (key === 'A_Expr' && (v.kind === 'AEXPR_OP' || v.kind === 'AEXPR_OP_ANY' || v.kind === 'AEXPR_OP_ALL')) refs.operators.push(names(v.name).at(-1)!)
    else if (key === 'RangeVar') refs.relations.push([v.schemaname, v.relname].filter(Boolean).join('.'))
    else if (key === 'CommonTableExpr') refs.ctes.add(String(v.ctename))
    else if (key === 'RangeSubselect' && !v.alias) refs.syntax.push({ since: 16, what: 'a subquery in FROM without an alias' })
    else if (key in SYNTAX_SINCE) refs.syntax.push({ since: SYNTAX_SINCE[key]![0], what: SYNTAX_SINCE[key]![1] })
    else if (key === 'CreateFunctionStmt') {
      const options = (v.options as Array<{ DefElem: { defname: string; arg: unknown } }> | undefined) ?? []
      const language = options.find((o) => o.DefElem.defname === 'language')?.DefElem.arg as { String?: { sval: string } } | undefined
      const as = options.find((o) => o.DefElem.defname === 'as')?.DefElem.arg
      const body = names((as as { List?: { items: unknown } } | undefined)?.List?.items)[0]
      if (body !== undefined) refs.bodies.push([language?.String?.sval ?? 'sql', body])
    }
    collect(value, refs)
  }
}

/** Everything a statement refers to that is not on the target: `kind name` strings. */
export function unresolvedReferences(sql: string, catalog: TargetCatalog, options: { checkRelations?: boolean; created?: ReadonlySet<string> } = {}): string[] {
  const refs: References = { functions: [], operators: [], relations: [], syntax: [], ctes: new Set(), bodies: [] }
  collect(parseSync(sql), refs)
  const missing: string[] = []
  for (const f of refs.functions) {
    const arities = catalog.functions.get(f.name) ?? catalog.functions.get(f.name.split('.').at(-1)!)
    if (!arities) missing.push(`function ${f.name}`)
    else if (!arities.some((a) => f.argc >= a.min && f.argc <= a.max)) missing.push(`function ${f.name} with ${f.argc} argument(s)`)
  }
  for (const op of refs.operators) if (!catalog.operators.has(op)) missing.push(`operator ${op}`)
  if (options.checkRelations) {
    for (const r of refs.relations) {
      const bare = r.split('.').at(-1)!
      if (!catalog.relations.has(r) && !refs.ctes.has(bare) && !options.created?.has(bare)) missing.push(`relation ${r}`)
    }
  }
  for (const s of refs.syntax) if (catalog.version < s.since) missing.push(`syntax ${s.what} (PostgreSQL ${s.since})`)
  for (const [language, body] of refs.bodies) {
    const parts = language === 'plpgsql' ? plpgsqlFragments(body) : [body]
    for (const part of parts) {
      try {
        missing.push(...unresolvedReferences(part, catalog, { ...options, checkRelations: false }))
      } catch {
        // A fragment the cutter got wrong is not a finding about the output; the body as a
        // whole was accepted by the server when the output ran.
      }
    }
  }
  return [...new Set(missing)]
}

/**
 * The SQL inside a PL/pgSQL body, as statements libpg-query can parse: SQL statements as they
 * are, expressions (after :=, IF, ELSIF, WHILE, RETURN, WHEN, PERFORM) as SELECT lists.
 */
export function plpgsqlFragments(body: string): string[] {
  const statements = splitTopLevel(body.replace(/--[^\n]*/g, ' '))
  const out: string[] = []
  for (const raw of statements) {
    let s = raw.trim().replace(/^<<\w+>>\s*/, '')
    s = s.replace(/^(DECLARE|BEGIN|EXCEPTION|ELSE|LOOP|END(\s+(IF|LOOP|CASE))?)\b\s*/i, '')
    const keyword = /^(IF|ELSIF|WHILE|WHEN|RETURN|PERFORM|RAISE|EXIT\s+WHEN|CONTINUE\s+WHEN)\b/i.exec(s)
    if (keyword) {
      const rest = s.slice(keyword[0].length).replace(/\b(THEN|LOOP)\b[\s\S]*$/i, '').trim()
      if (/^RAISE/i.test(keyword[0])) continue
      if (rest) out.push(`SELECT ${rest}`)
      continue
    }
    const assign = /^[\w."]+(\[[^\]]*\])?\s*:=\s*([\s\S]+)$/.exec(s)
    if (assign) out.push(`SELECT ${assign[2]}`)
    else if (/^(SELECT|INSERT|UPDATE|DELETE|WITH)\b/i.test(s)) out.push(s.replace(/\bINTO\s+(STRICT\s+)?[\w.", ]+?(?=\s+FROM\b|$)/i, ''))
    else if (/^[\w]+\s+[\w.%]+(\([^)]*\))?\s*(:=|DEFAULT)\s*([\s\S]+)$/i.test(s)) out.push(`SELECT ${s.replace(/^[\s\S]*?(:=|DEFAULT)\s*/i, '')}`)
  }
  return out
}

/** Splits on `;` outside strings, quoted names and dollar quotes. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = []
  let start = 0
  let i = 0
  while (i < text.length) {
    const ch = text[i]!
    if (ch === "'" || ch === '"') {
      const end = text.indexOf(ch, i + 1)
      i = end < 0 ? text.length : end + 1
      continue
    }
    const dollar = ch === '$' ? /^\$\w*\$/.exec(text.slice(i)) : null
    if (dollar) {
      const end = text.indexOf(dollar[0], i + dollar[0].length)
      i = end < 0 ? text.length : end + dollar[0].length
      continue
    }
    if (ch === ';') {
      parts.push(text.slice(start, i))
      start = i + 1
    }
    i++
  }
  parts.push(text.slice(start))
  return parts.filter((p) => p.trim())
}

/** The installed server nearest at or above a target version (16 has none: 17 stands in). */
export function serverMajorFor(version: number): number {
  return [14, 15, 17, 18].find((m) => m >= version) ?? 18
}
