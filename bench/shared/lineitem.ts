/**
 * The table the data benches (load, value codec, validate) measure on: TPC-H lineitem's 16
 * columns (integers, numeric(15,2), char, date, varchar), keyed on (l_orderkey, l_linenumber).
 */
export const LINEITEM_DDL = `CREATE TABLE lineitem (
  l_orderkey bigint NOT NULL, l_partkey integer NOT NULL, l_suppkey integer NOT NULL, l_linenumber integer NOT NULL,
  l_quantity numeric(15,2), l_extendedprice numeric(15,2), l_discount numeric(15,2), l_tax numeric(15,2),
  l_returnflag char(1), l_linestatus char(1), l_shipdate date, l_commitdate date, l_receiptdate date,
  l_shipinstruct char(25), l_shipmode char(10), l_comment varchar(44), PRIMARY KEY (l_orderkey, l_linenumber))`

/** Fills lineitem with `$1` rows, deterministically: 4 lines per order. */
export const LINEITEM_FILL = `INSERT INTO lineitem SELECT g / 4 + 1, (g::bigint * 7919) % 200000, (g * 31) % 10000, g % 4 + 1,
  (g % 50) + 1, round(((g * 7.13) % 100000)::numeric, 2), ((g % 11) / 100.0), ((g % 9) / 100.0),
  substr('RAN', g % 3 + 1, 1), substr('OF', g % 2 + 1, 1),
  date '1992-01-01' + (g % 2500), date '1992-01-01' + (g % 2500) + 30, date '1992-01-01' + (g % 2500) + 45,
  (ARRAY['DELIVER IN PERSON','COLLECT COD','NONE','TAKE BACK RETURN'])[g % 4 + 1],
  (ARRAY['TRUCK','MAIL','SHIP','AIR','REG AIR','RAIL','FOB'])[g % 7 + 1],
  substr(md5(g::text) || md5((g + 1)::text), 1, 10 + g % 34)
  FROM generate_series(0, $1::int - 1) g`
