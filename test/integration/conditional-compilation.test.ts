import { describe, expect, it } from 'vitest'
import { convertToPostgres, OUTPUT_FILES, renderOutputFile } from '../../src/convert/convert.js'
import { useDatabase } from '../support/database.js'
import { readDdl } from '../unit/engines/oracle/ddl-script.js'

/**
 * A stored procedure and a script block with conditional compilation, converted and run on
 * PostgreSQL 14 and 17: the kept branches run, with $$PLSQL_UNIT and $$PLSQL_LINE as values.
 */
const SCRIPT = `CREATE TABLE trace (unit VARCHAR2(30), line NUMBER, note VARCHAR2(30));
CREATE OR REPLACE PROCEDURE log_it IS
BEGIN
  $IF $$trace_on $THEN
    INSERT INTO trace VALUES ($$PLSQL_UNIT, $$PLSQL_LINE, 'traced');
  $ELSIF 1 = 1 $THEN
    INSERT INTO trace VALUES ($$PLSQL_UNIT, $$PLSQL_LINE, 'plain');
  $ELSE
    $ERROR 'not reached' $END
  $END
END;
/
BEGIN
  $IF TRUE $THEN log_it; $END
  $IF FALSE $THEN log_it; $END
END;
/
`

describe.each([14, 17] as const)('conditional compilation run on PostgreSQL %i', (major) => {
  const db = useDatabase(`conditional_${major}`, major)

  it('runs the kept branches only', async () => {
    const result = convertToPostgres(readDdl(SCRIPT), { targetSchema: 'app', target: { engine: 'postgres', version: major } })
    expect(result.findings.filter((f) => f.severity === 'action')).toEqual([])
    expect(result.findings.filter((f) => f.code === 'CONDITIONAL_FLAG').map((f) => f.object)).toEqual(['PROCEDURE LOG_IT'])
    for (const { phase } of OUTPUT_FILES) await db.client.query(renderOutputFile(result, phase))
    expect((await db.client.query('SELECT unit, line::int, note FROM app.trace')).rows).toEqual([{ unit: 'LOG_IT', line: 7, note: 'plain' }])
  })
})
