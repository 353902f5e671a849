import { pgIdent, quoteLiteral } from '../naming.js'
import { UnsupportedConstructError } from '../translate-context.js'
import type { Argument, Block, Declaration, ExceptionHandler, Param, PlType, SqlInto, Statement, Target } from './plsql-ast.js'
import { applicationErrorState, handlerCondition, initializedException, predefinedCondition, userExceptionState, type PgException } from './plpgsql-exceptions.js'
import { baseType, collectionTypeText, isCollectionType, pgTypeText } from './plpgsql-types.js'
import { collectionElementText, declareRecordType, recordConstructor, recordInitializer, updateSetRow } from './record-types.js'
import { builtinCall } from './builtin-calls.js'
import { definedBySchema } from '../sql/rewrites/resolution.js'
import { getterName, setterStatement, type PackageVariable } from './package-state.js'
import { fetchCounter } from './plsql-tokens.js'
import { collectionConstructor, collectionExists, collectionNavigation, collectionSubscript, mapExpressions, parameterlessCall } from './plsql-expressions.js'
import { dynamicStatement } from './dynamic-sql.js'
import { pipeRowLines } from './pipelined.js'
import { bulkFoundVariable, ROWCOUNT_VARIABLE, type PlsqlScope } from './plsql-scope.js'
import type { Expr, Query, SqlStatement } from '../sql/ast.js'
import { generateExpression, generateQuery, generateStatement } from '../sql/postgres/index.js'

const INDENT = '  '
const LOOP_INDEX_TYPE = { name: 'PLS_INTEGER', text: 'PLS_INTEGER' }

function indent(lines: readonly string[]): string[] {
  return lines.map((l) => (l === '' ? l : INDENT + l))
}

/**
 * PL/SQL AST → PL/pgSQL text (PostgreSQL "PL/pgSQL — SQL Procedural Language"). One writer per
 * unit: it owns the scope and the declarations that statements need added to their block
 * (the record of a `FOR r IN (SELECT …)` loop, which PL/pgSQL wants declared).
 */
export class PlpgsqlWriter {
  /** Per open block: variables its statements need declared (loop records, INTO and FETCH helpers), by name. */
  private readonly pending: Array<Map<string, string>> = []
  /** How many enclosing blocks have an EXCEPTION section (each is a subtransaction in PostgreSQL). */
  private handlerDepth = 0

  constructor(readonly scope: PlsqlScope) {}

  /** A PL/SQL expression: collection subscripts and parameterless calls are PL/SQL forms. */
  expr(e: Expr): string {
    const scope = this.scope
    const rewritten = mapExpressions(e, (x) => this.subscript(x) ?? parameterlessCall(x, (p) => scope.isCatalogFunction(p)))
    return generateExpression(rewritten, scope.generateContext())
  }

  /** SQL inside PL/SQL: a bare name there is a column first (Oracle's rule), so only subscripts are rewritten. */
  query(q: Query): string {
    return stripSemicolon(generateQuery(mapExpressions(q, (x) => this.subscript(x)), this.scope.generateContext()))
  }

  sqlStatement(s: SqlStatement): string {
    const statement = updateSetRow(s, this.scope, (e) => this.expr(e)) ?? s
    return stripSemicolon(generateStatement(mapExpressions(statement, (x) => this.subscript(x)), this.scope.generateContext()))
  }

  /** Collection forms the SQL layer reads as calls: `v(i)`, `v.EXISTS(i)`, `type(a, b)`. */
  private subscript(e: Expr): Expr | undefined {
    const generate = (x: Expr) => this.expr(x)
    const scope = this.scope
    // `rec.*` of INSERT … VALUES rec (plsql-sql-parser.ts): the record's fields.
    if (e.kind === 'field' && e.field === '*') return { kind: 'raw', sql: `(${this.expr(e.expr)}).*` }
    return (
      collectionSubscript(e, scope.collections, generate) ??
      collectionExists(e, scope.collections, generate) ??
      collectionNavigation(e, scope.collections, generate) ??
      recordConstructor(e, scope, generate) ??
      collectionConstructor(e, (name) => this.constructedArrayType(name), generate)
    )
  }

  /** The array type a call `t(…)` or `pkg.t(…)` constructs, when t is a collection type. */
  private constructedArrayType(name: readonly string[]): string | undefined {
    const [first, second] = name
    if (second === undefined) return this.scope.variables.has(first!) ? undefined : collectionTypeText(first!, this.scope)
    const type: PlType = { kind: 'native', native: { name: second, schema: first, text: name.join('.') } }
    return this.scope.variables.has(first!) || !isCollectionType(type, this.scope) ? undefined : pgTypeText(type, this.scope)
  }

  /** Registers parameters so their names resolve as variables. */
  declareParams(params: readonly Param[]): void {
    for (const p of params) this.declareName(p.name, p.type)
  }

  private declareName(name: string, declared: PlType): void {
    this.scope.variables.add(name)
    if (isCollectionType(declared, this.scope)) this.scope.collections.add(name)
    const type = baseType(declared, this.scope)
    if (type.kind === 'native') this.scope.nativeTypes.set(name, type.native)
  }

  /** Declares `name type` in the innermost open block (once), for a statement's helper variable. */
  private declareHelper(name: string, type: string): string {
    this.pending[this.pending.length - 1]?.set(name, `${pgIdent(name)} ${type};`)
    return pgIdent(name)
  }

  /**
   * A whole block: `[DECLARE …] BEGIN … [EXCEPTION …] END;`. `extraDeclarations` and
   * `epilogue` are the routine's own additions (row-count variable, trigger RETURN).
   */
  block(block: Block, options: { extraDeclarations?: readonly string[]; epilogue?: readonly string[] } = {}): string[] {
    const declarations = [...(options.extraDeclarations ?? []), ...this.declarations(block.declarations)]
    this.pending.push(new Map())
    const subtransaction = block.handlers.length > 0 ? 1 : 0
    this.handlerDepth += subtransaction
    const body = [...this.statements(block.body), ...(options.epilogue ?? [])]
    const handlers = block.handlers.flatMap((h) => this.handler(h))
    this.handlerDepth -= subtransaction
    const declared = new Set(block.declarations.map((d) => ('name' in d ? d.name : '')))
    const helpers = [...(this.pending.pop() ?? [])].filter(([name]) => !declared.has(name)).map(([, line]) => line)
    const allDeclarations = [...declarations, ...helpers]
    return [
      ...(block.label ? [`<<${pgIdent(block.label)}>>`] : []),
      ...(allDeclarations.length > 0 ? ['DECLARE', ...indent(allDeclarations)] : []),
      'BEGIN',
      ...indent(body.length > 0 ? body : ['NULL;']),
      ...(handlers.length > 0 ? ['EXCEPTION', ...indent(handlers)] : []),
      'END;',
    ]
  }

  /** Registers declarations in the scope and returns their PL/pgSQL lines (types and exceptions have none). */
  declarations(list: readonly Declaration[]): string[] {
    return list.flatMap((d) => this.declaration(d))
  }

  private declaration(d: Declaration): string[] {
    const scope = this.scope
    switch (d.kind) {
      case 'variable': {
        this.declareName(d.name, d.type)
        // A variable of a NOT NULL subtype is NOT NULL itself, as PL/pgSQL can say.
        const notNull = d.notNull || (d.type.kind === 'native' && scope.subtypes.get(d.type.native.name)?.notNull)
        const parts = [pgIdent(d.name), d.constant ? 'CONSTANT' : '', pgTypeText(d.type, scope), notNull ? 'NOT NULL' : '']
        const value = d.init ? this.expr(d.init) : recordInitializer(d.type, scope)
        return [`${parts.filter(Boolean).join(' ')}${value ? ` := ${value}` : ''};`]
      }
      case 'cursor': {
        scope.cursors.add(d.name)
        scope.cursorQueries.set(d.name, d.query)
        const params = d.params.length > 0 ? ` (${d.params.map((p) => `${pgIdent(p.name)} ${pgTypeText(p.type, scope, true)}`).join(', ')})` : ''
        const counter = scope.cursorUse.counted.has(d.name) ? [`${fetchCounter(d.name)} integer := 0;`] : []
        return [`${pgIdent(d.name)} CURSOR${params} FOR ${this.query(d.query)};`, ...counter]
      }
      case 'exception':
        if (!scope.exceptions.has(d.name)) scope.exceptions.set(d.name, { sqlstate: userExceptionState(d.name) })
        return []
      case 'exception-init': {
        const exception = initializedException(d.code)
        if (!exception) throw new UnsupportedConstructError(`PRAGMA EXCEPTION_INIT(${d.name}, ${d.code}): Oracle error ${d.code} has no known PostgreSQL SQLSTATE`, d.at)
        scope.exceptions.set(d.name, exception)
        return []
      }
      case 'collection-type':
        scope.collectionElements.set(d.name, d.element)
        scope.collectionTypes.set(d.name, `${collectionElementText(d.element, scope, `collection type ${d.name}`, d.at)}[]`)
        return []
      case 'record-type':
        declareRecordType(d, scope, (e) => this.expr(e))
        return []
      case 'subtype':
        if (d.range) scope.flag('SUBTYPE_RANGE', `subtype ${d.name} RANGE ${d.range}: PostgreSQL variables have no range constraint, so out-of-range values are no longer refused`, d.at, 'warning')
        scope.subtypes.set(d.name, d)
        return []
      case 'pragma':
        if (d.name === 'AUTONOMOUS_TRANSACTION') {
          throw new UnsupportedConstructError('PRAGMA AUTONOMOUS_TRANSACTION: PostgreSQL has no autonomous transactions; use dblink or pg_background to run the work in its own session', d.at)
        }
        // SERIALLY_REUSABLE, RESTRICT_REFERENCES, INLINE, UDF: compiler hints with no effect on results.
        return []
      case 'subprogram':
        // Top-level local subprograms were hoisted by routineDdl; these sit in a nested block.
        throw new UnsupportedConstructError(`local ${d.routine.kind} ${d.routine.name} in a nested block: PL/pgSQL has no nested subprograms; move it to a separate routine`, d.routine.at)
      case 'subprogram-spec':
        return []
    }
  }

  private handler(h: ExceptionHandler): string[] {
    const conditions = h.names.map((n) => handlerCondition(this.exception(n)))
    return [`WHEN ${conditions.join(' OR ')} THEN`, ...indent(this.statementsOrNull(h.body))]
  }

  statements(list: readonly Statement[]): string[] {
    return list.flatMap((s) => this.statement(s))
  }

  private statementsOrNull(list: readonly Statement[]): string[] {
    const out = this.statements(list)
    return out.length > 0 ? out : ['NULL;']
  }

  /** Refusals raised while generating an expression carry no position: they get the statement's. */
  private statement(s: Statement): string[] {
    try {
      return this.statementLines(s)
    } catch (e) {
      if (e instanceof UnsupportedConstructError && !e.at) throw new UnsupportedConstructError(e.message, s.at, e.code)
      throw e
    }
  }

  private statementLines(s: Statement): string[] {
    switch (s.kind) {
      case 'assign': {
        const packageVariable = s.target.bind || s.target.index ? undefined : this.scope.packageVariable(s.target.path)
        if (packageVariable) return [setterStatement(packageVariable, this.expr(s.value))]
        const packageField = s.target.bind || s.target.index ? undefined : this.scope.packageVariableField(s.target.path)
        if (packageField) return this.assignPackageField(packageField.variable, packageField.fields, s.value)
        return [`${this.target(s.target)} := ${this.expr(s.value)};`]
      }
      case 'if':
        return [
          ...s.branches.flatMap((b, i) => [`${i === 0 ? 'IF' : 'ELSIF'} ${this.expr(b.cond)} THEN`, ...indent(this.statementsOrNull(b.body))]),
          ...(s.otherwise ? ['ELSE', ...indent(this.statementsOrNull(s.otherwise))] : []),
          'END IF;',
        ]
      case 'case':
        return [
          s.selector ? `CASE ${this.expr(s.selector)}` : 'CASE',
          ...s.whens.flatMap((w) => [`WHEN ${this.expr(w.cond)} THEN`, ...indent(this.statementsOrNull(w.body))]),
          ...(s.otherwise ? ['ELSE', ...indent(this.statementsOrNull(s.otherwise))] : []),
          'END CASE;',
        ]
      case 'loop':
        return this.loop(s.label, 'LOOP', s.body)
      case 'while':
        return this.loop(s.label, `WHILE ${this.expr(s.cond)} LOOP`, s.body)
      case 'for-range': {
        this.scope.variables.add(s.index)
        // A numeric FOR loop's index is a PLS_INTEGER: `sysdate + i` adds days.
        this.scope.nativeTypes.set(s.index, LOOP_INDEX_TYPE)
        // Oracle's REVERSE low..high counts down from high; PL/pgSQL's REVERSE wants high..low.
        const range = s.reverse ? `REVERSE ${this.expr(s.high)}..${this.expr(s.low)}` : `${this.expr(s.low)}..${this.expr(s.high)}`
        return this.loop(s.label, `FOR ${pgIdent(s.index)} IN ${range} LOOP`, s.body)
      }
      case 'for-cursor': {
        this.scope.variables.add(s.record)
        const args = s.args.length > 0 ? `(${this.args(s.args)})` : ''
        const loop = this.loop(s.label, `FOR ${pgIdent(s.record)} IN ${pgIdent(s.cursor)}${args} LOOP`, s.body)
        if (!this.scope.cursorUse.counted.has(s.cursor)) return loop
        // c%ROWCOUNT inside a cursor FOR loop: count each iteration (the first line of the body).
        const counter = fetchCounter(s.cursor)
        const head = loop.findIndex((l) => l.startsWith('FOR '))
        return [`${counter} := 0;`, ...loop.slice(0, head + 1), `${INDENT}${counter} := ${counter} + 1;`, ...loop.slice(head + 1)]
      }
      case 'for-query': {
        this.scope.variables.add(s.record)
        this.declareHelper(s.record, 'record')
        return this.loop(s.label, `FOR ${pgIdent(s.record)} IN ${this.query(s.query)} LOOP`, s.body)
      }
      case 'forall':
        // FORALL is bulk binding, a performance feature: a plain loop has the same effect.
        this.scope.variables.add(s.index)
        return [`FOR ${pgIdent(s.index)} IN ${this.expr(s.low)}..${this.expr(s.high)} LOOP`, ...indent(this.statement(s.statement)), 'END LOOP;']
      case 'exit':
      case 'continue': {
        const label = s.label ? ` ${pgIdent(s.label)}` : ''
        const when = s.when ? ` WHEN ${this.expr(s.when)}` : ''
        return [`${s.kind.toUpperCase()}${label}${when};`]
      }
      case 'null':
        return ['NULL;']
      case 'return':
        return this.returnStatement(s.value)
      case 'call':
        return this.call(s.name, s.args, s.at)
      case 'sql':
        return this.withRowCount(this.sql(s))
      case 'transaction':
        return this.transaction(s.text, s.at)
      case 'open': {
        const reset = this.scope.cursorUse.counted.has(s.cursor) ? [`${fetchCounter(s.cursor)} := 0;`] : []
        return [`OPEN ${pgIdent(s.cursor)}${s.args.length > 0 ? `(${this.args(s.args)})` : ''};`, ...reset]
      }
      case 'open-for':
        if (s.query) return [`OPEN ${pgIdent(s.cursor)} FOR ${this.query(s.query)};`]
        return [`OPEN ${pgIdent(s.cursor)} FOR EXECUTE ${this.dynamicText(s.literal, s.dynamic!, s.using, s.at)}${this.using(s.using)};`]
      case 'fetch':
        if (s.into.bulk) return this.bulkFetch(s.cursor, s.into, s.limit, s.at)
        if (!s.into.targets.every(isDirectTarget)) throw new UnsupportedConstructError('FETCH … INTO a collection element or nested record field: PL/pgSQL fetches only into variables and record fields; fetch into a variable and assign it', s.at)
        return [`FETCH ${pgIdent(s.cursor)} INTO ${this.targets(s.into)};`, ...this.countFetch(s.cursor)]
      case 'close':
        return [`CLOSE ${pgIdent(s.cursor)};`]
      case 'execute-immediate':
        return this.withRowCount(this.executeImmediate(s))
      case 'raise-application-error': {
        const state = s.code === undefined ? undefined : applicationErrorState(s.code)
        if (!state) this.scope.flag('APPLICATION_ERROR_CODE', 'RAISE_APPLICATION_ERROR with a computed or out-of-range code: raised as SQLSTATE P0001', s.at, 'warning')
        return [`RAISE EXCEPTION USING ERRCODE = '${state ?? 'P0001'}', MESSAGE = ${this.expr(s.message)};`]
      }
      case 'raise':
        return [this.raise(s.exception)]
      case 'block':
        return this.block(s.block)
      case 'pipe-row':
        return pipeRowLines(this.scope.pipelinedRows, this.expr(s.value))
    }
  }

  /**
   * FETCH … BULK COLLECT INTO v [LIMIT n]: a loop of single-row FETCHes into a variable of the
   * element type, appended to the array, which Oracle empties first. Like Oracle's %NOTFOUND,
   * FOUND is false afterwards when the cursor ran out before the limit; c%FOUND reads it from a
   * variable of the routine's outer block.
   */
  private bulkFetch(cursor: string, into: SqlInto, limit: Expr | undefined, at: Statement['at']): string[] {
    const collections = this.bulkTargets(into, at)
    const rows = collections.map((c) => this.declareHelper(`GODWIT_FETCHED_${c.name}`, c.arrayType.slice(0, -2)))
    const first = collections[0]!.array
    const full = limit ? [`EXIT WHEN coalesce(array_length(${first}, 1), 0) >= ${this.expr(limit)};`] : []
    this.scope.bulkFetched.add(cursor)
    const found = bulkFoundVariable(cursor)
    this.pending[0]?.set(found, `${found} boolean := false;`)
    const append = collections.map((c, i) => `${c.array} := ${c.array} || ${rows[i]};`)
    const fetch = [`FETCH ${pgIdent(cursor)} INTO ${rows.join(', ')};`, 'EXIT WHEN NOT FOUND;', ...append, ...this.countFetch(cursor)]
    return [...collections.map((c) => `${c.array} := '{}';`), 'LOOP', ...indent([...full, ...fetch]), 'END LOOP;', `${found} := FOUND;`]
  }

  /** The collections of a BULK COLLECT INTO: variables of a collection type, with their array type. */
  private bulkTargets(into: SqlInto, at: Statement['at']): Array<{ readonly name: string; readonly array: string; readonly arrayType: string }> {
    return into.targets.map((t) => {
      const arrayType = isDirectTarget(t) && t.path.length === 1 ? this.arrayTypeOf(t.path[0]!) : undefined
      if (!arrayType) throw new UnsupportedConstructError(`BULK COLLECT INTO ${t.path.join('.')}: not a variable of a collection type the converted scripts declare`, at)
      return { name: t.path[0]!, array: this.target(t), arrayType }
    })
  }

  /** `pkg_var.f := e` on a package record variable: read it, change the field, store it again. */
  private assignPackageField(v: PackageVariable, fields: readonly string[], value: Expr): string[] {
    const copy = this.declareHelper(`GODWIT_${v.pkg}_${v.name}`, pgTypeText(this.scope.packageVariableType(v), this.scope))
    return [`${copy} := ${getterName(v)}();`, `${[copy, ...fields.map(pgIdent)].join('.')} := ${this.expr(value)};`, setterStatement(v, copy)]
  }

  private countFetch(cursor: string): string[] {
    if (!this.scope.cursorUse.counted.has(cursor)) return []
    const counter = fetchCounter(cursor)
    return [`IF FOUND THEN ${counter} := ${counter} + 1; END IF;`]
  }

  private loop(label: string | undefined, head: string, body: readonly Statement[]): string[] {
    return [...(label ? [`<<${pgIdent(label)}>>`] : []), head, ...indent(this.statementsOrNull(body)), 'END LOOP;']
  }

  private returnStatement(value?: Expr): string[] {
    const trigger = this.scope.trigger
    if (this.scope.unit === 'trigger' && trigger) return [trigger.returnStatement]
    return [value ? `RETURN ${this.expr(value)};` : 'RETURN;']
  }

  private call(name: readonly string[], args: readonly Argument[], at: Statement['at']): string[] {
    const builtin = builtinCall(name, args, this, at)
    if (builtin) return builtin
    if (name.length === 2 && this.scope.collections.has(name[0]!)) return this.collectionMethod(name[0]!, name[1]!, args, at)
    // `v.m(…)` on a variable whose type the scripts do not define: a collection or object method, never a procedure `v.m`.
    if (name.length === 2 && this.scope.variables.has(name[0]!)) {
      throw new UnsupportedConstructError(`${name.join('.')}: a method of ${name[0]}, whose type the converted scripts do not define as a collection or object type`, at)
    }
    // A qualified call names another package or schema: the converted scripts must define it (as expressions' calls must).
    if (name.length > 1 && name[name.length - 2] !== this.scope.packageName && !definedBySchema(name, this.scope.ctx.catalog)) {
      throw new UnsupportedConstructError(`${name.join('.')}: neither the converted scripts nor PostgreSQL define it; convert the schema or package that does, or create it on the target`, at, 'UNSUPPORTED_FUNCTION')
    }
    const local = name.length === 1 ? this.scope.localRoutines.get(name[0]!) : undefined
    const callee = local?.name ?? name.map(pgIdent).join('.')
    const text = `${callee}(${this.args(args)})`
    // Only a known function is a PERFORM target: Oracle cannot call a function as a statement,
    // so a name the catalog does not know is a procedure.
    return [this.scope.isCatalogFunction(name) ? `PERFORM ${text};` : `CALL ${text};`]
  }

  /** The array type of a collection variable, whether its type is the unit's, a package's or the catalog's. */
  private arrayTypeOf(variable: string): string | undefined {
    const declared = this.scope.nativeTypes.get(variable)
    const type: PlType | undefined = declared && { kind: 'native', native: declared }
    return type && isCollectionType(type, this.scope) ? pgTypeText(type, this.scope) : undefined
  }

  /** `v.EXTEND[(n)]`, `v.TRIM[(n)]`, `v.DELETE` on an array (PL/pgSQL arrays are dense: no DELETE(i)). */
  private collectionMethod(collection: string, method: string, args: readonly Argument[], at: Statement['at']): string[] {
    const v = pgIdent(collection)
    const n = args.length === 1 ? this.expr(args[0]!.value) : args.length === 0 ? '1' : undefined
    if (method === 'DELETE' && args.length === 0) return [`${v} := '{}';`]
    const arrayType = this.arrayTypeOf(collection)
    if (method === 'EXTEND' && n !== undefined && arrayType) return [`${v} := ${v} || array_fill(NULL::${arrayType.slice(0, -2)}, ARRAY[${n}]);`]
    if (method === 'TRIM' && n !== undefined) return [`${v} := ${v}[array_lower(${v}, 1):array_upper(${v}, 1) - (${n})];`]
    throw new UnsupportedConstructError(`${collection}.${method}(${args.length} arguments): no PostgreSQL array equivalent (arrays are dense)`, at)
  }

  args(args: readonly Argument[]): string {
    return args.map((a) => (a.name ? `${pgIdent(a.name)} => ${this.expr(a.value)}` : this.expr(a.value))).join(', ')
  }

  private sql(s: Extract<Statement, { kind: 'sql' }>): string[] {
    const text = this.sqlStatement(s.statement)
    if (s.into?.bulk) {
      if (s.into.targets.length > 1) return this.bulkSelectColumns(text, s.into, s.at)
      const target = s.into.targets[0]!
      // Rows of several columns go into an array of a composite type: each row is cast to it.
      const element = this.bulkRowType(target, s.statement)
      return [`${this.target(target)} := ARRAY(${element ? `SELECT godwit_row::${element} FROM (${text}) AS godwit_row` : text});`]
    }
    // Oracle's SELECT INTO raises NO_DATA_FOUND / TOO_MANY_ROWS: that is PL/pgSQL's INTO STRICT.
    if (s.into) return s.into.targets.every(isDirectTarget) ? [`${text} INTO STRICT ${this.targets(s.into)};`] : this.intoThroughRecord(text, s.into.targets, s)
    if (s.returning) {
      if (s.returning.into.bulk) throw new UnsupportedConstructError('RETURNING … BULK COLLECT INTO: use a data-modifying CTE with array_agg', s.at)
      return [`${text} RETURNING ${s.returning.values.map((v) => this.expr(v)).join(', ')} INTO ${this.targets(s.returning.into)};`]
    }
    return [`${text};`]
  }

  /**
   * SELECT a, b BULK COLLECT INTO va, vb: one pass over the rows, each column appended to its
   * collection in the rows' order (appending to a PL/pgSQL array variable is not quadratic).
   */
  private bulkSelectColumns(text: string, into: SqlInto, at: Statement['at']): string[] {
    const collections = this.bulkTargets(into, at)
    const row = this.declareHelper('GODWIT_INTO', 'record')
    const columns = collections.map((_, i) => `c${i + 1}`)
    return [
      ...collections.map((c) => `${c.array} := '{}';`),
      `FOR ${row} IN SELECT * FROM (${text}) AS godwit_into_row(${columns.join(', ')}) LOOP`,
      ...indent(collections.map((c, i) => `${c.array} := ${c.array} || ${row}.${columns[i]};`)),
      'END LOOP;',
    ]
  }

  /**
   * PL/pgSQL's INTO takes variables and record fields only, not `v(i)` or `rec.a.b`: the row goes
   * into a record first (its columns renamed so they can be read), then to each target.
   */
  private intoThroughRecord(text: string, targets: readonly Target[], s: Extract<Statement, { kind: 'sql' }>): string[] {
    const query = s.statement.kind === 'query' ? s.statement.query : undefined
    if (query?.kind !== 'select' || query.items.length !== targets.length) {
      throw new UnsupportedConstructError('SELECT … INTO a collection element or nested record field, with a select list that does not match the targets one to one: select into variables and assign them', s.at)
    }
    const row = this.declareHelper('GODWIT_INTO', 'record')
    const columns = targets.map((_, i) => `c${i + 1}`)
    return [
      `SELECT * FROM (${text}) AS godwit_into_row(${columns.join(', ')}) INTO STRICT ${row};`,
      ...targets.map((t, i) => `${this.target(t)} := ${row}.${columns[i]};`),
    ]
  }

  /**
   * The element type each row is cast to when BULK COLLECT fills a collection of records or
   * rows (ARRAY(subquery) takes one column): when the element is a record or row type, or the
   * query has several columns.
   */
  private bulkRowType(t: Target, statement: SqlStatement): string | undefined {
    const declared = t.path.length === 1 && !t.index ? this.scope.nativeTypes.get(t.path[0]!) : undefined
    if (!declared) return undefined
    const element = this.scope.collectionElements.get(declared.name)
    const rows = element?.kind === 'anchored' ? element.attribute === 'ROWTYPE' : element !== undefined && this.scope.recordTypes.has(element.native.name)
    const columns = statement.kind === 'query' && statement.query.kind === 'select' ? statement.query.items.length : 1
    if (!rows && columns === 1) return undefined
    return pgTypeText({ kind: 'native', native: declared }, this.scope).replace(/\[\]$/, '')
  }

  private executeImmediate(s: Extract<Statement, { kind: 'execute-immediate' }>): string[] {
    const into = s.into ? ` INTO STRICT ${this.targets(s.into)}` : ''
    if (s.into?.bulk) throw new UnsupportedConstructError('EXECUTE IMMEDIATE … BULK COLLECT INTO: use EXECUTE … INTO with array_agg in the query', s.at)
    if (s.literal !== undefined && s.using.length === 0 && !s.into) {
      const fixed = dynamicStatement(s.literal, s.at, this.scope)
      if (!fixed) return []
      return [`EXECUTE ${quoteLiteral(fixed)};`]
    }
    return [`EXECUTE ${this.dynamicText(s.literal, s.sql, s.using, s.at)}${into}${this.using(s.using)};`]
  }

  /** Dynamic SQL text: a literal gets its Oracle binds renumbered; a computed string cannot. */
  private dynamicText(literal: string | undefined, sql: Expr, using: readonly Expr[], at: Statement['at']): string {
    if (literal !== undefined) return quoteLiteral(numberBinds(literal))
    if (using.length > 0) {
      this.scope.flag('DYNAMIC_SQL_BINDS', 'dynamic SQL built at run time with USING: Oracle :name binds in the text must become $1, $2 … by hand', at, 'warning')
    }
    return this.expr(sql)
  }

  private using(values: readonly Expr[]): string {
    return values.length > 0 ? ` USING ${values.map((v) => this.expr(v)).join(', ')}` : ''
  }

  /** SQL%ROWCOUNT / %FOUND read the last statement's count, kept in a variable after each one. */
  private withRowCount(lines: string[]): string[] {
    if (!this.scope.cursorUse.implicit || lines.length === 0) return lines
    return [...lines, `GET DIAGNOSTICS ${ROWCOUNT_VARIABLE} = ROW_COUNT;`]
  }

  private transaction(text: string, at: Statement['at']): string[] {
    const word = text.split(/\s+/)[0]!.toUpperCase()
    const plain = /^(COMMIT|ROLLBACK)(\s+WORK)?$/i.test(text.trim())
    if (!plain) throw new UnsupportedConstructError(`${text}: PL/pgSQL allows only plain COMMIT and ROLLBACK (use a nested block with an EXCEPTION clause for savepoints)`, at)
    if (this.handlerDepth > 0) {
      throw new UnsupportedConstructError(`${word} inside a block with an EXCEPTION section: PostgreSQL runs such a block as a subtransaction and cannot end the transaction there; move it out of the block`, at)
    }
    if (this.scope.unit === 'function' || this.scope.unit === 'trigger') {
      throw new UnsupportedConstructError(`${word} inside a ${this.scope.unit}: PostgreSQL functions cannot end the caller's transaction; make it a procedure`, at)
    }
    return [`${word};`]
  }

  private raise(exception?: string): string {
    if (!exception) return 'RAISE;'
    const e = this.exception(exception)
    if ('condition' in e) return `RAISE ${e.condition};`
    return `RAISE EXCEPTION USING ERRCODE = '${e.sqlstate}', MESSAGE = '${exception.split('.').pop()}';`
  }

  /**
   * An exception name: declared in the unit (or its package), predefined, or declared in a unit
   * the catalog may not show (`other_pkg.e`), which gets the same name-derived SQLSTATE there.
   */
  private exception(name: string): PgException {
    const short = name.split('.').pop()!
    const predefined = predefinedCondition(name)
    return this.scope.exceptions.get(short) ?? (predefined ? { condition: predefined } : { sqlstate: userExceptionState(short) })
  }


  target(t: Target): string {
    const head = this.scope.resolveName(t.bind ? [`:${t.path[0]}`] : [t.path[0]!]) ?? (t.bind ? hostVariable(t) : pgIdent(t.path[0]!))
    const rest = t.path.slice(1).map(pgIdent)
    const index = t.index ? `[${this.expr(t.index)}]` : ''
    return [head + index, ...rest].join('.')
  }

  private targets(into: SqlInto): string {
    return into.targets.map((t) => this.target(t)).join(', ')
  }
}

/** A target PL/pgSQL's INTO takes: a variable or `rec.field` (no subscript, no nested field). */
function isDirectTarget(t: Target): boolean {
  return !t.index && (t.bind || t.path.length <= 2)
}

function stripSemicolon(sql: string): string {
  return sql.trim().replace(/;$/, '')
}

/** Oracle dynamic SQL binds (`:1`, `:name`) are positional: they become $1, $2 … in order. */
function numberBinds(sql: string): string {
  let n = 0
  return sql.replace(/('(?:[^']|'')*')|:(\w+)/g, (m, str: string | undefined) => (str ? m : `$${++n}`))
}

/**
 * A bind target that is not a trigger's :NEW/:OLD is a host variable of the client running the
 * code (SQL*Plus VARIABLE, a Forms item): PL/pgSQL has nothing to write it to.
 */
function hostVariable(t: Target): never {
  throw new UnsupportedConstructError(`bind variable :${t.path.join('.')} as a target: a host variable of the client that runs the block (SQL*Plus VARIABLE, a Forms item); PL/pgSQL cannot write to it — return the value or store it in a table`, t.at, 'BIND_VARIABLE')
}
