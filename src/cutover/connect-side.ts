import pg from 'pg'
import { redactUrl } from '../config/redact.js'
import { SourceError, TargetError } from '../core/errors.js'

/** A connected client on one side; a failure to connect is that side's error (exit 4 or 5), URL redacted. `phase` prefixes the error code. */
export async function connectSide(url: string, side: 'source' | 'target', phase: 'CUTOVER' | 'STATUS'): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url })
  client.on('error', () => undefined)
  try {
    await client.connect()
    return client
  } catch (cause) {
    const Err = side === 'source' ? SourceError : TargetError
    throw new Err(`${phase}_${side.toUpperCase()}_CONNECT`, `cannot connect to the ${side} ${redactUrl(url)}: ${redactUrl((cause as Error).message)}`, { cause })
  }
}
