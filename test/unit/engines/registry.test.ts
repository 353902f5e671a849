import { describe, expect, it } from 'vitest'
import { GodwitError } from '../../../src/core/errors.js'
import { engineFor, engineNamed, engineOfUrl, enginesThat } from '../../../src/engines/registry.js'
import { openSourceEngine } from '../../../src/load/source-engines.js'
import { openValidationSide } from '../../../src/validate/validation-engines.js'

function failure(f: () => unknown): GodwitError {
  try {
    f()
  } catch (e) {
    if (e instanceof GodwitError) return e
    throw e
  }
  throw new Error('did not fail')
}

describe('engine registry', () => {
  it('maps URL schemes and --from/--to names to one engine each', () => {
    expect(engineOfUrl('postgresql://u@h/db').name).toBe('postgres')
    expect(engineOfUrl('POSTGRES://u@h/db').name).toBe('postgres')
    expect(engineOfUrl('oracle://u:p@h:1521/svc').name).toBe('oracle')
    expect(engineOfUrl('teradata://u:p@h/db').name).toBe('teradata')
    expect(engineOfUrl('redshift://u@c:5439/db').name).toBe('redshift')
    expect(engineNamed('Oracle').name).toBe('oracle')
    expect(engineNamed('postgresql').name).toBe('postgres')
  })

  it('writes SQL for PostgreSQL and Redshift (convert --to)', () => {
    expect(enginesThat('convertTo').map((e) => e.name)).toEqual(['postgres', 'redshift'])
  })

  it('refuses an unknown scheme with the known ones, never printing the password', () => {
    const e = failure(() => engineOfUrl('mysql://root:s3cret@h/db'))
    expect(e.code).toBe('ENGINE_UNKNOWN_SCHEME')
    expect(e.message).toContain('mysql://')
    expect(`${e.message} ${e.hint}`).not.toContain('s3cret')
    expect(e.hint).toContain('oracle://')
    expect(failure(() => engineOfUrl('just-a-host')).message).toContain('(no scheme)')
    expect(failure(() => engineNamed('db2')).code).toBe('ENGINE_UNKNOWN')
  })

  it('refuses a malformed URL of a known engine as a usage error, without the password; accepts what the drivers accept', () => {
    const e = failure(() => engineOfUrl('postgres://app:s3cret@db:99999/x'))
    expect([e.code, e.exitCode]).toEqual(['URL_INVALID', 2])
    expect(`${e.message} ${e.hint}`).not.toContain('s3cret')
    expect(failure(() => engineOfUrl('oracle://u:p@[bad/ORCL')).code).toBe('URL_INVALID')
    for (const ok of ['postgres://u@/db', 'postgres://u:pa ss@h/db', 'postgresql://u:p%40ss@h:5432/db?sslmode=require', 'oracle://hr:pw@db:1521/FREEPDB1']) {
      expect(engineOfUrl(ok).schemes.length).toBeGreaterThan(0)
    }
  })

  it("refuses an engine a phase cannot use with the phase's code and the engines that can", () => {
    const e = failure(() => engineFor('postgres://u:pw@h/db', 'convertFrom', 'CONVERT_SOURCE_UNSUPPORTED'))
    expect(e.code).toBe('CONVERT_SOURCE_UNSUPPORTED')
    expect(e.message).toMatch(/cannot convert from PostgreSQL/)
    expect(e.hint).toContain('Oracle (oracle://)')
    expect(`${e.message} ${e.hint}`).not.toContain(':pw@')
  })

  it('lists engines by capability for the command options', () => {
    expect(enginesThat('convertFrom').map((e) => e.name)).toContain('oracle')
    expect(enginesThat('loadTarget').map((e) => e.name)).toContain('postgres')
    expect(enginesThat('cdcSource').map((e) => e.name)).toEqual(['oracle', 'teradata', 'postgres'])
    expect(enginesThat('cdcTarget').map((e) => e.name)).toEqual(['postgres', 'redshift'])
  })

  it('is what the load and validation phases ask before opening anything', async () => {
    await expect(openSourceEngine('mysql://u@h/db', 1)).rejects.toMatchObject({ code: 'ENGINE_UNKNOWN_SCHEME' })
    await expect(openValidationSide('oracle://u:p@h/s', 'target', { jobs: 1, clientHash: false })).rejects.toMatchObject({ code: 'VALIDATE_ENGINE_UNSUPPORTED' })
  })
})
