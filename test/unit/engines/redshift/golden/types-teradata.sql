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
  name varchar(30) COLLATE case_insensitive
)
DISTSTYLE AUTO
SORTKEY (day)
ENCODE AUTO;

-- finding: info REDSHIFT_PHYSICAL_DESIGN TABLE T: SORTKEY (DAY): the table's only date/time column
