import { describe, expect, it } from 'vitest'
import { displayValue, tableStatusLabel } from '../../../src/report/validation-text.js'

describe('displayValue: a compared value as SQL prints it', () => {
  it('NULL and numbers bare, text quoted once with quotes doubled, so NULL and empty differ', () => {
    expect(displayValue(null, { name: 'n', kind: 'text' })).toBe('NULL')
    expect(displayValue('', { name: 'n', kind: 'text' })).toBe("''")
    expect(displayValue('NULL', { name: 'n', kind: 'text' })).toBe("'NULL'")
    expect(displayValue('1.5', { name: 'n', kind: 'decimal' })).toBe('1.5')
    expect(displayValue("it's", { name: 'n', kind: 'text' })).toBe("'it''s'")
  })

  it('bytea and jsonb once, not escaped again', () => {
    expect(displayValue('\\xec01', { name: 'b', kind: 'binary' })).toBe("'\\xec01'")
    expect(displayValue('{"n": 1}', { name: 'j', kind: 'json' })).toBe('\'{"n": 1}\'')
  })

  it('an instant with its zone, BC last; infinity as is; a wall-clock timestamp without one', () => {
    const at = { name: 'at', kind: 'timestamp' as const, utc: true as const }
    expect(displayValue('2024-01-02 01:04:05.5', at)).toBe("'2024-01-02 01:04:05.5+00'")
    expect(displayValue('0044-03-15 10:00:00 BC', at)).toBe("'0044-03-15 10:00:00+00 BC'")
    expect(displayValue('infinity', at)).toBe("'infinity'")
    expect(displayValue('2024-01-02 01:04:05', { name: 'ts', kind: 'timestamp' })).toBe("'2024-01-02 01:04:05'")
  })

  it('control characters as E-string escapes, long values cut', () => {
    expect(displayValue("a\tb\nc\\d'e\u0001", { name: 't', kind: 'text' })).toBe("E'a\\tb\\nc\\\\d\\'e\\x01'")
    expect(displayValue('x'.repeat(500), { name: 't', kind: 'text' })).toBe(`'${'x'.repeat(199)}…'`)
  })
})

describe('tableStatusLabel', () => {
  it('says what limited the comparison, and nothing for a full one or an error', () => {
    expect(tableStatusLabel({ status: 'PASS' }, {})).toBe('PASS')
    expect(tableStatusLabel({ status: 'PASS', sampledPercent: 5 }, { samplePercent: 5 })).toBe('PASS (sampled 5%)')
    // --sample on a table compared in full (one segment, or no key): not called sampled.
    expect(tableStatusLabel({ status: 'FAIL' }, { samplePercent: 5 })).toBe('FAIL')
    expect(tableStatusLabel({ status: 'FAIL' }, { where: 'id > 1', columns: ['a'] })).toBe('FAIL (rows filtered by --where, selected columns)')
    expect(tableStatusLabel({ status: 'ERROR' }, { where: 'id > 1' })).toBe('ERROR')
  })
})
