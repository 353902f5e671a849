import { describe, expect, it } from 'vitest'
import { SourceError } from '../../../../src/core/errors.js'
import { splitTopLevel } from '../../../../src/engines/oracle/oracle-catalog-mapping.js'
import { CATALOG_QUERIES, type OracleCatalogRows } from '../../../../src/engines/oracle/oracle-catalog-queries.js'
import type { OracleSession } from '../../../../src/engines/oracle/oracle-connection.js'
import { readCatalogRows } from '../../../../src/engines/oracle/oracle-introspector.js'
import { catalogFixture } from '../../../fixtures/oracle-catalog/catalog-fixture.js'

/** The names a SELECT list produces: `t.OWNER` → OWNER, `TO_CHAR(X) AS X` → X. */
function selectedColumns(sql: string): string[] {
  const list = /SELECT\s+([\s\S]+?)\s+FROM\s/i.exec(sql)![1]!
  return splitTopLevel(list).map((item) => /(\w+)$/.exec(item)![1]!)
}

const entries = Object.entries(CATALOG_QUERIES) as [Exclude<keyof OracleCatalogRows, 'capturedAt'>, (typeof CATALOG_QUERIES)['tables']][]

describe('catalog queries', () => {
  const hr = catalogFixture('hr')
  const co = catalogFixture('co')
  const withRows = entries.filter(([name]) => hr[name].length > 0 || co[name].length > 0)

  it.each(withRows)('%s selects exactly the columns its fixture rows have', (name, build) => {
    const sample = [...hr[name], ...co[name]][0]!
    expect(selectedColumns(build('ALL', ['HR']).sql).sort()).toEqual(Object.keys(sample).sort())
  })

  it.each(entries)('%s binds schema names instead of splicing them, for both dictionary families', (_name, build) => {
    for (const family of ['ALL', 'DBA'] as const) {
      const { sql, binds } = build(family, ['HR', "O'HARA"])
      expect(binds).toEqual({ s0: 'HR', s1: "O'HARA" })
      expect(sql).toContain(':s0, :s1')
      expect(sql).not.toContain("O'HARA")
      expect(sql).toMatch(new RegExp(`\\b${family}_\\w+`))
      expect(sql).not.toMatch(new RegExp(`\\b${family === 'ALL' ? 'DBA' : 'ALL'}_\\w+`))
    }
  })

  it('reads the privileges schema column under its name in each family', () => {
    expect(CATALOG_QUERIES.tablePrivileges('DBA', ['HR']).sql).toMatch(/OWNER AS TABLE_SCHEMA/)
    expect(CATALOG_QUERIES.tablePrivileges('ALL', ['HR']).sql).toMatch(/TABLE_SCHEMA AS TABLE_SCHEMA/)
  })
})

/** A session that records the SQL it is asked and answers from canned rows. */
function fakeSession(options: { dba: boolean; onQuery?: () => void }): OracleSession & { readonly asked: string[] } {
  const asked: string[] = []
  return {
    asked,
    url: { user: 'hr', password: 'x', host: 'db', port: 1521, service: 'ORCL', connectString: 'db:1521/ORCL', schemas: [] },
    async query<Row>(sql: string): Promise<Row[]> {
      asked.push(sql)
      options.onQuery?.()
      if (sql.includes('DBA_') && !options.dba) throw new SourceError('ORACLE_CATALOG_ACCESS', 'ORA-00942')
      return sql.includes('_TABLES t') ? ([{ OWNER: 'HR', TABLE_NAME: 'REGIONS' }] as Row[]) : []
    },
    cancel: async () => undefined,
    close: async () => undefined,
  }
}

describe('readCatalogRows', () => {
  it('uses DBA_* views when the user can read them', async () => {
    const s = fakeSession({ dba: true })
    const rows = await readCatalogRows(s, ['HR'])
    expect(rows.tables).toEqual([{ OWNER: 'HR', TABLE_NAME: 'REGIONS' }])
    expect(s.asked.slice(1).every((sql) => !/\bALL_/.test(sql))).toBe(true)
  })

  it('falls back to ALL_* views and fills every row set', async () => {
    const s = fakeSession({ dba: false })
    const rows = await readCatalogRows(s, ['HR'])
    expect(Object.keys(rows).filter((k) => k !== 'capturedAt').sort()).toEqual(Object.keys(CATALOG_QUERIES).sort())
    expect(s.asked.slice(1).every((sql) => /\bALL_/.test(sql))).toBe(true)
    expect(rows.capturedAt).toMatch(/^\d{4}-\d\d-\d\dT/)
  })

  it('stops between queries once the signal aborts', async () => {
    const controller = new AbortController()
    let count = 0
    const s = fakeSession({ dba: true, onQuery: () => ++count === 3 && controller.abort() })
    await expect(readCatalogRows(s, ['HR'], controller.signal)).rejects.toMatchObject({ code: 'ORACLE_CANCELLED' })
    expect(s.asked).toHaveLength(3)
  })
})
