-- [pre-data] TABLE DEPT
CREATE TABLE dept (
  id smallint NOT NULL,
  name varchar(30)
)
DISTSTYLE AUTO
SORTKEY AUTO
ENCODE AUTO;

-- [pre-data] TABLE EMP
CREATE TABLE emp (
  id integer,
  dept_id smallint,
  sal numeric(8,2),
  boss_id integer
)
DISTSTYLE AUTO
SORTKEY AUTO
ENCODE AUTO;

-- [post-data] CONSTRAINT DEPT_PK
ALTER TABLE dept ADD CONSTRAINT dept_pk PRIMARY KEY (id);

-- [post-data] CONSTRAINT DEPT UNIQUE
ALTER TABLE dept ADD UNIQUE (name);

-- [post-data] CONSTRAINT EMP PRIMARY KEY
ALTER TABLE emp ADD PRIMARY KEY (id);

-- [post-data] CONSTRAINT SAL_POSITIVE
-- ACTION ITEM: Amazon Redshift has no CHECK constraints: the loading job or a validation query must check it
-- ALTER TABLE EMP ADD CONSTRAINT SAL_POSITIVE CHECK (sal > 0)

-- [post-data] INDEX EMP_SAL_IX
-- INDEX EMP_SAL_IX ON EMP (SAL): not created, Redshift has no indexes

-- [post-data] CONSTRAINT EMP_DEPT_FK
ALTER TABLE emp ADD CONSTRAINT emp_dept_fk FOREIGN KEY (dept_id) REFERENCES dept;

-- [post-data] CONSTRAINT EMP_BOSS_FK
-- ACTION ITEM: FOREIGN KEY is NOVALIDATE in the source: Redshift's planner trusts keys it does not check, so it is not created; check the data, then create it
-- ALTER TABLE EMP ADD CONSTRAINT EMP_BOSS_FK FOREIGN KEY (BOSS_ID) REFERENCES EMP

-- finding: action REDSHIFT_NO_CHECK CONSTRAINT SAL_POSITIVE: Amazon Redshift has no CHECK constraints: the loading job or a validation query must check it

-- finding: info REDSHIFT_NO_INDEXES INDEX EMP_SAL_IX: Redshift has no indexes: index EMP_SAL_IX on EMP (SAL) is not created; the table's SORTKEY and DISTKEY do its work

-- finding: warning REDSHIFT_NO_REFERENTIAL_ACTIONS CONSTRAINT EMP_DEPT_FK: ON DELETE CASCADE is not kept: Redshift does not act on foreign keys; deletes must reach the child rows by CDC or the loading job

-- finding: action REDSHIFT_UNTRUSTED_KEY CONSTRAINT EMP_BOSS_FK: FOREIGN KEY is NOVALIDATE in the source: Redshift's planner trusts keys it does not check, so it is not created; check the data, then create it

-- finding: warning REDSHIFT_CONSTRAINTS_NOT_ENFORCED SCHEMA: Redshift does not enforce PRIMARY KEY, UNIQUE or FOREIGN KEY: the 4 keys are created for the planner only, and the report lists them for the load and validation to check
