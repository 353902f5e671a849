import { describe, expect, it } from 'vitest'
import { runConvert } from '../../src/convert/run-convert.js'
import { DEFAULT_REDSHIFT_TARGET } from '../../src/convert/target.js'
import { corpusAvailable, corpusLoadOrder, corpusSkipReason } from '../support/corpus.js'
import { postgresSyntaxError } from '../support/pg-parser.js'
import { stripRedshiftAttributes } from '../support/redshift-attributes.js'

/**
 * Issue 15: every Oracle sample schema converts to Redshift in one call, and every statement of
 * the output parses with PostgreSQL's parser once only Redshift's table attributes are removed
 * (there is no Redshift here: test/live/redshift-ddl.test.ts runs the output on a cluster).
 * Every table is either created or an action item naming it.
 */
const SCHEMAS = ['hr', 'co', 'sh', 'oe', 'pm'] as const

describe.skipIf(!corpusAvailable)(`Oracle corpus → Amazon Redshift${corpusAvailable ? '' : ` (skipped: ${corpusSkipReason})`}`, () => {
  const counts: string[] = []

  for (const schema of SCHEMAS) {
    it(`${schema}: converts, and the output parses once Redshift's attributes are removed`, async () => {
      const { report, result } = await runConvert({ scripts: corpusLoadOrder('oracle', schema), targetSchema: schema, target: DEFAULT_REDSHIFT_TARGET })
      expect(report.to).toBe('redshift')
      expect(report.targetName).toBe('Amazon Redshift')
      expect(report.actionItems.filter((a) => a.code === 'SQL_SYNTAX')).toEqual([])

      const errors = result.statements.flatMap((s) => {
        const e = postgresSyntaxError(stripRedshiftAttributes(s.sql))
        return e ? [`${s.object}: ${e}\n${s.sql.slice(0, 400)}`] : []
      })
      expect(errors).toEqual([])

      const tables = result.statements.filter((s) => /^CREATE TABLE\b/.test(s.sql))
      expect(tables.every((s) => /\nDISTSTYLE (AUTO|ALL|EVEN|KEY)\n[\s\S]*\nENCODE AUTO;$/.test(s.sql))).toBe(true)
      // The check is not vacuous: the tables parse only without their attributes.
      expect(tables.every((s) => postgresSyntaxError(s.sql) !== undefined)).toBe(true)

      const created = new Set(result.statements.filter((s) => /^CREATE TABLE\b/.test(s.sql)).map((s) => s.object))
      const refused = new Set(report.actionItems.map((a) => a.object))
      expect(result.schema.tables.map((t) => `TABLE ${t.name}`).filter((t) => !created.has(t) && !refused.has(t))).toEqual([])

      // Nothing PostgreSQL-only leaks into the DDL: no support functions, sequences or indexes.
      expect(result.statements.filter((s) => s.phase !== 'data' && /^(CREATE (OR REPLACE )?FUNCTION|CREATE SEQUENCE|CREATE (UNIQUE )?INDEX|DO \$)/m.test(s.sql))).toEqual([])
      expect(report.unenforcedKeys?.length).toBeGreaterThan(0)
      counts.push(`${schema}: ${tables.length}/${result.schema.tables.length} tables, ${report.actionItems.length} action items, ${report.warnings.length} warnings, ${report.unenforcedKeys?.length} unenforced keys`)
    })
  }

  it('prints the figures', () => {
    console.log(`Oracle corpus → Redshift:\n  ${counts.join('\n  ')}`)
    expect(counts.length).toBe(SCHEMAS.length)
  })
})
