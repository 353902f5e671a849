-- [pre-data] TABLE EMP
CREATE TABLE emp (
  id integer,
  sal numeric(8,2),
  hired timestamp
)
DISTSTYLE AUTO
SORTKEY (hired)
ENCODE AUTO;

-- [code] PROCEDURE RAISE_SAL
CREATE OR REPLACE PROCEDURE public.raise_sal(p_id numeric(38,18), p_pct numeric(38,18))
AS $$
BEGIN
  UPDATE emp SET sal = sal * (1 + p_pct / 100) WHERE id = p_id;
END;
$$
LANGUAGE plpgsql
SET search_path = public;

-- [code] FUNCTION SAL_OF
-- ACTION ITEM (code.sql:1:1): Amazon Redshift has no PL/pgSQL functions (only SQL, Python and Lambda UDFs): rewrite it as a SQL UDF (one SELECT expression) or a stored procedure
-- CREATE OR REPLACE FUNCTION sal_of(p_id NUMBER) RETURN NUMBER AS
--   s NUMBER;
-- BEGIN
--   SELECT sal INTO s FROM emp WHERE id = p_id;
--   RETURN s;
-- END;

-- [code] VIEW RECENT
CREATE VIEW recent AS
SELECT id, hired FROM emp WHERE hired > date_trunc('second', getdate()) - INTERVAL '30 days';

-- [code] VIEW TOP_SAL
CREATE VIEW top_sal (id, sal) AS
SELECT id, sal FROM (SELECT id, sal FROM emp ORDER BY sal DESC) subquery_1 LIMIT 10;

-- [code] VIEW DOCS
-- ACTION ITEM (code.sql:1:1): the query needs godwit's PostgreSQL support function is_json, which Amazon Redshift cannot create (no PL/pgSQL functions)
-- CREATE VIEW DOCS AS
-- SELECT id FROM emp WHERE '{}' IS JSON

-- [code] TRIGGER EMP_AUDIT
-- ACTION ITEM (code.sql:1:1): Amazon Redshift has no triggers: do this in the loading job, or in a stored procedure run after each load
-- CREATE OR REPLACE TRIGGER emp_audit BEFORE UPDATE ON emp FOR EACH ROW BEGIN NULL; END;

-- [code] GRANT SELECT, READ ON EMP TO REPORTING
GRANT SELECT ON TABLE emp TO reporting;

-- finding: info REDSHIFT_PHYSICAL_DESIGN TABLE EMP: SORTKEY (HIRED): the table's only date/time column

-- finding: warning REDSHIFT_PLPGSQL_SUBSET PROCEDURE RAISE_SAL: stored procedure in PL/pgSQL: godwit refuses what it knows Redshift's subset lacks, but no cluster checked this one; create it on one to confirm

-- finding: action REDSHIFT_NO_CODE_FORM FUNCTION SAL_OF: Amazon Redshift has no PL/pgSQL functions (only SQL, Python and Lambda UDFs): rewrite it as a SQL UDF (one SELECT expression) or a stored procedure

-- finding: info REDSHIFT_VIEW_NO_DML VIEW RECENT: WITH READ ONLY is not written: Redshift views take no INSERT, UPDATE or DELETE

-- finding: warning REDSHIFT_MATERIALIZED_VIEW_COLUMNS MATERIALIZED VIEW TOP_SAL: materialized view with a column list becomes a plain view: Redshift materialized views take their column names from the query; alias the query's columns and make it materialized again

-- finding: warning JSON_LAX_SYNTAX VIEW DOCS: IS JSON (LAX by default in Oracle): PostgreSQL accepts standard JSON syntax only, so text with Oracle's lax extras (unquoted names, single quotes, trailing commas) is not JSON there

-- finding: action REDSHIFT_SUPPORT_FUNCTION VIEW DOCS: the query needs godwit's PostgreSQL support function is_json, which Amazon Redshift cannot create (no PL/pgSQL functions)

-- finding: action REDSHIFT_NO_CODE_FORM TRIGGER EMP_AUDIT: Amazon Redshift has no triggers: do this in the loading job, or in a stored procedure run after each load

-- finding: info REDSHIFT_GRANTEE_MUST_EXIST GRANT SELECT, READ ON EMP TO REPORTING: create the users or roles (REPORTING) before running this grant; a role takes GRANT … TO ROLE
