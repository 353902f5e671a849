import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readOracleScripts } from '../../../../src/convert/oracle-input.js'
import { dataTableOf } from '../../../../src/engines/oracle/oracle-data-tables.js'

function tables(ddl: string) {
  const file = join(mkdtempSync(join(tmpdir(), 'godwit-data-tables-')), 't.sql')
  writeFileSync(file, ddl)
  return Object.fromEntries(readOracleScripts([{ path: file }]).schema.tables.map((t) => [t.name, dataTableOf(t)]))
}

describe('Oracle tables for load and validate', () => {
  const t = tables(`
    CREATE TABLE keyed (id NUMBER NOT NULL, code VARCHAR2(5), CONSTRAINT keyed_pk PRIMARY KEY (id));
    CREATE TABLE off (id NUMBER, code VARCHAR2(5) NOT NULL, CONSTRAINT off_pk PRIMARY KEY (id) DISABLE, CONSTRAINT off_uk UNIQUE (code));
    CREATE TABLE loose (id NUMBER, CONSTRAINT loose_uk UNIQUE (id) ENABLE NOVALIDATE);
  `)

  it('uses an enforced key over NOT NULL columns', () => {
    expect(t.KEYED!.key).toEqual(['ID'])
  })

  it('skips a disabled primary key for a unique key that holds', () => {
    expect(t.OFF!.key).toEqual(['CODE'])
    expect(t.OFF!.enforcedKeys).toEqual([['CODE']])
  })

  it('has no key when the only one is not validated or its columns allow NULL', () => {
    expect(t.LOOSE!.key).toBeUndefined()
  })
})
