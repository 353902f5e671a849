import { describe, expect, it } from 'vitest'
import type { DataTable } from '../../../src/model/data-table.js'
import { checkSchema } from '../../../src/validate/schema-check.js'

const ORACLE: DataTable = {
  schema: 'HR',
  name: 'EMPLOYEES',
  key: ['EMPLOYEE_ID'],
  enforcedKeys: [['EMPLOYEE_ID']],
  estimatedRows: 107,
  columns: [
    { name: 'EMPLOYEE_ID', type: { kind: 'decimal', precision: 6, scale: 0 }, nativeType: 'NUMBER(6)', nullable: false },
    { name: 'LAST_NAME', type: { kind: 'text', fixed: false, maxChars: 25 }, nativeType: 'VARCHAR2(25)', nullable: false },
    { name: 'SALARY', type: { kind: 'decimal', precision: 8, scale: 2 }, nativeType: 'NUMBER(8,2)', nullable: true },
    { name: 'HIRE_DATE', type: { kind: 'timestamp', precision: 0, tz: 'none' }, nativeType: 'DATE', nullable: false },
  ],
}

const POSTGRES: DataTable = {
  schema: 'hr',
  name: 'employees',
  key: ['employee_id'],
  enforcedKeys: [],
  estimatedRows: 107,
  columns: [
    { name: 'employee_id', type: { kind: 'int', bytes: 4 }, nativeType: 'integer', nullable: false },
    { name: 'last_name', type: { kind: 'text', fixed: false, maxChars: 20 }, nativeType: 'character varying(20)', nullable: true },
    { name: 'salary', type: { kind: 'float', bytes: 8 }, nativeType: 'double precision', nullable: true },
    { name: 'hire_date', type: { kind: 'timestamp', precision: 0, tz: 'utc' }, nativeType: 'timestamp(0) with time zone', nullable: false },
    { name: 'email', type: { kind: 'text', fixed: false }, nativeType: 'text', nullable: true },
  ],
}

describe('schema check', () => {
  it('pairs columns case-insensitively and names every problem with its column', () => {
    const { findings, pairs } = checkSchema(ORACLE, POSTGRES)
    expect(pairs.map((p) => `${p.source.name}=${p.target.name}`)).toEqual(['EMPLOYEE_ID=employee_id', 'LAST_NAME=last_name', 'SALARY=salary', 'HIRE_DATE=hire_date'])
    expect(findings.map((f) => `${f.severity} ${f.code} ${f.column ?? ''}`)).toEqual([
      'warning TYPE_NARROWED LAST_NAME',
      'warning NOT_NULL_DROPPED LAST_NAME',
      'error TYPE_MISMATCH SALARY',
      'warning TIME_ZONE_CHANGED HIRE_DATE',
      'warning COLUMN_EXTRA email',
      'warning KEY_NOT_ENFORCED ',
    ])
  })

  it('an integer column compares with NUMBER(p,0): both canonical texts are plain digits', () => {
    const { findings } = checkSchema(ORACLE, { ...POSTGRES, enforcedKeys: [['employee_id']] }, ['LAST_NAME'])
    expect(findings.filter((f) => f.column === 'EMPLOYEE_ID')).toEqual([])
    expect(findings.map((f) => f.code)).not.toContain('KEY_NOT_ENFORCED')
  })

  it('--columns keeps key columns, and a column this table lacks is a warning (runValidation refuses a name no table has)', () => {
    const { findings, pairs } = checkSchema(ORACLE, POSTGRES, ['salary', 'bonus'])
    expect(pairs.map((p) => p.source.name)).toEqual(['EMPLOYEE_ID', 'SALARY'])
    expect(findings.find((f) => f.code === 'COLUMN_UNKNOWN')).toMatchObject({ severity: 'warning', column: 'bonus' })
  })
})
