-- [pre-data] TABLE SALES
CREATE TABLE sales (
  sold_on timestamp,
  shipped_on timestamp,
  amount numeric(10,2)
)
DISTSTYLE AUTO
SORTKEY (sold_on)
ENCODE AUTO;

-- [pre-data] TABLE EVENTS
CREATE TABLE events (
  id bigint,
  happened timestamp
)
DISTSTYLE AUTO
SORTKEY (happened)
ENCODE AUTO;

-- [pre-data] TABLE PEOPLE
CREATE TABLE people (
  born timestamp,
  hired timestamp
)
DISTSTYLE AUTO
SORTKEY AUTO
ENCODE AUTO;

-- [pre-data] TABLE HASHED
CREATE TABLE hashed (
  account bigint
)
DISTSTYLE KEY
DISTKEY (account)
SORTKEY AUTO
ENCODE AUTO;

-- finding: info REDSHIFT_NO_PARTITIONS TABLE SALES: range partitioning is not kept: Redshift has no partitions; one table holds every partition's rows

-- finding: info REDSHIFT_PHYSICAL_DESIGN TABLE SALES: SORTKEY (SOLD_ON): the source's range partitioning key (Redshift has no partitions; sorted blocks prune as partitions did)

-- finding: info REDSHIFT_PHYSICAL_DESIGN TABLE EVENTS: SORTKEY (HAPPENED): the table's only date/time column

-- finding: info REDSHIFT_PHYSICAL_DESIGN TABLE PEOPLE: SORTKEY AUTO: several date/time columns (BORN, HIRED); name the one queries filter on with a SORTKEY if Redshift's choice is poor

-- finding: info REDSHIFT_NO_PARTITIONS TABLE HASHED: hash partitioning is not kept: Redshift has no partitions; one table holds every partition's rows

-- finding: info REDSHIFT_PHYSICAL_DESIGN TABLE HASHED: DISTKEY (ACCOUNT): the source's hash partitioning key
