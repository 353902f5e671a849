import { SourceError } from '../../core/errors.js'

/**
 * The members of the `teradatasql` driver godwit uses. The driver is under Teradata's own
 * licence and pulls a native FFI module (koffi) with an install script, so it is not a
 * dependency of godwit at all: users who read Teradata install it themselves, and it is loaded
 * only when a `teradata://` URL is used. Its calls are synchronous (each `execute` and `fetchmany`
 * blocks the Node thread until Teradata answers), which is why readers fetch in bounded batches
 * and yield between them.
 */
export interface TeradataDriver {
  readonly TeradataConnection: new () => DriverConnection
}

/** Connection parameters as the driver takes them: every value a string. */
export type DriverConnectParams = Readonly<Record<string, string>>

export interface DriverConnection {
  connect(params: DriverConnectParams): void
  cursor(): DriverCursor
  close(): void
}

/** One row's values in select-list order; `description` entries start with the column name. */
export interface DriverCursor {
  execute(sql: string, params?: readonly unknown[]): void
  fetchmany(rows: number): unknown[][]
  fetchall(): unknown[][]
  readonly description: readonly (readonly unknown[])[] | null
  close(): void
}

const DRIVER_MODULE = 'teradatasql'

/** The command that installs the driver, for hints and docs. */
export const TERADATA_DRIVER_INSTALL = 'npm install teradatasql'

export async function loadTeradataDriver(importer: (specifier: string) => Promise<unknown> = (s) => import(s)): Promise<TeradataDriver> {
  let mod: TeradataDriver & { default?: TeradataDriver }
  try {
    // A variable specifier: the package is not a dependency, and TeradataDriver above is its contract.
    mod = (await importer(DRIVER_MODULE)) as TeradataDriver & { default?: TeradataDriver }
  } catch (e) {
    throw new SourceError('TERADATA_DRIVER_MISSING', 'The teradatasql driver is not installed: godwit needs it to read a live Teradata.', {
      hint: `Install it beside godwit with \`${TERADATA_DRIVER_INSTALL}\` (Teradata's licence; it needs 64-bit Node and allows the install script of its koffi dependency). DDL files and BTEQ scripts convert without it.`,
      cause: e,
    })
  }
  const driver = mod.TeradataConnection ? mod : mod.default
  if (!driver?.TeradataConnection) {
    throw new SourceError('TERADATA_DRIVER_MISSING', 'The teradatasql module was found but exports no TeradataConnection.', {
      hint: `Reinstall it with \`${TERADATA_DRIVER_INSTALL}\`; godwit expects the Teradata SQL Driver for Node.js 20.x.`,
    })
  }
  return driver
}
