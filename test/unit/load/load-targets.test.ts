import { describe, expect, it } from 'vitest'
import { GodwitError } from '../../../src/core/errors.js'
import { openLoadTarget } from '../../../src/load/load-targets.js'
import { stateUrlFor } from '../../../src/state/state-location.js'

const RS = 'redshift://admin:s3cret@cluster.example.invalid:5439/dev'
const STATE = 'postgres://godwit@state.example.invalid/godwit'

async function failure(p: Promise<unknown>): Promise<GodwitError> {
  try {
    await p
  } catch (e) {
    if (e instanceof GodwitError) return e
    throw e
  }
  throw new Error('did not fail')
}

describe('load targets', () => {
  it('a PostgreSQL target keeps its state in itself: another --state database is refused', async () => {
    const own = await openLoadTarget('postgres://u@h/db', undefined, {})
    expect([own.target.engine, own.stateUrl]).toEqual(['postgres', 'postgres://u@h/db'])
    expect((await openLoadTarget('postgres://u@h/db', 'postgres://u@h/db', {})).stateUrl).toBe('postgres://u@h/db')
    expect((await failure(openLoadTarget('postgres://u@h/db', STATE, {}))).code).toBe('LOAD_STATE_NOT_TARGET')
    expect((await failure(openLoadTarget('postgres://u@h/db', undefined, { stage: 's3://b/p' }))).code).toBe('LOAD_STAGE_UNSUPPORTED')
  })

  it('a Redshift target needs a state database and a stage, and a local stage only with --stage-only', async () => {
    const cases: [Promise<unknown>, string][] = [
      [openLoadTarget(RS, undefined, { stage: 's3://b/p' }), 'STATE_REQUIRED'],
      [openLoadTarget(RS, STATE, {}), 'LOAD_STAGE_REQUIRED'],
      [openLoadTarget(RS, STATE, { stage: 'file:///tmp/x' }), 'LOAD_STAGE_LOCAL'],
      [openLoadTarget(RS, STATE, { stage: 'file:///tmp/x', stageOnly: true }), 'LOAD_SLICES_REQUIRED'],
      [openLoadTarget(RS, STATE, { stage: 'gs://b/p', stageOnly: true, slices: 2 }), 'LOAD_STAGE_INVALID'],
    ]
    for (const [p, code] of cases) {
      const e = await failure(p)
      expect(e.code).toBe(code)
      expect(e.message).not.toContain('s3cret')
    }
    const staged = await openLoadTarget(RS, STATE, { stage: 'file:///tmp/godwit-unit-stage', stageOnly: true, slices: 2 })
    expect([staged.target.engine, staged.stateUrl]).toEqual(['redshift', STATE])
    await staged.target.close()
  })

  it('--list-runs, --abandon and --drop-slot find a Redshift load\'s runs only through --state', () => {
    expect(stateUrlFor('postgres://u@h/db', undefined)).toBe('postgres://u@h/db')
    expect(stateUrlFor(RS, STATE)).toBe(STATE)
    expect(() => stateUrlFor(RS, undefined)).toThrow(/Amazon Redshift targets keep their run state in a PostgreSQL database: --state is required/)
  })
})
