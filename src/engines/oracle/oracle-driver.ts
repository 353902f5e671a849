import { SourceError } from '../../core/errors.js'

/**
 * The members of the `oracledb` driver godwit uses. The package ships no type declarations and is
 * loaded only when a live Oracle source is used, so DDL-file users never need it.
 */
export interface OracleDriver {
  getConnection(options: { user: string; password: string; connectString: string }): Promise<DriverConnection>
  createPool(options: { user: string; password: string; connectString: string; poolMin: number; poolMax: number }): Promise<DriverPool>
  readonly OUT_FORMAT_OBJECT: number
  readonly OUT_FORMAT_ARRAY: number
  readonly DB_TYPE_NUMBER: unknown
  readonly DB_TYPE_CLOB: unknown
  readonly DB_TYPE_NCLOB: unknown
  readonly DB_TYPE_BLOB: unknown
  readonly DB_TYPE_LONG: unknown
  readonly DB_TYPE_LONG_RAW: unknown
  readonly STRING: unknown
  readonly BUFFER: unknown
}

export interface DriverPool {
  getConnection(): Promise<DriverConnection>
  close(drainSeconds: number): Promise<void>
}

export interface DriverResultSet {
  getRows(n: number): Promise<unknown[][]>
  close(): Promise<void>
}

/** A bind value as godwit sends it: text converted in the SQL, bytes for RAW/BLOB, NULL. */
export type DriverBindValue = string | Buffer | null

/** `rows` are objects or arrays, as the `outFormat` option asks. autoCommit is off: DML waits for commit(). */
export interface DriverConnection {
  execute(sql: string, binds?: Readonly<Record<string, DriverBindValue>>, options?: object): Promise<{ rows?: unknown[]; resultSet?: DriverResultSet; rowsAffected?: number }>
  executeMany(sql: string, binds: readonly Readonly<Record<string, DriverBindValue>>[], options?: { dmlRowCounts?: boolean }): Promise<{ rowsAffected?: number; dmlRowCounts?: number[] }>
  commit(): Promise<void>
  rollback(): Promise<void>
  break(): Promise<void>
  close(): Promise<void>
}

const DRIVER_MODULE = 'oracledb'

export async function loadOracleDriver(): Promise<OracleDriver> {
  try {
    // A variable specifier: the module is untyped, and OracleDriver above is its contract.
    const mod = (await import(DRIVER_MODULE)) as OracleDriver & { default?: OracleDriver }
    return mod.default ?? mod
  } catch (e) {
    throw new SourceError('ORACLE_DRIVER_MISSING', 'The oracledb driver could not be loaded.', {
      hint: 'Install it with `npm install oracledb` (thin mode needs no Oracle client).',
      cause: e,
    })
  }
}
