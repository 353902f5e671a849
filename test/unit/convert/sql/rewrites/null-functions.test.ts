import { describe } from 'vitest'
import { expressionTable } from '../translation-table.js'

describe('NULL functions', () => {
  expressionTable([
    ["''", 'NULL'],
    ["NVL(last_name, 'x')", "coalesce(last_name, 'x')"],
    ['COALESCE(manager_id, salary, 0)', 'coalesce(manager_id, salary, 0)'],
    ['NVL2(manager_id, 1, 0)', 'CASE WHEN manager_id IS NOT NULL THEN 1 ELSE 0 END'],
    ["DECODE(manager_id, 1, 'a', 2, 'b', 'c')", "CASE manager_id WHEN 1 THEN 'a' WHEN 2 THEN 'b' ELSE 'c' END"],
    ["DECODE(manager_id, NULL, 'none', 'some')", "CASE WHEN manager_id IS NULL THEN 'none' ELSE 'some' END"],
    ["DECODE(manager_id, '', 'none')", 'CASE WHEN manager_id IS NULL THEN \'none\' END'],
    ["DECODE(manager_id, salary, 'same')", "CASE WHEN manager_id IS NOT DISTINCT FROM salary THEN 'same' END"],
    ['LNNVL(salary > 10)', 'CASE WHEN salary > 10 THEN FALSE ELSE TRUE END'],
    ["NULLIF(last_name, 'x')", "nullif(last_name, 'x')"],
  ])
})
