import { describe, expect, it } from 'vitest'
import { Html, el, escapeHtml, htmlDocument, htmlTable } from '../../../src/report/html.js'

describe('escapeHtml', () => {
  it('escapes the five markup characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;')
  })
})

describe('el', () => {
  it('escapes text children and attribute values, but not Html values', () => {
    expect(el('p', { title: '"><script>' }, '<b>', new Html('<i>ok</i>'), 3, undefined, false).html).toBe('<p title="&quot;&gt;&lt;script&gt;">&lt;b&gt;<i>ok</i>3</p>')
  })

  it('renders nested arrays of children', () => {
    expect(el('ul', {}, ['a', 'b'].map((x) => el('li', {}, x))).html).toBe('<ul><li>a</li><li>b</li></ul>')
  })
})

describe('htmlTable', () => {
  it('aligns numeric columns right and escapes cells', () => {
    const html = htmlTable([{ title: 'Name' }, { title: 'N', align: 'right' }], [['<x>', 1]]).html
    expect(html).toContain('<th class="num">N</th>')
    expect(html).toContain('<td>&lt;x&gt;</td><td class="num">1</td>')
  })
})

describe('htmlDocument', () => {
  it('is self-contained: inline style, no scripts, no external resources', () => {
    const doc = htmlDocument('T <1>', el('p', {}, 'hello'))
    expect(doc.startsWith('<!DOCTYPE html>')).toBe(true)
    expect(doc).toContain('<title>T &lt;1&gt;</title>')
    expect(doc).toContain('<style>')
    expect(doc).not.toMatch(/<script|<link|src=|https?:/i)
  })
})
