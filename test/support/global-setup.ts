import type { TestProject } from 'vitest/node'
import { startEmbeddedPostgres, type EmbeddedServer } from '../../src/engines/postgres/embedded-server.js'
import { GodwitError } from '../../src/core/errors.js'
import { startServerBroker, type ServerBroker } from './server-broker.js'

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string
    /** Where test files ask for servers of other PostgreSQL majors (server-broker.ts). */
    serverBrokerUrl: string
  }
}

let server: EmbeddedServer | undefined
let broker: ServerBroker | undefined

/** One PostgreSQL for the whole run: TEST_DATABASE_URL when given, else an embedded server. */
export async function setup(project: TestProject): Promise<void> {
  broker = await startServerBroker()
  project.provide('serverBrokerUrl', broker.url)
  const given = process.env.TEST_DATABASE_URL
  if (given) {
    project.provide('databaseUrl', given)
    return
  }
  try {
    server = await startEmbeddedPostgres({ logical: true })
  } catch (e) {
    // vitest ends a failed global setup with exit 1 and little else: say why, and what to do.
    const hint = e instanceof GodwitError && e.hint ? `\nHint: ${e.hint}` : ''
    process.stderr.write(`\nThe test suite could not start its PostgreSQL server: ${(e as Error).message}${hint}\n` +
      'Or point the suite at a running server (wal_level=logical): TEST_DATABASE_URL=postgres://user:pass@host/db npm test\n\n')
    throw e
  }
  project.provide('databaseUrl', server.url)
}

export async function teardown(): Promise<void> {
  await broker?.close()
  await server?.stop()
}
