import type { TokenCursor } from '../../convert/sql/cursor.js'
import type { ConstraintState, PartitionDef, PartitioningDef, TableDef } from '../../model/schema.js'
import { readColumnSpec } from './oracle-ddl-columns.js'
import { isOutOfLineConstraintStart, readConstraintState, readOutOfLineConstraint } from './oracle-ddl-constraints.js'
import { addFinding, expectStatementEnd, objectLabel, readQualifiedName, type DdlContext } from '../ddl-reader/ddl-context.js'
import { dataStatement } from '../ddl-reader/data-statement.js'
import { identifierList, skipItem, skipRest } from '../ddl-reader/ddl-syntax.js'
import { dropColumn, dropConstraint, renameColumn, renameConstraint, setConstraintState, uniqueByColumns } from './oracle-ddl-table-edit.js'
import { readPartition } from './oracle-ddl-partitioning.js'
import { applyElements, readRowClause, readTableElements, type TableElement } from './oracle-ddl-table.js'

/**
 * ALTER TABLE t ADD/MODIFY/DROP/RENAME/ENABLE/DISABLE … (after `ALTER`), merged into the TableDef
 * so the model is the final state of the script. Physical clauses (MOVE, PCTFREE, partition
 * maintenance, SUPPLEMENTAL LOG, …) change nothing logical and become info findings.
 */
export function readAlterTable(ctx: DdlContext): void {
  const { c } = ctx
  c.expectWord('TABLE')
  c.acceptWords('IF', 'EXISTS')
  const name = readQualifiedName(ctx, 'table name')
  const found = ctx.catalog.tables.find(name)
  if (!found) {
    skipRest(c)
    addFinding(ctx, 'DDL_UNKNOWN_OBJECT', 'warning', objectLabel('TABLE', name), `ALTER TABLE of ${name.name}, which the scripts read do not define; not applied`)
    return
  }
  let table = found
  const alter = new TableAlteration(ctx, found)
  while (!c.atEnd() && !c.isOp(';')) {
    table = alter.clause(table)
    c.acceptOp(',')
  }
  expectStatementEnd(c)
  ctx.catalog.tables.update(found, () => table)
}

class TableAlteration {
  private readonly c: TokenCursor
  private readonly label: string

  constructor(private readonly ctx: DdlContext, table: TableDef) {
    this.c = ctx.c
    this.label = objectLabel('TABLE', table)
  }

  clause(table: TableDef): TableDef {
    const { c } = this
    if (c.acceptWord('ADD')) return this.add(table)
    if (c.acceptWord('MODIFY')) return this.modify(table)
    if (c.acceptWord('DROP')) return this.drop(table)
    // SET UNUSED hides columns for good: logically a DROP COLUMN.
    if (c.acceptWords('SET', 'UNUSED')) return this.drop(table)
    if (c.acceptWord('RENAME')) return this.rename(table)
    if (c.isWords('TRUNCATE', 'PARTITION') && this.ctx.data) return this.truncatePartition(table)
    if (c.isWord('ENABLE') || c.isWord('DISABLE')) return this.enableDisable(table)
    if (c.isWord('READ') && (c.isWord('ONLY', 1) || c.isWord('WRITE', 1))) return this.readOnly(table)
    if (readRowClause(this.ctx, table)) {
      while (!c.atEnd() && !c.isOp(';') && !c.isOp(',')) skipItem(c)
      return table
    }
    return this.physical(table, 'ALTER TABLE')
  }

  private add(table: TableDef): TableDef {
    const { c } = this
    if (c.isWord('PARTITION') && (table.partitioning?.method === 'range' || table.partitioning?.method === 'list')) return this.addPartitions(table, table.partitioning)
    if (c.isWord('SUPPLEMENTAL') || c.isWord('PARTITION') || c.isWord('SUBPARTITION') || c.isWord('OVERFLOW')) return this.physical(table, 'ADD')
    const elements: TableElement[] = c.isOp('(')
      ? readTableElements(this.ctx, table)
      : isOutOfLineConstraintStart(c)
        ? [{ kind: 'constraint', spec: readOutOfLineConstraint(this.ctx) }]
        : [{ kind: 'column', spec: readColumnSpec(this.ctx, table) }]
    return applyElements(this.ctx, table, elements, true)
  }

  private modify(table: TableDef): TableDef {
    const { c } = this
    if (c.acceptWord('CONSTRAINT')) {
      const name = c.identifier('constraint name')
      return this.withState(table, name, readConstraintState(c))
    }
    if (c.acceptWords('PRIMARY', 'KEY')) return this.withPrimaryKeyState(table, readConstraintState(c))
    if (c.isWord('UNIQUE') && c.isOp('(', 1)) {
      c.next()
      return this.withUniqueState(table, identifierList(c), readConstraintState(c))
    }
    const PHYSICAL = ['PARTITION', 'SUBPARTITION', 'LOB', 'DEFAULT', 'NESTED', 'VARRAY', 'COLUMN', 'OPAQUE', 'CLUSTERING']
    if (PHYSICAL.some((w) => c.isWord(w))) return this.physical(table, 'MODIFY')
    const elements: TableElement[] = c.isOp('(') ? readTableElements(this.ctx, table) : [{ kind: 'column', spec: readColumnSpec(this.ctx, table) }]
    return applyElements(this.ctx, table, elements, false)
  }

  private drop(table: TableDef): TableDef {
    const { c } = this
    let result: TableDef | undefined
    let what: string
    // DROP FOREIGN KEY name is MySQL's spelling of DROP CONSTRAINT name; nothing else can be meant.
    if (c.acceptWord('CONSTRAINT') || c.acceptWords('FOREIGN', 'KEY')) {
      what = `constraint ${c.current.value}`
      result = dropConstraint(table, c.identifier('constraint name'))
    } else if (c.acceptWords('PRIMARY', 'KEY')) {
      what = 'primary key'
      result = table.primaryKey ? { ...table, primaryKey: undefined } : undefined
    } else if (c.acceptWord('UNIQUE')) {
      const key = uniqueByColumns(table, identifierList(c))
      what = 'unique key'
      result = key && { ...table, uniques: table.uniques.filter((u) => u !== key) }
    } else if (c.acceptWord('COLUMN') || c.isOp('(')) {
      const names = c.isOp('(') ? identifierList(c) : [c.identifier('column name')]
      what = `column ${names.join(', ')}`
      result = names.reduce<TableDef | undefined>((t, n) => t && dropColumn(t, n), table)
    } else if (c.isWord('PARTITION') && table.partitioning && !c.isWord('FOR', 1)) {
      return this.dropPartitions(table, table.partitioning)
    } else if (['PARTITION', 'PARTITIONS', 'SUBPARTITION', 'SUBPARTITIONS', 'UNUSED', 'COLUMNS', 'SUPPLEMENTAL', 'PERIOD'].some((w) => c.isWord(w))) return this.physical(table, 'DROP')
    else return c.fail('expected CONSTRAINT, PRIMARY KEY, UNIQUE, COLUMN, PARTITION or another ALTER TABLE … DROP clause')
    // CASCADE [CONSTRAINTS], KEEP/DROP INDEX, ONLINE, INVALIDATE, CHECKPOINT n: how, not what.
    while (c.acceptWord('CASCADE') || c.acceptWord('CONSTRAINTS') || c.acceptWords('KEEP', 'INDEX') || c.acceptWords('DROP', 'INDEX') || c.acceptWord('ONLINE') || c.acceptWord('INVALIDATE')) continue
    if (c.acceptWord('CHECKPOINT')) c.next()
    return result ?? this.missing(table, what)
  }

  /**
   * TRUNCATE PARTITION p empties rows the script inserted: handed to the converter to run in
   * script order with the data statements (src/convert/sql/truncate.ts).
   */
  private truncatePartition(table: TableDef): TableDef {
    skipRest(this.c)
    this.ctx.data!.push(dataStatement(this.ctx.statement, /^ALTER\b/i)!)
    return table
  }

  /** ADD PARTITION p VALUES …[, PARTITION …] of a range or list partitioned table: the new partitions join the model. */
  private addPartitions(table: TableDef, partitioning: PartitioningDef): TableDef {
    const { c } = this
    const added: PartitionDef[] = []
    do added.push(readPartition(c, 'PARTITION'))
    while (c.acceptOp(',') && c.isWord('PARTITION'))
    // UPDATE INDEXES and the like: how, not what.
    while (!c.atEnd() && !c.isOp(';')) skipItem(c)
    return { ...table, partitioning: { ...partitioning, partitions: [...partitioning.partitions, ...added] } }
  }

  /** DROP PARTITION p[, q]: the partitions (and the rows they held) leave the model. */
  private dropPartitions(table: TableDef, partitioning: PartitioningDef): TableDef {
    const { c } = this
    c.expectWord('PARTITION')
    const names: string[] = []
    do names.push(c.identifier('partition name'))
    while (c.acceptOp(','))
    while (!c.atEnd() && !c.isOp(';')) skipItem(c)
    const kept = partitioning.partitions.filter((p) => p.name === undefined || !names.includes(p.name))
    if (kept.length === partitioning.partitions.length) return this.missing(table, `partition ${names.join(', ')}`)
    return { ...table, partitioning: { ...partitioning, partitions: kept } }
  }

  private rename(table: TableDef): TableDef {
    const { c } = this
    if (c.acceptWord('COLUMN')) {
      const from = c.identifier('column name')
      c.expectWord('TO')
      const to = c.identifier('column name')
      return renameColumn(table, from, to) ?? this.missing(table, `column ${from}`)
    }
    if (c.acceptWord('CONSTRAINT')) {
      const from = c.identifier('constraint name')
      c.expectWord('TO')
      const to = c.identifier('constraint name')
      return renameConstraint(table, from, to) ?? this.missing(table, `constraint ${from}`)
    }
    if (c.acceptWord('TO')) return { ...table, name: c.identifier('table name') }
    return this.physical(table, 'RENAME')
  }

  /** ENABLE|DISABLE [VALIDATE|NOVALIDATE] CONSTRAINT x | PRIMARY KEY | UNIQUE (…) | ROW MOVEMENT | ALL TRIGGERS … */
  private enableDisable(table: TableDef): TableDef {
    const { c } = this
    const start = c.pos
    const enabled = c.next().value === 'ENABLE'
    const validated = c.acceptWord('VALIDATE') ? true : c.acceptWord('NOVALIDATE') ? false : enabled
    const state: ConstraintState = { enabled, validated }
    let result: TableDef
    if (c.acceptWord('CONSTRAINT')) result = this.withState(table, c.identifier('constraint name'), state)
    else if (c.acceptWords('PRIMARY', 'KEY')) result = this.withPrimaryKeyState(table, state)
    else if (c.acceptWord('UNIQUE')) result = this.withUniqueState(table, identifierList(c), state)
    else if (!enabled && c.isWords('ALL', 'TRIGGERS')) {
      skipRest(c)
      addFinding(this.ctx, 'TRIGGER_DISABLED', 'warning', this.label, 'the script leaves the triggers of this table disabled; the converted triggers are enabled unless disabled by hand (ALTER TABLE … DISABLE TRIGGER ALL)')
      return table
    } else {
      c.pos = start
      return this.physical(table, c.current.value)
    }
    readConstraintState(c)
    return result
  }

  /** READ ONLY refuses every change to the rows; READ WRITE undoes it (a table's default). */
  private readOnly(table: TableDef): TableDef {
    const { c } = this
    const at = c.location()
    c.next()
    if (c.next().value === 'ONLY') {
      addFinding(this.ctx, 'TABLE_READ_ONLY', 'warning', this.label, 'READ ONLY: Oracle refuses INSERT, UPDATE, DELETE and TRUNCATE on this table; PostgreSQL has no read-only tables, so the converted table accepts them: REVOKE those privileges from the roles that write, or add a trigger that raises', at)
    } else addFinding(this.ctx, 'TABLE_READ_ONLY', 'info', this.label, 'READ WRITE: the table accepts changes, as every PostgreSQL table does; nothing to write', at)
    return table
  }

  private withState(table: TableDef, name: string, state: ConstraintState): TableDef {
    return setConstraintState(table, name, state) ?? this.missing(table, `constraint ${name}`)
  }

  private withPrimaryKeyState(table: TableDef, state: ConstraintState): TableDef {
    return table.primaryKey ? { ...table, primaryKey: { ...table.primaryKey, ...state } } : this.missing(table, 'primary key')
  }

  private withUniqueState(table: TableDef, columns: readonly string[], state: ConstraintState): TableDef {
    const key = uniqueByColumns(table, columns)
    if (!key) return this.missing(table, `unique key (${columns.join(', ')})`)
    return { ...table, uniques: table.uniques.map((u) => (u === key ? { ...u, ...state } : u)) }
  }

  private missing(table: TableDef, what: string): TableDef {
    addFinding(this.ctx, 'DDL_UNKNOWN_OBJECT', 'warning', this.label, `ALTER TABLE names ${what}, which ${table.name} does not have in the scripts read; not applied`)
    return table
  }

  /**
   * A clause that changes storage or partitions only. Its end cannot be told reliably (partition
   * maintenance nests ADD/DROP), so the rest of the statement is skipped and quoted in the finding.
   */
  private physical(table: TableDef, what: string): TableDef {
    const { c } = this
    const from = c.pos
    while (!c.atEnd() && !c.isOp(';')) skipItem(c)
    const text = c.textBetween(from)
    // Partition maintenance that changes which partitions exist or which rows they hold is not storage.
    if (/^(?:(?:ADD|DROP|SPLIT|MERGE|TRUNCATE|EXCHANGE|COALESCE)\s+(?:SUB)?PARTITIONS?|(?:SUB)?PARTITIONS?\b)/i.test(`${what === 'ALTER TABLE' ? '' : `${what} `}${text}`) && !/^MOVE\b/i.test(text)) {
      addFinding(this.ctx, 'PARTITION_MAINTENANCE', 'warning', this.label, `${what === 'ALTER TABLE' ? '' : `${what} `}${text}: partition maintenance not applied to the converted table; repeat it on PostgreSQL (partitions are tables: CREATE TABLE … PARTITION OF, DETACH PARTITION, TRUNCATE)`, c.location(c.tokens[from]))
      return table
    }
    addFinding(this.ctx, 'ORACLE_PHYSICAL_CLAUSE', 'info', this.label, `${what} clause skipped, it changes storage only: ${text}`, c.location(c.tokens[from]))
    return table
  }
}
