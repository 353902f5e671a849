import { describe, expect, it } from 'vitest'
import { reverseCdcUrls, reversePlan } from '../../../src/cdc/fallback-stream.js'

describe('godwit cdc --reverse', () => {
  it('reads the target and applies to the source', () => {
    expect(reverseCdcUrls('postgres://u:p@old/db', 'postgres://u:p@new/db', undefined)).toEqual({ readFrom: 'postgres://u:p@new/db', applyTo: 'postgres://u:p@old/db', tables: [] })
  })

  it('writes back into Oracle: the old source of a cutover from Oracle', () => {
    expect(reverseCdcUrls('oracle://hr:secret@ora:1521/ORCL', 'postgres://u:p@new/db', undefined)).toEqual({ readFrom: 'postgres://u:p@new/db', applyTo: 'oracle://hr:secret@ora:1521/ORCL', tables: [] })
  })

  it('refuses an engine it cannot write back into (Teradata) or read from (Redshift), with what to do instead, and no password', () => {
    for (const [old, next, words] of [
      ['teradata://dbc:secret@td/db', 'postgres://u:p@new/db', /back into Oracle or PostgreSQL; here it would read PostgreSQL and write Teradata/],
      ['postgres://u:secret@old/db', 'redshift://u:secret@rs:5439/db', /read Amazon Redshift and write PostgreSQL/],
    ] as const) {
      const err = (() => {
        try {
          reverseCdcUrls(old, next, undefined)
        } catch (e) {
          return e as Error & { code: string; hint: string; exitCode: number }
        }
      })()
      expect(err).toMatchObject({ code: 'CDC_REVERSE_UNSUPPORTED', exitCode: 2 })
      expect(err!.message).toMatch(words)
      expect(err!.hint).toMatch(/manual plan/)
      expect(`${err!.message} ${err!.hint}`).not.toContain('secret')
    }
  })

  it('refuses --tables: the stream carries every table the cutover moved', () => {
    expect(() => reverseCdcUrls('postgres://u:p@old/db', 'postgres://u:p@new/db', ['public.a'])).toThrow(expect.objectContaining({ code: 'CDC_REVERSE_TABLES' }))
  })

  it('reverses the load table map, key columns renamed to the new side', () => {
    const p = reversePlan({
      schema: 'HR', name: 'EMP', targetSchema: 'hr', targetName: 'emp',
      columns: [{ name: 'EMP_ID', targetName: 'emp_id', type: { kind: 'int32' } as never, pgType: 'integer' }, { name: 'NAME', targetName: 'name', type: { kind: 'text' } as never, pgType: 'text' }],
      key: ['EMP_ID'], chunking: 'key-range', transfer: 'transcode',
    })
    expect(p).toMatchObject({ schema: 'hr', name: 'emp', targetSchema: 'HR', targetName: 'EMP', key: ['emp_id'] })
    expect(p.columns.map((c) => [c.name, c.targetName])).toEqual([['emp_id', 'EMP_ID'], ['name', 'NAME']])
  })
})
