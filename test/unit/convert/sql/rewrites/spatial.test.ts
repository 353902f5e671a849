import { describe, expect, it } from 'vitest'
import { translateExpression } from '../../../../../src/convert/sql/translate-sql.js'
import { UnsupportedConstructError } from '../../../../../src/convert/translate-context.js'
import { testContext } from '../context.js'
import { expressionTable, queryTable } from '../translation-table.js'

describe('Oracle Spatial points (OE warehouses, customers) become EWKT text', () => {
  expressionTable([
    ['MDSYS.SDO_GEOMETRY(2001, 8307, MDSYS.SDO_POINT_TYPE(-103.00195, 36.500374, NULL), NULL, NULL)', "'SRID=8307;POINT(-103.00195 36.500374)'"],
    ['SDO_GEOMETRY(2001, NULL, SDO_POINT_TYPE(1, 2, NULL), NULL, NULL)', "'POINT(1 2)'"],
    ['SDO_GEOMETRY(3001, 4326, SDO_POINT_TYPE(1, 2, 3), NULL, NULL)', "'SRID=4326;POINT Z(1 2 3)'"],
  ])

  it('a point missing a coordinate keeps Oracle’s text, with a warning', () => {
    const ctx = testContext()
    const out = translateExpression({ text: 'MDSYS.SDO_GEOMETRY(2001, 8307, MDSYS.SDO_POINT_TYPE(0, NULL, NULL), NULL, NULL)' }, ctx)
    expect(out).toBe("'MDSYS.SDO_GEOMETRY(2001, 8307, MDSYS.SDO_POINT_TYPE(0, NULL, NULL), NULL, NULL)'")
    expect(ctx.findings.map((f) => f.code)).toEqual(['SPATIAL_VALUE_AS_TEXT'])
  })

  it('other geometries are refused, not passed through to fail on PostgreSQL', () => {
    const polygon = 'SDO_GEOMETRY(2003, 8307, NULL, SDO_ELEM_INFO_ARRAY(1, 1003, 3), SDO_ORDINATE_ARRAY(1, 1, 5, 7))'
    expect(() => translateExpression({ text: polygon }, testContext())).toThrow(UnsupportedConstructError)
    expect(() => translateExpression({ text: 'SDO_GEOMETRY(2001, 8307, SDO_POINT_TYPE(x, 1, NULL), NULL, NULL)' }, testContext())).toThrow(UnsupportedConstructError)
  })
})

describe('SDO_GEOMETRY attributes read back from the text column (OE customers_view)', () => {
  queryTable([
    [
      'SELECT c.cust_geo_location.sdo_point.x AS x FROM oe.customers c',
      "SELECT coalesce(substring(c.cust_geo_location, 'POINT(?: Z)?\\(([^ )]+)'), nullif(substring(c.cust_geo_location, 'SDO_POINT_TYPE\\(([^,]+)'), 'NULL'))::numeric AS x FROM oe.customers c",
    ],
    [
      'SELECT c.cust_geo_location.sdo_srid FROM oe.customers c',
      "SELECT coalesce(substring(c.cust_geo_location, '^SRID=(\\d+);'), nullif(substring(c.cust_geo_location, 'SDO_GEOMETRY\\(\\d+, (\\w+)'), 'NULL'))::numeric FROM oe.customers c",
    ],
    // A composite column's attributes are not spatial: left to the object rules.
    ['SELECT c.cust_address.city FROM oe.customers c', 'SELECT (c.cust_address).city FROM oe.customers c'],
  ])
})
