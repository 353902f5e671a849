import type { IndexDef, IndexKey } from '../../model/schema.js'
import { addFinding, expectStatementEnd, objectLabel, readQualifiedName, sqlTextBetween, statementLocation, type DdlContext } from '../ddl-reader/ddl-context.js'
import { parenthesisedItems, skipItem, skipRest } from '../ddl-reader/ddl-syntax.js'

/**
 * CREATE [UNIQUE|BITMAP] INDEX name ON table (col [ASC|DESC] | expr, …) [REVERSE] [LOCAL|GLOBAL …]
 * [INDEXTYPE IS x PARAMETERS (…)] [storage…] (after `CREATE`). A key that is not a plain column is
 * kept as an expression (function-based index).
 */
export function readCreateIndex(ctx: DdlContext): void {
  const { c } = ctx
  const at = statementLocation(c)
  const unique = c.acceptWord('UNIQUE')
  const bitmap = !unique && c.acceptWord('BITMAP')
  c.acceptWord('MULTIVALUE')
  c.expectWord('INDEX')
  c.acceptWords('IF', 'NOT', 'EXISTS')
  const name = readQualifiedName(ctx, 'index name')
  c.expectWord('ON')
  if (c.acceptWord('CLUSTER')) {
    readQualifiedName(ctx, 'cluster name')
    skipRest(c)
    addFinding(ctx, 'CLUSTER_INDEX', 'warning', objectLabel('INDEX', name), 'cluster index: PostgreSQL has no table clusters; not converted', at)
    return
  }
  const table = readQualifiedName(ctx, 'table name')
  if (c.isIdentifier() && !c.isOp('(')) c.identifier('table alias')
  const keys: IndexKey[] = parenthesisedItems(c).map((r) => {
    let to = r.to
    let descending = false
    const last = c.tokens[to - 1]!
    if (to - r.from > 1 && last.kind === 'word' && (last.value === 'ASC' || last.value === 'DESC')) {
      descending = last.value === 'DESC'
      to--
    }
    const first = c.tokens[r.from]!
    const key: IndexKey = to - r.from === 1 && (first.kind === 'word' || first.kind === 'qident') ? { column: first.value } : { expr: sqlTextBetween(c, r.from, to) }
    return descending ? { ...key, descending } : key
  })
  let kind: IndexDef['kind'] = bitmap ? 'bitmap' : 'btree'
  let partitioned: IndexDef['partitioned']
  let indexType: string | undefined
  if (c.isWord('FROM')) {
    addFinding(ctx, 'BITMAP_JOIN_INDEX', 'warning', objectLabel('INDEX', name), 'bitmap join index: its FROM/WHERE join is not kept; the index is created on the first table only', c.location())
  }
  while (!c.atEnd() && !c.isOp(';')) {
    if (c.acceptWord('REVERSE')) kind = 'reverse'
    else if (c.acceptWord('LOCAL')) partitioned = 'local'
    else if (c.acceptWord('GLOBAL')) partitioned = 'global'
    else if (c.acceptWords('INDEXTYPE', 'IS')) {
      const t = readQualifiedName({ ...ctx, defaultSchema: undefined }, 'indextype')
      indexType = t.schema ? `${t.schema}.${t.name}` : t.name
      kind = 'domain'
    } else skipItem(c)
  }
  expectStatementEnd(c)
  ctx.catalog.indexes.upsert({
    ...name,
    table,
    unique,
    kind,
    keys,
    ...(partitioned && { partitioned }),
    ...(indexType !== undefined && { indexType }),
    at,
  })
}
