import { describe, expect, it } from 'vitest'
import { postgresFlags } from '../../../../../src/convert/sql/rewrites/regexp.js'
import { expressionTable } from '../translation-table.js'

describe('regular expressions', () => {
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
  ])

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
