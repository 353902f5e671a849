import { pgIdent } from '../../naming.js'
import type { ExprRule } from './index.js'
import { pgCall, str } from './build.js'

/**
 * `seq.NEXTVAL` / `schema.seq.CURRVAL` → nextval('seq') / currval('seq'). The catalog says
 * which names are sequences; a NEXTVAL/CURRVAL on a name it does not know is still a sequence
 * (no column is called that), and a warning says the catalog did not have it.
 */
const sequenceValue: ExprRule = (e, rc) => {
  if (e.kind !== 'column' || e.path.length < 2) return undefined
  const pseudo = e.path[e.path.length - 1]
  if (pseudo !== 'NEXTVAL' && pseudo !== 'CURRVAL') return undefined
  const name = e.path.slice(0, -1)
  const seqName = name[name.length - 1]!
  const schema = name.length > 1 ? name[name.length - 2] : undefined
  const known = rc.g.catalog.sequences.some((s) => s.name === seqName && (!schema || !s.schema || s.schema === schema))
  if (!known) {
    rc.g.findings.push({
      code: 'UNKNOWN_SEQUENCE',
      severity: 'warning',
      object: rc.g.object,
      message: `${name.join('.')}.${pseudo}: ${name.join('.')} is not a sequence in the source schema; translated as one`,
      at: e.at,
    })
  }
  return pgCall(pseudo === 'NEXTVAL' ? 'nextval' : 'currval', str(name.map(pgIdent).join('.')))
}

export const sequenceRules: readonly ExprRule[] = [sequenceValue]
