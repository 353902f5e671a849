import { createHash } from 'node:crypto'
import { redactUrl } from '../config/redact.js'

/**
 * Same source database and same selection = same run, whatever the password. The URL's query
 * (`?schema=`) is part of the selection; so is an Oracle user, whose own schema is what an
 * Oracle URL without `?schema=` selects.
 */
export function runKeyOf(sourceUrl: string, selection: readonly string[]): string {
  let identity = sourceUrl
  try {
    const u = new URL(sourceUrl)
    const user = u.protocol === 'oracle:' ? `${decodeURIComponent(u.username).toUpperCase()}@` : ''
    identity = `${u.protocol}//${user}${u.hostname}:${u.port}${u.pathname}${u.search}`
  } catch {
    identity = redactUrl(sourceUrl)
  }
  return createHash('sha256').update(JSON.stringify([identity, [...selection].sort()])).digest('hex').slice(0, 32)
}

