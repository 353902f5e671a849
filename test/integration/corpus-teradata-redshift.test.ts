import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ScriptInput } from '../../src/model/source-input.js'
import { runConvert } from '../../src/convert/run-convert.js'
import { DEFAULT_REDSHIFT_TARGET } from '../../src/convert/target.js'
import { CORPUS_DIR, corpusAvailable, corpusLoadOrder, corpusSkipReason } from '../support/corpus.js'
import { postgresSyntaxError } from '../support/pg-parser.js'
import { stripRedshiftAttributes } from '../support/redshift-attributes.js'

/**
 * Issue 14 with issue 15's target: `godwit convert --from teradata --to redshift` over the
 * Teradata corpus. Every statement of the output parses with PostgreSQL's parser once only
 * Redshift's table attributes are removed (no Redshift here), a primary index becomes the
 * DISTKEY, every table is created or an action item, and a macro is an action item (Redshift
 * has no macros and no LANGUAGE sql procedures).
 */
const counts: string[] = []

async function convertAndParse(label: string, scripts: readonly ScriptInput[], targetSchema: string) {
  const { report, result } = await runConvert({ from: 'teradata', scripts, targetSchema, target: DEFAULT_REDSHIFT_TARGET })
  expect(report.to).toBe('redshift')
  const errors = result.statements.flatMap((s) => {
    const e = postgresSyntaxError(stripRedshiftAttributes(s.sql))
    return e ? [`${s.object}: ${e}\n${s.sql.slice(0, 400)}`] : []
  })
  expect(errors).toEqual([])
  const tables = result.statements.filter((s) => /^CREATE TABLE\b/.test(s.sql))
  // The check is not vacuous: the tables parse only without their attributes.
  expect(tables.every((s) => postgresSyntaxError(s.sql) !== undefined)).toBe(true)
  const created = new Set(tables.map((s) => s.object))
  const refused = new Set(report.actionItems.map((a) => a.object))
  expect(result.schema.tables.map((t) => `TABLE ${t.schema ? `${t.schema}.` : ''}${t.name}`).filter((t) => !created.has(t) && !refused.has(t))).toEqual([])
  counts.push(`${label}: ${tables.length}/${result.schema.tables.length} tables, ${report.actionItems.length} action items, ${report.warnings.length} warnings`)
  return { report, result, tables }
}

describe.skipIf(!corpusAvailable)(`Teradata corpus → Amazon Redshift${corpusAvailable ? '' : ` (skipped: ${corpusSkipReason})`}`, () => {
  it('adventureworks_dw: parses once Redshift attributes are removed; PRIMARY INDEX → DISTKEY; macros are action items', async () => {
    const { report, tables } = await convertAndParse('adventureworks_dw', corpusLoadOrder('teradata', 'adventureworks_dw'), 'adventureworksdw')
    expect(report.actionItems.filter((a) => a.code === 'SQL_SYNTAX')).toEqual([])
    // DimCustomer: UNIQUE PRIMARY INDEX ( CustomerKey ).
    const customer = tables.find((s) => /^CREATE TABLE adventureworksdw\.dimcustomer \(/.test(s.sql))
    expect(customer?.sql).toMatch(/\nDISTSTYLE KEY\nDISTKEY \(customerkey\)\n/)
    const macros = report.actionItems.filter((a) => a.object?.startsWith('MACRO '))
    expect(macros.length).toBeGreaterThan(0)
    expect(macros.every((a) => a.code === 'REDSHIFT_NO_CODE_FORM' || a.code === 'TERADATA_MACRO_PARAMETER')).toBe(true)
  })

  it('mcp_tool_registry: parses once Redshift attributes are removed', async () => {
    await convertAndParse('mcp_tool_registry', corpusLoadOrder('teradata', 'mcp_tool_registry'), 'mcp')
  })

  it('dsc_doc_examples, each example on its own: parses once Redshift attributes are removed', async () => {
    const text = readFileSync(join(CORPUS_DIR, 'teradata', 'dsc_doc_examples', 'dsc_teradata_input_examples.sql'), 'utf8')
    const examples = text.split(/\n(?=-- source: )/).filter((e) => e.startsWith('-- source: '))
    const dir = mkdtempSync(join(tmpdir(), 'godwit-dsc-rs-'))
    for (const [i, example] of examples.entries()) {
      const file = join(dir, `example-${i + 1}.sql`)
      writeFileSync(file, example)
      await convertAndParse(`dsc example ${i + 1}`, [{ path: file }], `dsc_${i + 1}`)
    }
    expect(examples.length).toBeGreaterThan(30)
  })

  it('prints the figures', () => {
    console.log(`Teradata corpus → Redshift:\n  ${counts.join('\n  ')}`)
    expect(counts.length).toBeGreaterThan(2)
  })
})
