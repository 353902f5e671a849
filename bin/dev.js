#!/usr/bin/env -S node --import tsx
// Runs a command straight from the TypeScript sources, without a build: the TypeScript lookup of
// oclif cannot register tsx in this setup and would fall back to the compiled dist folder, so the
// command class is imported here directly. Anything that is not a command id (help, --version)
// goes to oclif as usual.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Config, flush, handle } from '@oclif/core'

const [id, ...argv] = process.argv.slice(2)
const source = id && /^[a-z][a-z-]*$/.test(id) ? fileURLToPath(new URL(`../src/commands/${id}.ts`, import.meta.url)) : undefined

const wantsHelp = argv.includes('--help') || argv.includes('-h')

if (source && existsSync(source) && !wantsHelp) {
  const config = await Config.load({ root: fileURLToPath(new URL('..', import.meta.url)) })
  const { default: command } = await import(source)
  try {
    await command.run(argv, config)
    await flush()
  } catch (err) {
    await handle(err)
  }
} else {
  const { main } = await import('../src/cli/main.ts')
  await main(process.argv.slice(2), import.meta.url)
}
