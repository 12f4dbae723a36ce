#!/usr/bin/env node
// The sigwb command: runs the compiled CLI (dist-cli/sigwb.mjs, made by `npm run build:cli` with esbuild). In a
// source checkout it is rebuilt first when any source file is newer than it (a few milliseconds to check, about a
// second to rebuild); where esbuild is absent it says how to build instead of running stale code.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = path.join(root, 'dist-cli', 'sigwb.mjs');
const SOURCES = ['cli', 'shared', 'node', 'package.json'];

function newest(p) {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  let t = 0;
  for (const e of readdirSync(p, { withFileTypes: true })) {
    const child = path.join(p, e.name);
    t = Math.max(t, e.isDirectory() ? newest(child) : statSync(child).mtimeMs);
  }
  return t;
}

const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
if (builtAt === 0 || SOURCES.some((s) => newest(path.join(root, s)) > builtAt)) {
  let buildCli;
  try {
    ({ buildCli } = await import(pathToFileURL(path.join(root, 'scripts', 'build-cli.mjs')).href));
  } catch (e) {
    process.stderr.write(`sigwb: the compiled command line (dist-cli/) is ${builtAt ? 'older than its sources' : 'missing'} and cannot be built here (${e.message.split('\n')[0]}); run "npm install" then "npm run build:cli" in ${root}\n`);
    process.exit(1);
  }
  await buildCli();
}
await import(pathToFileURL(built).href);
