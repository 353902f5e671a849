import { describe, expect, it } from 'vitest'
import {
  CHECKPOINT_DDL,
  checkpointInsert,
  checkpointUpdate,
  clearStageSql,
  createStageSql,
  deleteStagedKeysSql,
  insertStagedSql,
  keylessDeleteSql,
  moveSql,
  patchSql,
  stageInserts,
  truncateSql,
  type StagedRow,
} from '../../../../src/engines/redshift/redshift-apply-sql.js'
import type { TargetTableMap } from '../../../../src/engines/postgres/pg-change-apply.js'

const T: TargetTableMap = {
  source: 'app.orders',
  targetSchema: 'sales',
  targetName: 'Orders',
  columns: [
    { source: 'id', target: 'id' },
    { source: 'region', target: 'region' },
    { source: 'amt', target: 'amount' },
  ],
  key: ['id', 'region'],
}

describe('Redshift apply SQL', () => {
  it('stages a batch with multi-row INSERTs under the 32,767-parameter and 2,000-row limits', () => {
    const rows: StagedRow[] = Array.from({ length: 4500 }, (_, i) => ({ op: 'U', group: 0, values: [String(i), 'eu', null] }))
    const statements = stageInserts('gw_stage_0', T, rows)
    expect(statements.map((s) => s.values.length / 5)).toEqual([2000, 2000, 500])
    expect(statements[0]!.text.startsWith('INSERT INTO gw_stage_0 ("gw_op", "gw_grp", "id", "region", "amount") VALUES ($1, $2, $3, $4, $5), ($6, $7, $8, $9, $10), ')).toBe(true)
    expect(statements[2]!.values.slice(0, 5)).toEqual(['U', '0', '4000', 'eu', null])
    const wide: TargetTableMap = { ...T, columns: Array.from({ length: 200 }, (_, i) => ({ source: `c${i}`, target: `c${i}` })) }
    const wideStatements = stageInserts('s', wide, Array.from({ length: 400 }, () => ({ op: 'D', group: 0, values: Array<string | null>(200).fill('x') })))
    expect(wideStatements.map((s) => s.values.length / 202)).toEqual([162, 162, 76]) // floor(32767 / 202) = 162 rows
    expect(Math.max(...wideStatements.map((s) => s.values.length))).toBeLessThanOrEqual(32_767)
  })

  it('applies by DELETE … USING (target unaliased, every copy of a key) and INSERT … SELECT; patches by UPDATE … FROM', () => {
    expect(createStageSql('gw_stage_0', T)).toBe('CREATE TEMP TABLE gw_stage_0 AS SELECT CAST(NULL AS CHAR(1)) AS gw_op, CAST(NULL AS INTEGER) AS gw_grp, "id", "region", "amount" FROM "sales"."Orders" WHERE 1 = 0')
    expect(deleteStagedKeysSql('gw_stage_0', T)).toBe(
      `DELETE FROM "sales"."Orders" USING gw_stage_0 gw_s WHERE gw_s.gw_op IN ('D', 'U') AND "Orders"."id" = gw_s."id" AND "Orders"."region" = gw_s."region"`,
    )
    expect(insertStagedSql('gw_stage_0', T, 'U')).toBe(`INSERT INTO "sales"."Orders" ("id", "region", "amount") SELECT "id", "region", "amount" FROM gw_stage_0 WHERE gw_op = 'U'`)
    expect(patchSql('gw_stage_0', T, 2, ['amount'])).toBe(
      `UPDATE "sales"."Orders" SET "amount" = gw_s."amount" FROM gw_stage_0 gw_s WHERE gw_s.gw_op = 'P' AND gw_s.gw_grp = 2 AND "Orders"."id" = gw_s."id" AND "Orders"."region" = gw_s."region"`,
    )
    expect(moveSql(T, { id: '2', region: 'us' }, { id: '1', region: 'eu' })).toEqual({ text: 'UPDATE "sales"."Orders" SET "id" = $1, "region" = $2 WHERE "id" = $3 AND "region" = $4', values: ['2', 'us', '1', 'eu'] })
  })

  it('never commits implicitly or uses what Redshift lacks: no TRUNCATE, ON CONFLICT, ctid, OVERRIDING, savepoints or :: casts', () => {
    const cp = { streamId: 3, position: '0/1', partialEvents: 0, events: 1, transactions: 1, at: new Date(0) }
    const all = [clearStageSql('s'), truncateSql(T), deleteStagedKeysSql('s', T), insertStagedSql('s', T, 'U'), patchSql('s', T, 1, ['amount']), createStageSql('s', T), checkpointUpdate(cp).text, checkpointInsert(cp).text, ...CHECKPOINT_DDL, ...Object.values(keylessDeleteSql('s', 'k', { ...T, key: undefined }))]
    for (const sql of all) expect(sql).not.toMatch(/TRUNCATE|ON CONFLICT|ctid|OVERRIDING|SAVEPOINT|::/i)
    expect(truncateSql(T)).toBe('DELETE FROM "sales"."Orders"')
    expect(keylessDeleteSql('s', 'k', { ...T, key: undefined }).remove).toBe(
      `DELETE FROM "sales"."Orders" USING s gw_s WHERE gw_s.gw_op = 'X' AND ("Orders"."id" = gw_s."id" OR ("Orders"."id" IS NULL AND gw_s."id" IS NULL)) AND ("Orders"."region" = gw_s."region" OR ("Orders"."region" IS NULL AND gw_s."region" IS NULL)) AND ("Orders"."amount" = gw_s."amount" OR ("Orders"."amount" IS NULL AND gw_s."amount" IS NULL))`,
    )
    expect(checkpointUpdate(cp).values).toEqual(['3', '0/1', null, null, null, '0', '1', '1', '1970-01-01T00:00:00.000Z', null])
  })
})
