#!/usr/bin/env node
// Bundles the Electron main process and preload with esbuild into dist-electron/ (`npm run build:electron`):
// main.cjs for Node inside Electron, preload.cjs as one file because a sandboxed preload can require
// nothing but 'electron'. CommonJS (.cjs) because package.json says "type": "module" and Electron loads
// its main entry and preloads as CommonJS here. The preload is minified (it carries zod for the contract's
// schemas and is parsed at every window start); main stays readable for its stack traces. The native DuckDB
// bindings (the app's engine file, node/db/workspace-engine-file.ts) stay outside main's bundle: native code, shipped
// beside it (electron-builder.yml) and loaded only when the main process first refreshes an engine file.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist-electron');

const common = {
  bundle: true,
  format: 'cjs',
  external: ['electron'],
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
  absWorkingDir: root,
};

await rm(outdir, { recursive: true, force: true });
await Promise.all([
  build({ ...common, external: ['electron', '@duckdb/node-bindings', '@duckdb/node-bindings-*'], entryPoints: { main: 'electron/main.ts' }, outdir, outExtension: { '.js': '.cjs' }, platform: 'node', target: 'node22' }),
  build({ ...common, entryPoints: { preload: 'electron/preload.ts' }, outdir, outExtension: { '.js': '.cjs' }, platform: 'browser', target: 'chrome140', minify: true }),
]);
console.log(`Electron main and preload bundled into ${path.relative(process.cwd(), outdir) || '.'}`);
