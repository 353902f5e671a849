import type { SqlText } from '../../model/location.js'
import type { TableDef } from '../../model/schema.js'
import { pgIdent, quoteLiteral } from '../naming.js'
import type { TranslateContext } from '../translate-context.js'
import type { TokenCursor } from './cursor.js'
import { findTable, partitionTableName } from './partition-names.js'
import { scriptStatement } from './script-statement.js'

/** Statement starts the analyze translator takes (after leading blanks). */
export const ANALYZE_START = /^\s*ANALYZE\b/i

/** What each ANALYZE operation that writes no SQL would do in Oracle, and why PostgreSQL needs nothing. */
const NO_OP: ReadonlyArray<readonly [words: readonly string[], code: string, reason: string]> = [
  [['VALIDATE', 'REF', 'UPDATE'], 'ANALYZE_VALIDATE', 'VALIDATE REF UPDATE repairs the row addresses REF values hold; converted REFs hold keys, not row addresses, so there is nothing to repair and no SQL is written'],
  [['LIST', 'CHAINED', 'ROWS'], 'ANALYZE_CHAINED_ROWS', 'LIST CHAINED ROWS finds rows spread over several blocks; PostgreSQL has none (long values move to TOAST), so no SQL is written'],
  [['DELETE', 'SYSTEM', 'STATISTICS'], 'ANALYZE_DELETE_STATISTICS', 'DELETE SYSTEM STATISTICS drops the optimizer statistics; PostgreSQL has no command for that (the next ANALYZE or autovacuum replaces them), so no SQL is written'],
  [['DELETE', 'STATISTICS'], 'ANALYZE_DELETE_STATISTICS', 'DELETE STATISTICS drops the optimizer statistics; PostgreSQL has no command for that (the next ANALYZE or autovacuum replaces them), so no SQL is written'],
]

/**
 * ANALYZE {TABLE|INDEX|CLUSTER} name [PARTITION (p) | SUBPARTITION (s) | … FOR (keys)] operation.
 * Gathering statistics (COMPUTE/ESTIMATE STATISTICS, or no operation) becomes PostgreSQL's
 * ANALYZE of the table — of the partition's own table for PARTITION (p), of the indexed table
 * for an index; every other operation writes nothing and says why in an info finding.
 */
export function translateAnalyze(src: SqlText, ctx: TranslateContext): string[] {
  const statement = scriptStatement(src, ctx)
  const { c } = statement
  const info = (code: string, message: string): void => statement.note('info', code, message)
  c.expectWord('ANALYZE')
  const kind = c.acceptWord('TABLE') ? 'TABLE' : c.acceptWord('INDEX') ? 'INDEX' : c.acceptWord('CLUSTER') ? 'CLUSTER' : c.fail('expected TABLE, INDEX or CLUSTER')
  const name = statement.name(`${kind.toLowerCase()} name`)
  const part = readPartition(c)
  if (c.isWords('VALIDATE', 'STRUCTURE')) return validateStructure(statement, kind, name, ctx)
  const operation = NO_OP.find(([words]) => c.isWords(...words))
  const columns = readStatisticsOperation(c, operation !== undefined)
  if (operation) {
    info(operation[1], operation[2])
    return []
  }
  if (kind === 'CLUSTER') {
    info('ANALYZE_CLUSTER', `ANALYZE CLUSTER ${name.join('.')}: table clusters are not converted (PostgreSQL has none); its tables are analyzed as tables, so no SQL is written`)
    return []
  }
  const table = kind === 'TABLE' ? findTable(ctx.catalog, name) : indexedTable(ctx, name)
  if (kind === 'INDEX') {
    if (!table) {
      info('ANALYZE_INDEX', `ANALYZE INDEX ${name.join('.')}: PostgreSQL gathers index statistics with ANALYZE of the indexed table, and the scripts read do not define this index, so no SQL is written`)
      return []
    }
    info('ANALYZE_INDEX', `ANALYZE INDEX ${name.join('.')}: PostgreSQL gathers index statistics with ANALYZE of the indexed table ${table.name}`)
  }
  const tableName = table ? [...(table.schema ? [table.schema] : []), table.name] : name
  const relation = part ? partitionTable(ctx, table, tableName, part) : tableName.map(pgIdent).join('.')
  return [`ANALYZE ${relation}${columns.length > 0 ? ` (${columns.map(pgIdent).join(', ')})` : ''}`]
}

/**
 * VALIDATE STRUCTURE [CASCADE [FAST|COMPLETE]] [ONLINE|OFFLINE] [INTO t]: Oracle checks the
 * table's blocks (and with CASCADE its indexes) and raises an error on corruption. PostgreSQL's
 * amcheck does the same checks: verify_heapam (14+) over every leaf partition, raising when it
 * reports a damaged tuple, and bt_index_check (which raises by itself) over the B-tree indexes —
 * with heapallindexed unless FAST. Amcheck takes only AccessShareLock, so OFFLINE's DML lock is
 * not needed; INTO names the table Oracle lists rows of corrupt partitions in, which has no
 * PostgreSQL form (no row addresses survive): both are said in info findings.
 */
function validateStructure(statement: ReturnType<typeof scriptStatement>, kind: string, name: readonly string[], ctx: TranslateContext): string[] {
  const { c } = statement
  const info = (message: string): void => statement.note('info', 'ANALYZE_VALIDATE', message)
  c.expectWord('VALIDATE')
  c.expectWord('STRUCTURE')
  const cascade = c.acceptWord('CASCADE')
  const fast = cascade && c.acceptWord('FAST')
  if (cascade && !fast) c.acceptWord('COMPLETE')
  if (c.acceptWord('OFFLINE')) info(`ANALYZE … VALIDATE STRUCTURE OFFLINE: amcheck reads ${name.join('.')} under AccessShareLock and does not block DML as OFFLINE does`)
  else c.acceptWord('ONLINE')
  if (c.acceptWord('INTO')) info(`ANALYZE … VALIDATE STRUCTURE INTO ${statement.name('invalid rows table').join('.')}: PostgreSQL has no row addresses to list; verify_heapam reports the damaged tuples instead`)
  c.acceptOp(';')
  if (!c.atEnd()) c.fail('expected CASCADE, ONLINE, OFFLINE or INTO')
  if (kind === 'CLUSTER' || ctx.target.engine === 'redshift') {
    info(`ANALYZE ${kind} ${name.join('.')} VALIDATE STRUCTURE: ${kind === 'CLUSTER' ? 'table clusters are not converted' : 'Redshift manages its own storage and has no structure check'}, so no SQL is written`)
    return []
  }
  ctx.support.add('extension:amcheck')
  const table = kind === 'TABLE' ? findTable(ctx.catalog, name) : undefined
  const relation = (table ? [...(table.schema ? [table.schema] : []), table.name] : name).map(pgIdent).join('.')
  const heapallindexed = fast ? 'false' : 'true'
  if (kind === 'INDEX') return [`SELECT public.bt_index_check(${quoteLiteral(relation)}::regclass, ${heapallindexed})`]
  const indexes = cascade
    ? `\n    PERFORM public.bt_index_check(i.indexrelid, ${heapallindexed}) FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam WHERE i.indrelid = leaf AND am.amname = 'btree';`
    : ''
  return [
    `DO $godwit$
DECLARE
  leaf regclass;
BEGIN
  FOR leaf IN SELECT relid FROM pg_partition_tree(${quoteLiteral(relation)}::regclass) WHERE isleaf LOOP
    IF EXISTS (SELECT FROM public.verify_heapam(leaf)) THEN
      RAISE EXCEPTION 'table % is corrupt', leaf USING ERRCODE = 'data_corrupted', HINT = format('SELECT * FROM public.verify_heapam(%L) shows the damaged tuples', leaf);
    END IF;${indexes}
  END LOOP;
END
$godwit$`,
  ]
}

interface PartitionRef {
  readonly sub: boolean
  /** Absent: PARTITION FOR (key values). */
  readonly name?: string
}

function readPartition(c: TokenCursor): PartitionRef | undefined {
  const sub = c.isWord('SUBPARTITION')
  if (!sub && !c.isWord('PARTITION')) return undefined
  c.next()
  const byKey = c.acceptWord('FOR')
  c.expectOp('(')
  if (byKey) {
    for (let depth = 1; depth > 0 && !c.atEnd(); c.next()) depth += c.isOp('(') ? 1 : c.isOp(')') ? -1 : 0
    return { sub }
  }
  const name = c.identifier('partition name')
  c.expectOp(')')
  return { sub, name }
}

/** COMPUTE|ESTIMATE [SYSTEM] STATISTICS [FOR …] [SAMPLE n ROWS|PERCENT], or nothing: the columns FOR COLUMNS names. */
function readStatisticsOperation(c: TokenCursor, noOp: boolean): string[] {
  const columns: string[] = []
  if (noOp) {
    while (!c.atEnd() && !c.isOp(';')) c.next()
  } else if (c.acceptWord('COMPUTE') || c.acceptWord('ESTIMATE')) {
    c.acceptWord('SYSTEM')
    c.expectWord('STATISTICS')
    while (!c.atEnd() && !c.isOp(';')) {
      if (c.acceptWords('FOR', 'COLUMNS')) {
        // FOR COLUMNS [SIZE n] col [SIZE n], …: the columns; histogram sizes are PostgreSQL's statistics target.
        do {
          if (c.acceptWord('SIZE')) c.next()
          if (c.isIdentifier() && !c.isWord('FOR') && !c.isWord('SAMPLE')) columns.push(c.identifier('column name'))
          if (c.acceptWord('SIZE')) c.next()
        } while (c.acceptOp(','))
      } else c.next()
    }
  }
  c.acceptOp(';')
  if (!c.atEnd()) c.fail('expected COMPUTE STATISTICS, ESTIMATE STATISTICS, DELETE STATISTICS, VALIDATE or LIST CHAINED ROWS')
  return columns
}

function indexedTable(ctx: TranslateContext, name: readonly string[]): TableDef | undefined {
  const [schema, index] = name.length === 2 ? name : [undefined, name[0]]
  const found = ctx.catalog.indexes.find((i) => i.name === index && (schema === undefined || i.schema === schema))
  return found && findTable(ctx.catalog, [...(found.table.schema ? [found.table.schema] : []), found.table.name])
}

/**
 * A partition is a table of its own in the output, named `<table>_<partition>`
 * (postgres-ddl-partitions.ts); one the scripts do not define, or one named by key values or a
 * subpartition, is covered by ANALYZE of the whole table.
 */
function partitionTable(ctx: TranslateContext, table: TableDef | undefined, tableName: readonly string[], part: PartitionRef): string {
  const whole = tableName.map(pgIdent).join('.')
  // Redshift keeps every partition's rows in the one table.
  if (ctx.target.engine === 'redshift') return whole
  const own = part.name !== undefined && !part.sub ? partitionTableName(table, part.name) : undefined
  if (own) return own
  const which = part.name ? `${part.sub ? 'SUBPARTITION' : 'PARTITION'} ${part.name}` : `${part.sub ? 'SUBPARTITION' : 'PARTITION'} FOR (…)`
  ctx.findings.push({ code: 'ANALYZE_PARTITION', severity: 'info', object: ctx.object, message: `ANALYZE … ${which}: not a partition of the scripts read that godwit can name, so the whole table ${tableName.join('.')} is analyzed` })
  return whole
}
