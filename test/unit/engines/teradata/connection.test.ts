import { describe, expect, it } from 'vitest'
import { ConfigError, SourceError } from '../../../../src/core/errors.js'
import { driverConnectParams, parseTeradataUrl, teradataSourceError } from '../../../../src/engines/teradata/teradata-connection.js'
import { loadTeradataDriver } from '../../../../src/engines/teradata/teradata-driver.js'

describe('parseTeradataUrl', () => {
  it.each([
    ['teradata://dbc:secret@td.example.com/Sales', { user: 'dbc', password: 'secret', host: 'td.example.com', port: 1025, database: 'Sales', schemas: ['Sales'], options: {}, readLock: 'access' }],
    ['teradata://dbc:secret@td:1026/Sales?schema=Sales,Finance', { port: 1026, database: 'Sales', schemas: ['Sales', 'Finance'] }],
    ['teradata://dbc:secret@td', { schemas: [], options: {} }],
    ['teradata://dbc:secret@td/Sales?lock=read', { readLock: 'read', options: {} }],
    ['teradata://app%40corp:p%40ss%3Aw0rd@td/Sales?logmech=LDAP&encryptdata=true&tmode=ANSI', { user: 'app@corp', password: 'p@ss:w0rd', options: { logmech: 'LDAP', encryptdata: 'true', tmode: 'ANSI' } }],
  ])('%s', (url, expected) => {
    expect(parseTeradataUrl(url)).toMatchObject(expected)
  })

  it('has no database when the path is empty', () => {
    expect(parseTeradataUrl('teradata://dbc:secret@td/').database).toBeUndefined()
  })

  it.each([
    ['not a url', /not a URL/],
    ['oracle://dbc:secret@td/Sales', /scheme must be teradata/],
    ['teradata://td/Sales', /user is missing/],
    ['teradata://dbc@td/Sales', /password is missing/],
    ['teradata://dbc:secret@td/A/B', /just the database name/],
    ['teradata://dbc:secret@td/A?tmode=FAST', /tmode must be ANSI, TERA or DEFAULT/],
    ['teradata://dbc:secret@td/A?databases=B', /unknown parameter "databases"/],
    ['teradata://dbc:secret@td/A?lock=exclusive', /lock must be access or read/],
  ])('rejects %s without showing the password', (url, message) => {
    let error: unknown
    try {
      parseTeradataUrl(url)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).code).toBe('TERADATA_URL_INVALID')
    expect((error as ConfigError).message).toMatch(message)
    expect((error as ConfigError).message).not.toContain('secret')
    expect((error as ConfigError).hint).toMatch(/teradata:\/\/user:password@host/)
  })
})

describe('driverConnectParams', () => {
  it('passes strings the driver takes, the port as dbs_port', () => {
    expect(driverConnectParams(parseTeradataUrl('teradata://dbc:secret@td:1026/Sales?encryptdata=true'))).toEqual({
      host: 'td', dbs_port: '1026', user: 'dbc', password: 'secret', database: 'Sales', encryptdata: 'true',
    })
  })
})

describe('teradataSourceError', () => {
  const url = parseTeradataUrl('teradata://dbc:secret@td.example.com/Sales')
  it.each([
    [new Error('[Version 20.0.55] [Session 0] [Teradata Database] [Error 8017] The UserId, Password or Account is invalid.'), 'TERADATA_AUTH_FAILED', /password for dbc/],
    [new Error('[Teradata Database] [Error 3802] Database \'Nope\' does not exist.\n at ...'), 'TERADATA_UNKNOWN_DATABASE', /DBC.DatabasesV/],
    [new Error('[Teradata Database] [Error 3523] The user does not have SELECT access to DBC.TablesV.'), 'TERADATA_ACCESS_DENIED', /SELECT on the databases/],
    [new Error('[Teradata SQL Driver] Failed to connect to td.example.com: connection refused teradata://dbc:secret@td.example.com'), 'TERADATA_UNREACHABLE', /td\.example\.com:1025 is reachable/],
    [new Error('[Teradata Database] [Error 2646] No more spool space in dbc.'), 'TERADATA_SPOOL_EXHAUSTED', /--chunk-rows/],
    [new Error('something else'), 'TERADATA_ERROR', /Teradata error number/],
  ])('%s → %s', (driverError, code, hint) => {
    const e = teradataSourceError(driverError, url)
    expect(e).toBeInstanceOf(SourceError)
    expect(e.code).toBe(code)
    expect(e.hint).toMatch(hint)
    expect(e.message).toMatch(/^Teradata td\.example\.com:1025: /)
    expect(e.message).not.toContain('\n')
    expect(e.message).not.toContain('secret')
  })
})

describe('loadTeradataDriver', () => {
  it('without the package: a typed error with the install command', async () => {
    const e = await loadTeradataDriver(() => Promise.reject(new Error("Cannot find package 'teradatasql'"))).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(SourceError)
    expect((e as SourceError).code).toBe('TERADATA_DRIVER_MISSING')
    expect((e as SourceError).hint).toContain('npm install teradatasql')
    expect((e as SourceError).exitCode).toBe(4)
  })

  it('really is absent here, and the default importer says so', async () => {
    const e = await loadTeradataDriver().catch((x: unknown) => x)
    expect((e as SourceError).code).toBe('TERADATA_DRIVER_MISSING')
  })

  it('accepts the CommonJS shape (default export) and rejects a module without TeradataConnection', async () => {
    class TeradataConnection {}
    await expect(loadTeradataDriver(async () => ({ default: { TeradataConnection } }))).resolves.toMatchObject({ TeradataConnection })
    await expect(loadTeradataDriver(async () => ({}))).rejects.toThrow(/exports no TeradataConnection/)
  })
})
