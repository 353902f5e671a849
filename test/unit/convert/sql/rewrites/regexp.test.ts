import { describe, expect, it } from 'vitest'
import { postgresFlags } from '../../../../../src/convert/sql/rewrites/regexp.js'
import type { TargetDialect } from '../../../../../src/convert/target.js'
import { expressionTable, refusedTable } from '../translation-table.js'

const PG15: TargetDialect = { engine: 'postgres', version: 15 }

describe('regular expressions (PostgreSQL 15+)', () => {
  expressionTable([
    ["REGEXP_LIKE(last_name, '^A', 'i')", "regexp_like(last_name, '^A', 'ip')"],
    ["REGEXP_LIKE(last_name, '^A')", "regexp_like(last_name, '^A', 'p')"],
    ["REGEXP_REPLACE(last_name, 'a+', 'b')", "regexp_replace(last_name, 'a+', 'b', 1, 0, 'p')"],
    ["REGEXP_REPLACE(last_name, 'a+')", "regexp_replace(last_name, 'a+', '', 1, 0, 'p')"],
    ["REGEXP_REPLACE(last_name, 'a', 'b', 1, 2, 'n')", "regexp_replace(last_name, 'a', 'b', 1, 2, 's')"],
    ["REGEXP_SUBSTR(last_name, '[a-z]+', 1, 2)", "regexp_substr(last_name, '[a-z]+', 1, 2, 'p')"],
    ["REGEXP_SUBSTR(last_name, '(a)(b)', 1, 1, 'i', 2)", "regexp_substr(last_name, '(a)(b)', 1, 1, 'ip', 2)"],
    ["REGEXP_INSTR(last_name, 'a')", "regexp_instr(last_name, 'a', 1, 1, 0, 'p')"],
    ["REGEXP_COUNT(last_name, 'a')", "regexp_count(last_name, 'a', 1, 'p')"],
  ], PG15)

  describe('PostgreSQL 14: support functions on regexp_match(es), regexp_replace with flags', () => {
    expressionTable([
      ["REGEXP_LIKE(last_name, '^A', 'i')", "godwit_ora.regexp_like(last_name, '^A', 'ip')"],
      ["REGEXP_REPLACE(last_name, 'a+', 'b')", "regexp_replace(last_name, 'a+', 'b', 'pg')"],
      ["REGEXP_REPLACE(last_name, 'a+', 'b', 1, 1)", "regexp_replace(last_name, 'a+', 'b', 'p')"],
      ["REGEXP_SUBSTR(last_name, '[a-z]+', 1, 2)", "godwit_ora.regexp_substr(last_name, '[a-z]+', 1, 2, 'p')"],
      ["REGEXP_COUNT(last_name, 'a')", "godwit_ora.regexp_count(last_name, 'a', 1, 'p')"],
    ])
    refusedTable([
      ["REGEXP_INSTR(last_name, 'a')", 'REGEXP_INSTR has no equivalent on PostgreSQL 14 (it needs PostgreSQL 15'],
      ["REGEXP_REPLACE(last_name, 'a', 'b', 1, 2)", 'needs PostgreSQL 15'],
      ["REGEXP_SUBSTR(last_name, '(a)\\1')", 'back-references'],
    ])
  })

  it.each([
    ['', 'p'],
    ['n', 's'],
    ['m', 'n'],
    ['nm', 'w'],
    ['ic', 'icp'],
  ])('Oracle flags %j → PostgreSQL %j', (oracle, pg) => {
    expect(postgresFlags(oracle)).toBe(pg)
  })
})
