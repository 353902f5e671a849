import { describe, expect, it } from 'vitest'
import { objectFilter } from '../../../../src/engines/oracle/object-filter.js'

describe('objectFilter', () => {
  it.each([
    [{}, 'EMPLOYEES', true],
    [{ include: ['EMP*'] }, 'EMPLOYEES', true],
    [{ include: ['emp*'] }, 'EMPLOYEES', true],
    [{ include: ['EMP*'] }, 'DEPARTMENTS', false],
    [{ include: ['EMP'] }, 'EMPLOYEES', false],
    [{ include: ['EMP*', 'DEPT*'] }, 'DEPT_LOCATION_IX', true],
    [{ exclude: ['*_LOG'] }, 'AUDIT_LOG', false],
    [{ exclude: ['*_LOG'] }, 'AUDIT_LOGS', true],
    [{ include: ['EMP*'], exclude: ['*_HIST'] }, 'EMP_HIST', false],
    [{ include: ['JOB?'] }, 'JOBS', true],
    [{ include: ['JOB?'] }, 'JOB_HISTORY', false],
    [{ include: ['SYS$*'] }, 'SYS$LOG', true],
    [{ include: ['A.B'] }, 'AXB', false],
    [{ include: ['(X)'] }, '(X)', true],
  ])('%o on %s → %s', (patterns, name, expected) => {
    expect(objectFilter(patterns)(name)).toBe(expected)
  })
})
