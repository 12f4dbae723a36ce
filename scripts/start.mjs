#!/usr/bin/env node
// `npm start`: checks that Electron can start here, rebuilds the app when dist/ or dist-electron/ is missing
// or older than its sources, and runs it. Where Electron cannot start (binary missing and not downloadable,
// no display, a failed spawn, an immediate crash) it prints one line saying why and pointing at the web
// mode, and exits 1.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIsStale, couldNotStartMessage, displayProblem, downloadElectron, launchElectron, locateElectron } from './electron-runtime.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function cannotStart(reason) {
  console.error(couldNotStartMessage(reason));
  process.exit(1);
}

let electron = locateElectron();
const noDisplay = displayProblem();
if (!electron.path) {
  // No point downloading a binary that could not open a window here anyway.
  if (noDisplay) cannotStart(`${electron.reason}; ${noDisplay}`);
  const timeoutMs = Number(process.env.SIGWB_ELECTRON_DOWNLOAD_TIMEOUT_MS) || 120_000;
  const download = await downloadElectron({ timeoutMs });
  if (!download.ok) cannotStart(`${electron.reason} and ${download.reason}`);
  electron = locateElectron();
  if (!electron.path) cannotStart(electron.reason);
}
if (noDisplay) cannotStart(noDisplay);

if (buildIsStale(root)) {
  // npm_execpath is set when this runs under npm; it avoids needing a shell for npm.cmd on Windows.
  const npm = process.env.npm_execpath
    ? { cmd: process.execPath, args: [process.env.npm_execpath, 'run', 'build'], shell: false }
    : { cmd: 'npm', args: ['run', 'build'], shell: process.platform === 'win32' };
  const built = spawnSync(npm.cmd, npm.args, { cwd: root, stdio: 'inherit', shell: npm.shell });
  if (built.status !== 0) {
    console.error(`Signature Workbench: the build failed (npm run build: ${built.error?.message ?? `exit code ${built.status}`}).`);
    process.exit(1);
  }
}

const outcome = await launchElectron(electron.path, ['.', ...process.argv.slice(2)], { cwd: root });
if (!outcome.started) cannotStart(outcome.reason);
process.exitCode = outcome.code;
