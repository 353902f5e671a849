-- [pre-data] TABLE REGION
CREATE TABLE region (
  region_id integer
)
DISTSTYLE ALL
SORTKEY AUTO
ENCODE AUTO;

-- [pre-data] TABLE STORE
CREATE TABLE store (
  store_id integer,
  region_id integer
)
DISTSTYLE AUTO
SORTKEY AUTO
ENCODE AUTO;

-- [pre-data] TABLE LOOKUP
CREATE TABLE lookup (
  code char(3)
)
DISTSTYLE AUTO
SORTKEY AUTO
ENCODE AUTO;

-- [post-data] CONSTRAINT REGION PRIMARY KEY
ALTER TABLE region ADD PRIMARY KEY (region_id);

-- [post-data] CONSTRAINT STORE PRIMARY KEY
ALTER TABLE store ADD PRIMARY KEY (store_id);

-- [post-data] CONSTRAINT STORE FOREIGN KEY
ALTER TABLE store ADD FOREIGN KEY (region_id) REFERENCES region;

-- finding: info REDSHIFT_PHYSICAL_DESIGN TABLE REGION: DISTSTYLE ALL: a dimension (12 rows, referenced by a foreign key) is copied to every node

-- finding: warning REDSHIFT_CONSTRAINTS_NOT_ENFORCED SCHEMA: Redshift does not enforce PRIMARY KEY, UNIQUE or FOREIGN KEY: the 3 keys are created for the planner only, and the report lists them for the load and validation to check
