import { describe, expect, it } from 'vitest'
import { applyFor } from '../../../src/cdc/cdc-apply.js'
import { captureFor } from '../../../src/cdc/cdc-capture.js'
import type { LoadRunForCdc } from '../../../src/engines/postgres/control-schema-cdc.js'
import type { LoadTablePlan } from '../../../src/engines/postgres/control-schema-load.js'

const TABLES: LoadTablePlan[] = [{
  schema: 'HR', name: 'EMP', targetSchema: 'hr', targetName: 'emp', key: ['ID'], chunking: 'key-range', transfer: 'transcode',
  columns: [{ name: 'ID', targetName: 'id', type: { kind: 'int', bytes: 4 }, pgType: 'integer' }, { name: 'NAME', targetName: 'name', type: { kind: 'text', fixed: false }, pgType: 'text' }],
}]
const oracleRun = (position: Partial<LoadRunForCdc['position']>): LoadRunForCdc => ({ id: 7, runKey: 'k', state: 'done', selection: [], position: { engine: 'oracle', ...position } })
// Nothing listens on port 1 of localhost: the Oracle driver fails at once.
const ORACLE = 'oracle://godwit:secret@127.0.0.1:1/FREEPDB1'

describe('cdc: the capture side is chosen by the source engine', () => {
  it('refuses an engine that cannot be captured from, naming those that can', async () => {
    await expect(captureFor('redshift://u:p@h/db', oracleRun({ scn: '1' }), TABLES, 10)).rejects.toMatchObject({ code: 'CDC_ENGINE_UNSUPPORTED', hint: 'It can replay changes from: Oracle (oracle://), Teradata (teradata://), PostgreSQL (postgres://).' })
  })

  it('refuses a --source of another engine than the load run read', async () => {
    await expect(captureFor('postgres://u:p@h/db', oracleRun({ scn: '1' }), TABLES, 10)).rejects.toMatchObject({ code: 'CDC_ENGINE_MISMATCH' })
  })

  it('capture options are for Teradata sources only', async () => {
    await expect(captureFor(ORACLE, oracleRun({ scn: '1' }), TABLES, 10, { mode: 'change-table' })).rejects.toMatchObject({ code: 'CDC_CAPTURE_OPTIONS', exitCode: 2 })
  })

  it('an Oracle run needs its SCN', async () => {
    await expect(captureFor(ORACLE, oracleRun({}), TABLES, 10)).rejects.toMatchObject({ code: 'CDC_NO_SCN' })
  })

  it('an Oracle run starts at the load SCN, and warns when the load could not record the oldest open transaction', async () => {
    const exact = await captureFor(ORACLE, oracleRun({ scn: '5000', oldestOpenScn: '4900' }), TABLES, 10)
    expect(exact).toMatchObject({ engine: 'oracle', startPosition: '5000', warnings: [] })
    const inexact = await captureFor(ORACLE, oracleRun({ scn: '5000' }), TABLES, 10)
    expect(inexact.warnings[0]).toMatch(/V\$TRANSACTION.*SCN 5000|SCN 5000.*V_\$TRANSACTION/)
  })

  it('the Oracle preflight connects through the Oracle engine and says why it cannot', async () => {
    const c = await captureFor(ORACLE, oracleRun({ scn: '5000', oldestOpenScn: '4900' }), TABLES, 10)
    const err = await c.preflight().then(() => undefined, (e: unknown) => e)
    expect(err).toMatchObject({ code: 'ORACLE_UNREACHABLE' })
    expect(String((err as Error).message)).not.toContain('secret')
  })
})

describe('cdc: the apply side is chosen by the target engine', () => {
  it('refuses a target that cannot take changes, naming those that can', async () => {
    await expect(applyFor('oracle://u:p@h/s', undefined, 'stop')).rejects.toMatchObject({ code: 'CDC_TARGET_UNSUPPORTED', exitCode: 2, hint: 'It can replay changes into: PostgreSQL (postgres://), Amazon Redshift (redshift://).' })
  })

  it('a PostgreSQL target holds its own state with 5,000-change batches; Redshift needs --state, takes 50,000, and no dead letters', async () => {
    expect(await applyFor('postgres://u:p@h/db', undefined, 'dead-letter')).toMatchObject({ engine: 'postgres', stateUrl: 'postgres://u:p@h/db', defaultBatchSize: 5_000 })
    expect(await applyFor('redshift://u:p@c:5439/dev', 'postgres://s@h/state', 'stop')).toMatchObject({ engine: 'redshift', stateUrl: 'postgres://s@h/state', defaultBatchSize: 50_000 })
    await expect(applyFor('redshift://u:p@c:5439/dev', undefined, 'stop')).rejects.toMatchObject({ code: 'STATE_REQUIRED' })
    await expect(applyFor('redshift://u:p@c:5439/dev', 'redshift://u:p@c:5439/other', 'stop')).rejects.toMatchObject({ code: 'STATE_NOT_POSTGRES' })
    await expect(applyFor('redshift://u:p@c:5439/dev', 'postgres://s@h/state', 'dead-letter')).rejects.toMatchObject({ code: 'CDC_DEAD_LETTER_UNSUPPORTED', exitCode: 2 })
  })
})
