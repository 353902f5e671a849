import { describe, expect, it } from 'vitest'
import { canonicalText } from '../../src/values/canonical-text.js'
import { parseJsonLiteral } from '../../src/values/json-literal.js'
import { useDatabase } from '../support/database.js'

/**
 * The client-side canonical text of JSON (how Oracle JSON and any client-hashed table are
 * compared) must equal what PostgreSQL pushes down: `x::jsonb::text`, byte for byte.
 */
describe('canonical JSON equals PostgreSQL jsonb text', () => {
  const db = useDatabase('canon_json')

  it.each([
    '{"b": 1.50, "a": [1, 2.0, -0, 1e2, 1.5E+1, 0.1e1, 12.3400e1, 1e-2, -0.0]}',
    '{"big": 123456789012345678901234567890, "tiny": 0.000000000000000000000001}',
    '{"aa": 1, "b": 2, "a": {"z": null, "y": [true, false]}, "b": 3}',
    '["\\u00e9t\\u00e9", "tab\\there", "quote \\" slash \\/", "emoji 😀", "\\u0001"]',
    '  {"nested": {"deeper": {"deepest": []}}, "empty": {}}  ',
    '"just a string"',
    '-42',
  ])('%s', async (doc) => {
    const { rows } = await db.client.query<{ t: string }>('SELECT $1::jsonb::text AS t', [doc])
    expect(canonicalText(doc, { kind: 'json' })).toBe(rows[0]!.t)
  })

  it('refuses text that is not JSON, naming the offset', () => {
    expect(() => parseJsonLiteral('{"a": 1,}')).toThrow(/offset 8/)
    expect(() => parseJsonLiteral('[1] 2')).toThrow(/text after the value/)
  })
})
