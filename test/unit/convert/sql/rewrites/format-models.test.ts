import { describe, expect, it } from 'vitest'
import { isNumberFormat, translateDateFormat } from '../../../../../src/convert/sql/rewrites/format-models.js'

describe('Oracle datetime format models → PostgreSQL patterns', () => {
  it.each([
    ['YYYY-MM-DD HH24:MI:SS', 'YYYY-MM-DD HH24:MI:SS', []],
    ['dd-MM-yyyy', 'dd-MM-yyyy', []],
    ['FMMonth DD, YYYY', 'FMMonth FMDD, FMYYYY', []],
    ['FMDay FMDD', 'FMDay DD', []],
    ['DD-MON-RR', 'DD-MON-YY', ['RR']],
    ['RRRR', 'YYYY', []],
    ['SYYYY', 'YYYY', []],
    ['HH:MI:SS.FF3 AM', 'HH:MI:SS.FF3 AM', []],
    ['HH24:MI:SS.FF', 'HH24:MI:SS.US', []],
    ['HH24:MI:SS.FF9', 'HH24:MI:SS.US', ['FF9']],
    ['"Quarter" Q', '"Quarter" Q', []],
    ['FXDD/MM', 'DD/MM', []],
  ] as const)('%s → %s', (oracle, pg, approximations) => {
    expect(translateDateFormat(oracle)).toEqual({ pattern: pg, approximations })
  })

  it.each([
    ['999G999D99', true],
    ['FM0000', true],
    ['$9,999.00', true],
    ['YYYY', false],
    ['DD-MON-YY', false],
  ])('%s is a number format: %s', (model, expected) => {
    expect(isNumberFormat(model)).toBe(expected)
  })
})
