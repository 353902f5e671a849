/**
 * A PostgreSQL database playing a Redshift cluster (no cluster here): Redshift's SQL that godwit
 * sends runs on PostgreSQL except for a few names, which get stand-ins doing what Redshift
 * documents, in the test database only.
 */

/** STRTOL (hex digits → BIGINT) and FROM_VARBYTE (VARBYTE → hex text), for the validation SQL. */
export const CHECKSUM_STAND_INS = `
CREATE FUNCTION strtol(s text, base int) RETURNS bigint LANGUAGE plpgsql IMMUTABLE STRICT AS $$
BEGIN
  IF base <> 16 OR length(s) > 15 THEN RAISE EXCEPTION 'strtol stand-in: base 16 and up to 15 digits only, got % digits in base %', length(s), base; END IF;
  RETURN ('x' || lpad(s, 16, '0'))::bit(64)::bigint;
END $$;
CREATE FUNCTION from_varbyte(v bytea, fmt text) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT encode(v, fmt) $$;`

/**
 * SVV_COLUMNS, and the `"identity"(table oid, column, 'seed,step')` default Redshift gives an
 * IDENTITY column (SVV_COLUMNS.column_default shows it quoted, as here). `schema` keeps them out
 * of the migrated schemas; put it on the search_path.
 */
export function identityStandIns(schema: string): string {
  return `
CREATE SCHEMA ${schema};
CREATE FUNCTION ${schema}."identity"(oid, int, text) RETURNS bigint LANGUAGE sql AS $$ SELECT NULL::bigint $$;
CREATE VIEW ${schema}.svv_columns AS
  SELECT table_schema::text, table_name::text, column_name::text, regexp_replace(column_default, '^(${schema}\\.)?"?identity"?\\(', '"identity"(') AS column_default
    FROM information_schema.columns;`
}

/** The same database by a redshift:// URL (godwit then opens its Redshift engine code on it). */
export function asRedshift(url: string): string {
  const u = new URL(url)
  return `redshift://${u.username}:${u.password}@${u.host}${u.pathname}?sslmode=disable`
}
