#!/usr/bin/env node
// The sigwb command: runs the TypeScript CLI through tsx's loader (a runtime dependency), so that the
// CLI, the tests and the app share one source and one engine.
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

register();
const here = path.dirname(fileURLToPath(import.meta.url));
const { main } = await import(path.join(here, '..', 'cli', 'main.ts'));
const code = await main(process.argv.slice(2), {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
});
process.exitCode = code;
