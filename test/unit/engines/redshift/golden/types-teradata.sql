-- [pre-data] TABLE T
CREATE TABLE t (
  tiny smallint,
  small smallint,
  whole integer,
  big bigint,
  price numeric(38,4),
  ratio double precision,
  day date,
  at time,
  at_zone timetz,
  blob_ish varbyte(100),
  name varchar(30) COLLATE case_insensitive,
  "MixedCase" varchar(5)
)
DISTSTYLE AUTO
SORTKEY (day)
ENCODE AUTO;

-- finding: warning REDSHIFT_CASE_FOLDED_NAME TABLE T: MixedCase: Redshift folds quoted names to lower case unless the session sets enable_case_sensitive_identifier, so set it for every session that uses this name

-- finding: info REDSHIFT_PHYSICAL_DESIGN TABLE T: SORTKEY (DAY): the table's only date/time column
