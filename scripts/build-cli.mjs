#!/usr/bin/env node
// Compiles the command line with esbuild into dist-cli/sigwb.mjs (`npm run build:cli`; bin/sigwb.mjs runs it when
// the sources are newer), so that `sigwb` starts without a run-time TypeScript transpiler. One ES module for Node:
// the native engine (@duckdb/node-api), duckdb-wasm and Chromium's driver stay outside the bundle (native code,
// large wasm files, loaded only by the commands that need them).
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Builds dist-cli/; returns its folder. */
export async function buildCli() {
  const outdir = path.join(root, 'dist-cli');
  await rm(outdir, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: { sigwb: 'cli/run.ts' },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    splitting: true,
    // Node's require for the CommonJS packages inside the bundle, and import.meta.url for paths beside it.
    banner: { js: "import { createRequire as __sigwbRequire } from 'node:module'; const require = __sigwbRequire(import.meta.url);" },
    external: ['@duckdb/node-bindings', '@duckdb/node-bindings-*', '@duckdb/duckdb-wasm', 'playwright-core', 'electron'],
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap: 'linked',
    logLevel: 'warning',
    legalComments: 'none',
  });
  return outdir;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = await buildCli();
  console.log(`sigwb compiled into ${path.relative(process.cwd(), out) || '.'}`);
}
