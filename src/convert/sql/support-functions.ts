import { COMPAT_DEFINITIONS } from './support-functions-compat.js'
import { TERADATA_DICTIONARY_DEFINITIONS } from './support-views-teradata.js'

/**
 * godwit's PostgreSQL support functions (schema godwit_ora) for Oracle built-ins whose exact
 * semantics need more than an inline expression. The generator records the names it used in
 * ctx.support; the converter emits these definitions first. Oracle DATE is timestamp(0) in
 * PostgreSQL, so date functions take and return timestamp; number overloads let PostgreSQL pick
 * by argument type where the translator could not tell (TRUNC/ROUND).
 */
const DEFINITIONS: Readonly<Record<string, readonly string[]>> = {
  ...COMPAT_DEFINITIONS,
  ...TERADATA_DICTIONARY_DEFINITIONS,
  add_months: [
    // Oracle: the last day of a month maps to the last day of the result month; other days
    // clamp to the month's end, as PostgreSQL's interval arithmetic does. Time is kept.
    `CREATE OR REPLACE FUNCTION godwit_ora.add_months(d timestamp, n numeric) RETURNS timestamp LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT CASE WHEN d::date = (date_trunc('month', d) + interval '1 month - 1 day')::date
    THEN date_trunc('month', d + make_interval(months => trunc(n)::int)) + interval '1 month - 1 day' + d::time
    ELSE d + make_interval(months => trunc(n)::int) END
$$`,
  ],
  months_between: [
    // Whole months when the days of month agree or both are month ends; otherwise the
    // difference in days (time included) counts in 31-day months.
    `CREATE OR REPLACE FUNCTION godwit_ora.months_between(a timestamp, b timestamp) RETURNS numeric LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT (extract(year FROM a) - extract(year FROM b)) * 12 + extract(month FROM a) - extract(month FROM b)
    + CASE WHEN extract(day FROM a) = extract(day FROM b)
             OR (a::date = (date_trunc('month', a) + interval '1 month - 1 day')::date
                 AND b::date = (date_trunc('month', b) + interval '1 month - 1 day')::date)
      THEN 0
      ELSE (extract(day FROM a) - extract(day FROM b)) / 31
         + (extract(epoch FROM a::time) - extract(epoch FROM b::time)) / (31 * 86400) END
$$`,
  ],
  last_day: [
    `CREATE OR REPLACE FUNCTION godwit_ora.last_day(d timestamp) RETURNS timestamp LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT date_trunc('month', d) + interval '1 month - 1 day' + d::time
$$`,
  ],
  next_day: [
    // Day names in English (NLS_DATE_LANGUAGE AMERICAN); the time of day is kept.
    `CREATE OR REPLACE FUNCTION godwit_ora.next_day(d timestamp, day_name text) RETURNS timestamp LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
  target int := array_position(ARRAY['SUN','MON','TUE','WED','THU','FRI','SAT'], upper(left(trim(day_name), 3))) - 1;
BEGIN
  IF target IS NULL THEN
    RAISE EXCEPTION 'godwit_ora.next_day: not a valid day of the week: %', day_name USING ERRCODE = '22023';
  END IF;
  RETURN d + (((target - extract(dow FROM d)::int + 6) % 7) + 1) * interval '1 day';
END
$$`,
  ],
  trunc: [
    `CREATE OR REPLACE FUNCTION godwit_ora.trunc(n numeric, places numeric DEFAULT 0) RETURNS numeric LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT pg_catalog.trunc(n, pg_catalog.trunc(places)::int)
$$`,
    `CREATE OR REPLACE FUNCTION godwit_ora.trunc(n double precision, places numeric DEFAULT 0) RETURNS double precision LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT pg_catalog.trunc(n::numeric, pg_catalog.trunc(places)::int)::double precision
$$`,
    `CREATE OR REPLACE FUNCTION godwit_ora.trunc(d timestamp, fmt text DEFAULT 'DD') RETURNS timestamp LANGUAGE plpgsql IMMUTABLE STRICT AS $$
BEGIN
  CASE upper(fmt)
    WHEN 'SYYYY', 'YYYY', 'YEAR', 'SYEAR', 'YYY', 'YY', 'Y' THEN RETURN date_trunc('year', d);
    WHEN 'IYYY', 'IYY', 'IY', 'I' THEN RETURN date_trunc('week', make_date(extract(isoyear FROM d)::int, 1, 4)::timestamp);
    WHEN 'Q' THEN RETURN date_trunc('quarter', d);
    WHEN 'MONTH', 'MON', 'MM', 'RM' THEN RETURN date_trunc('month', d);
    WHEN 'WW' THEN RETURN date_trunc('year', d) + ((extract(doy FROM d)::int - 1) / 7) * interval '7 days';
    WHEN 'IW' THEN RETURN date_trunc('week', d);
    WHEN 'W' THEN RETURN date_trunc('month', d) + ((extract(day FROM d)::int - 1) / 7) * interval '7 days';
    WHEN 'DDD', 'DD', 'J' THEN RETURN date_trunc('day', d);
    WHEN 'DAY', 'DY', 'D' THEN RETURN date_trunc('day', d) - extract(dow FROM d)::int * interval '1 day';
    WHEN 'HH', 'HH12', 'HH24' THEN RETURN date_trunc('hour', d);
    WHEN 'MI' THEN RETURN date_trunc('minute', d);
    WHEN 'CC', 'SCC' THEN RETURN make_timestamp(((extract(year FROM d)::int - 1) / 100) * 100 + 1, 1, 1, 0, 0, 0);
    ELSE RAISE EXCEPTION 'godwit_ora.trunc: unsupported format model %', fmt USING ERRCODE = '22023';
  END CASE;
END
$$`,
  ],
  round: [
    `CREATE OR REPLACE FUNCTION godwit_ora.round(n numeric, places numeric DEFAULT 0) RETURNS numeric LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT pg_catalog.round(n, pg_catalog.trunc(places)::int)
$$`,
    `CREATE OR REPLACE FUNCTION godwit_ora.round(n double precision, places numeric DEFAULT 0) RETURNS double precision LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT pg_catalog.round(n::numeric, pg_catalog.trunc(places)::int)::double precision
$$`,
    // Oracle rounds a month up from the 16th day, a year from July 1st, a quarter from the 16th
    // day of its second month, a day from noon.
    `CREATE OR REPLACE FUNCTION godwit_ora.round(d timestamp, fmt text DEFAULT 'DD') RETURNS timestamp LANGUAGE plpgsql IMMUTABLE STRICT AS $$
BEGIN
  CASE upper(fmt)
    WHEN 'SYYYY', 'YYYY', 'YEAR', 'SYEAR', 'YYY', 'YY', 'Y' THEN RETURN date_trunc('year', d + interval '6 months');
    WHEN 'Q' THEN RETURN date_trunc('quarter', date_trunc('month', d) + CASE WHEN extract(day FROM d) >= 16 THEN interval '1 month' ELSE interval '0' END + interval '1 month');
    WHEN 'MONTH', 'MON', 'MM', 'RM' THEN RETURN date_trunc('month', d) + CASE WHEN extract(day FROM d) >= 16 THEN interval '1 month' ELSE interval '0' END;
    WHEN 'DDD', 'DD', 'J' THEN RETURN date_trunc('day', d + interval '12 hours');
    WHEN 'HH', 'HH12', 'HH24' THEN RETURN date_trunc('hour', d + interval '30 minutes');
    WHEN 'MI' THEN RETURN date_trunc('minute', d + interval '30 seconds');
    ELSE RAISE EXCEPTION 'godwit_ora.round: unsupported format model %', fmt USING ERRCODE = '22023';
  END CASE;
END
$$`,
  ],
  substr: [
    // Start 0 counts as 1, a negative start counts from the end, a length below 1 and an
    // empty result are NULL (Oracle has no empty string).
    `CREATE OR REPLACE FUNCTION godwit_ora.substr(s text, start numeric, len numeric DEFAULT NULL) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  p int := trunc(start);
BEGIN
  IF s IS NULL OR start IS NULL THEN RETURN NULL; END IF;
  IF len IS NOT NULL AND trunc(len) < 1 THEN RETURN NULL; END IF;
  IF p = 0 THEN p := 1; END IF;
  IF p < 0 THEN
    p := length(s) + p + 1;
    IF p < 1 THEN RETURN NULL; END IF;
  END IF;
  RETURN nullif(CASE WHEN len IS NULL THEN pg_catalog.substr(s, p) ELSE pg_catalog.substr(s, p, trunc(len)::int) END, '');
END
$$`,
  ],
  instr: [
    // A negative position searches backwards from that many characters before the end.
    `CREATE OR REPLACE FUNCTION godwit_ora.instr(s text, sub text, start numeric DEFAULT 1, nth numeric DEFAULT 1) RETURNS int LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
  pos int := trunc(start);
  occurrence int := trunc(nth);
  found int := 0;
  i int;
BEGIN
  IF occurrence < 1 THEN
    RAISE EXCEPTION 'godwit_ora.instr: occurrence must be positive: %', occurrence USING ERRCODE = '22023';
  END IF;
  IF pos = 0 THEN RETURN 0; END IF;
  IF pos > 0 THEN
    i := pos;
    WHILE i <= length(s) - length(sub) + 1 LOOP
      IF pg_catalog.substr(s, i, length(sub)) = sub THEN
        found := found + 1;
        IF found = occurrence THEN RETURN i; END IF;
      END IF;
      i := i + 1;
    END LOOP;
  ELSE
    i := least(length(s) + pos + 1, length(s) - length(sub) + 1);
    WHILE i >= 1 LOOP
      IF pg_catalog.substr(s, i, length(sub)) = sub THEN
        found := found + 1;
        IF found = occurrence THEN RETURN i; END IF;
      END IF;
      i := i - 1;
    END LOOP;
  END IF;
  RETURN 0;
END
$$`,
  ],
  sys_context: [
    // USERENV parameters with a PostgreSQL counterpart; anything else reads the setting
    // godwit_ora.<namespace>_<parameter> (set it per session or per role), LANG defaults to US.
    `CREATE OR REPLACE FUNCTION godwit_ora.sys_context(namespace text, parameter text) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT CASE
    WHEN upper(namespace) = 'USERENV' AND upper(parameter) IN ('SESSION_USER', 'CURRENT_USER') THEN upper(current_user)
    WHEN upper(namespace) = 'USERENV' AND upper(parameter) = 'CURRENT_SCHEMA' THEN upper(current_schema)
    WHEN upper(namespace) = 'USERENV' AND upper(parameter) = 'DB_NAME' THEN current_database()
    WHEN upper(namespace) = 'USERENV' AND upper(parameter) = 'LANG' THEN coalesce(current_setting('godwit_ora.userenv_lang', true), 'US')
    ELSE current_setting('godwit_ora.' || lower(namespace) || '_' || lower(parameter), true)
  END
$$`,
  ],
}

/** Every support function name, for checks that need all of them defined. */
export const SUPPORT_FUNCTION_NAMES: readonly string[] = Object.keys(DEFINITIONS)

/**
 * Standard extensions (contrib, shipped with PostgreSQL) the output may use: fuzzystrmatch for
 * SOUNDEX, pgcrypto for SHA-1 hashes, citext for Teradata's case-blind text — trusted, so a
 * database owner may create them — and amcheck for ANALYZE … VALIDATE STRUCTURE, which is not:
 * a superuser creates it (managed services allow it to their admin role).
 * A rule records `extension:<name>` in ctx.support.
 */
export const ALLOWED_EXTENSIONS = ['amcheck', 'citext', 'fuzzystrmatch', 'pgcrypto'] as const

/**
 * CREATE statements for the named support functions and extensions (unknown names are ignored),
 * schema first. Extensions go to public, where the output names them (`public.citext`), whatever
 * the search_path's first schema is.
 */
export function supportFunctionSql(names: ReadonlySet<string>): string[] {
  const extensions = ALLOWED_EXTENSIONS.filter((x) => names.has(`extension:${x}`)).map((x) => `CREATE EXTENSION IF NOT EXISTS ${x} WITH SCHEMA public`)
  const used = [...names].filter((n) => n in DEFINITIONS).sort()
  if (used.length === 0) return extensions
  return [...extensions, 'CREATE SCHEMA IF NOT EXISTS godwit_ora', ...used.flatMap((n) => DEFINITIONS[n]!)]
}
