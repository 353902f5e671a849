import { beforeAll, describe, expect, it } from 'vitest'
import { translateQuery } from '../../../../../src/convert/sql/translate-sql.js'
import { useDatabase } from '../../../../support/database.js'
import { testContext } from '../context.js'
import { queryTable, refusedTable } from '../translation-table.js'

const WAREHOUSES =
  'SELECT warehouse_name warehouse, warehouse2."Water", warehouse2."Rail" FROM warehouses, XMLTABLE(\'/Warehouse\' PASSING warehouses.warehouse_spec COLUMNS "Water" varchar2(6) PATH \'WaterAccess\', "Rail" varchar2(6) PATH \'RailAccess\') warehouse2'

describe('XMLTABLE', () => {
  queryTable([
    [
      // SQL Reference's XMLTABLE example (OE warehouses).
      WAREHOUSES,
      'SELECT warehouse_name AS warehouse, warehouse2."Water", warehouse2."Rail" FROM warehouses, LATERAL (SELECT nullif(godwit_xml."Water", \'\') AS "Water", nullif(godwit_xml."Rail", \'\') AS "Rail" FROM XMLTABLE(\'/Warehouse\' PASSING CAST(warehouses.warehouse_spec AS xml) COLUMNS "Water" varchar(6) PATH \'WaterAccess\', "Rail" varchar(6) PATH \'RailAccess\') AS godwit_xml) warehouse2',
    ],
    [
      // The path of a column without PATH is its Oracle name; no COLUMNS is COLUMN_VALUE.
      "SELECT x.id, x.n FROM t, XMLTABLE(XMLNAMESPACES('http://e.com/ns1' AS \"ns1\"), '/ns1:root/ns1:data' PASSING BY VALUE t.doc RETURNING SEQUENCE BY REF COLUMNS id NUMBER, n FOR ORDINALITY) x",
      "SELECT x.id, x.n FROM t, XMLTABLE(XMLNAMESPACES('http://e.com/ns1' AS \"ns1\"), '/ns1:root/ns1:data' PASSING CAST(t.doc AS xml) COLUMNS id numeric PATH 'ID', n FOR ORDINALITY) AS x",
    ],
    [
      // A DEFAULT namespace: bound to a prefix written on the element names of every path, a column's implicit one included.
      "SELECT x.* FROM t, XMLTABLE(XMLNAMESPACES(DEFAULT 'http://e.com/d', 'http://e.com/ns1' AS \"ns1\"), '/root/data' PASSING t.doc COLUMNS id NUMBER PATH '@id', v NUMBER PATH 'ns1:value/text()', w NUMBER) x",
      "SELECT x.* FROM t, XMLTABLE(XMLNAMESPACES('http://e.com/d' AS \"godwit_default\", 'http://e.com/ns1' AS \"ns1\"), '/godwit_default:root/godwit_default:data' PASSING CAST(t.doc AS xml) COLUMNS id numeric PATH '@id', v numeric PATH 'ns1:value/text()', w numeric PATH 'godwit_default:W') AS x",
    ],
    ["SELECT v.column_value FROM t, XMLTABLE('/a/b' PASSING t.doc) v", "SELECT v.column_value FROM t, XMLTABLE('/a/b' PASSING CAST(t.doc AS xml) COLUMNS column_value xml PATH '.') AS v"],
  ])
  refusedTable([
    ["SELECT * FROM XMLTABLE('for $i in /a return $i' PASSING x)", 'XPath 1.0 paths only'],
    ["SELECT * FROM XMLTABLE('/a')", 'XMLTABLE without PASSING'],
    ["SELECT * FROM XMLTABLE('1 to 3' RETURNING SEQUENCE BY REF COLUMNS a VARCHAR2(9), b FLOAT)", 'XMLTABLE without PASSING'],
    ["SELECT * FROM XMLTABLE('/a' PASSING x AS \"d\")", 'PostgreSQL passes one document'],
  ])
})

describe('XMLTABLE on PostgreSQL gives the rows Oracle defines', () => {
  const db = useDatabase('sql_xml_table')

  beforeAll(async () => {
    await db.client.query('CREATE TABLE warehouses (warehouse_name text, warehouse_spec xml)')
    await db.client.query(`INSERT INTO warehouses VALUES
      ('Southlake', '<Warehouse><WaterAccess>Y</WaterAccess><RailAccess>N</RailAccess></Warehouse>'),
      ('Sydney', '<Warehouse><WaterAccess></WaterAccess></Warehouse>')`)
  })

  it('reads the columns of each row; an empty or missing element is NULL, as the empty string is in Oracle', async () => {
    const r = await db.client.query({ text: `${translateQuery({ text: WAREHOUSES }, testContext())} ORDER BY 1`, rowMode: 'array' })
    expect(r.rows).toEqual([
      ['Southlake', 'Y', 'N'],
      ['Sydney', null, null],
    ])
  })

  it('reads a document in a default namespace through XMLNAMESPACES(DEFAULT …)', async () => {
    const doc = `'<root xmlns="http://e.com/d" xmlns:n="http://e.com/ns1"><data id="1"><n:value>a</n:value><W>5</W></data><data id="2"><W>6</W></data><other id="3"/></root>'`
    const oracle = `SELECT x.id, x.v, x.w FROM (SELECT XMLTYPE(${doc}) doc FROM dual) t, XMLTABLE(XMLNAMESPACES(DEFAULT 'http://e.com/d', 'http://e.com/ns1' AS "ns1"), '/root/data' PASSING t.doc COLUMNS id NUMBER PATH '@id', v VARCHAR2(9) PATH 'ns1:value/text()', w NUMBER) x ORDER BY x.id`
    const r = await db.client.query({ text: translateQuery({ text: oracle }, testContext()), rowMode: 'array' })
    expect(r.rows).toEqual([
      ['1', 'a', '5'],
      ['2', null, '6'],
    ])
  })
})
