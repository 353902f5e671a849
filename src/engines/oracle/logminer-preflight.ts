/**
 * What godwit checks on an Oracle source before LogMiner capture, from the rows of the preflight
 * queries (logminer-sql.ts), each problem with the statement that fixes it.
 */
export interface DatabaseCheckRow {
  readonly LOG_MODE: string
  readonly SUPPLEMENTAL_LOG_DATA_MIN: string
  readonly SUPPLEMENTAL_LOG_DATA_PK: string
  readonly SUPPLEMENTAL_LOG_DATA_ALL: string
}

export interface LogGroupRow {
  readonly OWNER: string
  readonly TABLE_NAME: string
  readonly LOG_GROUP_TYPE: string
}

export interface LogMinerProblem {
  readonly code: 'ARCHIVELOG_OFF' | 'SUPPLEMENTAL_MIN_OFF' | 'TABLE_NOT_LOGGED' | 'PRIVILEGE_MISSING'
  readonly object: string
  readonly message: string
  readonly fix: string
}

/** Privileges LogMiner capture needs (19c): mining, reading the log views and the captured tables. */
export const REQUIRED_PRIVILEGES = ['CREATE SESSION', 'LOGMINING', 'SELECT ANY TRANSACTION', 'SELECT_CATALOG_ROLE', 'EXECUTE_CATALOG_ROLE'] as const

/**
 * `tables`: 'OWNER.TABLE' → whether the load found a key. A keyed table needs at least PRIMARY
 * KEY logging (then updates carry key + changed columns and are applied as partial updates); a
 * keyless one needs ALL COLUMNS logging, its only way to say which row changed.
 */
export function logMinerProblems(db: DatabaseCheckRow, groups: readonly LogGroupRow[], privileges: readonly string[], tables: ReadonlyMap<string, boolean>): LogMinerProblem[] {
  const out: LogMinerProblem[] = []
  if (db.LOG_MODE !== 'ARCHIVELOG') {
    out.push({ code: 'ARCHIVELOG_OFF', object: 'database', message: `the database runs in ${db.LOG_MODE} mode: redo is overwritten before it can be mined`, fix: 'SHUTDOWN IMMEDIATE; STARTUP MOUNT; ALTER DATABASE ARCHIVELOG; ALTER DATABASE OPEN;' })
  }
  if (db.SUPPLEMENTAL_LOG_DATA_MIN === 'NO') {
    out.push({ code: 'SUPPLEMENTAL_MIN_OFF', object: 'database', message: 'minimal supplemental logging is off: LogMiner cannot build complete row changes', fix: 'ALTER DATABASE ADD SUPPLEMENTAL LOG DATA;' })
  }
  const dbAll = db.SUPPLEMENTAL_LOG_DATA_ALL === 'YES'
  const dbPk = db.SUPPLEMENTAL_LOG_DATA_PK === 'YES'
  for (const [table, keyed] of tables) {
    const [owner, name] = table.split('.') as [string, string]
    const types = groups.filter((g) => g.OWNER === owner && g.TABLE_NAME === name).map((g) => g.LOG_GROUP_TYPE)
    const all = dbAll || types.includes('ALL COLUMN LOGGING')
    const pk = all || dbPk || types.includes('PRIMARY KEY LOGGING')
    if (keyed ? !pk : !all) {
      out.push({
        code: 'TABLE_NOT_LOGGED',
        object: table,
        message: keyed ? `${table} has no primary key supplemental logging: its updates would not say which row they change` : `${table} has no key and no ALL COLUMNS supplemental logging: its updates and deletes cannot say which row they change`,
        fix: `ALTER TABLE "${owner}"."${name}" ADD SUPPLEMENTAL LOG DATA (${keyed ? 'PRIMARY KEY' : 'ALL'}) COLUMNS;`,
      })
    }
  }
  const have = new Set(privileges.map((p) => p.toUpperCase()))
  for (const p of REQUIRED_PRIVILEGES) {
    if (!have.has(p)) out.push({ code: 'PRIVILEGE_MISSING', object: p, message: `the source user lacks ${p}`, fix: `GRANT ${p} TO <godwit user>;` })
  }
  return out
}
