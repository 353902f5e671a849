import { describe, expect, it } from 'vitest'
import { cutoverSourceEngine, openCutoverSource } from '../../../src/engines/cutover-source.js'

describe('the cutover source by the URL engine', () => {
  it('a Teradata source is opened through its engine: here the driver is missing, said so without the password', async () => {
    const e = (await openCutoverSource('teradata://dbc:tdpass@td.invalid/Sales').then(
      () => undefined,
      (x: unknown) => x,
    )) as { code: string; exitCode: number; message: string }
    expect(e).toMatchObject({ code: 'TERADATA_DRIVER_MISSING', exitCode: 4 })
    expect(e.message).not.toContain('tdpass')
    expect(cutoverSourceEngine('teradata://dbc:tdpass@td.invalid/Sales')).toBe('teradata')
  })

  it('refuses Redshift, a target only', async () => {
    await expect(openCutoverSource('redshift://u:p@c.example.com:5439/db')).rejects.toMatchObject({ code: 'CUTOVER_ENGINE', message: expect.stringMatching(/target only/) })
  })

  it('an unknown scheme is the registry’s usage error', async () => {
    await expect(openCutoverSource('mysql://u:p@h/db')).rejects.toMatchObject({ code: 'ENGINE_UNKNOWN_SCHEME' })
  })
})
