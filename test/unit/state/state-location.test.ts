import { describe, expect, it } from 'vitest'
import { BASELINE } from '../../../src/state/migrations/0001-baseline.js'
import { stateUrlFor } from '../../../src/state/state-location.js'
import { readFileSync } from 'node:fs'

describe('where the state lives', () => {
  it('a PostgreSQL target holds its own state unless --state says otherwise; Redshift needs --state, and --state must be PostgreSQL', () => {
    expect(stateUrlFor('postgres://u@t/db', undefined)).toBe('postgres://u@t/db')
    expect(stateUrlFor('postgres://u@t/db', 'postgresql://u@s/state')).toBe('postgresql://u@s/state')
    expect(stateUrlFor('redshift://u@c:5439/dw', 'postgres://u@s/state')).toBe('postgres://u@s/state')
    expect(() => stateUrlFor('redshift://u@c:5439/dw', undefined)).toThrow(expect.objectContaining({ code: 'STATE_REQUIRED', exitCode: 2 }))
    expect(() => stateUrlFor('redshift://u@c:5439/dw', 'redshift://u@c:5439/other')).toThrow(expect.objectContaining({ code: 'STATE_NOT_POSTGRES', exitCode: 2 }))
  })
})

describe('the baseline migration', () => {
  it('holds, statement for statement, the load and cdc schema 0.1.0 created (the recorded fixture)', () => {
    const old = readFileSync(new URL('../../fixtures/state/godwit-0.1.0-load-cdc.sql', import.meta.url), 'utf8')
    const body = old.split('\n').filter((l) => !l.startsWith('-- The control schema') && !/^-- `godwit load`|^-- ensureCdc/.test(l) && l !== 'CREATE SCHEMA IF NOT EXISTS godwit;')
    const statements = body.join('\n').split(/;\n/).map((s) => s.trim()).filter((s) => s !== '')
    expect(statements.length).toBeGreaterThan(10)
    for (const s of statements) expect(BASELINE.sql).toContain(s)
  })
})
