import { describe, expect, it } from 'vitest'
import { translateExpression } from '../../../../../src/convert/sql/translate-sql.js'
import { UnsupportedConstructError } from '../../../../../src/convert/translate-context.js'
import { testContext } from '../context.js'
import { expressionTable } from '../translation-table.js'

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
    ["XMLTYPE('<a/>')", "'<a/>'::xml"],
    ["sys.xmltype.createxml('<?xml version=\"1.0\"?><a/>')", "'<?xml version=\"1.0\"?><a/>'::xml"],
    ['XMLTYPE.CREATEXML(last_name)', 'last_name::xml'],
    ['ABS(-salary)', 'abs(-salary)'],
    ['POWER(2, 10)', 'power(2, 10)'],
  ])

  it.each(['REMAINDER(11, 4)', "USERENV('SESSIONID')", 'ORA_HASH(last_name)', "SOUNDEX('x')", 'DBTIMEZONE'])('rejects %s', (oracle) => {
    expect(() => translateExpression({ text: oracle }, testContext())).toThrow(UnsupportedConstructError)
  })
})
