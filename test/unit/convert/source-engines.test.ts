import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readSource } from '../../../src/convert/run-convert.js'
import { SOURCE_ENGINES, sourceEngine } from '../../../src/convert/source-engines.js'
import { UsageError } from '../../../src/core/errors.js'
import { ENGINES } from '../../../src/engines/registry.js'

describe('source engines: reader and dialect chosen by --from', () => {
  it('reads Oracle scripts with the Oracle dialect, the default', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'godwit-src-'))
    const path = join(dir, 't.sql')
    writeFileSync(path, 'CREATE TABLE t (a NUMBER(5));\n')
    const read = await readSource({ scripts: [{ path }] })
    expect(read.dialect.engine).toBe('oracle')
    expect(read.schema.tables.map((t) => t.name)).toEqual(['T'])
  })

  it('has a dialect for every source engine it lists, each naming its engine', async () => {
    for (const [name, engine] of Object.entries(SOURCE_ENGINES)) expect((await engine.dialect()).engine).toBe(name)
  })

  it('refuses an engine the registry does not let convert from, naming the ones it can', () => {
    expect(ENGINES.redshift.capabilities.convertFrom).toBe(false)
    expect(() => sourceEngine('redshift')).toThrow(UsageError)
    expect(() => sourceEngine('postgres')).toThrow(expect.objectContaining({ code: 'CONVERT_SOURCE_UNSUPPORTED', hint: '--from accepts: oracle, teradata.' }))
  })
})
