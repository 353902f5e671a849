-- [pre-data] TABLE T
CREATE TABLE t (
  name_chars varchar(400),
  name_bytes varchar(100),
  long_chars varchar(65535),
  national varchar(150),
  code char(2),
  code_chars varchar(40),
  body varchar(65535),
  picture varbyte(1024000),
  guid varbyte(16),
  any_number numeric(38,18),
  amount numeric(10,2),
  hundreds numeric(7),
  single real,
  double double precision,
  created timestamp,
  precise timestamp,
  at_zone timestamptz,
  local timestamptz,
  tenure interval year to month,
  duration interval day to second(3),
  doc super,
  page varchar(65535),
  where_it_was varchar(4000)
)
DISTSTYLE AUTO
SORTKEY AUTO
ENCODE AUTO;

-- finding: warning REDSHIFT_VARCHAR_MAX TABLE T: column LONG_CHARS needs up to 80000 bytes in UTF-8: VARCHAR(65535), longer values are rejected at load

-- finding: warning REDSHIFT_VARCHAR_MAX TABLE T: column BODY (clob) becomes VARCHAR(65535): values over 65,535 bytes are rejected at load

-- finding: warning REDSHIFT_VARBYTE_MAX TABLE T: column PICTURE becomes VARBYTE(1024000): values over 1,024,000 bytes are rejected at load

-- finding: warning REDSHIFT_NUMERIC_UNBOUNDED TABLE T: column ANY_NUMBER has no precision: NUMERIC(38,18), values with more than 20 integer digits are rejected at load and more than 18 decimals are rounded

-- finding: info REDSHIFT_FRACTIONAL_SECONDS TABLE T: column PRECISE keeps microseconds (source precision 9)

-- finding: info REDSHIFT_SUPER TABLE T: column DOC (json) becomes SUPER: load it with JSON_PARSE; queries use PartiQL paths instead of JSON functions

-- finding: warning REDSHIFT_VARCHAR_MAX TABLE T: column PAGE (xml) becomes VARCHAR(65535): values over 65,535 bytes are rejected at load

-- finding: info REDSHIFT_PHYSICAL_DESIGN TABLE T: SORTKEY AUTO: several date/time columns (CREATED, PRECISE, AT_ZONE, LOCAL); name the one queries filter on with a SORTKEY if Redshift's choice is poor
