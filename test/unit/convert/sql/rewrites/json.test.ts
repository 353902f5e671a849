import { describe } from 'vitest'
import type { TargetDialect } from '../../../../../src/convert/target.js'
import { expressionTable, queryTable, refusedTable } from '../translation-table.js'

const PG16: TargetDialect = { engine: 'postgres', version: 16 }
const PG17: TargetDialect = { engine: 'postgres', version: 17 }

describe('SQL/JSON on PostgreSQL 17: the standard functions, clauses in PostgreSQL order', () => {
  expressionTable(
    [
      ['product_details IS JSON', 'product_details IS JSON'],
      ['product_details IS NOT JSON STRICT', 'product_details IS NOT JSON'],
      ['product_details IS JSON STRICT WITH UNIQUE KEYS', 'product_details IS JSON WITH UNIQUE KEYS'],
      ["JSON_VALUE(d, '$.a')", "JSON_VALUE(d, '$.a')"],
      ["JSON_VALUE(d, '$.a' RETURNING NUMBER NULL ON ERROR)", "JSON_VALUE(d, '$.a' RETURNING numeric NULL ON ERROR)"],
      // Oracle writes ON ERROR before ON EMPTY; PostgreSQL's grammar takes ON EMPTY first.
      ["JSON_VALUE(d, '$.a' DEFAULT 'x' ON ERROR NULL ON EMPTY)", "JSON_VALUE(d, '$.a' NULL ON EMPTY DEFAULT 'x' ON ERROR)"],
      ["JSON_VALUE(d, '$.a?(@ > $lim)' PASSING 5 AS \"lim\")", "JSON_VALUE(d, '$.a?(@ > $lim)' PASSING 5 AS \"lim\")"],
      ["JSON_QUERY(d, '$.a' WITH WRAPPER)", "JSON_QUERY(d, '$.a' WITH WRAPPER)"],
      ["JSON_QUERY(d, '$.a' PRETTY)", "JSON_QUERY(d, '$.a')"],
      ["JSON_EXISTS(d, '$.a')", "JSON_EXISTS(d, '$.a')"],
      ["JSON_EXISTS(d, '$.a' FALSE ON EMPTY TRUE ON ERROR)", "JSON_EXISTS(d, '$.a' TRUE ON ERROR)"],
      ["JSON_OBJECT(KEY 'a' VALUE 1, 'b' VALUE x)", "JSON_OBJECT('a' VALUE 1, 'b' VALUE x)"],
      ["JSON_OBJECT(KEY 'a' IS x)", "JSON_OBJECT('a' VALUE x)"],
      ["JSON_OBJECT('a' : x)", "JSON_OBJECT('a' VALUE x)"],
      ["JSON_OBJECT('a' VALUE x ABSENT ON NULL)", "JSON_OBJECT('a' VALUE x ABSENT ON NULL)"],
      // Oracle: RETURNING before UNIQUE KEYS; PostgreSQL: ON NULL, UNIQUE KEYS, then RETURNING.
      ["JSON_OBJECT('a' VALUE x RETURNING CLOB WITH UNIQUE KEYS)", "JSON_OBJECT('a' VALUE x WITH UNIQUE KEYS RETURNING text)"],
      ["JSON_OBJECT('a' VALUE j FORMAT JSON)", "JSON_OBJECT('a' VALUE j FORMAT JSON)"],
      ['JSON_ARRAY(1, 2)', 'JSON_ARRAY(1, 2)'],
      ['JSON_ARRAY(x, y NULL ON NULL)', 'JSON_ARRAY(x, y NULL ON NULL)'],
    ],
    PG17,
  )
  queryTable(
    [
      ['SELECT JSON_ARRAYAGG(x ORDER BY y) FROM t', 'SELECT JSON_ARRAYAGG(x ORDER BY y) FROM t'],
      ['SELECT JSON_OBJECTAGG(KEY k VALUE v) FROM t', 'SELECT JSON_OBJECTAGG(k VALUE v) FROM t'],
      [
        "SELECT p.product_name, r.rating FROM products p, JSON_TABLE(p.product_details, '$' COLUMNS (NESTED PATH '$.reviews[*]' COLUMNS (rating INTEGER PATH '$.rating', review VARCHAR2(4000) PATH '$.review'))) r",
        // product_details is a BLOB: bytea in PostgreSQL, decoded for SQL/JSON.
        "SELECT p.product_name, r.rating FROM products p, JSON_TABLE(convert_from(p.product_details, 'UTF8')::jsonb, '$' COLUMNS (NESTED PATH '$.reviews[*]' COLUMNS (rating numeric(38) PATH '$.rating', review varchar(4000) PATH '$.review'))) r",
      ],
      ["SELECT JSON_VALUE(product_details, '$.colour') FROM products", "SELECT JSON_VALUE(convert_from(product_details, 'UTF8')::jsonb, '$.colour') FROM products"],
      ["SELECT JSON_VALUE(product_name, '$.colour') FROM products", "SELECT JSON_VALUE(product_name, '$.colour') FROM products"],
      ["SELECT j.n FROM t, JSON_TABLE(t.doc, '$[*]' COLUMNS (n FOR ORDINALITY, v VARCHAR2(10) PATH '$.v')) j", "SELECT j.n FROM t, JSON_TABLE(t.doc, '$[*]' COLUMNS (n FOR ORDINALITY, v varchar(10) PATH '$.v')) j"],
      [
        "SELECT j.v FROM t, JSON_TABLE(t.doc, '$[*]' ERROR ON ERROR NULL ON EMPTY COLUMNS (v NUMBER PATH '$.v' NULL ON ERROR DEFAULT 0 ON EMPTY)) j",
        "SELECT j.v FROM t, JSON_TABLE(t.doc, '$[*]' COLUMNS (v numeric PATH '$.v' DEFAULT 0 ON EMPTY NULL ON ERROR) ERROR ON ERROR) j",
      ],
    ],
    PG17,
  )
})

describe('SQL/JSON on PostgreSQL 16: IS JSON and the constructors; the query functions are rewritten', () => {
  expressionTable(
    [
      ['product_details IS JSON STRICT WITH UNIQUE KEYS', 'product_details IS JSON WITH UNIQUE KEYS'],
      ['JSON_ARRAY(1, 2)', 'JSON_ARRAY(1, 2)'],
      ["JSON_EXISTS(d, '$.a')", "coalesce(jsonb_path_exists((d)::jsonb, '$.a', '{}'::jsonb, true), false)"],
    ],
    PG16,
  )
})

describe('SQL/JSON on PostgreSQL 14: exact equivalents on json_build_*, jsonb_path_* and support functions', () => {
  expressionTable([
    ['product_details IS JSON', 'godwit_ora.is_json(product_details)'],
    ['product_details IS NOT JSON STRICT', 'NOT godwit_ora.is_json(product_details)'],
    ['product_details IS JSON WITH UNIQUE KEYS', 'godwit_ora.is_json(product_details, true)'],
    ["JSON_VALUE(d, '$.a')", "godwit_ora.json_value((d)::jsonb, '$.a', '{}'::jsonb)"],
    ["JSON_VALUE(d, '$.a' RETURNING NUMBER NULL ON ERROR)", "godwit_ora.json_value((d)::jsonb, '$.a', '{}'::jsonb)::numeric"],
    ["JSON_VALUE(d, '$.a?(@ > $lim)' PASSING 5 AS \"lim\")", "godwit_ora.json_value((d)::jsonb, '$.a?(@ > $lim)', jsonb_build_object('lim', 5))"],
    ["JSON_QUERY(d, '$.a' WITH WRAPPER)", "godwit_ora.json_query((d)::jsonb, '$.a', '{}'::jsonb, 'UNCONDITIONAL')"],
    ["JSON_QUERY(d, '$.a' WITH CONDITIONAL WRAPPER)", "godwit_ora.json_query((d)::jsonb, '$.a', '{}'::jsonb, 'CONDITIONAL')"],
    ["JSON_QUERY(d, '$.a')", "godwit_ora.json_query((d)::jsonb, '$.a', '{}'::jsonb, 'WITHOUT')"],
    ["JSON_EXISTS(d, '$.a')", "coalesce(jsonb_path_exists((d)::jsonb, '$.a', '{}'::jsonb, true), false)"],
    ["JSON_EXISTS(d, '$.a' ERROR ON ERROR)", "jsonb_path_exists((d)::jsonb, '$.a', '{}'::jsonb)"],
    ["JSON_OBJECT(KEY 'a' VALUE 1, 'b' VALUE x)", "json_build_object('a', 1, 'b', x)"],
    ["JSON_OBJECT('a' VALUE j FORMAT JSON)", "json_build_object('a', (j)::json)"],
    [
      "JSON_OBJECT('a' VALUE x ABSENT ON NULL)",
      "(SELECT coalesce(json_object_agg(m.key, m.value), '{}'::json) FROM json_each(json_build_object('a', x)) AS m WHERE json_typeof(m.value) <> 'null')",
    ],
    ["JSON_OBJECT('a' VALUE x RETURNING CLOB)", "(json_build_object('a', x))::text"],
    ['JSON_ARRAY(1, 2)', 'json_build_array(1, 2)'],
    ['JSON_ARRAY(x, y NULL ON NULL)', 'json_build_array(x, y)'],
    ['JSON_ARRAY(x, 2)', "(SELECT coalesce(json_agg(elem), '[]'::json) FROM json_array_elements(json_build_array(x, 2)) AS elem WHERE json_typeof(elem) <> 'null')"],
  ])
  queryTable([
    ['SELECT JSON_ARRAYAGG(x ORDER BY y) FROM t', 'SELECT json_agg(x ORDER BY y) FILTER (WHERE x IS NOT NULL) FROM t'],
    ['SELECT JSON_ARRAYAGG(x NULL ON NULL) FROM t', 'SELECT json_agg(x) FROM t'],
    ['SELECT JSON_OBJECTAGG(KEY k VALUE v) FROM t', 'SELECT json_object_agg(k, v) FROM t'],
    ["SELECT JSON_VALUE(product_details, '$.colour') FROM products", "SELECT godwit_ora.json_value(convert_from(product_details, 'UTF8')::jsonb, '$.colour', '{}'::jsonb) FROM products"],
  ])
  queryTable([
    [
      "SELECT j.n, j.v FROM t, JSON_TABLE(t.doc, '$[*]' COLUMNS (n FOR ORDINALITY, v VARCHAR2(10) PATH '$.v', has_w NUMBER EXISTS PATH '$.w')) j",
      "SELECT j.n, j.v FROM t, LATERAL (SELECT level_0.ordinal AS n, godwit_ora.json_value(level_0.item, '$.v', '{}'::jsonb)::varchar(10) AS v, coalesce(jsonb_path_exists(level_0.item, '$.w', '{}'::jsonb, true), false) AS has_w FROM jsonb_path_query((t.doc)::jsonb, '$[*]', '{}'::jsonb, true) WITH ORDINALITY AS level_0(item, ordinal)) j",
    ],
    [
      "SELECT p.product_name, r.rating FROM products p, JSON_TABLE(p.product_details, '$' COLUMNS (NESTED PATH '$.reviews[*]' COLUMNS (rating INTEGER PATH '$.rating'))) r",
      "SELECT p.product_name, r.rating FROM products p, LATERAL (SELECT godwit_ora.json_value(level_1.item, '$.rating', '{}'::jsonb)::numeric(38) AS rating FROM jsonb_path_query(convert_from(p.product_details, 'UTF8')::jsonb, '$', '{}'::jsonb, true) WITH ORDINALITY AS level_0(item, ordinal) LEFT JOIN LATERAL jsonb_path_query(level_0.item, '$.reviews[*]', '{}'::jsonb, true) WITH ORDINALITY AS level_1(item, ordinal) ON true) r",
    ],
  ])
  refusedTable([
    ["SELECT j.a FROM t, JSON_TABLE(t.doc, '$' COLUMNS (NESTED PATH '$.a[*]' COLUMNS (a NUMBER PATH '$'), NESTED PATH '$.b[*]' COLUMNS (b NUMBER PATH '$'))) j", 'sibling NESTED PATH clauses has no equivalent on PostgreSQL 14'],
    ["JSON_VALUE(d, '$.a' ERROR ON ERROR)", 'JSON_VALUE(… ERROR ON ERROR) has no equivalent on PostgreSQL 14'],
    ["JSON_OBJECT('a' VALUE x WITH UNIQUE KEYS)", 'JSON_OBJECT … WITH UNIQUE KEYS has no equivalent on PostgreSQL 14'],
    ["JSON_VALUE(d, '$.a' ERROR ON MISMATCH)", 'JSON_VALUE … ERROR ON MISMATCH has no PostgreSQL counterpart'],
  ])
})
