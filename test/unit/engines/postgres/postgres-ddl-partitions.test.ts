import { describe, expect, it } from 'vitest'
import type { PartitioningDef } from '../../../../src/model/schema.js'
import { codes, column, model, render, syntaxErrors, table } from './ddl-fixtures.js'

const COLUMNS = [column('ID', 'NUMBER(10)'), column('TIME_ID', 'DATE'), column('REGION', 'VARCHAR2(10)')]
const partitioned = (partitioning: PartitioningDef) => render(model({ tables: [table('SALES', COLUMNS, { schema: 'SH', partitioning })] }))
const oracleDate = (d: string) => `TO_DATE(' ${d} 00:00:00', 'SYYYY-MM-DD HH24:MI:SS', 'NLS_CALENDAR=GREGORIAN')`

describe('renderPostgresDdl: partitioning', () => {
  it('range partitions with Oracle date bounds become FROM previous TO bound, MAXVALUE kept', () => {
    const r = partitioned({
      method: 'range',
      columns: ['TIME_ID'],
      partitions: [
        { name: 'Q1', values: [oracleDate('1998-04-01')] },
        { name: 'Q2', values: [oracleDate('1998-07-01')] },
        { name: 'REST', values: ['MAXVALUE'] },
      ],
    })
    expect(r.statements.map((s) => s.sql)).toEqual([
      'CREATE TABLE sh.sales (\n  id bigint,\n  time_id timestamp(0),\n  region varchar(10)\n) PARTITION BY RANGE (time_id);',
      "CREATE TABLE sh.sales_q1 PARTITION OF sh.sales FOR VALUES FROM (MINVALUE) TO (TIMESTAMP '1998-04-01 00:00:00');",
      "CREATE TABLE sh.sales_q2 PARTITION OF sh.sales FOR VALUES FROM (TIMESTAMP '1998-04-01 00:00:00') TO (TIMESTAMP '1998-07-01 00:00:00');",
      "CREATE TABLE sh.sales_rest PARTITION OF sh.sales FOR VALUES FROM (TIMESTAMP '1998-07-01 00:00:00') TO (MAXVALUE);",
    ])
    expect(syntaxErrors(r)).toEqual([])
  })

  it('multi-column range bounds start from MINVALUE in every column', () => {
    const r = partitioned({ method: 'range', columns: ['ID', 'REGION'], partitions: [{ name: 'P1', values: ['100', "'M'"] }] })
    expect(r.sql()).toContain("FOR VALUES FROM (MINVALUE, MINVALUE) TO (100, 'M');")
  })

  it('list partitions, with DEFAULT', () => {
    const r = partitioned({
      method: 'list',
      columns: ['REGION'],
      partitions: [
        { name: 'EAST', values: ["'NY'", "'NJ'"] },
        { name: 'OTHER', values: ['DEFAULT'] },
      ],
    })
    expect(r.sql()).toContain("CREATE TABLE sh.sales_east PARTITION OF sh.sales FOR VALUES IN ('NY', 'NJ');")
    expect(r.sql()).toContain('CREATE TABLE sh.sales_other PARTITION OF sh.sales DEFAULT;')
    expect(syntaxErrors(r)).toEqual([])
  })

  it('hash partitions by count get names and MODULUS/REMAINDER', () => {
    const r = partitioned({ method: 'hash', columns: ['ID'], partitions: [], count: 3 })
    expect(r.statements.slice(1).map((s) => s.sql)).toEqual([
      'CREATE TABLE sh.sales_p1 PARTITION OF sh.sales FOR VALUES WITH (MODULUS 3, REMAINDER 0);',
      'CREATE TABLE sh.sales_p2 PARTITION OF sh.sales FOR VALUES WITH (MODULUS 3, REMAINDER 1);',
      'CREATE TABLE sh.sales_p3 PARTITION OF sh.sales FOR VALUES WITH (MODULUS 3, REMAINDER 2);',
    ])
  })

  it('nests subpartitions, listed or from the template', () => {
    const r = partitioned({
      method: 'range',
      columns: ['TIME_ID'],
      subpartitioning: { method: 'hash', columns: ['ID'], count: 2 },
      partitions: [
        { name: 'P1', values: ["DATE '2000-01-01'"], subpartitions: [{ name: 'P1_A' }] },
        { name: 'P2', values: ['MAXVALUE'] },
      ],
    })
    expect(r.statements.slice(1).map((s) => s.sql)).toEqual([
      "CREATE TABLE sh.sales_p1 PARTITION OF sh.sales FOR VALUES FROM (MINVALUE) TO (DATE '2000-01-01') PARTITION BY HASH (id);",
      'CREATE TABLE sh.sales_p1_a PARTITION OF sh.sales_p1 FOR VALUES WITH (MODULUS 1, REMAINDER 0);',
      "CREATE TABLE sh.sales_p2 PARTITION OF sh.sales FOR VALUES FROM (DATE '2000-01-01') TO (MAXVALUE) PARTITION BY HASH (id);",
      'CREATE TABLE sh.sales_p2_sp1 PARTITION OF sh.sales_p2 FOR VALUES WITH (MODULUS 2, REMAINDER 0);',
      'CREATE TABLE sh.sales_p2_sp2 PARTITION OF sh.sales_p2 FOR VALUES WITH (MODULUS 2, REMAINDER 1);',
    ])
    expect(syntaxErrors(r)).toEqual([])
  })

  it('AUTOMATIC list partitioning: the listed partitions and a DEFAULT one, none when no partition is listed (no empty IN list)', () => {
    const listed = partitioned({ method: 'list', columns: ['REGION'], automatic: true, partitions: [{ name: 'NY', values: ["'NY'"] }] })
    expect(listed.statements.slice(1).map((s) => s.sql)).toEqual([
      "CREATE TABLE sh.sales_ny PARTITION OF sh.sales FOR VALUES IN ('NY');",
      'CREATE TABLE sh.sales_default PARTITION OF sh.sales DEFAULT;',
    ])
    expect(listed.findings.map((f) => [f.code, f.message.split(':')[0]])).toEqual([['INTERVAL_PARTITIONING', 'AUTOMATIC list partitioning']])
    const none = partitioned({ method: 'list', columns: ['REGION'], automatic: true, partitions: [] })
    expect(none.statements.slice(1).map((s) => s.sql)).toEqual(['CREATE TABLE sh.sales_default PARTITION OF sh.sales DEFAULT;'])
    expect(syntaxErrors(listed)).toEqual([])
    expect(syntaxErrors(none)).toEqual([])
  })

  it('interval partitioning: the listed partitions, a DEFAULT one, and a warning', () => {
    const r = partitioned({ method: 'range', columns: ['TIME_ID'], interval: "NUMTOYMINTERVAL(1, 'MONTH')", partitions: [{ name: 'P0', values: [oracleDate('2020-01-01')] }] })
    expect(r.sql()).toContain('CREATE TABLE sh.sales_default PARTITION OF sh.sales DEFAULT;')
    expect(r.findings).toEqual([expect.objectContaining({ code: 'INTERVAL_PARTITIONING', severity: 'warning', object: 'TABLE SH.SALES' })])
    expect(syntaxErrors(r)).toEqual([])
  })

  it('reference partitioning: the table unpartitioned, with an action item', () => {
    const r = partitioned({ method: 'reference', columns: [], partitions: [{ name: 'P1' }] })
    expect(r.statements.map((s) => s.sql)).toEqual(['CREATE TABLE sh.sales (\n  id bigint,\n  time_id timestamp(0),\n  region varchar(10)\n);'])
    expect(codes(r)).toEqual(['PARTITIONING_UNSUPPORTED'])
  })

  it('comments out a partition whose bound cannot be translated, keeping the others', () => {
    const r = partitioned({ method: 'list', columns: ['REGION'], partitions: [{ name: 'BAD', values: ['UNTRANSLATABLE(1)'] }, { name: 'OK', values: ["'X'"] }] })
    expect(r.sql()).toContain('-- PARTITION BAD VALUES (UNTRANSLATABLE(1))')
    expect(r.sql()).toContain("CREATE TABLE sh.sales_ok PARTITION OF sh.sales FOR VALUES IN ('X');")
    expect(r.findings[0]).toMatchObject({ severity: 'action', object: 'TABLE SH.SALES_BAD' })
  })
})
