import { Flags } from '@oclif/core'
import { parseTargetVersion, type TargetDialect } from '../convert/target.js'
import { enginesThat } from '../engines/registry.js'

/** The PostgreSQL (or Redshift build) the output must run on (convert, assess). */
export const targetVersionFlags = {
  'target-version': Flags.integer({
    description:
      'PostgreSQL major the output must run on (14-18; also targetVersion in the config file). Default 14, the oldest supported: the output runs on every newer one. ' +
      'With --to redshift: the cluster build (SELECT version() shows Redshift 1.0.BUILD), default 72982.',
  }),
}

/** Flags shared by the commands that read a source schema, offline or live. */
export const sourceFlags = {
  from: Flags.string({ description: 'Source engine.', options: enginesThat('convertFrom').map((e) => e.name), default: 'oracle' }),
  source: Flags.string({ description: 'Live source catalog URL, e.g. oracle://user:pass@host:1521/service (instead of DDL files).' }),
  'source-schema': Flags.string({ description: 'Source schema(s) to read from a live catalog.', multiple: true }),
  include: Flags.string({ description: 'Only objects whose name matches (glob, repeatable).', multiple: true }),
  exclude: Flags.string({ description: 'Skip objects whose name matches (glob, repeatable).', multiple: true }),
  'type-map': Flags.string({ description: "Type override, e.g. 'NUMBER(1,0)=boolean' (repeatable; also typeMap in the config file).", multiple: true }),
  'script-list': Flags.string({
    description: 'A file listing scripts in run order, one per line, each optionally followed by its SQL*Plus arguments (like load_order.txt).',
  }),
}

/** `convert --to`: the engines SQL can be written for. */
export const convertTargetFlag = {
  to: Flags.string({ description: 'Target engine.', options: enginesThat('convertTo').map((e) => e.name), default: 'postgres' }),
}

/** The target `--to` and `--target-version` (else the config's targetVersion) name. */
export function targetDialect(flags: { readonly to?: string; readonly 'target-version'?: number }, configVersion?: number | string): TargetDialect {
  return parseTargetVersion(flags['target-version'] ?? configVersion, flags.to === 'redshift' ? 'redshift' : 'postgres')
}
