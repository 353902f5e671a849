import type { Finding } from '../model/finding.js'
import type { SourceLocation } from '../model/location.js'
import { formatPosition } from '../core/errors.js'

/**
 * What the converter could not translate is kept in the output, commented out line by line,
 * under a header naming the action item, so a person can finish it in place.
 */
export function commentedOut(source: string, reason: string, at?: SourceLocation): string {
  const where = at ? ` (${formatPosition(at)})` : ''
  const body = source
    .split('\n')
    .map((l) => `-- ${l}`)
    .join('\n')
  return `-- ACTION ITEM${where}: ${reason.replace(/\n/g, ' ')}\n${body}`
}

/** The finding that goes with a commented-out object. */
export function actionItem(object: string, code: string, message: string, at?: SourceLocation, source?: string): Finding {
  return { code, severity: 'action', object, message, at, source: source?.slice(0, 2000) }
}
