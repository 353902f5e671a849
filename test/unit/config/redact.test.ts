import { describe, expect, it } from 'vitest'
import { redactDeep, redactUrl } from '../../../src/config/redact.js'

describe('redactUrl', () => {
  it.each([
    ['postgres://app:s3cret@db:5432/shop', 'postgres://app:***@db:5432/shop'],
    ['oracle://hr:pw@h:1521/FREEPDB1?schema=HR', 'oracle://hr:***@h:1521/FREEPDB1?schema=HR'],
    // Drivers accept a raw `@` in a password: all of it goes, up to the authority's last `@`.
    ['postgres://u:p@ss@host/db', 'postgres://u:***@host/db'],
    ['cannot connect to postgres://u:a:b@c@h/db: refused', 'cannot connect to postgres://u:***@h/db: refused'],
    ['host=db user=app password=s3cret dbname=x', 'host=db user=app password=*** dbname=x'],
    ['postgres://app@db/shop', 'postgres://app@db/shop'],
  ])('%s', (input, expected) => {
    expect(redactUrl(input)).toBe(expected)
  })

  it('redacts every string inside a result object', () => {
    expect(redactDeep({ source: { url: 'postgres://a:b@h/d' }, list: ['oracle://x:y@h/s'], n: 1 })).toEqual({
      source: { url: 'postgres://a:***@h/d' },
      list: ['oracle://x:***@h/s'],
      n: 1,
    })
  })
})
