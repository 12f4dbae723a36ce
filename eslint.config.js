// Lint rules: typescript-eslint's recommended set, React hooks rules, and the house's one-way imports
// (../shared/STYLE.md): shared/ is pure TypeScript, renderer/ and electron/ meet only through shared/, node/ is the
// Node host that electron/ and cli/ import.
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
  { ignores: ['node_modules/', '.tsbuild/', 'dist/', 'dist-electron/', 'dist-cli/', 'release/', 'test-results/', 'coverage/', '**/*.cjs'] },
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
        patterns: [{ group: ['**/electron/**', '**/node/**', '**/cli/**', 'electron', 'node:*'], message: 'renderer/ talks to its host only through shared/host.' }],
      }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [...nodePaths('shared/ is pure TypeScript: no Node APIs.'), arrowBuilders],
        patterns: [{ group: ['**/renderer/**', '**/electron/**', '**/node/**', '**/cli/**', '**/bench/**', '**/samples/**', 'electron', 'react', 'node:*'], message: 'shared/ is pure TypeScript: no DOM, no Node, no imports from the other rooms.' }],
      }],
    },
  },
  {
    files: ['node/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [arrowBuilders],
        patterns: [{ group: ['**/renderer/**', '**/electron/**', '**/cli/**', '**/bench/**', '**/samples/**', '**/test/**', 'electron', 'react'], message: 'node/ is the plain-Node host: it imports shared/ only, and electron/ and cli/ import it.' }],
      }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/renderer/**', '**/cli/**', '**/bench/**', '**/test/**'], message: 'electron/ meets renderer/ only through shared/host; its logic lives in node/.' }] }],
    },
  },
  {
    files: ['cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [arrowBuilders],
        patterns: [{ group: ['**/renderer/**', '**/electron/**', '**/bench/**', '**/test/**', 'electron', 'react'], message: 'cli/ is shared/ and node/ in a terminal: no Electron, no renderer.' }],
      }],
    },
  },
  {
    files: ['bench/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/renderer/**', '**/electron/**', 'electron'], message: 'bench/ measures shared/, node/ and cli/ (the UI through the built app in a browser), never renderer/ or electron/ modules directly.' }] }],
    },
  },
  {
    files: ['samples/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [arrowBuilders],
        patterns: [{ group: ['**/renderer/**', '**/electron/**', '**/cli/**', '**/node/**', '**/bench/**', '**/test/**', 'electron', 'react'], message: 'samples/ generates data from shared/ alone, so that anyone can read how the sample data are made.' }],
      }],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.mjs', 'eslint.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', Buffer: 'readonly' } },
  },
);
