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
    // The model is plain data: it must not reach for drivers, I/O or other layers.
    files: ['src/model/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['../*', 'pg', 'oracledb', 'node:*'] }] },
  },
)
