import { describe, expect, it } from 'vitest'
import { assess } from '../../../src/convert/assess/assess.js'
import { renderAssessmentHtml } from '../../../src/report/assessment-html.js'
import { renderAssessmentMarkdown } from '../../../src/report/assessment-markdown.js'
import { actionItem, code, model, table, view } from '../convert/assess/model-builders.js'

const HOSTILE = '<script>alert("x")</script>|*'

function sample() {
  const m = model({
    tables: [table('EMPLOYEES'), table(HOSTILE)],
    views: [view('EMP_TREE', 'SELECT id FROM employees CONNECT BY PRIOR id = manager_id')],
    code: [code('package-body', 'PAYROLL', "CREATE PACKAGE BODY payroll AS PROCEDURE run IS BEGIN EXECUTE IMMEDIATE 'TRUNCATE TABLE pay'; END; END;")],
  })
  return assess(
    m,
    [
      { ...actionItem('PACKAGE BODY HR.PAYROLL', 'DYNAMIC_SQL', 'dynamic SQL kept verbatim'), at: { file: 'pay.sql', line: 12, column: 3 }, source: "EXECUTE IMMEDIATE 'TRUNCATE TABLE pay'" },
      actionItem(`TABLE HR.${HOSTILE}`, 'UNSUPPORTED_TYPE', `type <b>${HOSTILE}</b> has no mapping`),
    ],
    { generatedAt: '2026-11-23T12:00:00Z' },
  )
}

describe('renderAssessmentMarkdown', () => {
  const md = renderAssessmentMarkdown(sample())

  it('starts with the summary: level, effort and counts', () => {
    const r = sample()
    expect(md.startsWith('# Migration assessment: Oracle to PostgreSQL\n')).toBe(true)
    expect(md.indexOf('## Summary')).toBeLessThan(md.indexOf('## Inventory'))
    expect(md).toContain(`**Migration level (ora2pg scale):** ${r.level.code}`)
    expect(md).toContain(`${r.effort.personDays} person-days`)
    expect(md).toContain('**Action items:** 2')
  })

  it('lists constructs, the objects using them, and the action items with positions and source', () => {
    expect(md).toMatch(/\| CONNECT BY hierarchical query \| review \| 1 \| 1 \| 60 \|/)
    expect(md).toContain('EXECUTE IMMEDIATE (dynamic SQL)')
    expect(md).toMatch(/\| PACKAGE BODY HR\.PAYROLL \| DYNAMIC\\_SQL \| pay\.sql:12:3 \| dynamic SQL kept verbatim \| `EXECUTE IMMEDIATE 'TRUNCATE TABLE pay'` \|/)
  })

  it('escapes hostile names so they cannot break tables or inject markup', () => {
    expect(md).not.toContain('<script>')
    expect(md).toContain('\\<script\\>')
    const actionRow = md.split('\n').find((l) => l.includes('UNSUPPORTED'))!
    expect(actionRow.split(/(?<!\\)\|/).length).toBe(7)
  })

  it('says so when a section is empty', () => {
    const empty = renderAssessmentMarkdown(assess(model({ tables: [table('T')] }), []))
    expect(empty).toContain('No construct of the catalogue was found.')
    expect(empty).toContain('A-1')
  })
})

describe('renderAssessmentHtml', () => {
  const html = renderAssessmentHtml(sample())

  it('is one self-contained page with the summary first', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true)
    expect(html.indexOf('id="summary"')).toBeLessThan(html.indexOf('<h2>Inventory</h2>'))
    expect(html).not.toMatch(/<script|<link|src=|https?:/i)
  })

  it('escapes every piece of source text', () => {
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;')
    expect(html).toContain('type &lt;b&gt;')
    expect(html).not.toContain('<b>')
  })

  it('shows the level, constructs and action items', () => {
    const r = sample()
    expect(html).toContain(`<div class="value">${r.level.code}</div>`)
    expect(html).toContain('CONNECT BY hierarchical query')
    expect(html).toContain('<code>EXECUTE IMMEDIATE &#39;TRUNCATE TABLE pay&#39;</code>')
    expect(html).toContain('pay.sql:12:3')
  })
})
