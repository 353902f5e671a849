import { createHash } from 'node:crypto'
import { redactUrl } from '../config/redact.js'

/** Same source database and same selection = same run, whoever connects and with which password. */
export function runKeyOf(sourceUrl: string, selection: readonly string[]): string {
  let identity = sourceUrl
  try {
    const u = new URL(sourceUrl)
    identity = `${u.protocol}//${u.hostname}:${u.port}${u.pathname}`
  } catch {
    identity = redactUrl(sourceUrl)
  }
  return createHash('sha256').update(JSON.stringify([identity, [...selection].sort()])).digest('hex').slice(0, 32)
}

