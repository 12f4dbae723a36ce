// Lint rules: typescript-eslint's recommended set, React hooks rules, and the house's one-way imports
// (../shared/STYLE.md): shared/ is pure TypeScript, renderer/ and electron/ meet only through shared/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeBuiltins = ['fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'url', 'stream', 'util', 'http', 'net'];
// Exact module names (a pattern would also match local folders such as ./util).
const nodePaths = (message) => nodeBuiltins.map((name) => ({ name, message }));
// apache-arrow's builders compile code with new Function, which the app's CSP forbids: use shared/db/arrow-build.ts.
const arrowBuilders = {
  name: 'apache-arrow',
  importNames: ['vectorFromArray', 'tableFromArrays', 'makeBuilder', 'builderThroughIterable', 'builderThroughAsyncIterable', 'tableFromJSON'],
  message: 'Arrow builders generate code (new Function), which the CSP forbids; use shared/db/arrow-build.ts.',
};

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'dist-electron/', 'release/', 'test-results/', 'coverage/', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': ['error', {
        paths: [...nodePaths('renderer/ has no Node APIs; it talks to its host through shared/host.'), arrowBuilders],
        patterns: [{ group: ['**/electron/**', 'electron', 'node:*'], message: 'renderer/ talks to its host only through shared/host.' }],
      }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [...nodePaths('shared/ is pure TypeScript: no Node APIs.'), arrowBuilders],
        patterns: [{ group: ['**/renderer/**', '**/electron/**', '**/cli/**', 'electron', 'react', 'node:*'], message: 'shared/ is pure TypeScript: no DOM, no Node, no imports from the other rooms.' }],
      }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/renderer/**', '**/cli/**'], message: 'electron/ meets renderer/ only through shared/host.' }] }],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.mjs', 'eslint.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', Buffer: 'readonly' } },
  },
);
