import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { didYouMean, validateConfig } from '../../../src/config/config-schema.js'
import { loadProjectConfig } from '../../../src/config/project-config.js'
import { redactUrl } from '../../../src/config/redact.js'

describe('the project file schema', () => {
  it.each([
    ['sorce', 'source'],
    ['taget', 'target'],
    ['Include', 'include'],
    ['excludes', 'exclude'],
    ['type_map', 'typeMap'],
    ['tables', 'include'],
    ['jobs', undefined],
  ])('%s → did you mean %s', (key, meant) => {
    expect(didYouMean(key)).toBe(meant)
  })

  it('rejects an unknown key with exit 3, the key and the one it probably meant', () => {
    expect(() => validateConfig({ sorce: 'postgres://a@b/c' }, 'godwit.config.yaml')).toThrow(
      expect.objectContaining({ code: 'CONFIG_UNKNOWN_KEY', exitCode: 3, message: expect.stringContaining('"sorce"'), hint: expect.stringContaining('Did you mean "source"?') }),
    )
  })

  it('checks value types and takes one glob as a list', () => {
    expect(validateConfig({ include: 'app.*', exclude: ['app.audit*'] }, 'f')).toEqual({ include: ['app.*'], exclude: ['app.audit*'] })
    expect(() => validateConfig({ source: 5 }, 'f')).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID_VALUE', exitCode: 3 }))
    expect(() => validateConfig({ include: [1] }, 'f')).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID_VALUE' }))
    expect(() => validateConfig({ typeMap: { DATE: 1 } }, 'f')).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID_VALUE' }))
    expect(validateConfig({ directories: { EXT_DIR: '/srv/files' } }, 'f')).toEqual({ directories: { EXT_DIR: '/srv/files' } })
    expect(() => validateConfig({ directories: ['/srv/files'] }, 'f')).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID_VALUE', message: expect.stringContaining('map of Oracle directory to server path') }))
  })

  it('reads a file, fills ${VARS} from the environment and masks the password it carries from then on', () => {
    const dir = mkdtempSync(join(tmpdir(), 'godwit-config-'))
    writeFileSync(join(dir, 'godwit.config.yaml'), 'source: postgres://app:${PGPASS}@db/shop\ninclude: app.*\n')
    const config = loadProjectConfig(undefined, dir, { PGPASS: 'Hunter2Hunter2' })
    expect(config).toEqual({ source: 'postgres://app:Hunter2Hunter2@db/shop', include: ['app.*'] })
    expect(redactUrl('driver said: bad password Hunter2Hunter2')).toBe('driver said: bad password ***')
  })
})
