import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectOracle } from '../../src/engines/oracle/oracle-connection.js'
import { introspectOracle } from '../../src/engines/oracle/oracle-introspector.js'
import { readSqlPlusScript } from '../../src/engines/oracle/sqlplus-script.js'
import type { SchemaModel } from '../../src/model/schema.js'
import { corpusAvailable, corpusLoadOrder } from '../support/corpus.js'

/**
 * Reads the HR sample schema from a live Oracle. ORACLE_URL names one that has HR installed;
 * without it, and with a Docker engine reachable, testcontainers starts Oracle Free and HR is
 * installed from the corpus scripts.
 */
const givenUrl = process.env.ORACLE_URL
const dockerReachable = Boolean(process.env.DOCKER_HOST) || existsSync('/var/run/docker.sock')
const canRun = Boolean(givenUrl) || (dockerReachable && corpusAvailable)
const how = givenUrl
  ? 'against ORACLE_URL'
  : canRun
    ? 'in an Oracle Free container (testcontainers)'
    : `skipped: set ORACLE_URL=oracle://user:pass@host:1521/service to run${dockerReachable ? '' : '; no Docker engine is reachable for testcontainers'}`

const IMAGE = 'gvenzl/oracle-free:23-slim-faststart'
const HR_PASSWORD = 'godwit_hr'

async function startOracleWithHr(): Promise<{ url: string; stop: () => Promise<unknown> }> {
  const { GenericContainer, Wait } = await import('testcontainers')
  const container = await new GenericContainer(IMAGE)
    .withEnvironment({ ORACLE_PASSWORD: 'godwit_sys', APP_USER: 'HR', APP_USER_PASSWORD: HR_PASSWORD })
    .withExposedPorts(1521)
    .withWaitStrategy(Wait.forLogMessage('DATABASE IS READY TO USE!'))
    .withStartupTimeout(600_000)
    .start()
  const url = `oracle://hr:${HR_PASSWORD}@${container.getHost()}:${container.getMappedPort(1521)}/FREEPDB1`
  const session = await connectOracle(url)
  try {
    for (const entry of corpusLoadOrder('oracle', 'hr').filter((e) => !e.path.endsWith('hr_populate.sql'))) {
      for (const s of readSqlPlusScript(entry.path, { args: entry.args }).statements) {
        // The driver takes one statement without SQL*Plus's terminating `;` (PL/SQL keeps its own).
        await session.query(s.plsql ? s.text : s.text.replace(/;\s*$/, ''))
      }
    }
  } finally {
    await session.close()
  }
  return { url, stop: () => container.stop() }
}

describe.skipIf(!canRun)(`introspectOracle on HR (${how})`, () => {
  let model: SchemaModel
  let stop: (() => Promise<unknown>) | undefined

  beforeAll(async () => {
    let url = givenUrl
    if (!url) {
      const started = await startOracleWithHr()
      url = started.url
      stop = started.stop
    }
    model = await introspectOracle(url, { schemas: ['hr'] })
  }, 900_000)

  afterAll(async () => {
    await stop?.()
  })

  it('finds the HR tables', () => {
    const names = model.tables.map((t) => t.name)
    expect(names).toEqual(expect.arrayContaining(['REGIONS', 'COUNTRIES', 'LOCATIONS', 'DEPARTMENTS', 'JOBS', 'EMPLOYEES', 'JOB_HISTORY']))
    expect(model.tables.every((t) => t.schema === 'HR')).toBe(true)
    expect(model.tables.find((t) => t.name === 'COUNTRIES')?.organization).toBe('index')
  })

  it('reads keys, foreign keys, checks and NOT NULLs of EMPLOYEES', () => {
    const emp = model.tables.find((t) => t.name === 'EMPLOYEES')!
    expect(emp.primaryKey).toMatchObject({ name: 'EMP_EMP_ID_PK', columns: ['EMPLOYEE_ID'] })
    expect(emp.uniques).toContainEqual(expect.objectContaining({ name: 'EMP_EMAIL_UK', columns: ['EMAIL'] }))
    expect(emp.foreignKeys).toContainEqual(expect.objectContaining({ name: 'EMP_DEPT_FK', references: { schema: 'HR', name: 'DEPARTMENTS' } }))
    expect(emp.checks).toContainEqual(expect.objectContaining({ name: 'EMP_SALARY_MIN' }))
    expect(emp.columns.find((c) => c.name === 'LAST_NAME')).toMatchObject({ nullable: false, nativeType: { name: 'VARCHAR2', length: 25 } })
    expect(emp.columns.find((c) => c.name === 'SALARY')?.type).toEqual({ kind: 'decimal', precision: 8, scale: 2 })
  })

  it('reads views, sequences and indexes', () => {
    expect(model.views.find((v) => v.name === 'EMP_DETAILS_VIEW')).toMatchObject({ readOnly: true, query: { text: expect.stringMatching(/^SELECT/i) } })
    expect(model.sequences.map((s) => s.name)).toEqual(expect.arrayContaining(['EMPLOYEES_SEQ', 'DEPARTMENTS_SEQ', 'LOCATIONS_SEQ']))
    expect(model.indexes.map((i) => i.name)).toEqual(expect.arrayContaining(['EMP_NAME_IX', 'EMP_DEPARTMENT_IX']))
  })

  it('reads HR code: procedures and triggers with their table', () => {
    expect(model.code).toContainEqual(expect.objectContaining({ kind: 'trigger', name: 'UPDATE_JOB_HISTORY', table: { schema: 'HR', name: 'EMPLOYEES' } }))
    expect(model.code.find((c) => c.name === 'ADD_JOB_HISTORY')?.source.text).toMatch(/^CREATE OR REPLACE PROCEDURE/i)
  })
})
