import { createServer, type AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { ConfigError, SourceError } from '../../../../src/core/errors.js'
import { connectOracle, oracleSourceError, parseOracleUrl } from '../../../../src/engines/oracle/oracle-connection.js'

describe('parseOracleUrl', () => {
  it.each([
    ['oracle://hr:secret@db.example.com:1521/FREEPDB1', { user: 'hr', password: 'secret', host: 'db.example.com', port: 1521, service: 'FREEPDB1', connectString: 'db.example.com:1521/FREEPDB1', schemas: [] }],
    ['oracle://hr:secret@db/ORCL', { host: 'db', port: 1521, service: 'ORCL', connectString: 'db:1521/ORCL' }],
    ['oracle://hr:secret@db:1522/orcl.example.com?schema=hr,OE', { port: 1522, service: 'orcl.example.com', schemas: ['HR', 'OE'] }],
    ['oracle://hr:secret@db/ORCL?schema=MyApp', { schemas: ['MyApp'] }],
    ['oracle://app%40corp:p%40ss%3Aw0rd@db/ORCL', { user: 'app@corp', password: 'p@ss:w0rd' }],
  ])('%s', (url, expected) => {
    expect(parseOracleUrl(url)).toMatchObject(expected)
  })

  it.each([
    ['not a url', /not a URL/],
    ['postgres://hr:secret@db/ORCL', /scheme must be oracle/],
    ['oracle://hr:secret@db', /service name is missing/],
    ['oracle://hr:secret@db/', /service name is missing/],
    ['oracle://db/ORCL', /user is missing/],
    ['oracle://hr@db/ORCL', /password is missing/],
    ['oracle://hr:secret@db/A/B', /just the service name/],
    ['oracle://hr:secret@db/ORCL?schemas=HR', /unknown parameter "schemas"/],
  ])('rejects %s', (url, message) => {
    let error: unknown
    try {
      parseOracleUrl(url)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).code).toBe('ORACLE_URL_INVALID')
    expect((error as ConfigError).message).toMatch(message)
    expect((error as ConfigError).hint).toMatch(/oracle:\/\/user:password@host/)
    expect((error as ConfigError).message).not.toContain('secret')
  })
})

describe('oracleSourceError', () => {
  const url = parseOracleUrl('oracle://hr:secret@db.example.com:1521/FREEPDB1')

  it.each([
    [{ code: 'ORA-01017', message: 'ORA-01017: invalid credential or not authorized; logon denied' }, 'ORACLE_AUTH_FAILED', /user name and password for hr/],
    [{ code: 'NJS-518', message: 'NJS-518: cannot connect to Oracle Database. Service "X" is not registered' }, 'ORACLE_UNKNOWN_SERVICE', /service FREEPDB1/],
    [{ code: 'NJS-503', message: 'NJS-503: connection to host db port 1521 could not be established.\nNJS-511: refused' }, 'ORACLE_UNREACHABLE', /db\.example\.com:1521 is reachable/],
    [Object.assign(new Error('connect failed'), { cause: { code: 'ECONNREFUSED' } }), 'ORACLE_UNREACHABLE', /reachable/],
    [{ code: 'NJS-530', message: 'NJS-530: The host addresses or URL are incorrect or the listeners are not running.' }, 'ORACLE_UNREACHABLE', /reachable/],
    [{ code: 'ORA-00942', message: 'ORA-00942: table or view does not exist' }, 'ORACLE_CATALOG_ACCESS', /SELECT_CATALOG_ROLE/],
    [{ code: 'ORA-03113', message: 'ORA-03113: end-of-file on communication channel' }, 'ORACLE_CONNECTION_LOST', /reconnects and resumes/],
    [{ code: 'ORA-28000', message: 'ORA-28000: The account is locked.' }, 'ORACLE_ACCOUNT_LOCKED', /UNLOCK/],
    [new Error('something else'), 'ORACLE_ERROR', /Oracle error code/],
  ])('%o → %s', (driverError, code, hint) => {
    const e = oracleSourceError(driverError, url)
    expect(e).toBeInstanceOf(SourceError)
    expect(e.code).toBe(code)
    expect(e.hint).toMatch(hint)
    expect(e.message).toMatch(/^Oracle db\.example\.com:1521\/FREEPDB1: /)
    expect(e.message).not.toContain('\n')
    expect(e.cause).toBe(driverError)
  })

  it('wraps only once', () => {
    const once = oracleSourceError({ code: 'ORA-01017', message: 'ORA-01017: denied' }, url)
    expect(oracleSourceError(once, url)).toBe(once)
  })

  it('never echoes a URL password the driver put in its message', () => {
    const e = oracleSourceError(new Error('cannot parse oracle://hr:secret@db/ORCL'), url)
    expect(e.message).not.toContain('secret')
  })
})

describe('connectOracle with the real driver', () => {
  it('reports a closed port as ORACLE_UNREACHABLE without the password', async () => {
    const port = await closedPort()
    const error = await connectOracle(`oracle://hr:s3cret@127.0.0.1:${port}/FREEPDB1`).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SourceError)
    expect(error).toMatchObject({ code: 'ORACLE_UNREACHABLE', hint: expect.stringContaining(`127.0.0.1:${port}`) })
    expect(String((error as Error).message)).not.toContain('s3cret')
  })
})

/** A port nothing listens on: bound by the OS, then released. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}
