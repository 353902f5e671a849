import { describe } from 'vitest'
import { expressionTable, queryTable, refusedTable } from '../translation-table.js'

describe('supplied packages PostgreSQL built-ins do exactly', () => {
  expressionTable([
    ['DBMS_RANDOM.VALUE', 'random()'],
    ['DBMS_RANDOM.VALUE()', 'random()'],
    ['SYS.DBMS_RANDOM.VALUE', 'random()'],
    ['DBMS_RANDOM.VALUE(low, high)', 'low + random() * (high - low)'],
    ['DBMS_RANDOM.RANDOM', 'floor(random() * 4294967296 - 2147483648)::integer'],
    ['DBMS_RANDOM.NORMAL', 'godwit_ora.random_normal()'],
    ['DBMS_LOB.GETLENGTH(doc)', 'length(doc)'],
    ['DBMS_LOB.SUBSTR(doc)', 'substr(doc, 1, 32767)'],
    ['DBMS_LOB.SUBSTR(doc, 10, 5)', 'substr(doc, 5, 10)'],
  ])
})

describe('supplied packages on PostgreSQL 16 and newer', () => {
  expressionTable([['DBMS_RANDOM.NORMAL', 'random_normal()']], { engine: 'postgres', version: 16 })
})

describe('a package function without parentheses is a call, not a column', () => {
  queryTable([
    ['SELECT DBMS_RANDOM.VALUE FROM dual', 'SELECT random()'],
    // A table alias that happens to look like a package keeps its columns.
    ['SELECT dbms_x.value FROM t dbms_x', 'SELECT dbms_x.value FROM t dbms_x'],
  ])
  refusedTable([
    ['DBMS_RANDOM.STRING', 'DBMS_RANDOM.STRING: Oracle supplied package DBMS_RANDOM has no PostgreSQL counterpart'],
    ['DBMS_RANDOM.SEED(42)', 'Oracle supplied package DBMS_RANDOM'],
    ['UTL_FILE.FOPEN', 'Oracle supplied package UTL_FILE'],
  ])
})
