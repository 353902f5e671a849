import { describe, expect, it } from 'vitest'
import { runCutover } from '../../../src/cutover/run-cutover.js'
import { openCutoverSource } from '../../../src/engines/cutover-source.js'

describe('the cutover source by the URL engine', () => {
  it('refuses a Teradata source up front, saying what to do instead, without the password', async () => {
    const e = (await openCutoverSource('teradata://dbc:tdpass@td.example.com/Sales').then(
      () => undefined,
      (x: unknown) => x,
    )) as { code: string; exitCode: number; message: string; hint: string }
    expect(e).toMatchObject({ code: 'CUTOVER_ENGINE', exitCode: 2 })
    expect(e.message).toMatch(/cannot freeze and drain a Teradata source/)
    expect(e.message).not.toContain('tdpass')
    expect(e.hint).toMatch(/stop the application, wait until godwit status shows cdc caught up/)
  })

  it('refuses Redshift, a target only', async () => {
    await expect(openCutoverSource('redshift://u:p@c.example.com:5439/db')).rejects.toMatchObject({ code: 'CUTOVER_ENGINE', message: expect.stringMatching(/target only/) })
  })

  it('an unknown scheme is the registry’s usage error', async () => {
    await expect(openCutoverSource('mysql://u:p@h/db')).rejects.toMatchObject({ code: 'ENGINE_UNKNOWN_SCHEME' })
  })

  it('godwit cutover refuses a Teradata source before it connects to anything', async () => {
    await expect(runCutover({ sourceUrl: 'teradata://dbc:tdpass@td.example.com/Sales', targetUrl: 'postgres://u:p@127.0.0.1:1/none', dryRun: true })).rejects.toMatchObject({ code: 'CUTOVER_ENGINE', exitCode: 2 })
  })
})
