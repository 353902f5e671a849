import { describe, expect, it } from 'vitest'
import { convertToPostgres } from '../../src/convert/convert.js'
import { useDatabase } from '../support/database.js'
import { readDdl } from '../unit/engines/oracle/ddl-script.js'

/**
 * An Oracle script's GRANTs and REVOKEs, converted and run in order on PostgreSQL 14 and 17
 * with the roles present: each role ends with the privileges Oracle leaves it.
 */
const SCRIPT = `CREATE TABLE emp (id NUMBER PRIMARY KEY, salary NUMBER, bonus NUMBER);
CREATE SEQUENCE emp_seq;
CREATE OR REPLACE FUNCTION emp_count RETURN NUMBER AS n NUMBER; BEGIN SELECT COUNT(*) INTO n FROM emp; RETURN n; END;
/
GRANT SELECT, INSERT, UPDATE (salary) ON emp TO clerk, auditor WITH GRANT OPTION;
GRANT SELECT ON emp_seq TO clerk;
GRANT EXECUTE ON emp_count TO auditor;
GRANT manager TO clerk;
REVOKE INSERT ON emp FROM auditor;
REVOKE EXECUTE ON FUNCTION emp_count FROM PUBLIC;
GRANT CREATE SESSION TO clerk;
REVOKE SELECT ON TABLE emp FROM nobody_here;
`

describe.each([14, 17] as const)('grants and revokes run on PostgreSQL %i', (major) => {
  const db = useDatabase(`grants_${major}`, major)

  it('leaves each role the privileges Oracle leaves it', async () => {
    const read = readDdl(SCRIPT)
    const result = convertToPostgres(read, { targetSchema: 'app', target: { engine: 'postgres', version: major } })
    expect(result.findings.filter((f) => f.severity === 'action').map((f) => f.code)).toEqual(['GRANT_SYSTEM_PRIVILEGE'])
    const roles = ['clerk', 'auditor', 'manager'].map((r) => `${r}_${major}`)
    await db.client.query('BEGIN')
    try {
      // Role names are cluster-wide: suffixed per server run, renamed in the SQL.
      for (const r of roles) await db.client.query(`CREATE ROLE ${r}`)
      // As the output files' headers set it (renderOutputFile).
      await db.client.query('SET LOCAL search_path = app, public')
      const sql = result.statements.map((s) => s.sql.replace(/\b(clerk|auditor|manager)\b/g, `$1_${major}`))
      for (const s of sql) if (!s.startsWith('--')) await db.client.query(s)
      const has = async (q: string) => (await db.client.query(`SELECT ${q} AS v`)).rows[0].v as boolean
      const [clerk, auditor, manager] = roles
      expect(await has(`has_table_privilege('${clerk}', 'app.emp', 'SELECT WITH GRANT OPTION')`)).toBe(true)
      expect(await has(`has_column_privilege('${clerk}', 'app.emp', 'salary', 'UPDATE')`)).toBe(true)
      expect(await has(`has_column_privilege('${clerk}', 'app.emp', 'bonus', 'UPDATE')`)).toBe(false)
      expect(await has(`has_table_privilege('${auditor}', 'app.emp', 'INSERT')`)).toBe(false)
      expect(await has(`has_table_privilege('${auditor}', 'app.emp', 'SELECT')`)).toBe(true)
      expect(await has(`has_sequence_privilege('${clerk}', 'app.emp_seq', 'USAGE')`)).toBe(true)
      // Oracle gives nobody EXECUTE by default; the script's REVOKE FROM PUBLIC makes PostgreSQL agree.
      expect(await has(`has_function_privilege('${clerk}', 'app.emp_count()', 'EXECUTE')`)).toBe(false)
      expect(await has(`has_function_privilege('${auditor}', 'app.emp_count()', 'EXECUTE')`)).toBe(true)
      expect(await has(`pg_has_role('${clerk}', '${manager}', 'MEMBER')`)).toBe(true)
    } finally {
      await db.client.query('ROLLBACK')
    }
  })
})
