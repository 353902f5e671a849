import { addFinding, type DdlContext } from '../ddl-reader/ddl-context.js'

/**
 * `SHARING = {METADATA | DATA | EXTENDED DATA | NONE}` at the cursor: how an Oracle application
 * container shares the object with its application PDBs. PostgreSQL has no containers and the
 * object is the same, so it is stepped over with an info finding; false when it is not there.
 */
export function readSharing(ctx: DdlContext, object: string): boolean {
  const { c } = ctx
  if (!(c.isWord('SHARING') && c.isOp('=', 1))) return false
  const at = c.location()
  c.pos += 2
  const mode = c.acceptWords('EXTENDED', 'DATA') ? 'EXTENDED DATA' : c.identifier('sharing mode')
  addFinding(ctx, 'SHARING_IGNORED', 'info', object, `SHARING = ${mode} left out: it shares the object between the containers of an Oracle application container; PostgreSQL has no containers, and the object is the same`, at)
  return true
}
