import { describe } from 'vitest'
import { expressionTable, queryTable } from '../translation-table.js'

describe('SQL/JSON (PostgreSQL 17)', () => {
  expressionTable([
    ['product_details IS JSON', 'product_details IS JSON'],
    ['product_details IS NOT JSON STRICT', 'product_details IS NOT JSON'],
    ["JSON_VALUE(d, '$.a')", "JSON_VALUE(d, '$.a')"],
    ["JSON_VALUE(d, '$.a' RETURNING NUMBER NULL ON ERROR)", "JSON_VALUE(d, '$.a' RETURNING numeric NULL ON ERROR)"],
    ["JSON_QUERY(d, '$.a' WITH WRAPPER)", "JSON_QUERY(d, '$.a' WITH WRAPPER)"],
    ["JSON_QUERY(d, '$.a' PRETTY)", "JSON_QUERY(d, '$.a')"],
    ["JSON_EXISTS(d, '$.a')", "JSON_EXISTS(d, '$.a')"],
    ["JSON_OBJECT(KEY 'a' VALUE 1, 'b' VALUE x)", "JSON_OBJECT('a' VALUE 1, 'b' VALUE x)"],
    ["JSON_OBJECT('a' VALUE x ABSENT ON NULL)", "JSON_OBJECT('a' VALUE x ABSENT ON NULL)"],
    ['JSON_ARRAY(1, 2)', 'JSON_ARRAY(1, 2)'],
  ])
  queryTable([
    ['SELECT JSON_ARRAYAGG(x ORDER BY y) FROM t', 'SELECT JSON_ARRAYAGG(x ORDER BY y) FROM t'],
    ["SELECT JSON_OBJECTAGG(KEY k VALUE v) FROM t", 'SELECT JSON_OBJECTAGG(k VALUE v) FROM t'],
    [
      "SELECT p.product_name, r.rating FROM products p, JSON_TABLE(p.product_details, '$' COLUMNS (NESTED PATH '$.reviews[*]' COLUMNS (rating INTEGER PATH '$.rating', review VARCHAR2(4000) PATH '$.review'))) r",
      // product_details is a BLOB: bytea in PostgreSQL, decoded for SQL/JSON.
      "SELECT p.product_name, r.rating FROM products p, JSON_TABLE(convert_from(p.product_details, 'UTF8')::jsonb, '$' COLUMNS (NESTED PATH '$.reviews[*]' COLUMNS (rating numeric(38) PATH '$.rating', review varchar(4000) PATH '$.review'))) r",
    ],
    ["SELECT JSON_VALUE(product_details, '$.colour') FROM products", "SELECT JSON_VALUE(convert_from(product_details, 'UTF8')::jsonb, '$.colour') FROM products"],
    ["SELECT JSON_VALUE(product_name, '$.colour') FROM products", "SELECT JSON_VALUE(product_name, '$.colour') FROM products"],
    ["SELECT j.n FROM t, JSON_TABLE(t.doc, '$[*]' COLUMNS (n FOR ORDINALITY, v VARCHAR2(10) PATH '$.v')) j", "SELECT j.n FROM t, JSON_TABLE(t.doc, '$[*]' COLUMNS (n FOR ORDINALITY, v varchar(10) PATH '$.v')) j"],
  ])
})
