import { Flags } from '@oclif/core'

/** `--state`, the same for every phase that records a run (load, cdc, validate): docs/state-store.md. */
export const stateFlag = {
  state: Flags.string({
    description: "PostgreSQL database holding the run's state (the godwit control schema; docs/state-store.md): required for a Redshift target, the target itself for PostgreSQL.",
  }),
}
