#!/usr/bin/env node
// Runs a TypeScript entry point (bench, scripts) through tsx's loader: `node bin/run-ts.mjs file.ts args…`.
import { register } from 'tsx/esm/api';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

register();
const [file, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], file, ...args];
await import(pathToFileURL(path.resolve(file)).href);
