import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runAssess } from '../../../../src/convert/assess/run-assess.js'
import { CORPUS_DIR, corpusLoadOrder } from '../../../support/corpus.js'
import { readTd } from '../../engines/teradata/td-script.js'
import { assess } from '../../../../src/convert/assess/assess.js'

describe('assess --from teradata', () => {
  it('scores Teradata constructs with the Teradata catalogue (and the shared structural rules)', () => {
    const r = readTd(`CREATE SET TABLE d.t (a INT, b VARCHAR(5)) PRIMARY INDEX (a) PARTITION BY RANGE_N(a BETWEEN 1 AND 10);
CREATE MACRO d.m AS (SEL TOP 5 * FROM d.t QUALIFY ROW_NUMBER() OVER (ORDER BY a) = 1;);
REPLACE VIEW d.v AS SEL CAST(a AS DATE FORMAT 'YYYY-MM-DD') x, HASHROW(b) h FROM d.t SAMPLE 10;
REPLACE VIEW d.nvl AS SEL NVL(a, 0) n FROM d.t;`)
    const result = assess(r.schema, [])
    const ids = (label: string) => result.objects.find((o) => o.label === label)!.constructs.map((c) => c.id)
    expect(result.engine).toBe('teradata')
    expect(ids('TABLE D.T')).toEqual(['partitioned-table', 'td-set-table', 'td-not-casespecific'])
    expect(ids('MACRO D.M')).toEqual(['td-qualify', 'td-top', 'td-macro'])
    expect(ids('VIEW D.V')).toEqual(['td-sample', 'td-format-phrase', 'td-hash-functions'])
    // Oracle's text rules (NVL) are not Teradata's: nothing to score.
    expect(ids('VIEW D.NVL')).toEqual([])
    expect(result.objects.find((o) => o.label === 'VIEW D.V')!.needsRewrite).toBe(true)
  })

  it.skipIf(!existsSync(join(CORPUS_DIR, 'teradata')))('adventureworks_dw: inventory and the constructs it uses', async () => {
    const { result } = await runAssess({ from: 'teradata', scripts: corpusLoadOrder('teradata', 'adventureworks_dw') })
    expect(result.inventory.tables).toBe(29)
    expect(result.inventory.views).toBe(6)
    const byId = Object.fromEntries(result.constructs.map((c) => [c.id, c.objects]))
    expect(byId).toMatchObject({ 'td-macro': 2, 'td-result-set-cursor': 3, 'materialized-view-refresh': 2, 'td-set-table': 3 })
    expect(byId['td-not-casespecific']).toBeGreaterThan(20)
  })
})
