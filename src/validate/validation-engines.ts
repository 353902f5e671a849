import { engineFor } from '../engines/registry.js'
import { OracleChecksumSide } from '../engines/oracle/oracle-checksum-side.js'
import { oracleCanPushDown } from '../engines/oracle/oracle-checksum-sql.js'
import { listOracleDataTables } from '../engines/oracle/oracle-data-tables.js'
import { openPgValidationCatalog } from '../engines/postgres/pg-checksum-catalog.js'
import { PgChecksumSide } from '../engines/postgres/pg-checksum-side.js'
import { RedshiftChecksumSide } from '../engines/redshift/redshift-checksum-side.js'
import { redshiftCanPushDown } from '../engines/redshift/redshift-checksum-sql.js'
import { openRedshiftValidationCatalog } from '../engines/redshift/redshift-validation-catalog.js'
import type { ValidationCatalog } from './catalog-table.js'
import type { ChecksumSide } from './checksum-side.js'
import { ClientHashedSide } from './client-hash.js'

export interface OpenedSide {
  readonly checksums: ChecksumSide
  readonly catalog: ValidationCatalog
}

export interface OpenSideOptions {
  readonly jobs: number
  /** Hash rows in Node instead of in the engine (engines without MD5; also to cross-check pushdown). */
  readonly clientHash: boolean
}

/** The engine behind a URL, as validation uses it. PostgreSQL serves either side (it is also the stand-in source); Oracle and Teradata are sources; Redshift a target. */
export async function openValidationSide(url: string, side: 'source' | 'target', o: OpenSideOptions): Promise<OpenedSide> {
  const engine = engineFor(url, side === 'source' ? 'validateSource' : 'validateTarget', 'VALIDATE_ENGINE_UNSUPPORTED')
  switch (engine.name) {
    case 'postgres': {
      const pgSide = new PgChecksumSide(url, side, o.jobs)
      return { checksums: o.clientHash ? new ClientHashedSide(pgSide, side) : pgSide, catalog: await openPgValidationCatalog(url, side) }
    }
    case 'oracle': {
      const oracle = new OracleChecksumSide(url, o.jobs)
      // Tables with floats or LOBs have no exact SQL rendering on Oracle: those are hashed in Node.
      return { checksums: new ClientHashedSide(oracle, side, (t) => o.clientHash || !oracleCanPushDown(t)), catalog: { listTables: (patterns) => listOracleDataTables(url, patterns), close: async () => undefined } }
    }
    case 'redshift': {
      const redshift = new RedshiftChecksumSide(url, o.jobs)
      // Floats, times and SUPER have no exact SQL rendering on Redshift: those tables are hashed in Node.
      return { checksums: new ClientHashedSide(redshift, side, (t) => o.clientHash || !redshiftCanPushDown(t)), catalog: await openRedshiftValidationCatalog(url) }
    }
    case 'teradata': {
      const { TeradataChecksumSide } = await import('../engines/teradata/teradata-checksum-side.js')
      const { listTeradataDataTables } = await import('../engines/teradata/teradata-catalog-read.js')
      // Teradata has no MD5: every table is hashed in Node from the rows it reads.
      return { checksums: new ClientHashedSide(new TeradataChecksumSide(url, o.jobs), side), catalog: { listTables: (patterns) => listTeradataDataTables(url, patterns), close: async () => undefined } }
    }
  }
}
