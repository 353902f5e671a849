import { describe, expect, it } from 'vitest'
import { SqlSyntaxError } from '../../../../../src/core/errors.js'
import { translateExpression } from '../../../../../src/convert/sql/translate-sql.js'
import { testContext } from '../context.js'
import { expressionTable, queryTable, refusedTable } from '../translation-table.js'

describe('XMLELEMENT and XMLAGG', () => {
  expressionTable([
    ['XMLELEMENT("ImageID", image.id)', 'xmlelement(NAME "ImageID", image.id)'],
    // Unquoted names are stored upper case by Oracle; an attribute without AS is named after its column.
    [
      'XMLELEMENT(NAME emp, XMLATTRIBUTES(e.employee_id, e.last_name AS "Name"), e.job_id, XMLELEMENT("Pay", e.salary))',
      'xmlelement(NAME "EMP", xmlattributes(e.employee_id AS "EMPLOYEE_ID", e.last_name AS "Name"), e.job_id, xmlelement(NAME "Pay", e.salary))',
    ],
    ['XMLELEMENT(ENTITYESCAPING "e", XMLATTRIBUTES(SCHEMACHECK 1 AS "n"))', 'xmlelement(NAME "e", xmlattributes(1 AS "n"))'],
  ])
  queryTable([['SELECT XMLAGG(XMLELEMENT("e", x) ORDER BY y) FROM t', 'SELECT xmlagg(xmlelement(NAME "e", x) ORDER BY y) FROM t']])
  refusedTable([
    ['XMLELEMENT(EVALNAME foo + bar)', 'XMLELEMENT EVALNAME: PostgreSQL takes element names as written'],
    ["XMLELEMENT(NOENTITYESCAPING \"e\", '<b/>')", 'PostgreSQL always escapes element content'],
    ['XMLELEMENT("e", obj AS "o")', 'object-type content'],
  ])

  it('an attribute expression without AS is a syntax error, as in Oracle (ORA-19208)', () => {
    expect(() => translateExpression({ text: 'XMLELEMENT("e", XMLATTRIBUTES(1 + 1))' }, testContext())).toThrow(SqlSyntaxError)
    expect(() => translateExpression({ text: 'XMLELEMENT("e", XMLATTRIBUTES(1 + 1))' }, testContext())).toThrow('needs AS name')
  })

  it('warns that a DATE prints with its time of day', () => {
    const ctx = testContext()
    translateExpression({ text: 'XMLELEMENT("Hired", hire_date)' }, ctx)
    expect(ctx.findings.map((f) => f.code)).toEqual(['XML_DATETIME_FORMAT'])
  })
})
