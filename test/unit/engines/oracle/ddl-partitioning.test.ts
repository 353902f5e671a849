import { describe, expect, it } from 'vitest'
import { readDdl } from './ddl-script.js'

function partitioning(clause: string) {
  const r = readDdl(`CREATE TABLE t (id NUMBER, d DATE, region VARCHAR2(2), parent_id NUMBER,
    CONSTRAINT t_fk FOREIGN KEY (parent_id) REFERENCES p (id)) ${clause};`)
  expect(r.findings).toEqual([])
  return r.schema.tables[0]!.partitioning
}

describe('PARTITION BY', () => {
  it('RANGE with named partitions, bounds kept as Oracle text, storage skipped', () => {
    expect(partitioning(`PARTITION BY RANGE (d)
      ( PARTITION p2019 VALUES LESS THAN (TO_DATE('2020-01-01','YYYY-MM-DD','NLS_CALENDAR=GREGORIAN')) TABLESPACE a COMPRESS
      , PARTITION p_max VALUES LESS THAN (MAXVALUE) STORAGE (INITIAL 1M) )`)).toEqual({
      method: 'range',
      columns: ['D'],
      partitions: [
        { name: 'P2019', values: ["TO_DATE('2020-01-01','YYYY-MM-DD','NLS_CALENDAR=GREGORIAN')"] },
        { name: 'P_MAX', values: ['MAXVALUE'] },
      ],
    })
  })

  it('multi-column RANGE bounds become one text per column', () => {
    expect(partitioning('PARTITION BY RANGE (id, d) (PARTITION a VALUES LESS THAN (10, DATE \'2020-01-01\'))')!.partitions).toEqual([
      { name: 'A', values: ['10', "DATE '2020-01-01'"] },
    ])
  })

  it('INTERVAL keeps the interval expression', () => {
    expect(partitioning("PARTITION BY RANGE (d) INTERVAL (NUMTOYMINTERVAL(1, 'MONTH')) STORE IN (a, b) (PARTITION p0 VALUES LESS THAN (DATE '2020-01-01'))")).toMatchObject({
      method: 'range',
      interval: "NUMTOYMINTERVAL(1, 'MONTH')",
      partitions: [{ name: 'P0' }],
    })
  })

  it('LIST with DEFAULT', () => {
    expect(partitioning("PARTITION BY LIST (region) (PARTITION east VALUES ('NY', 'NJ'), PARTITION other VALUES (DEFAULT))")).toEqual({
      method: 'list',
      columns: ['REGION'],
      partitions: [{ name: 'EAST', values: ["'NY'", "'NJ'"] }, { name: 'OTHER', values: ['DEFAULT'] }],
    })
  })

  it('HASH with PARTITIONS n', () => {
    expect(partitioning('PARTITION BY HASH (id) PARTITIONS 8 STORE IN (ts1, ts2)')).toEqual({ method: 'hash', columns: ['ID'], partitions: [], count: 8 })
  })

  it('HASH with named partitions', () => {
    expect(partitioning('PARTITION BY HASH (id) (PARTITION h1 TABLESPACE a, PARTITION h2)')).toEqual({ method: 'hash', columns: ['ID'], partitions: [{ name: 'H1' }, { name: 'H2' }] })
  })

  it('REFERENCE names a constraint, not columns', () => {
    expect(partitioning('PARTITION BY REFERENCE (t_fk)')).toEqual({ method: 'reference', columns: [], partitions: [] })
  })

  it('SUBPARTITION BY with explicit subpartitions', () => {
    expect(partitioning(`PARTITION BY RANGE (d) SUBPARTITION BY HASH (id) SUBPARTITIONS 4
      (PARTITION p1 VALUES LESS THAN (MAXVALUE) (SUBPARTITION s1 TABLESPACE a, SUBPARTITION s2))`)).toEqual({
      method: 'range',
      columns: ['D'],
      subpartitioning: { method: 'hash', columns: ['ID'], count: 4 },
      partitions: [{ name: 'P1', values: ['MAXVALUE'], subpartitions: [{ name: 'S1' }, { name: 'S2' }] }],
    })
  })

  it('a SUBPARTITION TEMPLATE applies to every partition without its own list', () => {
    expect(partitioning(`PARTITION BY RANGE (d) SUBPARTITION BY LIST (region)
      SUBPARTITION TEMPLATE (SUBPARTITION e VALUES ('NY'), SUBPARTITION w VALUES (DEFAULT))
      (PARTITION p1 VALUES LESS THAN (DATE '2020-01-01'), PARTITION p2 VALUES LESS THAN (MAXVALUE) (SUBPARTITION only VALUES (DEFAULT)))`)!.partitions).toEqual([
      { name: 'P1', values: ["DATE '2020-01-01'"], subpartitions: [{ name: 'E', values: ["'NY'"] }, { name: 'W', values: ['DEFAULT'] }] },
      { name: 'P2', values: ['MAXVALUE'], subpartitions: [{ name: 'ONLY', values: ['DEFAULT'] }] },
    ])
  })

  it('LIST AUTOMATIC and unnamed partitions', () => {
    expect(partitioning("PARTITION BY LIST (region) AUTOMATIC (PARTITION VALUES ('NY'))")).toEqual({ method: 'list', columns: ['REGION'], automatic: true, partitions: [{ values: ["'NY'"] }] })
  })
})

describe('ALTER TABLE partition maintenance', () => {
  const BASE = "CREATE TABLE s (id NUMBER, region VARCHAR2(2), d DATE) PARTITION BY RANGE (d) (PARTITION q1 VALUES LESS THAN (DATE '2020-04-01'));\n"

  it('ADD PARTITION and DROP PARTITION change the partitions of the model', () => {
    const r = readDdl(`${BASE}ALTER TABLE s ADD PARTITION q2 VALUES LESS THAN (DATE '2020-07-01') TABLESPACE x, PARTITION q3 VALUES LESS THAN (MAXVALUE) UPDATE INDEXES;
ALTER TABLE s DROP PARTITION q1;`)
    expect(r.findings).toEqual([])
    expect(r.schema.tables[0]!.partitioning!.partitions).toEqual([
      { name: 'Q2', values: ["DATE '2020-07-01'"] },
      { name: 'Q3', values: ['MAXVALUE'] },
    ])
  })

  it('maintenance that moves rows is a warning, TRUNCATE PARTITION a data statement; MOVE and MODIFY of storage are info', () => {
    const r = readDdl(`${BASE}ALTER TABLE s SPLIT PARTITION q1 AT (DATE '2020-02-01') INTO (PARTITION a, PARTITION b);
ALTER TABLE s TRUNCATE PARTITION q1;
ALTER TABLE s EXCHANGE PARTITION q1 WITH TABLE s_stage;
ALTER TABLE s MOVE PARTITION q1 TABLESPACE y;
ALTER TABLE s MODIFY PARTITION q1 COMPRESS;
ALTER TABLE s DROP PARTITION nope;`)
    expect(r.findings.map((f) => [f.code, f.severity])).toEqual([
      ['PARTITION_MAINTENANCE', 'warning'],
      ['PARTITION_MAINTENANCE', 'warning'],
      ['ORACLE_PHYSICAL_CLAUSE', 'info'],
      ['ORACLE_PHYSICAL_CLAUSE', 'info'],
      ['DDL_UNKNOWN_OBJECT', 'warning'],
    ])
    // TRUNCATE PARTITION empties rows: it runs with the data statements, in script order.
    expect(r.data.map((d) => d.text)).toEqual(['ALTER TABLE s TRUNCATE PARTITION q1'])
  })
})
