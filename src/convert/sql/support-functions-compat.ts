/**
 * Support functions written for PostgreSQL 14: stand-ins for built-ins newer majors have (IS
 * JSON and JSON_VALUE/JSON_QUERY before 16/17, the regexp_* family before 15; the generator uses
 * them only below that version), and Oracle semantics no built-in has (REMAINDER, DEFAULT … ON
 * CONVERSION ERROR).
 */
export const COMPAT_DEFINITIONS: Readonly<Record<string, readonly string[]>> = {
  random_normal: [
    // random_normal() (PostgreSQL 16), DBMS_RANDOM.NORMAL: a standard normal deviate by the
    // Box-Muller transform; 1 - random() lies in (0, 1], so the logarithm is defined.
    `CREATE OR REPLACE FUNCTION godwit_ora.random_normal() RETURNS double precision LANGUAGE sql VOLATILE AS $$
  SELECT sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())
$$`,
  ],
  is_json: [
    // `IS JSON [WITH UNIQUE KEYS]` (PostgreSQL 16): the text parses as JSON; with unique_keys,
    // no object in it repeats a key. A BLOB holds UTF-8 text.
    `CREATE OR REPLACE FUNCTION godwit_ora.json_keys_unique(j json) RETURNS boolean LANGUAGE plpgsql IMMUTABLE STRICT AS $$
BEGIN
  CASE json_typeof(j)
    WHEN 'object' THEN
      RETURN (SELECT count(*) = count(DISTINCT key) AND coalesce(bool_and(godwit_ora.json_keys_unique(value)), true) FROM json_each(j));
    WHEN 'array' THEN
      RETURN (SELECT coalesce(bool_and(godwit_ora.json_keys_unique(value)), true) FROM json_array_elements(j));
    ELSE RETURN true;
  END CASE;
END
$$`,
    `CREATE OR REPLACE FUNCTION godwit_ora.is_json(doc text, unique_keys boolean DEFAULT false) RETURNS boolean LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
  j json;
BEGIN
  j := doc::json;
  RETURN NOT unique_keys OR godwit_ora.json_keys_unique(j);
EXCEPTION WHEN data_exception THEN
  RETURN false;
END
$$`,
    `CREATE OR REPLACE FUNCTION godwit_ora.is_json(doc bytea, unique_keys boolean DEFAULT false) RETURNS boolean LANGUAGE plpgsql IMMUTABLE STRICT AS $$
BEGIN
  RETURN godwit_ora.is_json(convert_from(doc, 'UTF8'), unique_keys);
EXCEPTION WHEN data_exception THEN
  RETURN false;
END
$$`,
  ],
  json_value: [
    // JSON_VALUE (PostgreSQL 17) with Oracle's NULL ON ERROR / NULL ON EMPTY: the one scalar
    // the path selects, as text; an object, an array, several items or none give NULL.
    `CREATE OR REPLACE FUNCTION godwit_ora.json_value(doc jsonb, path jsonpath, vars jsonb DEFAULT '{}') RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN jsonb_array_length(items) = 1 AND jsonb_typeof(items -> 0) NOT IN ('object', 'array') THEN items ->> 0 END
  FROM (SELECT jsonb_path_query_array(doc, path, vars, true) AS items) AS selected
$$`,
  ],
  json_query: [
    // JSON_QUERY (PostgreSQL 17) with NULL ON ERROR / NULL ON EMPTY. WITHOUT WRAPPER: the one
    // object or array selected; CONDITIONAL: that, else the items wrapped in an array;
    // UNCONDITIONAL: the items always wrapped. Nothing selected gives NULL.
    `CREATE OR REPLACE FUNCTION godwit_ora.json_query(doc jsonb, path jsonpath, vars jsonb, wrapper text) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN items IS NULL OR jsonb_array_length(items) = 0 THEN NULL
    WHEN wrapper = 'UNCONDITIONAL' THEN items
    WHEN jsonb_array_length(items) = 1 AND jsonb_typeof(items -> 0) IN ('object', 'array') THEN items -> 0
    WHEN wrapper = 'CONDITIONAL' THEN items
  END
  FROM (SELECT jsonb_path_query_array(doc, path, vars, true) AS items) AS selected
$$`,
  ],
  regexp_like: [
    // regexp_like (PostgreSQL 15).
    `CREATE OR REPLACE FUNCTION godwit_ora.regexp_like(s text, pattern text, flags text DEFAULT '') RETURNS boolean LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT regexp_match(s, pattern, flags) IS NOT NULL
$$`,
  ],
  regexp_count: [
    // regexp_count (PostgreSQL 15): matches from character `start` on.
    `CREATE OR REPLACE FUNCTION godwit_ora.regexp_count(s text, pattern text, start int DEFAULT 1, flags text DEFAULT '') RETURNS int LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT count(*)::int FROM regexp_matches(substr(s, start), pattern, flags || 'g')
$$`,
  ],
  regexp_substr: [
    // regexp_substr (PostgreSQL 15): the n-th match from `start` on, or its subexpression.
    // The pattern is wrapped in a group to capture the whole match, which shifts the group
    // numbers a back-reference in the pattern would use; the generator refuses those.
    `CREATE OR REPLACE FUNCTION godwit_ora.regexp_substr(s text, pattern text, start int DEFAULT 1, n int DEFAULT 1, flags text DEFAULT '', subexpr int DEFAULT 0) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT nullif(m[subexpr + 1], '') FROM regexp_matches(substr(s, start), '(' || pattern || ')', flags || 'g') WITH ORDINALITY AS found(m, i) WHERE i = n
$$`,
  ],
  remainder: [
    // Oracle's REMAINDER: the quotient rounds to the nearest integer, a tie to the even one.
    `CREATE OR REPLACE FUNCTION godwit_ora.remainder(n numeric, m numeric) RETURNS numeric LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT n - m * CASE WHEN abs(q - trunc(q)) = 0.5 THEN trunc(q) + mod(trunc(q), 2) ELSE round(q) END
  FROM (SELECT n / m AS q) AS quotient
$$`,
  ],
  convert_or_default: [
    // DEFAULT … ON CONVERSION ERROR: the translated conversion (text with $1 for the value) run
    // on the value; a data exception gives the default. NULL converts to NULL, as in Oracle.
    `CREATE OR REPLACE FUNCTION godwit_ora.convert_or_default(value text, conversion text, fallback anyelement) RETURNS anyelement LANGUAGE plpgsql STABLE AS $$
DECLARE
  result fallback%TYPE;
BEGIN
  IF value IS NULL THEN RETURN NULL; END IF;
  EXECUTE format('SELECT (%s)::%s', conversion, pg_typeof(fallback)) INTO result USING value;
  RETURN result;
EXCEPTION WHEN data_exception THEN
  RETURN fallback;
END
$$`,
  ],
  read_only_view: [
    // Oracle's WITH READ ONLY: DML on the view fails (ORA-42399), here from an INSTEAD OF trigger.
    `CREATE OR REPLACE FUNCTION godwit_ora.read_only_view() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'cannot perform a DML operation on a read-only view: %.%', TG_TABLE_SCHEMA, TG_TABLE_NAME USING ERRCODE = '42809';
END
$$`,
  ],
}
