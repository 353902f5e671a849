import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SourceError, UsageError } from '../../../../src/core/errors.js'
import { readTptExportFile } from '../../../../src/engines/teradata/tpt-files.js'
import { copyFieldExpression, tptExportScript, tptFileName, tptJobVariables, tptSelect } from '../../../../src/engines/teradata/tpt-script.js'
import type { LoadColumn } from '../../../../src/load/load-source.js'
import { Interval } from '../../../../src/values/value.js'

const columns: LoadColumn[] = [
  { name: 'OrderId', targetName: 'order_id', type: { kind: 'int', bytes: 8 }, pgType: 'bigint' },
  { name: 'Total', targetName: 'total', type: { kind: 'decimal', precision: 38, scale: 2 }, pgType: 'numeric(38,2)' },
  { name: 'Note', targetName: 'note', type: { kind: 'text', fixed: false, maxChars: 200 }, pgType: 'varchar(200)' },
  { name: 'Hash', targetName: 'hash', type: { kind: 'binary', maxBytes: 16 }, pgType: 'bytea' },
  { name: 'OrderDate', targetName: 'order_date', type: { kind: 'date' }, pgType: 'date' },
  { name: 'Lead', targetName: 'lead', type: { kind: 'interval', fields: 'day-second' }, pgType: 'interval' },
]
const orders = { schema: 'Sales', name: 'Orders', columns }

describe('tptSelect', () => {
  it('one escaped COPY text line per row, ending in the end marker', () => {
    const sql = tptSelect(orders, 'access')
    expect(sql.startsWith('LOCKING TABLE "Sales"."Orders" FOR ACCESS SELECT CAST(')).toBe(true)
    expect(sql.endsWith(` || '09'XC || 'E' AS VARCHAR(21000)) FROM "Sales"."Orders";`)).toBe(true)
    expect(copyFieldExpression(columns[2]!)).toBe(
      `CASE WHEN "Note" IS NULL THEN '\\N' ELSE OREPLACE(OREPLACE(OREPLACE(OREPLACE("Note", '\\', '\\\\'), '09'XC, '\\t'), '0A'XC, '\\n'), '0D'XC, '\\r') END`,
    )
    expect(copyFieldExpression(columns[3]!)).toContain(`'\\x' || LOWER(FROM_BYTES("Hash", 'base16'))`)
    expect(copyFieldExpression(columns[1]!)).toContain('TO_CHAR("Total")')
  })

  it('refuses LOB columns with a typed error naming the column', () => {
    const clob: LoadColumn = { name: 'Body', targetName: 'body', type: { kind: 'clob' }, pgType: 'text' }
    expect(() => tptSelect({ ...orders, columns: [clob] }, 'access')).toThrow(UsageError)
    expect(() => copyFieldExpression({ ...clob, type: { kind: 'binary' } })).toThrow(/column Body: LOB values/)
  })
})

describe('tptExportScript', () => {
  it('writes a job with one export step per table, credentials left to the job variables', () => {
    const script = tptExportScript([orders, { schema: 'Sales', name: 'Customer', columns: columns.slice(0, 1) }], { destination: '/data/export', lock: 'read', sessions: 8 })
    expect(script).toContain('USING CHARACTER SET UTF8\nDEFINE JOB godwit_export')
    expect(script).toContain('DEFINE SCHEMA godwit_line (line VARCHAR(63000));')
    expect(script).toContain('STEP export_1')
    expect(script).toContain('STEP export_2')
    expect(script).toContain('VARCHAR UserPassword = @UserPassword')
    expect(script).toContain('INTEGER MaxSessions = 8')
    expect(script).toContain(`VARCHAR DirectoryPath = '/data/export'`)
    expect(script).toContain(`VARCHAR FileName = 'Sales.Orders.copy.txt'`)
    expect(script).toContain(`VARCHAR SelectStmt = 'LOCKING TABLE "Sales"."Orders" FOR READ SELECT CAST(`)
    // Quotes inside the SELECT are doubled in the TPT string.
    expect(script).toContain(`THEN ''\\N'' ELSE`)
    expect(script).toContain('APPLY TO OPERATOR (write_2) SELECT * FROM OPERATOR (export_2);')
  })

  it('writes to S3 through the access module', () => {
    const script = tptExportScript([orders], { destination: 's3://bucket/migr/td', lock: 'access', sessions: 4 })
    expect(script).toContain(`VARCHAR AccessModuleName = 'libs3axsmod.so'`)
    expect(script).toContain(`VARCHAR AccessModuleInitStr = 'S3Bucket=bucket S3Prefix=migr/td/ S3Object=Sales.Orders.copy.txt'`)
    expect(script).not.toContain('DirectoryPath')
  })

  it('job variables hold host and user, never a password', () => {
    expect(tptJobVariables('td.example.com', 'etl')).toBe("TdpId = 'td.example.com'\n,UserName = 'etl'\n,UserPassword = ''\n")
  })

  it('file names are safe on disk', () => {
    expect(tptFileName({ schema: 'Sales', name: 'Order Lines/2024' })).toBe('Sales.Order_Lines_2024.copy.txt')
  })
})

describe('readTptExportFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'godwit-tpt-'))

  it('decodes the lines the export writes with the live load decoders', async () => {
    const path = join(dir, 'ok.txt')
    writeFileSync(path, [
      '1\t.50\ttab\\there\\\\back\t\\\\x00ff\t2024-01-31\t   1 02:00:00.000000\tE',
      '9223372036854775807\t\\N\t\\N\t\\N\t\\N\t\\N\tE',
      '',
    ].join('\n'))
    const rows = []
    for await (const b of readTptExportFile(path, columns)) rows.push(...b)
    expect(rows[0]!.slice(0, 3)).toEqual([1, '0.5', 'tab\there\\back'])
    expect((rows[0]![3] as Buffer).toString('hex')).toBe('00ff')
    expect(rows[0]!.slice(4)).toEqual([19753, new Interval(0, 1, 7_200_000_000)])
    expect(rows[1]).toEqual([9223372036854775807n, null, null, null, null, null])
  })

  it('refuses a line that lost its end marker or fields', async () => {
    const read = async (text: string) => {
      const path = join(dir, `cut-${text.length}.txt`)
      writeFileSync(path, text)
      for await (const _ of readTptExportFile(path, columns)) void _
    }
    const lost = await read('1\t2\tx\t\\N\t\\N\t\\N\t\n').catch((e: unknown) => e)
    expect(lost).toBeInstanceOf(SourceError)
    expect((lost as SourceError).code).toBe('TPT_LINE_CUT')
    expect((lost as SourceError).message).toMatch(/cut-\d+\.txt:1: the line does not end/)
    const short = await read('1\t2\tx\n').catch((e: unknown) => e)
    expect((short as SourceError).code).toBe('TPT_LINE_CUT')
    expect((short as SourceError).message).toMatch(/fewer than 7 fields/)
  })

  it('a missing file is a typed error naming it', async () => {
    const e = await (async () => {
      for await (const _ of readTptExportFile(join(dir, 'none.txt'), columns)) void _
    })().catch((x: unknown) => x)
    expect((e as SourceError).code).toBe('TPT_FILE_UNREADABLE')
  })
})
