import { describe, expect, it } from 'vitest'
import { translateDataStatement } from '../../../../../src/convert/sql/translate-sql.js'
import { UnsupportedConstructError, type TranslateContext } from '../../../../../src/convert/translate-context.js'
import type { TableDef, TypeDef } from '../../../../../src/model/schema.js'
import { postgresSyntaxError } from '../../../../support/pg-parser.js'
import { CATALOG, testContext } from '../context.js'

/** OE's categories_tab: an object table OF category_typ, which leaf_category_typ is UNDER. */
function context(): TranslateContext {
  const base = testContext()
  const type = (name: string, under?: string): TypeDef => ({ schema: 'OE', name, kind: 'object', attributes: [], ...(under && { under: { schema: 'OE', name: under } }), source: { text: '' } })
  const categories: TableDef = { schema: 'OE', name: 'CATEGORIES_TAB', ofType: { schema: 'OE', name: 'CATEGORY_TYP' }, columns: [], uniques: [], checks: [], foreignKeys: [] }
  return { ...base, catalog: { ...CATALOG, tables: [...CATALOG.tables, categories], types: [...CATALOG.types, type('CATEGORY_TYP'), type('LEAF_CATEGORY_TYP', 'CATEGORY_TYP')] } }
}

describe('INSERT into an object table', () => {
  it("takes the constructor's arguments as the typed table's columns", () => {
    const out = translateDataStatement({ text: "INSERT INTO categories_tab VALUES (category_typ('hardware', 'computer hardware', 10))" }, context())
    expect(out).toEqual(["INSERT INTO categories_tab VALUES ('hardware', 'computer hardware', 10)"])
    expect(postgresSyntaxError(out[0]!)).toBeUndefined()
  })

  it('refuses a subtype value in a table of its supertype (substitutable object table)', () => {
    expect(() => translateDataStatement({ text: "INSERT INTO categories_tab VALUES (leaf_category_typ('hardware1', 'monitors', 11))" }, context())).toThrow(UnsupportedConstructError)
  })

  it('leaves inserts with a column list, and into ordinary tables, alone', () => {
    expect(translateDataStatement({ text: "INSERT INTO categories_tab (category_name) VALUES ('x')" }, context())).toEqual(["INSERT INTO categories_tab (category_name) VALUES ('x')"])
  })
})
