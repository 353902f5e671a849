import type { CodeObjectDef } from '../../model/schema.js'
import { UnsupportedConstructError, type CodeTranslator, type TranslateContext } from '../../convert/translate-context.js'
import { blankLiteralsAndComments, toRedshiftSql } from './redshift-sql-check.js'

/** Why a kind of code object has no Redshift form (only stored procedures do). */
const NO_REDSHIFT_FORM: Readonly<Record<Exclude<CodeObjectDef['kind'], 'procedure'>, string>> = {
  function: 'Amazon Redshift has no PL/pgSQL functions (only SQL, Python and Lambda UDFs): rewrite it as a SQL UDF (one SELECT expression) or a stored procedure',
  package: "Amazon Redshift has no packages and no PL/pgSQL functions: move the package's procedures into stored procedures one by one",
  'package-body': "Amazon Redshift has no packages and no PL/pgSQL functions: move the package's procedures into stored procedures one by one",
  trigger: 'Amazon Redshift has no triggers: do this in the loading job, or in a stored procedure run after each load',
  'type-body': 'Amazon Redshift has no object types or methods',
  macro: 'Amazon Redshift has no macros, and its stored procedures are PL/pgSQL only (no LANGUAGE sql): rewrite the macro as a stored procedure whose body runs its statements',
}

/**
 * PostgreSQL's translator with Redshift's narrower dialect on top: its output respelled where
 * Redshift says the same thing differently, refused where Redshift lacks the construct, and
 * refused when it needs godwit's PostgreSQL support functions (PL/pgSQL functions Redshift
 * cannot create). Only stored procedures pass as code.
 */
export function redshiftTranslator(inner: CodeTranslator): CodeTranslator {
  const procedure = (sql: string, def: CodeObjectDef, ctx: TranslateContext) => redshiftProcedure(sql, def, columnNames(ctx))
  return {
    expression: (src, ctx) => checked(ctx, 'the expression', (c) => [inner.expression(src, c)])[0]!,
    query: (src, ctx) => checked(ctx, 'the query', (c) => [inner.query(src, c)])[0]!,
    dataStatement: (src, ctx) => checked(ctx, 'the statement', (c) => inner.dataStatement(src, c)),
    code: (def: CodeObjectDef, ctx) => {
      if (def.kind !== 'procedure') throw new UnsupportedConstructError(NO_REDSHIFT_FORM[def.kind], def.source.at, 'REDSHIFT_NO_CODE_FORM')
      const statements = checked(ctx, 'the procedure', (c) => inner.code(def, c)).map((sql) => procedure(sql, def, ctx))
      ctx.findings.push({
        code: 'REDSHIFT_PLPGSQL_SUBSET',
        severity: 'warning',
        object: ctx.object,
        message: "stored procedure in PL/pgSQL: godwit refuses what it knows Redshift's subset lacks, but no cluster checked this one; create it on one to confirm",
        at: def.source.at,
      })
      return statements
    },
  }
}

/** Redshift's CREATE PROCEDURE: the body first (`AS $$ … $$`), then LANGUAGE and its options. */
const PROCEDURE_LAYOUT = /^\s*(CREATE\s+(?:OR\s+REPLACE\s+)?PROCEDURE\b[\s\S]*?\))\s*\n((?:(?:LANGUAGE\s+plpgsql|SET\s[^\n]*|SECURITY\s+\w+)\s*\n)+)AS\s+(\$\w*\$)([\s\S]*)\3\s*;?\s*$/i

/** PL/pgSQL that Redshift's subset does not have (docs/redshift.md, "Routines"). */
const PLPGSQL_GAPS: ReadonlyArray<{ readonly pattern: RegExp; readonly what: string }> = [
  { pattern: /\bRAISE\b[^;]*\bUSING\b/i, what: 'RAISE … USING (Redshift raises a message only: RAISE EXCEPTION \'text\')' },
  { pattern: /\bRETURN\s+QUERY\b/i, what: 'RETURN QUERY (return rows through a REFCURSOR or a temporary table)' },
  { pattern: /\bGET\s+STACKED\s+DIAGNOSTICS\b/i, what: 'GET STACKED DIAGNOSTICS' },
  { pattern: /\bFOREACH\b/i, what: 'FOREACH over arrays' },
]

/** PostgreSQL's generator asks for Oracle's name resolution: a column wins over a variable of its name. */
const VARIABLE_CONFLICT = /^[ \t]*#variable_conflict\s+use_column[ \t]*\n/im

function columnNames(ctx: TranslateContext): Set<string> {
  return new Set(ctx.catalog.tables.flatMap((t) => t.columns.map((c) => c.name.toLowerCase())))
}

/** Parameter and DECLARE-section names (`name type;` lines before the first BEGIN). */
function declaredNames(head: string, body: string): string[] {
  const params = (/\(([\s\S]*)\)\s*$/.exec(head)?.[1] ?? '').split(',').map((p) => /^\s*(?:(?:IN|OUT|INOUT)\s+)?"?([\w$]+)"?\s+\S/i.exec(p)?.[1])
  const declare = /\bDECLARE\b([\s\S]*?)\bBEGIN\b/i.exec(body)?.[1] ?? ''
  const variables = declare.split(';').map((d) => /^\s*"?([\w$]+)"?\s+\S/.exec(d)?.[1])
  return [...params, ...variables].filter((n): n is string => n !== undefined).map((n) => n.toLowerCase())
}

/**
 * A translated procedure in Redshift's layout, or refused where it leaves Redshift's PL/pgSQL
 * subset. Redshift's PL/pgSQL has no #variable_conflict: without it a variable named like a
 * column could be read where Oracle read the column, so such a procedure is refused.
 */
function redshiftProcedure(sql: string, def: CodeObjectDef, columns: ReadonlySet<string>): string {
  const m = PROCEDURE_LAYOUT.exec(sql.replace(VARIABLE_CONFLICT, ''))
  if (!m) throw new UnsupportedConstructError('the translation is not a single stored procedure (it needs helper functions or types), which Amazon Redshift cannot create', def.source.at, 'REDSHIFT_NO_CODE_FORM')
  const [, head, options, quote, body] = m
  if (/%(?:ROW)?TYPE\b/i.test(head!)) {
    throw new UnsupportedConstructError('parameters typed with %TYPE or %ROWTYPE: Redshift procedure parameters take a data type', def.source.at, 'REDSHIFT_PLPGSQL_SUBSET')
  }
  if (/\bDEFAULT\b|=/i.test(head!.replace(/'(?:[^']|'')*'/g, ''))) {
    throw new UnsupportedConstructError('parameters with default values: Redshift procedures take none', def.source.at, 'REDSHIFT_PLPGSQL_SUBSET')
  }
  const clashes = declaredNames(head!, body!).filter((n) => columns.has(n))
  if (clashes.length > 0) {
    throw new UnsupportedConstructError(`${clashes.join(', ')} ${clashes.length > 1 ? 'are' : 'is'} named like a column: rename ${clashes.length > 1 ? 'them' : 'it'} (Redshift's PL/pgSQL cannot prefer the column as Oracle does)`, def.source.at, 'REDSHIFT_PLPGSQL_SUBSET')
  }
  const gap = PLPGSQL_GAPS.find((g) => g.pattern.test(blankLiteralsAndComments(body!)))
  if (gap) throw new UnsupportedConstructError(`the procedure uses ${gap.what}, outside Redshift's PL/pgSQL`, def.source.at, 'REDSHIFT_PLPGSQL_SUBSET')
  const tail = options!.trim().split(/\s*\n\s*/)
  return `${head}\nAS ${quote}${body}${quote}\n${tail.join('\n')};`
}

/** Runs a translation with its own support set, then makes the result Redshift's or refuses it. */
function checked(ctx: TranslateContext, what: string, translate: (ctx: TranslateContext) => readonly string[]): string[] {
  const support = new Set<string>()
  const out = translate({ ...ctx, support })
  if (support.size > 0) {
    throw new UnsupportedConstructError(
      `${what} needs godwit's PostgreSQL support function${support.size > 1 ? 's' : ''} ${[...support].join(', ')}, which Amazon Redshift cannot create (no PL/pgSQL functions)`,
      undefined,
      'REDSHIFT_SUPPORT_FUNCTION',
    )
  }
  return out.map((sql) => toRedshiftSql(sql, what))
}
