import { describe } from 'vitest'
import { expressionTable, refusedTable } from '../translation-table.js'

describe('CAST with a format model is the conversion function of its type', () => {
  expressionTable([
    [
      "CAST('January 15, 1989, 11:00 A.M.' AS DATE DEFAULT NULL ON CONVERSION ERROR, 'Month dd, YYYY, HH:MI A.M.')",
      "godwit_ora.convert_or_default('January 15, 1989, 11:00 A.M.'::text, 'to_timestamp($1, ''Month dd, YYYY, HH:MI A.M.'')::timestamp(0)', NULL::timestamp(0))",
    ],
    ["CAST('2020-01-01 10:00:00.5' AS TIMESTAMP, 'YYYY-MM-DD HH24:MI:SS.FF')", "to_timestamp('2020-01-01 10:00:00.5', 'YYYY-MM-DD HH24:MI:SS.US')::timestamp"],
    // The type's precision and scale still apply to the converted value.
    ["CAST('12.5' AS NUMBER(5,2), '99.9')", "CAST(to_number('12.5', '99.9') AS numeric(5,2))"],
  ])
  refusedTable([["CAST('x' AS VARCHAR2(3), 'fmt')", 'Oracle converts with a format model only to dates, timestamps and numbers']])
})
