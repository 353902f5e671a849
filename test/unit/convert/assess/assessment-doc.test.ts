import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CONSTRUCTS } from '../../../../src/convert/assess/construct-catalogue.js'

// docs/assessment.md lists the catalogue for readers; this keeps the two from drifting apart.
const doc = readFileSync(new URL('../../../../docs/assessment.md', import.meta.url), 'utf8')

describe('docs/assessment.md', () => {
  it.each(CONSTRUCTS.map((c) => [c.id, c] as const))('lists %s with its handling and minutes', (id, c) => {
    const row = doc.split('\n').find((l) => l.startsWith(`| \`${id}\` |`))
    expect(row, `no row for ${id}`).toBeDefined()
    expect(row!.endsWith(`| ${c.handling} | ${c.minutes} |`)).toBe(true)
  })

  it('lists no construct the catalogue does not have', () => {
    const ids = [...doc.matchAll(/^\| `([a-z-]+)` \|.*\| (?:automatic|review|manual) \| \d+ \|$/gm)].map((m) => m[1])
    expect(ids.sort()).toEqual(CONSTRUCTS.map((c) => c.id).sort())
  })
})
