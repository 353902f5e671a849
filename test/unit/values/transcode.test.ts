import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openRejectsFile } from '../../../src/load/rejects-file.js'
import type { LoadColumn } from '../../../src/load/load-source.js'
import { COPY_BINARY_HEADER } from '../../../src/values/copy-binary-writer.js'
import { readCopyText, unescapeCopyText, type FieldDecoder } from '../../../src/values/copy-text-reader.js'
import { displayExcerpt } from '../../../src/values/display-excerpt.js'
import { transcodeToCopyBinary, type RejectedRow } from '../../../src/values/transcode.js'

const columns: LoadColumn[] = [
  { name: 'ID', targetName: 'id', type: { kind: 'int', bytes: 4 }, pgType: 'integer' },
  { name: 'NAME', targetName: 'name', type: { kind: 'text', fixed: false }, pgType: 'character varying(3)' },
]

async function* batches(...b: unknown[][][]): AsyncGenerator<unknown[][]> {
  yield* b
}

async function* bufferChunks(...b: Buffer[]): AsyncGenerator<Buffer> {
  yield* b
}

async function collect(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = []
  for await (const p of stream) parts.push(p)
  return Buffer.concat(parts)
}

describe('transcodeToCopyBinary', () => {
  it('frames rows with the binary COPY header and trailer, NULL as length -1', async () => {
    const out = await collect(transcodeToCopyBinary(batches([[1, 'ab'], [2, null]]), columns, ['ID'], () => undefined))
    expect(out.subarray(0, 19)).toEqual(COPY_BINARY_HEADER)
    expect(out.subarray(19).toString('hex')).toBe(
      '0002' + '00000004' + '00000001' + '00000002' + '6162' + // row 1
        '0002' + '00000004' + '00000002' + 'ffffffff' + // row 2
        'ffff',
    )
  })

  it('leaves a rejected row out entirely and reports its key, column, value and reason', async () => {
    const rejects: RejectedRow[] = []
    const out = await collect(transcodeToCopyBinary(batches([[1, 'toolong'], [2, 'ok']], [[3, 'a\0']]), columns, ['ID'], (r) => rejects.push(r)))
    expect(out.subarray(19).toString('hex')).toBe('0002' + '00000004' + '00000002' + '00000002' + '6f6b' + 'ffff')
    expect(rejects).toEqual([
      { key: { ID: '1' }, column: 'name', value: 'toolong', reason: 'value too long for character varying(3): 7 characters' },
      { key: { ID: '3' }, column: 'name', value: 'a\\0', reason: 'NUL byte at character 2: PostgreSQL text cannot hold it' },
    ])
  })

  it('fails before streaming when a target column has no codec', () => {
    const geo: LoadColumn = { name: 'G', targetName: 'g', type: { kind: 'unsupported', native: 'SDO_GEOMETRY' }, pgType: 'geometry' }
    expect(() => transcodeToCopyBinary(batches(), [geo], [], () => undefined)).toThrow(expect.objectContaining({ code: 'TRANSCODE_UNSUPPORTED_TYPE' }))
  })

  it('refuses a key column that is not transcoded (its rejects could not name their rows)', () => {
    expect(() => transcodeToCopyBinary(batches(), columns, ['NOPE'], () => undefined)).toThrow('key column NOPE is not among the columns transcoded')
  })

  it('passes on errors that are not value rejections (a source failure fails the stream)', async () => {
    async function* failing(): AsyncGenerator<unknown[][]> {
      yield [[1, 'a']]
      throw new Error('connection lost')
    }
    await expect(collect(transcodeToCopyBinary(failing(), columns, ['ID'], () => undefined))).rejects.toThrow('connection lost')
  })
})

describe('COPY text reader', () => {
  const asText: FieldDecoder = (buf, s, e) => buf.toString('utf8', s, e)
  const input = Buffer.from('1\tplain\n2\t\\N\n3\ttab\\there\\\\ \\n\\101\\x41\n4\t😀 multi-byte\n')

  it('reads the same rows wherever the chunks are cut', async () => {
    for (let cut1 = 0; cut1 <= input.length; cut1 += 3) {
      for (const cut2 of [cut1, Math.min(input.length, cut1 + 1), input.length]) {
        const chunks = [input.subarray(0, cut1), input.subarray(cut1, cut2), input.subarray(cut2)].filter((c) => c.length > 0)
        const rows: unknown[][] = []
        for await (const b of readCopyText(bufferChunks(...chunks), [asText, asText])) rows.push(...b)
        expect(rows).toEqual([
          ['1', 'plain'],
          ['2', null],
          ['3', 'tab\there\\ \nAA'],
          ['4', '😀 multi-byte'],
        ])
      }
    }
  })

  it('refuses rows with the wrong number of fields and output cut inside a row', async () => {
    const read = async (text: string) => {
      for await (const _ of readCopyText(bufferChunks(Buffer.from(text)), [asText, asText])) void _
    }
    await expect(read('1\t2\t3\n')).rejects.toThrow('COPY row has more than 2 fields')
    await expect(read('1\n')).rejects.toThrow('COPY row has fewer than 2 fields')
    await expect(read('1\t2')).rejects.toThrow('COPY output ended inside a row')
  })

  it('undoes every escape COPY text has', () => {
    const b = Buffer.from('\\b\\f\\n\\r\\t\\v\\\\\\101\\x7e\\q')
    expect([...unescapeCopyText(b, 0, b.length)]).toEqual([8, 12, 10, 13, 9, 11, 92, 65, 0x7e, 113])
  })
})

describe('reject excerpts and the rejects file', () => {
  it('shows values readably: control characters visible, bad UTF-8 in hex, at most 200 characters', () => {
    expect(displayExcerpt('a\0b\x01')).toBe('a\\0b\\x01')
    expect(displayExcerpt(Buffer.from([0x61, 0xff]))).toBe('\\x61ff')
    expect(displayExcerpt(10957, { kind: 'date' })).toBe('2000-01-01')
    const long = displayExcerpt('😀'.repeat(300))
    expect(long.length).toBeLessThanOrEqual(200)
    expect(long.endsWith('…')).toBe(true)
    expect(Buffer.from(long.slice(0, -1), 'utf16le').toString('utf16le')).toBe(long.slice(0, -1))
    expect(/[\ud800-\udbff]$/.test(long.slice(0, -1))).toBe(false)
  })

  it('writes key, column, value and reason as CSV, and no file when nothing was rejected', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'godwit-rejects-unit-'))
    try {
      const empty = openRejectsFile(join(dir, 'sub'), 'HR.EMPTY')
      await empty.close()
      expect(existsSync(empty.path)).toBe(false)
      const file = openRejectsFile(join(dir, 'sub'), 'HR.EMP/LOYEES')
      file.write({ key: { ID: '7', K: 'a,"b"' }, column: 'name', value: 'line\nbreak', reason: 'too long' })
      await file.close()
      expect(file.count).toBe(1)
      expect(file.path).toBe(join(dir, 'sub', 'HR.EMP_LOYEES.rejects.csv'))
      expect(await readFile(file.path, 'utf8')).toBe('key,column,value,reason\n"{""ID"":""7"",""K"":""a,\\""b\\""""}",name,"line\nbreak",too long')
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
