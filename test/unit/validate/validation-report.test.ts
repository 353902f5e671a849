import { describe, expect, it } from 'vitest'
import { renderJunit } from '../../../src/report/junit.js'
import { renderValidationHtml } from '../../../src/report/validation-html.js'
import { renderValidationJunit } from '../../../src/report/validation-junit.js'
import { renderValidationMarkdown } from '../../../src/report/validation-markdown.js'
import type { ValidationResult } from '../../../src/validate/validation-result.js'

const RESULT: ValidationResult = {
  runId: '00000000-0000-4000-8000-000000000001',
  mode: 'checksum',
  status: 'FAIL',
  scope: {},
  targetOnlyTables: [],
  startedAt: '2026-12-02T01:00:00.000Z',
  finishedAt: '2026-12-02T01:00:02.500Z',
  seconds: 2.5,
  source: { url: 'postgres://app:***@old/db', engine: 'postgres', position: '0/16B3748', transfer: { bytesReceived: 2048, bytesSent: 1024 } },
  target: { url: 'postgres://app:***@new/db', engine: 'postgres', position: '0/9A0', transfer: { bytesReceived: 4096, bytesSent: 1024 } },
  tables: [
    {
      name: 'public.orders',
      targetName: 'public.orders',
      status: 'FAIL',
      sourceRows: 3,
      targetRows: 3,
      comparison: 'key',
      key: ['id'],
      columns: [
        { name: 'id', kind: 'text' },
        { name: 'note', kind: 'text' },
      ],
      differences: [
        { kind: 'changed', key: { id: '1' }, columns: ['note'], changes: [{ column: 'note', source: null, target: '' }] },
        { kind: 'missing', key: { id: '2' }, columns: [] },
        { kind: 'extra', key: { id: '<script>' }, columns: [] },
      ],
      differenceCount: 3,
      schema: [{ severity: 'warning', code: 'COLUMN_EXTRA', column: 'x', message: 'column x exists only on the target and is not compared' }],
      segments: { checked: 12, differing: 3, rowsFetched: 40 },
      notes: [],
      seconds: 2.1,
    },
    { name: 'public.ok', targetName: 'public.ok', status: 'PASS', sourceRows: 5, targetRows: 5, comparison: 'key', key: ['id'], columns: [{ name: 'id', kind: 'int' }], differences: [], differenceCount: 0, schema: [], segments: { checked: 1, differing: 0, rowsFetched: 0 }, notes: [], seconds: 0.1 },
  ],
}

describe('validation reports', () => {
  it('Markdown: summary first (result, took, source position), then tables, then each differing row by key', () => {
    const md = renderValidationMarkdown(RESULT)
    const order = ['## Summary', 'FAIL: 1 of 2 tables equal', '2.5 s', '0/16B3748', '## Tables', '## public.orders']
    const positions = order.map((s) => md.indexOf(s))
    expect(positions.every((p) => p >= 0)).toBe(true)
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)
    expect(md).toContain("| changed | `id='1'` | note | `note=NULL` | `note=''` |")
    expect(md).toContain('| public.ok | PASS | 5 | 5 | 0 | key (id) | 1 (0) | 0.1 |')
    expect(md).not.toContain('## public.ok')
  })

  it('HTML is self-contained and escapes values from the data', () => {
    const html = renderValidationHtml(RESULT)
    expect(html).toMatch(/^<!DOCTYPE html>/)
    expect(html).not.toMatch(/<script>|<link |src=/)
    expect(html).toContain('id=&#39;&lt;script&gt;&#39;')
  })

  it('JUnit: one testcase per table, failures carry counts and keys', () => {
    const xml = renderValidationJunit(RESULT)
    expect(xml).toContain('<testsuite name="godwit validate" tests="2" failures="1" errors="0" time="2.500" timestamp="2026-12-02T01:00:00.000Z">')
    expect(xml).toContain('<testcase name="public.ok" classname="godwit.validate.key" time="0.100"/>')
    expect(xml).toContain('<failure message="FAIL: source 3 rows, target 3 rows, 3 differing rows">changed id=&#39;1&#39;: note NULL → &#39;&#39;\nmissing')
  })

  it('JUnit drops control characters XML 1.0 cannot hold and reports errors as errors', () => {
    const xml = renderJunit({ name: 's', timestamp: 't', seconds: 0, cases: [{ name: 'a\u0001b', className: 'c', seconds: 0, error: { message: 'boom <x>', details: 'd' } }] })
    expect(xml).toContain('<testcase name="ab" classname="c" time="0.000">')
    expect(xml).toContain('<error message="boom &lt;x&gt;">d</error>')
    expect(xml).toContain('errors="1"')
  })
})
