import { describe, expect, it } from 'vitest'
import { parseTeradataUrl } from '../../../src/engines/teradata/teradata-connection.js'
import { sourceUrlVia } from '../../../src/load/source-engines.js'

describe('load --via tpt', () => {
  it('sets the TPT parameters on a Teradata URL, which then reads the export directory', () => {
    const url = sourceUrlVia('teradata://u:pw@td.example/sales', 'tpt', '/data/tpt')
    expect(parseTeradataUrl(url).tptDir).toBe('/data/tpt')
    expect(parseTeradataUrl(sourceUrlVia('teradata://u:pw@td.example/sales?lock=read', 'tpt', undefined))).toMatchObject({ tptDir: 'godwit-tpt', readLock: 'read' })
  })

  it('leaves the URL alone without --via, and refuses --via tpt for another engine without printing the password', () => {
    expect(sourceUrlVia('postgres://u:pw@h/db', undefined, undefined)).toBe('postgres://u:pw@h/db')
    let error: unknown
    try {
      sourceUrlVia('postgres://u:s3cret@h/db', 'tpt', undefined)
    } catch (e) {
      error = e
    }
    expect(error).toMatchObject({ code: 'LOAD_VIA_TPT_SOURCE' })
    expect((error as Error).message).not.toContain('s3cret')
  })
})
