import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../cli/run-cli.js'
import { exec, sourceAndTarget } from './load-support.js'

describe('godwit load (command)', () => {
  let db: Awaited<ReturnType<typeof sourceAndTarget>>
  let secretSource: string
  beforeAll(async () => {
    db = await sourceAndTarget('loadcmd')
    await exec(db.source, `CREATE TABLE ok (id int PRIMARY KEY, v text); INSERT INTO ok SELECT g, 'v' || g FROM generate_series(1, 1000) g;
      CREATE TABLE narrow (id int PRIMARY KEY, v text); INSERT INTO narrow SELECT g, repeat('x', g) FROM generate_series(1, 10) g;
      CREATE TABLE absent (id int PRIMARY KEY)`)
    await exec(db.target, `CREATE TABLE ok (id int PRIMARY KEY, v text); CREATE TABLE narrow (id int PRIMARY KEY, v varchar(5))`)
    secretSource = db.source
  })
  afterAll(async () => db?.drop())

  it('--json prints only the result envelope on stdout and exits 0', async () => {
    const r = await runCli(['load', '--source', db.source, '--target', db.target, '--tables', 'public.ok', '--chunk-rows', '300', '--json'])
    expect(r.status).toBe(0)
    const out = JSON.parse(r.stdout) as { status: number; result: { tables: { name: string; rows: number; rejected: number; seconds: number }[]; position: { slot: string } } }
    expect(out.status).toBe(0)
    expect(out.result.tables).toEqual([expect.objectContaining({ name: 'public.ok', rows: 1000, rejected: 0, seconds: expect.any(Number) })])
    expect(out.result.position.slot).toMatch(/^godwit_[0-9a-f]{16}$/)
  })

  it('exits 68 (partial) when a table fails on a bad row, naming it, and prints the summary', async () => {
    const r = await runCli(['load', '--source', db.source, '--target', db.target, '--tables', 'public.narrow'])
    expect(r.status).toBe(68)
    expect(r.stdout).toMatch(/public\.narrow\s+0\s+0\s+0\/1/)
    expect(r.stdout).toMatch(/row \(id=6\) column v: .*too long/)
    expect(r.stdout).toMatch(/run the same command again to resume/)
  })

  it('says partial in the --json envelope too', async () => {
    const r = await runCli(['load', '--source', db.source, '--target', db.target, '--tables', 'public.narrow', '--json'])
    expect(r.status).toBe(68)
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 68, result: { complete: false } })
  })

  it('exits 5 naming the table when the target lacks it, and never prints the password', async () => {
    const r = await runCli(['load', '--source', secretSource, '--target', db.target, '--tables', 'public.absent', '--json'])
    expect(r.status).toBe(5)
    expect(JSON.parse(r.stdout)).toMatchObject({ code: 'TABLE_NOT_FOUND', message: expect.stringContaining('public.absent') })
    expect(r.stdout + r.stderr).not.toContain(`:${new URL(secretSource).password}@`)
  })

  it('exits 2 when no source or target is given', async () => {
    const r = await runCli(['load', '--json'])
    expect(r.status).toBe(2)
    expect(JSON.parse(r.stdout)).toMatchObject({ code: 'CONNECTION_URL_MISSING' })
  })
})
