import { describe, expect, it } from 'vitest'
import { prefixElementNames } from '../../../../../src/convert/sql/parser/xpath-prefix.js'

describe('prefixElementNames (XMLNAMESPACES DEFAULT)', () => {
  it.each([
    ['/root/data', '/d:root/d:data'],
    ['ns1:value/text()', 'ns1:value/text()'],
    ['@id', '@id'],
    ['a[@x = "b"]/b[1]', 'd:a[@x = "b"]/d:b[1]'],
    ['*[2]', '*[2]'],
    ['a[b and c]/d', 'd:a[d:b and d:c]/d:d'],
    ['count(a/b) div 2', 'count(d:a/d:b) div 2'],
    ['attribute::id', 'attribute::id'],
    ['child::a/../b', 'child::d:a/../d:b'],
    ["a[. = 'and or']", "d:a[. = 'and or']"],
    ['$v/a', '$v/d:a'],
  ])('%s → %s', (path, expected) => {
    expect(prefixElementNames(path, 'd')).toBe(expected)
  })
})
