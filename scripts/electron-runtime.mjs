// What `npm start` needs to start Electron or to say truthfully why it cannot: where the electron package
// keeps its binary (without `require('electron')`, whose index.js downloads a missing binary synchronously
// and with no time limit), a bounded download attempt, the display check, the launch with its early-exit
// check, and whether the build is stale. Used by scripts/start.mjs and test/e2e/electron.test.ts.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { clearTimeout, setTimeout } from 'node:timers';

const require = createRequire(import.meta.url);

/** The folder of the installed electron package. */
export function electronPackageDir() {
  return path.dirname(require.resolve('electron/package.json'));
}

/**
 * Where electron/index.js would look for the binary, and whether it is there. Mirrors index.js:
 * ELECTRON_OVERRIDE_DIST_PATH wins, else dist/ + the name in path.txt (written by install.js after a download).
 * @returns {{ path: string | null, expected: string, reason: string | null }}
 */
export function locateElectron({ dir = electronPackageDir(), env = process.env } = {}) {
  const pathFile = path.join(dir, 'path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const expected = override ? path.join(override, name || 'electron') : path.join(dir, 'dist', name || 'electron');
  if (name === '' && !override) return { path: null, expected, reason: 'the Electron binary has not been downloaded yet' };
  if (!existsSync(expected)) return { path: null, expected, reason: `the Electron binary is missing at ${expected}` };
  return { path: expected, expected, reason: null };
}

/**
 * Runs electron's own install.js (the download index.js would do), but with a time limit and its output
 * captured, so that an offline machine fails in seconds with the reason instead of hanging.
 * @returns {Promise<{ ok: boolean, reason: string | null }>}
 */
export function downloadElectron({ dir = electronPackageDir(), timeoutMs = 120_000, env = process.env, installScript = path.join(dir, 'install.js') } = {}) {
  return new Promise((resolve) => {
    let output = '';
    let timedOut = false;
    const child = spawn(process.execPath, [installScript], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ ok: false, reason: `could not run the download: ${e.message}` });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (timedOut) resolve({ ok: false, reason: `the download did not finish within ${Math.round(timeoutMs / 1000)} s` });
      else if (code === 0) resolve({ ok: true, reason: null });
      else resolve({ ok: false, reason: `the download failed: ${firstMessageLine(output) || `exit code ${code}`}` });
    });
  });
}

/** Why no window can open here (Linux/BSD without an X11 or Wayland display), or null. */
export function displayProblem({ env = process.env, platform = process.platform } = {}) {
  if (!['linux', 'freebsd', 'openbsd'].includes(platform)) return null;
  if (env.DISPLAY || env.WAYLAND_DISPLAY) return null;
  return 'no display: DISPLAY and WAYLAND_DISPLAY are unset';
}

/**
 * Starts Electron and waits for it to end. A spawn error, or an exit with an error code or signal within
 * `earlyExitMs` (a missing library, a misconfigured sandbox, no display after all), counts as "could not
 * start", with the reason taken from its last stderr lines; after that window an exit is the app's own.
 * stderr is passed through as it arrives.
 * @returns {Promise<{ started: true, code: number } | { started: false, reason: string }>}
 */
export function launchElectron(binary, args, { cwd = process.cwd(), env = process.env, earlyExitMs = 5000 } = {}) {
  return new Promise((resolve) => {
    const childEnv = { ...env };
    // Set, it makes Electron a plain Node.js: no window.
    delete childEnv.ELECTRON_RUN_AS_NODE;
    const startedAt = Date.now();
    let stderrTail = '';
    let child;
    try {
      child = spawn(binary, args, { cwd, env: childEnv, stdio: ['inherit', 'inherit', 'pipe'], windowsHide: false });
    } catch (e) {
      resolve({ started: false, reason: `spawning ${binary} failed: ${e.message}` });
      return;
    }
    child.stderr.on('data', (d) => {
      process.stderr.write(d);
      stderrTail = (stderrTail + d).slice(-4000);
    });
    const forward = (signal) => () => child.kill(signal);
    const handlers = ['SIGINT', 'SIGTERM'].map((s) => [s, forward(s)]);
    for (const [s, h] of handlers) process.on(s, h);
    const done = (result) => {
      for (const [s, h] of handlers) process.off(s, h);
      resolve(result);
    };
    child.on('error', (e) => done({ started: false, reason: `spawning ${binary} failed: ${e.code ?? e.message}` }));
    child.on('close', (code, signal) => {
      const early = Date.now() - startedAt < earlyExitMs;
      if (early && (signal || code !== 0)) {
        const how = signal ? `signal ${signal}` : `code ${code}`;
        const detail = lastMessageLine(stderrTail);
        done({ started: false, reason: `it exited at once with ${how}${detail ? `: ${detail}` : ''}` });
      } else {
        done({ started: true, code: code ?? 1 });
      }
    });
  });
}

/** The one line `npm start` prints when Electron cannot start. */
export function couldNotStartMessage(reason) {
  const oneLine = String(reason).replace(/\s+/g, ' ').trim().slice(0, 400);
  return `Signature Workbench: Electron could not start here (${oneLine}). Run "npm run web" to use the workbench in a browser.`;
}

/** Sources whose change means the app must be rebuilt before it starts. */
const buildInputs = ['renderer', 'shared', 'electron', 'samples', 'vite.config.ts', 'package.json', 'scripts/build-electron.mjs'];
/** What `npm run build` produces. */
const buildOutputs = ['dist/index.html', 'dist-electron/main.cjs', 'dist-electron/preload.cjs'];

/** Whether an output of `npm run build` is missing or older than a source it is built from. */
export function buildIsStale(root) {
  let oldestOutput = Infinity;
  for (const out of buildOutputs) {
    const file = path.join(root, out);
    if (!existsSync(file)) return true;
    oldestOutput = Math.min(oldestOutput, statSync(file).mtimeMs);
  }
  return buildInputs.some((input) => newestMtime(path.join(root, input)) > oldestOutput);
}

function newestMtime(p) {
  if (!existsSync(p)) return 0;
  const stat = statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(p, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry.name)));
  }
  return newest;
}

function messageLines(text) {
  return String(text)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('at '));
}

function firstMessageLine(text) {
  return messageLines(text)[0] ?? '';
}

function lastMessageLine(text) {
  const lines = messageLines(text);
  return lines[lines.length - 1] ?? '';
}
