import { describe, expect, it } from 'vitest'
import { csvFieldFor, csvLines, quoteCsv, type CsvColumn } from '../../../../src/engines/redshift/redshift-csv-values.js'
import { redshiftCsvColumn, redshiftTypeText, stagedTypeText } from '../../../../src/engines/redshift/redshift-load-catalog.js'
import { Timestamp } from '../../../../src/values/value.js'
import { ValueRejected } from '../../../../src/values/value-rejected.js'
import { daysFromCivil } from '../../../../src/values/temporal-text.js'

const field = (pgType: string) => csvFieldFor(redshiftCsvColumn({ targetName: 'c', pgType }))

function rejected(f: () => unknown): string {
  try {
    f()
  } catch (e) {
    if (e instanceof ValueRejected) return e.reason
    throw e
  }
  throw new Error('was not rejected')
}

describe('Redshift CSV values', () => {
  it('quotes every text value, doubling quotes; tabs, newlines, commas and backslashes stay data', () => {
    const text = field('character varying(100)')
    expect(text('')).toBe('""')
    expect(text('a "b" c')).toBe('"a ""b"" c"')
    expect(text('tab\there\nnext,\\N')).toBe('"tab\there\nnext,\\N"')
    expect(quoteCsv('\\.')).toBe('"\\."')
  })

  it('counts VARCHAR lengths in bytes, as Redshift does, and keeps CHAR single-byte', () => {
    const v4 = field('character varying(4)')
    expect(v4('üü')).toBe('"üü"')
    expect(rejected(() => v4('üüü'))).toBe('6 bytes: Redshift character varying(4) holds at most 4 bytes')
    expect(rejected(() => field('character(3)')('ü'))).toBe('Redshift character(3) holds single-byte characters only')
    expect(rejected(() => field('character varying(65535)')('x'.repeat(65_536)))).toMatch(/^65536 bytes/)
    expect(rejected(() => field('text')('x'.repeat(257)))).toMatch(/holds at most 256 bytes/)
  })

  it('turns away NUL bytes and invalid UTF-8 with the reason', () => {
    expect(rejected(() => field('character varying(10)')('a\0b'))).toBe('NUL byte at character 2: Redshift character varying(10) cannot hold it')
    expect(rejected(() => field('character varying(10)')(Uint8Array.from([0x61, 0xff])))).toBe('invalid UTF-8 at byte 2')
  })

  it('writes dates and timestamps in COPY default formats, UTC with +00 for zoned ones, years 1 to 9999 only', () => {
    const day = daysFromCivil(2024, 2, 29)
    expect(field('date')(day)).toBe('2024-02-29')
    expect(field('timestamp without time zone')(new Timestamp(day, 1_500_000))).toBe('2024-02-29 00:00:01.500000')
    expect(field('timestamp with time zone')('2024-02-29 12:00:00+02')).toBe('2024-02-29 10:00:00.000000+00')
    expect(rejected(() => field('date')(daysFromCivil(0, 12, 31)))).toBe('date 0001-12-31 BC is outside the years 1 to 9999 godwit loads into Redshift')
    expect(rejected(() => field('date')(Infinity))).toBe('infinity: Redshift has no infinite date')
    expect(rejected(() => field('timestamp without time zone')(new Timestamp(daysFromCivil(10000, 1, 1), 0)))).toMatch(/outside the years 1 to 9999/)
  })

  it('writes 38-digit numerics exactly and refuses what NUMERIC cannot hold', () => {
    const n38 = field('numeric(38,0)')
    expect(n38('99999999999999999999999999999999999999')).toBe('99999999999999999999999999999999999999')
    expect(field('numeric(10,2)')('-12.50')).toBe('-12.5')
    expect(rejected(() => field('numeric(10,2)')('123456789.1'))).toBe('123456789.1 has 9 integer digits: numeric(10,2) holds 8')
    expect(rejected(() => field('numeric')('NaN'))).toBe('NaN: Redshift NUMERIC has no NaN or infinity')
    expect(rejected(() => field('numeric')('1'.repeat(39)))).toMatch(/more than 38 digits/)
  })

  it('writes integers, floats, booleans, SUPER and VARBYTE', () => {
    expect(field('bigint')(2n ** 62n)).toBe('4611686018427387904')
    expect(rejected(() => field('smallint')(40_000))).toBe('40000 is out of range for Redshift smallint')
    expect(field('double precision')(1e300)).toBe('1e+300')
    expect(field('boolean')(false)).toBe('f')
    expect(field('super')('{"a": [1, "x,y"]}')).toBe('"{""a"": [1, ""x,y""]}"')
    expect(rejected(() => field('super')('{oops'))).toMatch(/^invalid JSON/)
    expect(field('varbyte(10)')(Uint8Array.from([0, 255]))).toBe('"00ff"')
    expect(field('varbyte(10)')(new Uint8Array(0))).toBe('""')
  })

  it('leaves a row with a bad value out of the lines and names its column', async () => {
    const columns: CsvColumn[] = [redshiftCsvColumn({ targetName: 'id', pgType: 'integer' }), redshiftCsvColumn({ targetName: 't', pgType: 'character varying(3)' })]
    async function* rows() {
      yield [[1, 'ok'], [2, 'toolong'], [3, null]] as unknown[][]
    }
    const bad: [unknown, number, string][] = []
    const out: string[] = []
    for await (const batch of csvLines(rows(), columns, (row, col, e) => bad.push([row[0], col, e.reason]))) out.push(...batch)
    expect(out).toEqual(['1,"ok"\n', '3,\n'])
    expect(bad).toEqual([[2, 1, '7 bytes: Redshift character varying(3) holds at most 3 bytes']])
  })
})

describe('Redshift column types for the load', () => {
  it('reads SVV_COLUMNS rows into type text with byte lengths', () => {
    const row = (data_type: string, len: number | null = null, p: number | null = null, s: number | null = null) => ({
      column_name: 'c', data_type, character_maximum_length: len, numeric_precision: p, numeric_scale: s, is_nullable: 'YES',
    })
    expect(redshiftTypeText(row('character varying', 400))).toBe('character varying(400)')
    expect(redshiftTypeText(row('numeric', null, 38, 4))).toBe('numeric(38,4)')
    expect(redshiftTypeText(row('binary varying', 1000))).toBe('varbyte(1000)')
    expect(redshiftTypeText(row('timestamp with time zone'))).toBe('timestamp with time zone')
    expect(redshiftCsvColumn({ targetName: 'c', pgType: 'character varying(400)' })).toMatchObject({ type: { kind: 'text', fixed: false }, maxBytes: 400 })
    expect(redshiftCsvColumn({ targetName: 'c', pgType: 'super' })).toMatchObject({ type: { kind: 'json' } })
  })

  it('--stage-only checks values against the widest Redshift type of each kind', () => {
    expect(stagedTypeText({ kind: 'text', fixed: false, maxChars: 10 })).toBe('character varying(65535)')
    expect(stagedTypeText({ kind: 'decimal', precision: 12, scale: 2 })).toBe('numeric(12,2)')
    expect(stagedTypeText({ kind: 'timestamp', tz: 'utc' })).toBe('timestamp with time zone')
    expect(stagedTypeText({ kind: 'json' })).toBe('super')
  })
})
