import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
const FILES = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)]

/** Markdown links `[text](target)` that are not web addresses or in-page anchors. */
function relativeLinks(text: string): string[] {
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((t) => !/^[a-z]+:/i.test(t) && !t.startsWith('#'))
}

describe('links in README.md and docs/*.md', () => {
  it.each(FILES)('%s: every relative link resolves', (file) => {
    const text = readFileSync(join(ROOT, file), 'utf8')
    const broken = relativeLinks(text).filter((t) => !existsSync(resolve(ROOT, dirname(file), t.split('#')[0]!)))
    expect(broken).toEqual([])
  })

  it.each(FILES)('%s: every docs/*.md named in the text exists, and no path is machine-local', (file) => {
    const text = readFileSync(join(ROOT, file), 'utf8')
    const named = [...text.matchAll(/\bdocs\/[\w.-]+\.md\b/g)].map((m) => m[0])
    expect(named.filter((n) => !existsSync(join(ROOT, n)))).toEqual([])
    expect(text.match(/(?:^|[\s(`])\/(?:work|home|Users|root)\/[^\s)`]*\.md\b/gm) ?? []).toEqual([])
  })
})
