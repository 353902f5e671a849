import { describe } from 'vitest'
import { expressionTable, queryTable, refusedTable } from '../translation-table.js'

describe('object types and collections (catalog: OE.CUST_ADDRESS_TYP object, OE.PHONE_LIST_TYP varray, OE.ADDRESS_LIST_TYP table of addresses)', () => {
  expressionTable([
    ["cust_address_typ('1 Main', 'Springfield')", "ROW('1 Main', 'Springfield')::oe.cust_address_typ"],
    ["oe.cust_address_typ('1 Main', NULL)", "ROW('1 Main', NULL)::oe.cust_address_typ"],
    ["phone_list_typ('1', '2')", "ARRAY['1', '2']::oe.phone_list_typ"],
    ['phone_list_typ()', 'ARRAY[]::oe.phone_list_typ'],
  ])
  refusedTable([['not_a_type(1)', 'NOT_A_TYPE is an Oracle built-in or a name this schema does not define']])
  queryTable([
    ['SELECT * FROM TABLE(phones) p', 'SELECT * FROM unnest(phones) p'],
    [
      'SELECT CAST(MULTISET(SELECT a.street, a.city FROM addresses a WHERE a.cust = c.id) AS address_list_typ) addrs FROM customers c',
      'SELECT ARRAY((SELECT ROW(a.street, a.city)::oe.cust_address_typ FROM addresses a WHERE a.cust = c.id))::oe.address_list_typ AS addrs FROM customers c',
    ],
    [
      'SELECT c.cust_address.city, c.customer_id FROM countries co, customers c WHERE c.cust_address.country_id = co.country_id (+) AND 1 = 1',
      'SELECT (c.cust_address).city, c.customer_id FROM customers c LEFT JOIN countries co ON (c.cust_address).country_id = co.country_id WHERE 1 = 1',
    ],
    ['SELECT cust_address.city FROM customers', 'SELECT (cust_address).city FROM customers'],
    [
      'SELECT CAST(MULTISET(SELECT p.phone FROM phones p) AS phone_list_typ) FROM dual',
      'SELECT ARRAY((SELECT p.phone FROM phones p))::oe.phone_list_typ',
    ],
  ])
})
