import type { SqlText } from '../../model/location.js'
import type { DdlContext } from '../ddl-reader/ddl-context.js'

/** A statement reader's context for Teradata: the shared one, plus the data statements a DDL statement implies (CREATE TABLE … AS t WITH DATA). */
export interface TeradataDdlContext extends DdlContext {
  readonly data: SqlText[]
}
