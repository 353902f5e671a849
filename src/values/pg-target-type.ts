import type { LogicalType } from '../model/logical-type.js'

/**
 * The logical type of a target column from its PostgreSQL type text: format_type() output
 * (`character varying(44)`, `timestamp(3) without time zone`) or godwit's own spelling
 * (`varchar(44)`, `timestamptz(3)`). The encoder writes what this column holds, whatever the
 * source column was.
 */
export function pgTargetType(pgType: string): LogicalType {
  const t = pgType.trim().toLowerCase()
  const args = /\(([^)]*)\)/.exec(t)?.[1]?.split(',').map((a) => Number(a.trim()))
  const base = t.replace(/\([^)]*\)/, '').replace(/\s+/g, ' ').trim()
  const n0 = args?.[0]
  switch (base) {
    case 'smallint':
    case 'int2': return { kind: 'int', bytes: 2 }
    case 'integer':
    case 'int':
    case 'int4': return { kind: 'int', bytes: 4 }
    case 'bigint':
    case 'int8': return { kind: 'int', bytes: 8 }
    case 'numeric':
    case 'decimal': return n0 === undefined ? { kind: 'decimal' } : { kind: 'decimal', precision: n0, scale: args?.[1] ?? 0 }
    case 'real':
    case 'float4': return { kind: 'float', bytes: 4 }
    case 'double precision':
    case 'float8': return { kind: 'float', bytes: 8 }
    case 'character':
    case 'char':
    case 'bpchar': return { kind: 'text', fixed: true, maxChars: n0 ?? (base === 'bpchar' ? undefined : 1) }
    case 'character varying':
    case 'varchar': return { kind: 'text', fixed: false, maxChars: n0 }
    case 'text': return { kind: 'text', fixed: false }
    case 'bytea': return { kind: 'binary' }
    case 'date': return { kind: 'date' }
    case 'timestamp':
    case 'timestamp without time zone': return { kind: 'timestamp', tz: 'none', precision: n0 }
    case 'timestamptz':
    case 'timestamp with time zone': return { kind: 'timestamp', tz: 'utc', precision: n0 }
    case 'time':
    case 'time without time zone': return { kind: 'time', tz: false, precision: n0 }
    case 'timetz':
    case 'time with time zone': return { kind: 'time', tz: true, precision: n0 }
    case 'interval year to month':
    case 'interval year':
    case 'interval month': return { kind: 'interval', fields: 'year-month' }
    case 'boolean':
    case 'bool': return { kind: 'boolean' }
    case 'json':
    case 'jsonb': return { kind: 'json' }
    case 'xml': return { kind: 'xml' }
    default:
      return base.startsWith('interval') ? { kind: 'interval', fields: 'day-second', precision: n0 } : { kind: 'unsupported', native: pgType }
  }
}
