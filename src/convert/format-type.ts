import type { LogicalType } from '../model/logical-type.js'
import type { NativeType } from '../model/schema.js'
import { formatPostgresType } from '../engines/postgres/postgres-types.js'
import { findTypeOverride, type TypeOverrides } from './type-overrides.js'

/**
 * PostgreSQL type text for a source type. `logical`, when given, is the type a stage already
 * settled on (e.g. text for a type the target lacks) and is used instead of mapping `native`
 * again; a user's override still wins over both.
 */
export type TypeFormatter = (native: NativeType, logical?: LogicalType) => string

/** The converter's type rule: the user's override text, else the documented mapping. */
export function makeTypeFormatter(overrides: TypeOverrides, toLogical: (n: NativeType) => LogicalType): TypeFormatter {
  return (native, logical) => findTypeOverride(overrides, native)?.target ?? formatPostgresType(logical ?? toLogical(native))
}
