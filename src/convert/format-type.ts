import type { LogicalType } from '../model/logical-type.js'
import type { NativeType } from '../model/schema.js'
import { targetTypeFormat } from './render-target-ddl.js'
import { DEFAULT_TARGET, type TargetDialect } from './target.js'
import { findTypeOverride, type TypeOverrides } from './type-overrides.js'

/**
 * PostgreSQL type text for a source type. `logical`, when given, is the type a stage already
 * settled on (e.g. text for a type the target lacks) and is used instead of mapping `native`
 * again; a user's override still wins over both.
 */
export type TypeFormatter = (native: NativeType, logical?: LogicalType) => string

/** The converter's type rule: the user's override text, else the target's documented mapping. */
export function makeTypeFormatter(overrides: TypeOverrides, toLogical: (n: NativeType) => LogicalType, target: TargetDialect = DEFAULT_TARGET): TypeFormatter {
  const format = targetTypeFormat(target.engine)
  return (native, logical) => findTypeOverride(overrides, native)?.target ?? format(logical ?? toLogical(native), native)
}
