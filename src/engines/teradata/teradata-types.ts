import type { LogicalType } from '../../model/logical-type.js'
import type { NativeType } from '../../model/schema.js'

/**
 * Teradata spellings that name the same type, folded to one name so the mapping below (and the
 * assessment's type inventory) sees each type once.
 */
export const TERADATA_TYPE_SYNONYMS: Readonly<Record<string, string>> = {
  INT: 'INTEGER',
  DEC: 'DECIMAL',
  NUMERIC: 'DECIMAL',
  CHARACTER: 'CHAR',
  'CHARACTER VARYING': 'VARCHAR',
  'CHAR VARYING': 'VARCHAR',
  'DOUBLE PRECISION': 'FLOAT',
  REAL: 'FLOAT',
  'CHARACTER LARGE OBJECT': 'CLOB',
  'BINARY LARGE OBJECT': 'BLOB',
}

/** LONG VARCHAR is VARCHAR(64000) in a LATIN column (docs/type-mapping.md). */
export const LONG_VARCHAR_CHARS = 64_000

const YEAR_MONTH_INTERVALS = new Set(['INTERVAL YEAR', 'INTERVAL YEAR TO MONTH', 'INTERVAL MONTH'])

/**
 * Teradata native type → logical type (docs/type-mapping.md has the table and the reasons).
 * Unlike Oracle, Teradata has true integers of 1–8 bytes, IEEE doubles, a DATE without time
 * and a TIME of day. DECIMAL without precision is DECIMAL(5,0); NUMBER without precision is
 * any number, as in Oracle.
 */
export function teradataLogicalType(n: NativeType): LogicalType {
  const name = TERADATA_TYPE_SYNONYMS[n.name] ?? n.name
  switch (name) {
    case 'BYTEINT':
      return { kind: 'int', bytes: 1 }
    case 'SMALLINT':
      return { kind: 'int', bytes: 2 }
    case 'INTEGER':
      return { kind: 'int', bytes: 4 }
    case 'BIGINT':
      return { kind: 'int', bytes: 8 }
    case 'DECIMAL':
      return { kind: 'decimal', precision: n.precision ?? 5, scale: n.scale ?? 0 }
    case 'NUMBER':
      // NUMBER(*, s): the largest precision, 38, with scale s.
      if (n.precision === undefined) return n.scale === undefined ? { kind: 'decimal' } : { kind: 'decimal', precision: 38, scale: n.scale }
      return { kind: 'decimal', precision: Math.max(n.precision, n.scale ?? 0), scale: n.scale ?? 0 }
    case 'FLOAT':
      // Teradata FLOAT/REAL/DOUBLE PRECISION are all 8-byte IEEE doubles.
      return { kind: 'float', bytes: 8 }
    case 'CHAR':
      return { kind: 'text', fixed: true, maxChars: n.length ?? 1 }
    case 'GRAPHIC':
      return { kind: 'text', fixed: true, maxChars: n.length ?? 1, national: true }
    case 'VARCHAR':
      return n.length === undefined ? { kind: 'text', fixed: false } : { kind: 'text', fixed: false, maxChars: n.length }
    case 'VARGRAPHIC':
      return n.length === undefined ? { kind: 'text', fixed: false, national: true } : { kind: 'text', fixed: false, maxChars: n.length, national: true }
    case 'LONG VARCHAR':
      return { kind: 'text', fixed: false, maxChars: LONG_VARCHAR_CHARS }
    case 'LONG VARGRAPHIC':
      // Two bytes a character: half of LONG VARCHAR's 64000.
      return { kind: 'text', fixed: false, maxChars: LONG_VARCHAR_CHARS / 2, national: true }
    case 'CLOB':
      return { kind: 'clob' }
    case 'BYTE':
    case 'VARBYTE':
      return n.length === undefined ? { kind: 'binary' } : { kind: 'binary', maxBytes: n.length }
    case 'BLOB':
      return { kind: 'binary' }
    case 'DATE':
      return { kind: 'date' }
    case 'TIME':
      return { kind: 'time', precision: n.fractionalPrecision ?? 6, tz: false }
    case 'TIME WITH TIME ZONE':
      return { kind: 'time', precision: n.fractionalPrecision ?? 6, tz: true }
    case 'TIMESTAMP':
      return { kind: 'timestamp', precision: n.fractionalPrecision ?? 6, tz: 'none' }
    case 'TIMESTAMP WITH TIME ZONE':
      return { kind: 'timestamp', precision: n.fractionalPrecision ?? 6, tz: 'utc' }
    case 'JSON':
      return { kind: 'json' }
    case 'XML':
      return { kind: 'xml' }
    case 'ST_GEOMETRY':
    case 'MBR':
    case 'DATASET':
      return { kind: 'unsupported', native: n.text || n.name }
    default:
      if (YEAR_MONTH_INTERVALS.has(name)) return { kind: 'interval', fields: 'year-month' }
      if (name.startsWith('INTERVAL ')) return { kind: 'interval', fields: 'day-second', precision: n.fractionalPrecision ?? 6 }
      // PERIOD(DATE|TIME|TIMESTAMP …) has no logical kind yet: conversion raises an action item.
      if (name.startsWith('PERIOD')) return { kind: 'unsupported', native: n.text || name }
      return n.schema ? { kind: 'user-defined', schema: n.schema, name } : { kind: 'user-defined', name }
  }
}
