// Lint rules that guard the architecture as well as the code: the core never imports Electron,
// the renderer never imports Node or main-process code, connectors never touch the store.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'net']

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'coverage/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Plain Node scripts (bin/, scripts/, security/, configs) run outside TypeScript's checks.
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', module: 'writable', require: 'readonly', __dirname: 'readonly', URL: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' },
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src/main/**/*.ts', 'src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/sim/**'], message: 'Simulators are never part of the product build.' }] }],
    },
  },
  {
    files: ['src/main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The core runs without Electron (browser mode, CLI, tests).' }],
          patterns: [{ group: ['**/sim/**'], message: 'Simulators are never part of the product build.' }],
        },
      ],
    },
  },
  {
    files: ['src/main/core/sync/connectors/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The core runs without Electron.' }],
          patterns: [
            { group: ['**/db/**'], message: 'Connectors never touch the store; the engine hands them what they need.' },
            { group: ['**/sim/**'], message: 'Simulators are never part of the product build.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: [...nodeBuiltins, 'electron'], message: 'Shared code runs everywhere, the renderer included.' }] }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: [...nodeBuiltins, 'electron', '**/main/**', '**/preload/**', '**/sim/**'], message: 'The renderer imports only @shared/* and its own code.' }] },
      ],
    },
  },
)
