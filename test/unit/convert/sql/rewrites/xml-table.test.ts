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
    ["SELECT v.column_value FROM t, XMLTABLE('/a/b' PASSING t.doc) v", "SELECT v.column_value FROM t, XMLTABLE('/a/b' PASSING CAST(t.doc AS xml) COLUMNS column_value xml PATH '.') AS v"],
  ])
  refusedTable([
    ["SELECT * FROM t, XMLTABLE(XMLNAMESPACES(DEFAULT 'http://e.com'), '/a' PASSING t.doc)", 'PostgreSQL has no default namespace in XMLTABLE'],
    ["SELECT * FROM XMLTABLE('for $i in /a return $i' PASSING x)", 'XPath 1.0 paths only'],
    ["SELECT * FROM XMLTABLE('/a')", 'XMLTABLE without PASSING'],
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
})
