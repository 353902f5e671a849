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
    ["NLS_UPPER(last_name, 'NLS_SORT = binary')", 'upper(last_name)'],
    ["HEXTORAW('7D')", "decode('7D', 'hex')"],
    ['salary IS NAN', "salary = 'NaN'::float8"],
    ['salary IS NOT INFINITE', "NOT salary IN ('Infinity'::float8, -'Infinity'::float8)"],
    ['BINARY_FLOAT_NAN', "'NaN'::float4"],
    ['XMLELEMENT("a", last_name).getClobVal()', '(xmlelement(NAME "a", last_name)::xml)::text'],
    ['XMLTYPE(doc).getStringVal()', '((doc::xml)::xml)::text'],
    ['XMLFOREST(last_name, 1 AS "n")', 'xmlconcat(CASE WHEN last_name IS NOT NULL THEN xmlelement(NAME "LAST_NAME", last_name) END, CASE WHEN 1 IS NOT NULL THEN xmlelement(NAME "n", 1) END)'],
    ["XMLEXISTS('/a' PASSING BY VALUE doc)", "xpath_exists('/a', doc::xml)"],
    ['RAWTOHEX(b)', "upper(encode(b, 'hex'))"],
    ['TO_BLOB(b)', 'b::bytea'],
    ["TO_BINARY_DOUBLE('1.5')", "'1.5'::float8"],
    ['BIN_TO_NUM(1, 0, 1)', '(1 * 2 + 0) * 2 + 1'],
    ['COMPOSE(last_name)', 'normalize(last_name, NFC)'],
    ["DECOMPOSE(last_name, 'COMPATIBILITY')", 'normalize(last_name, NFKD)'],
    ['ROUND_TIES_TO_EVEN(salary)', 'CASE WHEN abs(salary - trunc(salary)) = 0.5 THEN 2 * round(salary / 2) ELSE round(salary) END'],
    ["TRANSLATE(last_name, 'ab', 'x')", "nullif(translate(last_name, 'ab', nullif('x', '')), '')"],
    ["EXISTSNODE(doc, '/a')", "CASE WHEN xpath_exists('/a', doc::xml) THEN 1 ELSE 0 END"],
    ["SUBSTR4(last_name, 2, 3)", 'substr(last_name, 2, 3)'],
    ['LENGTH4(last_name)', 'length(last_name)'],
    ['WIDTH_BUCKET(salary, 0, 100, 10)', 'width_bucket(salary, 0, 100, 10)'],
    ['COUNT(a) / COUNT(*)', 'count(a)::numeric / count(*)'],
    ['7 / 2', '7::numeric / 2'],
    ["SYS_EXTRACT_UTC(TIMESTAMP '2000-03-28 11:30:00 -08:00')", "TIMESTAMPTZ '2000-03-28 11:30:00 -08:00' AT TIME ZONE 'UTC'"],
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
    ["NLS_UPPER(last_name, 'NLS_SORT=XGERMAN')", 'not a named linguistic sort'],
    ['BITMAP_BUCKET_NUMBER(32769)', 'does not document the bucket size'],
    ["CONVERT('Ä', 'US7ASCII', 'WE8ISO8859P1')", 'CONVERT: converts between character sets'],
    ["SUBSTRB('abc', 1, 2)", 'SUBSTRB: counts bytes'],
    ['UID', 'UID: the session user'],
    ['XMLTYPE(doc).getNumberVal()', 'object method GETNUMBERVAL()'],
    ["XMLEXISTS('$v/a' PASSING doc AS \"v\")", 'XPath 1.0 paths only'],
    ['SELECT PREDICTION(m USING *) FROM t', 'PREDICTION: an Oracle Data Mining model function'],
    ["EXTRACT(doc, '/a/b')", 'EXTRACT (XML)'],
    ['DBMS_RANDOM.STRING(\'U\', 10)', 'Oracle supplied package DBMS_RANDOM'],
    ['SYS.DBMS_LOB.INSTR(c, \'x\')', 'Oracle supplied package DBMS_LOB'],
    ["CONTAINS(resume, 'oracle')", 'CONTAINS is an Oracle built-in'],
    ["green_tools.add_brackets('x')", 'GREEN_TOOLS.ADD_BRACKETS: neither the converted scripts nor PostgreSQL define it'],
    ['hr.bonus(salary)', 'HR.BONUS: neither the converted scripts nor PostgreSQL define it'],
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
