import { describe } from 'vitest'
import { expressionTable } from '../translation-table.js'

describe('character functions and concatenation', () => {
  expressionTable([
    ["last_name || ', ' || 'x'", "concat(last_name, ', ', 'x')"],
    ['last_name || last_name', "nullif(concat(last_name, last_name), '')"],
    ["last_name || NULL || ''", "nullif(concat(last_name), '')"],
    ['CONCAT(last_name, salary)', "nullif(concat(last_name, salary), '')"],
    ['(a || b) + 1', "nullif(concat(a, b), '') + 1"],
    ['SUBSTR(last_name, 1, 3)', 'substr(last_name, 1, 3)'],
    ['SUBSTR(last_name, -3)', 'godwit_ora.substr(last_name, -3)'],
    ['SUBSTR(last_name, 0, 2)', 'godwit_ora.substr(last_name, 0, 2)'],
    ["INSTR(last_name, 'a')", "strpos(last_name, 'a')"],
    ["INSTR(last_name, 'a', 1, 2)", "godwit_ora.instr(last_name, 'a', 1, 2)"],
    ['LENGTH(last_name)', 'length(last_name)'],
    ['LENGTHB(last_name)', 'octet_length(last_name)'],
    ["REPLACE(last_name, 'a')", "replace(last_name, 'a', '')"],
    ["REPLACE(last_name, 'a', NULL)", "replace(last_name, 'a', '')"],
    ["REPLACE(last_name, 'a', x)", "replace(last_name, 'a', coalesce(x, ''))"],
    ["LPAD(last_name, 10, '*')", "lpad(last_name, 10, '*')"],
    ["RPAD(last_name, 10)", 'rpad(last_name, 10)'],
    ['UPPER(TRIM(last_name))', 'upper(TRIM(last_name))'],
    ["TRIM(LEADING '0' FROM last_name)", "TRIM(LEADING '0' FROM last_name)"],
    ['TRANSLATE(last_name USING NCHAR_CS)', 'last_name'],
    ["UNISTR('\\00e9t\\00e9')", "U&'\\00e9t\\00e9'"],
    // Oracle's sample data writes long UNISTR texts as literal concatenations: one literal.
    ["UNISTR('\\30e2' || 'x''' || '\\30cb')", "U&'\\30e2x''\\30cb'"],
    ['UNISTR(last_name)', 'unistr(last_name)'],
    ["UNISTR(last_name || '\\00e9')", "unistr(concat(last_name, '\\00e9'))"],
  ])
})
