import { ALLOWED_EXTENSIONS, supportFunctionSql } from '../../src/convert/sql/support-functions.js'
import { SUPPORT_FUNCTION_NAMES } from '../../src/convert/sql/support-functions.js'
import { readTargetCatalog, serverMajorFor, type TargetCatalog } from './catalog-resolution.js'
import { freshDatabase, serverOfMajor } from './database.js'
import pg from 'pg'

const catalogs = new Map<number, Promise<TargetCatalog>>()

/**
 * The catalog output written for `version` may use: a fresh database on a server of that major
 * with every godwit support function and allowed extension created. One per major per test
 * process; the database is dropped once read.
 */
export function supportCatalog(version: number): Promise<TargetCatalog> {
  const major = serverMajorFor(version)
  let c = catalogs.get(major)
  if (!c) {
    c = (async () => {
      const db = await freshDatabase(`catalog_${major}`, await serverOfMajor(major))
      const client = new pg.Client({ connectionString: db.url })
      await client.connect()
      try {
        for (const sql of supportFunctionSql(new Set([...SUPPORT_FUNCTION_NAMES, ...ALLOWED_EXTENSIONS.map((x) => `extension:${x}`)]))) await client.query(sql)
        return await readTargetCatalog(db.url)
      } finally {
        await client.end()
        await db.drop()
      }
    })()
    catalogs.set(major, c)
  }
  return c
}
