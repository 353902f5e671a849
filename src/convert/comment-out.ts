import type { Finding } from '../model/finding.js'
import type { SourceLocation } from '../model/location.js'
import { formatPosition } from '../core/errors.js'
import type { OutputPhase, OutputStatement } from './convert.js'

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

/** Where an unreadable statement belongs, judged by its first words (it could not be parsed to know better). */
function phaseOfUnparsed(text: string): OutputPhase {
  const head = text.replace(/^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/, '').slice(0, 200).toUpperCase().replace(/\s+/g, ' ')
  if (/^CREATE (OR REPLACE )?((NON)?EDITIONABLE )?((NO)?FORCE )?(VIEW|MATERIALIZED|FUNCTION|PROCEDURE|PACKAGE|TRIGGER|TYPE BODY|LIBRARY|JAVA)\b/.test(head)) return 'code'
  if (/^(CREATE (UNIQUE |BITMAP )?INDEX|ALTER TABLE)\b/.test(head)) return 'post-data'
  return 'pre-data'
}

/**
 * Statements the script reader could not parse (its SQL_SYNTAX action items): kept in the output,
 * commented out under the position and the reason, in the file their first words point to, so
 * the SQL files hold everything the input held.
 */
export function keptUnparsed(readerFindings: readonly Finding[]): OutputStatement[] {
  return readerFindings
    .filter((f) => f.code === 'SQL_SYNTAX' && f.source !== undefined)
    .map((f) => {
      const position = f.at ? `${formatPosition(f.at)}: ` : ''
      const reason = f.message.startsWith(position) ? f.message.slice(position.length) : f.message
      return { phase: phaseOfUnparsed(f.source!), object: f.object, sql: commentedOut(f.source!.trimEnd(), reason, f.at) }
    })
}
