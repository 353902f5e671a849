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
}

/**
 * PostgreSQL's translator with Redshift's narrower dialect on top: its output respelled where
 * Redshift says the same thing differently, refused where Redshift lacks the construct, and
 * refused when it needs godwit's PostgreSQL support functions (PL/pgSQL functions Redshift
 * cannot create). Only stored procedures pass as code.
 */
export function redshiftTranslator(inner: CodeTranslator): CodeTranslator {
  return {
    expression: (src, ctx) => checked(ctx, 'the expression', (c) => [inner.expression(src, c)])[0]!,
    query: (src, ctx) => checked(ctx, 'the query', (c) => [inner.query(src, c)])[0]!,
    dataStatement: (src, ctx) => checked(ctx, 'the statement', (c) => inner.dataStatement(src, c)),
    code: (def: CodeObjectDef, ctx) => {
      if (def.kind !== 'procedure') throw new UnsupportedConstructError(NO_REDSHIFT_FORM[def.kind], def.source.at, 'REDSHIFT_NO_CODE_FORM')
      const statements = checked(ctx, 'the procedure', (c) => inner.code(def, c)).map((sql) => redshiftProcedure(sql, def))
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
  { pattern: /#variable_conflict\b/i, what: '#variable_conflict (a parameter or variable named like a column must be renamed)' },
]

/** A translated procedure in Redshift's layout, or refused where it leaves Redshift's PL/pgSQL subset. */
function redshiftProcedure(sql: string, def: CodeObjectDef): string {
  const m = PROCEDURE_LAYOUT.exec(sql)
  if (!m) throw new UnsupportedConstructError('the translation is not a single stored procedure (it needs helper functions or types), which Amazon Redshift cannot create', def.source.at, 'REDSHIFT_NO_CODE_FORM')
  const [, head, options, quote, body] = m
  if (/%(?:ROW)?TYPE\b/i.test(head!)) {
    throw new UnsupportedConstructError('parameters typed with %TYPE or %ROWTYPE: Redshift procedure parameters take a data type', def.source.at, 'REDSHIFT_PLPGSQL_SUBSET')
  }
  if (/\bDEFAULT\b|=/i.test(head!.replace(/'(?:[^']|'')*'/g, ''))) {
    throw new UnsupportedConstructError('parameters with default values: Redshift procedures take none', def.source.at, 'REDSHIFT_PLPGSQL_SUBSET')
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
