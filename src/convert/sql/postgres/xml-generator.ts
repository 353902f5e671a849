import { pgIdent } from '../../naming.js'
import type { FromItem, XmlTableColumn } from '../ast.js'
import { emitExpr, quoteString } from './expression-generator.js'
import type { GenerateContext } from './generate-context.js'

/** Oracle's XMLTABLE without COLUMNS: one XMLType column COLUMN_VALUE holding each row's node. */
const COLUMN_VALUE: XmlTableColumn = { name: 'COLUMN_VALUE', type: { name: 'XMLTYPE', text: 'XMLTYPE' }, path: '.' }

/**
 * PostgreSQL's XMLTABLE. A column's path defaults to its name as Oracle stores it (upper case
 * unless quoted), where PostgreSQL would use its own lower-case name, so it is always written.
 * An empty element gives '' in PostgreSQL and NULL in Oracle (the empty string is NULL there):
 * character columns are read through nullif(…, '') in a LATERAL subquery around the table.
 */
export function emitXmlTable(f: Extract<FromItem, { kind: 'xml-table' }>, g: GenerateContext, alias: string): string {
  const columns = f.columns ?? [COLUMN_VALUE]
  const types = columns.map((c) => (c.type ? g.formatType(c.type) : undefined))
  const namespaces = f.namespaces.length ? `XMLNAMESPACES(${f.namespaces.map((n) => `${quoteString(n.uri)} AS "${n.prefix.replace(/"/g, '""')}"`).join(', ')}), ` : ''
  const definitions = columns.map((c, i) => {
    if (c.ordinality) return `${pgIdent(c.name)} FOR ORDINALITY`
    const fallback = c.default ? ` DEFAULT ${emitExpr(c.default, g)}` : ''
    return `${pgIdent(c.name)} ${types[i]} PATH ${quoteString(c.path ?? c.name)}${fallback}`
  })
  const table = `XMLTABLE(${namespaces}${quoteString(f.path)} PASSING CAST(${emitExpr(f.passing, g)} AS xml) COLUMNS ${definitions.join(', ')})`
  const isText = (t: string | undefined) => t !== undefined && /^(text|varchar|character varying|char|character|bpchar)\b/.test(t)
  if (!types.some(isText)) return `${table} AS ${alias}`
  const inner = 'godwit_xml'
  const items = columns.map((c, i) => (isText(types[i]) ? `nullif(${inner}.${pgIdent(c.name)}, '') AS ${pgIdent(c.name)}` : `${inner}.${pgIdent(c.name)}`))
  // LATERAL: the document usually comes from an earlier FROM item, as XMLTABLE itself may read.
  return `LATERAL (SELECT ${items.join(', ')} FROM ${table} AS ${inner}) ${alias}`
}
