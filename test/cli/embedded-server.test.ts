import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { BINARIES_PACKAGE, startEmbeddedPostgres } from '../../src/engines/postgres/embedded-server.js'

const { initdb } = (await import(BINARIES_PACKAGE)) as { initdb: string }
const packaged = dirname(dirname(initdb))
const isRoot = process.getuid?.() === 0

async function serverAnswers(binariesDir: string): Promise<string> {
  const server = await startEmbeddedPostgres({ binariesDir })
  try {
    const client = new pg.Client({ connectionString: server.url })
    await client.connect()
    const { rows } = await client.query<{ v: string }>('SELECT current_setting(\'server_version_num\') AS v')
    await client.end()
    return rows[0]!.v
  } finally {
    await server.stop()
  }
}

/**
 * A first run that works anywhere: as root from a checkout `postgres` cannot enter (a clone under
 * /root, mode 700), and from an install whose symlink-restoring install script npm skipped.
 */
describe('the embedded PostgreSQL', () => {
  const made: string[] = []
  afterAll(() => {
    for (const d of made) rmSync(d, { recursive: true, force: true })
  })

  it.skipIf(!isRoot)('starts as root from binaries in a directory only root can enter', async () => {
    const home = homedir()
    mkdirSync(home, { recursive: true })
    const closed = mkdtempSync(join(home, 'godwit-closed-'))
    made.push(closed)
    chmodSync(closed, 0o700)
    cpSync(packaged, join(closed, 'native'), { recursive: true, verbatimSymlinks: true })
    expect(statSync(closed).mode & 0o077).toBe(0)
    expect(Number(await serverAnswers(join(closed, 'native')))).toBeGreaterThanOrEqual(170000)
  }, 300_000)

  it('starts from binaries whose library symlinks were never restored', async () => {
    const bare = mkdtempSync(join(tmpdir(), 'godwit-bare-'))
    made.push(bare)
    cpSync(packaged, join(bare, 'native'), { recursive: true, verbatimSymlinks: true })
    const lib = join(bare, 'native', 'lib')
    for (const f of readdirSync(lib, { withFileTypes: true })) if (f.isSymbolicLink()) rmSync(join(lib, f.name))
    expect(Number(await serverAnswers(join(bare, 'native')))).toBeGreaterThanOrEqual(170000)
  }, 300_000)

  it('says what failed and what to do when the binaries cannot run', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'godwit-nobin-'))
    made.push(empty)
    await expect(startEmbeddedPostgres({ binariesDir: empty })).rejects.toMatchObject({
      code: 'EMBEDDED_PG_START',
      message: expect.stringContaining('initdb'),
      hint: expect.stringContaining(BINARIES_PACKAGE),
    })
  }, 120_000)
})
