import type { TokenCursor } from '../../convert/sql/cursor.js'
import type { PartitionDef, PartitioningDef } from '../../model/schema.js'
import { identifierList, parenthesisedItems, skipItem } from '../ddl-reader/ddl-syntax.js'

type Method = PartitioningDef['method']

const METHODS: readonly Method[] = ['range', 'list', 'hash', 'reference', 'system']

/**
 * `PARTITION BY RANGE|LIST|HASH|REFERENCE|SYSTEM …` with INTERVAL, SUBPARTITION BY [TEMPLATE],
 * `PARTITIONS n` or a partition list. Bounds stay Oracle SQL text; storage clauses are skipped.
 * A subpartition template is applied to every partition that lists no subpartitions of its own.
 */
export function readPartitioning(c: TokenCursor): PartitioningDef {
  c.expectWord('PARTITION')
  c.expectWord('BY')
  const method = readMethod(c, METHODS)
  // REFERENCE (fk_name) names a constraint, not columns: the partition key comes from the parent.
  const keyNames = method === 'system' ? [] : identifierList(c, method === 'reference' ? 'constraint name' : 'column name')
  const columns = method === 'reference' ? [] : keyNames
  let interval: string | undefined
  let subpartitioning: PartitioningDef['subpartitioning']
  let template: PartitionDef[] | undefined
  let count: number | undefined
  let partitions: PartitionDef[] = []
  let automatic = false
  while (!c.atEnd() && !c.isOp(';')) {
    if (c.acceptWord('AUTOMATIC')) automatic = true
    if (c.acceptWord('INTERVAL')) {
      const open = c.pos
      c.skipParens()
      interval = c.textBetween(open + 1, c.pos - 1)
    } else if (c.acceptWords('STORE', 'IN')) c.skipParens()
    else if (c.acceptWords('SUBPARTITION', 'BY')) {
      const sub = readMethod(c, ['range', 'list', 'hash'] as const)
      const subColumns = identifierList(c)
      const subCount = c.acceptWord('SUBPARTITIONS') ? wholeNumber(c) : undefined
      subpartitioning = { method: sub, columns: subColumns, ...(subCount !== undefined && { count: subCount }) }
      if (c.acceptWords('STORE', 'IN')) c.skipParens()
    } else if (c.acceptWords('SUBPARTITION', 'TEMPLATE')) {
      if (c.isOp('(')) template = readPartitionList(c, 'SUBPARTITION')
      else if (subpartitioning) subpartitioning = { ...subpartitioning, count: wholeNumber(c) }
    } else if (c.acceptWord('PARTITIONS')) count = wholeNumber(c)
    else if (c.isOp('(') && c.isWord('PARTITION', 1)) partitions = readPartitionList(c, 'PARTITION')
    else break
  }
  if (template) partitions = partitions.map((p) => (p.subpartitions ? p : { ...p, subpartitions: template }))
  return {
    method,
    columns,
    ...(interval !== undefined && { interval }),
    ...(automatic && { automatic }),
    partitions,
    ...(subpartitioning && { subpartitioning }),
    ...(count !== undefined && { count }),
  }
}

function readMethod<M extends string>(c: TokenCursor, methods: readonly M[]): M {
  const word = c.identifier('partitioning method').toLowerCase()
  const method = methods.find((m) => m === word)
  return method ?? c.fail(`expected ${methods.join(', ').toUpperCase()}`, c.peek(-1))
}

/** `(PARTITION p VALUES LESS THAN (…) storage…, …)` or the same with SUBPARTITION. */
function readPartitionList(c: TokenCursor, keyword: 'PARTITION' | 'SUBPARTITION'): PartitionDef[] {
  c.expectOp('(')
  const list: PartitionDef[] = []
  do list.push(readPartition(c, keyword))
  while (c.acceptOp(','))
  c.expectOp(')')
  return list
}

/** `PARTITION [name] [VALUES [LESS THAN] (…)] [storage] [(SUBPARTITION …)]`, up to `,` or `)`. */
export function readPartition(c: TokenCursor, keyword: 'PARTITION' | 'SUBPARTITION'): PartitionDef {
  c.expectWord(keyword)
  const name = c.isIdentifier() && !c.isWord('VALUES') ? c.identifier('partition name') : undefined
  let values: string[] | undefined
  if (c.acceptWords('VALUES', 'LESS', 'THAN') || c.acceptWord('VALUES')) {
    values = parenthesisedItems(c).map((r) => c.textBetween(r.from, r.to))
  }
  let subpartitions: PartitionDef[] | undefined
  while (!c.atEnd() && !c.isOp(',') && !c.isOp(')')) {
    if (keyword === 'PARTITION' && c.isOp('(') && c.isWord('SUBPARTITION', 1)) subpartitions = readPartitionList(c, 'SUBPARTITION')
    else skipItem(c)
  }
  return { ...(name !== undefined && { name }), ...(values && { values }), ...(subpartitions && { subpartitions }) }
}

function wholeNumber(c: TokenCursor): number {
  const t = c.current
  if (t.kind !== 'number' || !/^\d+$/.test(t.value)) c.fail('expected a whole number')
  c.next()
  return Number(t.value)
}
