/**
 * Stand-ins for the two Teradata data dictionary views scripts read most (DBC.TablesV and
 * DBC.ColumnsV), over PostgreSQL's catalog, in godwit's support schema. They keep the columns
 * and codes a script filters on — TableKind T (table), V (view, materialized view), M (a
 * procedure: godwit creates Teradata macros as procedures; SPL procedures stay action items),
 * F (function); ColumnType codes; ColumnId from 1025; SPParameterType I/O/B for routine
 * parameters — with names as citext, since dictionary names compare without case in Teradata.
 * Columns they do not list are not there: a query naming one fails when the view is created.
 */
export const TERADATA_DICTIONARY_DEFINITIONS: Readonly<Record<string, readonly string[]>> = {
  td_tablesv: [
    `CREATE OR REPLACE VIEW godwit_ora.td_tablesv AS
SELECT n.nspname::public.citext AS databasename, c.relname::public.citext AS tablename,
  CASE WHEN c.relkind IN ('r', 'p', 'f') THEN 'T' ELSE 'V' END::char(1) AS tablekind,
  obj_description(c.oid, 'pg_class')::varchar(255) AS commentstring
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'f', 'v', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
UNION ALL
SELECT n.nspname::public.citext, p.proname::public.citext, CASE p.prokind WHEN 'p' THEN 'M' ELSE 'F' END::char(1), obj_description(p.oid, 'pg_proc')::varchar(255)
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE p.prokind IN ('f', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'godwit_ora') AND n.nspname NOT LIKE 'pg\\_%'`,
  ],
  td_columnsv: [
    `CREATE OR REPLACE FUNCTION godwit_ora.td_column_type(t oid) RETURNS char(2) LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE format_type(t, NULL)
    WHEN 'integer' THEN 'I' WHEN 'smallint' THEN 'I2' WHEN 'bigint' THEN 'I8' WHEN 'numeric' THEN 'D' WHEN 'double precision' THEN 'F'
    WHEN 'date' THEN 'DA' WHEN 'timestamp without time zone' THEN 'TS' WHEN 'timestamp with time zone' THEN 'SZ'
    WHEN 'time without time zone' THEN 'AT' WHEN 'time with time zone' THEN 'TZ' WHEN 'character' THEN 'CF' WHEN 'bytea' THEN 'BV'
    WHEN 'json' THEN 'JN' WHEN 'jsonb' THEN 'JN' ELSE 'CV' END
$$`,
    `CREATE OR REPLACE VIEW godwit_ora.td_columnsv AS
SELECT n.nspname::public.citext AS databasename, c.relname::public.citext AS tablename, a.attname::public.citext AS columnname,
  godwit_ora.td_column_type(a.atttypid) AS columntype, CASE WHEN a.atttypmod > 4 THEN a.atttypmod - 4 ELSE a.attlen END AS columnlength,
  (1024 + a.attnum)::smallint AS columnid, CASE WHEN a.attnotnull THEN 'N' ELSE 'Y' END::char(1) AS nullable,
  col_description(c.oid, a.attnum)::varchar(255) AS commentstring, NULL::char(1) AS spparametertype
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'f', 'v', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
UNION ALL
SELECT n.nspname::public.citext, p.proname::public.citext, arg.name::public.citext, godwit_ora.td_column_type(arg.type), NULL::smallint,
  (1024 + arg.i)::smallint, 'Y', NULL::varchar(255),
  (CASE coalesce(p.proargmodes[arg.i], 'i') WHEN 'b' THEN 'B' WHEN 'o' THEN 'O' ELSE 'I' END)::char(1)
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
CROSS JOIN LATERAL unnest(p.proargnames, coalesce(p.proallargtypes, p.proargtypes::oid[])) WITH ORDINALITY AS arg(name, type, i)
WHERE p.prokind IN ('f', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'godwit_ora') AND n.nspname NOT LIKE 'pg\\_%'`,
  ],
}
