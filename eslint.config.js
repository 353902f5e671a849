import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'godwit-reports/**', '.godwit/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    // A switch over a union either names every member or says what the rest get with `default`.
    files: ['src/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }] },
  },
  {
    // Where values are rendered, hashed, extracted or written, a switch over logical types names
    // every kind: a kind added later is an error at each such switch, never hashed by a `default`.
    files: ['src/values/**/*.ts', 'src/validate/**/*.ts', 'src/load/**/*.ts', 'src/engines/*/*-{checksum,extract,types,catalog,apply}*.ts'],
    rules: { '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: false }] },
  },
  {
    // The model is plain data: it must not reach for drivers, I/O or other layers.
    files: ['src/model/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['../*', 'pg', 'oracledb', 'node:*'] }] },
  },
  {
    // Layers: commands → phases (convert, load, cdc, validate, cutover…) → engines → values/model/core.
    // The bottom layers never import a phase, an engine or the CLI.
    files: ['src/values/**/*.ts', 'src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['convert', 'load', 'cdc', 'validate', 'cutover', 'engines', 'report', 'status', 'state', 'cli', 'commands', 'config', 'demo', 'ui'].map((layer) => `../${layer}/*`), message: 'values/ and core/ sit below the phases and engines: import only model/, core/ and values/.' }] }],
    },
  },
  {
    // Only commands (and the CLI glue they share) know about oclif and the terminal.
    files: ['src/{convert,load,cdc,validate,cutover,engines,report,status,state}/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['../commands/*', '../cli/*', '../../commands/*', '../../cli/*'], message: 'Phases and engines are libraries: the CLI calls them, never the other way.' }] }],
    },
  },
)
