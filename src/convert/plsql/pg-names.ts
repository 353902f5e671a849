import { isPgReserved, pgIdent } from '../naming.js'

/** A name PostgreSQL already stores (lower case, e.g. ctx.targetSchema) written as an identifier. */
export function storedIdent(stored: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(stored) && !isPgReserved(stored) ? stored : `"${stored.replace(/"/g, '""')}"`
}

/** `schema.name` for an object the unit creates: the source schema when given, else the target schema. */
export function qualifiedIdent(targetSchema: string, name: string, sourceSchema?: string): string {
  return `${sourceSchema ? pgIdent(sourceSchema) : storedIdent(targetSchema)}.${pgIdent(name)}`
}

/** A dollar-quote tag that does not occur in `body`. */
export function dollarQuote(body: string): string {
  for (let i = 0; ; i++) {
    const tag = i === 0 ? '$$' : `$godwit${i}$`
    if (!body.includes(tag)) return tag
  }
}
