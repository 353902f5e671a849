import { describe, expect, it } from 'vitest'
import { mdCode, mdDocument, mdEscape, mdTable } from '../../../src/report/markdown.js'

describe('mdEscape', () => {
  it.each([
    ['EMPLOYEES', 'EMPLOYEES'],
    ['a|b', 'a\\|b'],
    ['*bold* _x_', '\\*bold\\* \\_x\\_'],
    ['<img src=x>', '\\<img src=x\\>'],
    ['line1\nline2', 'line1 line2'],
    ['[link](http://x)', '\\[link\\](http://x)'],
    ['# not a heading', '\\# not a heading'],
    ['a - b (c)', 'a - b (c)'],
  ])('%j', (text, expected) => {
    expect(mdEscape(text)).toBe(expected)
  })
})

describe('mdCode', () => {
  it.each([
    ['SELECT 1', '`SELECT 1`'],
    ['a `b` c', '``a `b` c``'],
    ['`x', '`` `x ``'],
    ['a\nb', '`a b`'],
  ])('%j', (text, expected) => {
    expect(mdCode(text)).toBe(expected)
  })
})

describe('mdTable', () => {
  it('keeps one cell per column whatever the data holds', () => {
    const table = mdTable([{ title: 'Name' }, { title: 'Count', align: 'right' }], [
      ['A|B', 1],
      [{ markdown: mdCode('x || y') }, 2],
    ])
    const lines = table.split('\n')
    expect(lines[1]).toBe('| --- | ---: |')
    for (const line of lines) expect(line.split(/(?<!\\)\|/).length).toBe(4)
  })
})

describe('mdDocument', () => {
  it('joins present blocks with blank lines and ends with a newline', () => {
    expect(mdDocument(['# T', undefined, '', 'text'])).toBe('# T\n\ntext\n')
  })
})
