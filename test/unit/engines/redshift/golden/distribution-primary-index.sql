-- [pre-data] TABLE ORDERS
CREATE TABLE orders (
  order_id integer,
  customer_id integer
)
DISTSTYLE KEY
DISTKEY (order_id)
SORTKEY AUTO
ENCODE AUTO;

-- [pre-data] TABLE ORDER_LINES
CREATE TABLE order_lines (
  order_id integer,
  line_no smallint
)
DISTSTYLE AUTO
SORTKEY AUTO
ENCODE AUTO;

-- [pre-data] TABLE STAGE
CREATE TABLE stage (
  payload varchar(200)
)
DISTSTYLE EVEN
SORTKEY AUTO
ENCODE AUTO;

-- [pre-data] TABLE DOCS
CREATE TABLE docs (
  doc super
)
DISTSTYLE AUTO
SORTKEY AUTO
ENCODE AUTO;

-- finding: info REDSHIFT_PHYSICAL_DESIGN TABLE ORDERS: DISTKEY (ORDER_ID): the source's PRIMARY INDEX

-- finding: info REDSHIFT_PHYSICAL_DESIGN TABLE ORDER_LINES: DISTSTYLE AUTO: the PRIMARY INDEX (ORDER_ID, LINE_NO) has several columns and a DISTKEY takes one; make one of them the DISTKEY if joins use it

-- finding: info REDSHIFT_PHYSICAL_DESIGN TABLE STAGE: DISTSTYLE EVEN: a NoPI table, spread round robin as in the source

-- finding: info REDSHIFT_SUPER TABLE DOCS: column DOC (json) becomes SUPER: load it with JSON_PARSE; queries use PartiQL paths instead of JSON functions

-- finding: info REDSHIFT_PHYSICAL_DESIGN TABLE DOCS: DISTSTYLE AUTO: the PRIMARY INDEX column DOC cannot be a DISTKEY in Redshift (its type)
