import { createHash } from 'node:crypto'
import { redactUrl } from '../config/redact.js'

/**
 * Same source database and same selection = same run, whatever the password. The URL's query
 * (`?schema=`) is part of the selection; so is an Oracle user, whose own schema is what an
 * Oracle URL without `?schema=` selects; so are `--exclude` patterns.
 */
export function runKeyOf(sourceUrl: string, selection: readonly string[], exclude: readonly string[] = []): string {
  let identity = sourceUrl
  try {
    const u = new URL(sourceUrl)
    const user = u.protocol === 'oracle:' ? `${decodeURIComponent(u.username).toUpperCase()}@` : ''
    identity = `${u.protocol}//${user}${u.hostname}:${u.port}${u.pathname}${u.search}`
  } catch {
    identity = redactUrl(sourceUrl)
  }
  const patterns = [...selection, ...exclude.map((e) => `!${e}`)].sort()
  return createHash('sha256').update(JSON.stringify([identity, patterns])).digest('hex').slice(0, 32)
}

/** What a run keeps on the source for CDC (PostgreSQL: slot and publication) is named after its key: one per source and selection. */
export function retainedNameOf(runKey: string): string {
  return `godwit_${runKey.slice(0, 16)}`
}
