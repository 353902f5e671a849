import { describe, expect, it } from 'vitest'
import { translateExpression } from '../../../../../src/convert/sql/translate-sql.js'
import { UnsupportedConstructError } from '../../../../../src/convert/translate-context.js'
import { testContext } from '../context.js'
import { expressionTable, refusedTable } from '../translation-table.js'

describe('other built-ins', () => {
  expressionTable([
    ['GREATEST(salary, 10)', 'CASE WHEN salary IS NULL OR 10 IS NULL THEN NULL ELSE greatest(salary, 10) END'],
    ['LEAST(a, b, c)', 'CASE WHEN a IS NULL OR b IS NULL OR c IS NULL THEN NULL ELSE least(a, b, c) END'],
    ['BITAND(flags, 4)', '(flags::bigint & 4::bigint)::numeric'],
    ["NLS_UPPER(last_name, 'NLS_SORT=XGERMAN')", 'upper(last_name)'],
    ['TO_NCHAR(last_name)', 'last_name::text'],
    ['TO_CLOB(last_name)', 'last_name::text'],
    ['EMPTY_CLOB()', "''::text"],
    ['EMPTY_BLOB()', "'\\x'::bytea"],
    ['SYS_GUID()', "decode(replace(gen_random_uuid()::text, '-', ''), 'hex')"],
    ["UTL_RAW.CAST_TO_RAW('{}')", "convert_to('{}', 'UTF8')"],
    ['UTL_RAW.CAST_TO_VARCHAR2(b)', "convert_from(b, 'UTF8')"],
    ['MOD(salary, 7)', 'mod(salary, 7)'],
    ['MOD(salary, d)', 'CASE WHEN d = 0 THEN salary ELSE mod(salary, d) END'],
    ['NANVL(x, 0)', "CASE WHEN x = 'NaN'::float8 THEN 0 ELSE x END"],
    ['REMAINDER(11, 4)', 'godwit_ora.remainder(11, 4)'],
    ['NCHR(196)', 'chr(196)'],
    ['CHR(196 USING NCHAR_CS)', 'chr(196)'],
    ["SOUNDEX('Smith')", "nullif(soundex('Smith'), '')"],
    ["STANDARD_HASH('hello')", "digest(convert_to('hello', 'UTF8'), 'sha1')"],
    ["STANDARD_HASH(last_name, 'SHA256')", "sha256(convert_to(last_name, 'UTF8'))"],
    ["STANDARD_HASH('hello', 'MD5')", "decode(md5(convert_to('hello', 'UTF8')), 'hex')"],
    ['ORA_HASH(last_name, 9)', 'mod(hashtextextended(last_name::text, 0) & 9223372036854775807, 9::bigint + 1)'],
    ['ANY_VALUE(salary)', 'min(salary)'],
    ["XMLTYPE('<a/>')", "'<a/>'::xml"],
    ["sys.xmltype.createxml('<?xml version=\"1.0\"?><a/>')", "'<?xml version=\"1.0\"?><a/>'::xml"],
    ['XMLTYPE.CREATEXML(last_name)', 'last_name::xml'],
    ['ABS(-salary)', 'abs(-salary)'],
    ['POWER(2, 10)', 'power(2, 10)'],
  ])

  expressionTable([['ANY_VALUE(salary)', 'any_value(salary)']], { engine: 'postgres', version: 16 })

  refusedTable([
    ['DBMS_RANDOM.STRING(\'U\', 10)', 'Oracle supplied package DBMS_RANDOM'],
    ['SYS.DBMS_LOB.INSTR(c, \'x\')', 'Oracle supplied package DBMS_LOB'],
    ["CONTAINS(resume, 'oracle')", 'CONTAINS is an Oracle built-in'],
    ['KURTOSIS_POP(salary)', 'KURTOSIS_POP is an Oracle built-in'],
    ['STANDARD_HASH(salary)', 'not known to be character data'],
    ['SELECT ROWID FROM employees', 'pseudo-column ROWID'],
    ['SELECT e.ROWID FROM employees e', 'pseudo-column ROWID'],
    ['SELECT sid FROM V$SESSION', 'V$SESSION is an Oracle data-dictionary'],
    ['SELECT table_name FROM all_tables', 'ALL_TABLES is an Oracle data-dictionary'],
  ])

  it.each(["USERENV('SESSIONID')", 'DBTIMEZONE'])('rejects %s', (oracle) => {
    expect(() => translateExpression({ text: oracle }, testContext())).toThrow(UnsupportedConstructError)
  })
})
