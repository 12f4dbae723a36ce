import { spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildIsStale,
  couldNotStartMessage,
  displayProblem,
  downloadElectron,
  launchElectron,
  locateElectron,
} from '../../../scripts/electron-runtime.mjs';

const repo = path.resolve(import.meta.dirname, '../../..');
const posix = process.platform !== 'win32';
const messagePattern = /^Signature Workbench: Electron could not start here \(.+\)\. Run "npm run web" to use the workbench in a browser\.$/;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sigwb-start-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function script(name: string, body: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, `#!/bin/sh\n${body}\n`);
  await chmod(file, 0o755);
  return file;
}

describe('npm start where Electron cannot start', () => {
  it.runIf(process.platform === 'linux')('prints one line saying why and pointing at the web mode, exits 1, downloads and builds nothing', () => {
    const started = Date.now();
    const run = spawnSync(process.execPath, [path.join(repo, 'scripts', 'start.mjs')], {
      cwd: repo,
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: path.join(dir, 'no-electron-here'), DISPLAY: '', WAYLAND_DISPLAY: '' },
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(messagePattern);
    expect(lines[0]).toContain('the Electron binary is missing at');
    expect(lines[0]).toContain('no display');
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('locateElectron', () => {
  it('finds the binary named by path.txt in dist/, as electron/index.js does', async () => {
    await mkdir(path.join(dir, 'dist'));
    await writeFile(path.join(dir, 'path.txt'), 'electron');
    expect(locateElectron({ dir, env: {} })).toMatchObject({ path: null, reason: expect.stringContaining('missing at') });
    await writeFile(path.join(dir, 'dist', 'electron'), '');
    expect(locateElectron({ dir, env: {} })).toEqual({ path: path.join(dir, 'dist', 'electron'), expected: path.join(dir, 'dist', 'electron'), reason: null });
  });

  it('says the binary was never downloaded when there is no path.txt, and honours ELECTRON_OVERRIDE_DIST_PATH', async () => {
    expect(locateElectron({ dir, env: {} }).reason).toBe('the Electron binary has not been downloaded yet');
    await writeFile(path.join(dir, 'electron'), '');
    expect(locateElectron({ dir: path.join(dir, 'pkg'), env: { ELECTRON_OVERRIDE_DIST_PATH: dir } }).path).toBe(path.join(dir, 'electron'));
  });

  it('never loads the electron package (whose index.js would download)', () => {
    const here = locateElectron();
    expect(here.expected).toContain('electron');
  });
});

describe('downloadElectron', () => {
  it('reports the first line of a failed download', async () => {
    const install = path.join(dir, 'install.js');
    await writeFile(install, "console.error('TypeError: fetch failed\\n    at FetchDownloader.download'); process.exit(1);");
    expect(await downloadElectron({ dir, installScript: install, timeoutMs: 10_000 })).toEqual({ ok: false, reason: 'the download failed: TypeError: fetch failed' });
  });

  it('gives up after its time limit instead of hanging', async () => {
    const install = path.join(dir, 'install.js');
    await writeFile(install, 'setTimeout(() => {}, 60_000);');
    const started = Date.now();
    expect(await downloadElectron({ dir, installScript: install, timeoutMs: 300 })).toEqual({ ok: false, reason: 'the download did not finish within 0 s' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('succeeds when the installer does', async () => {
    const install = path.join(dir, 'install.js');
    await writeFile(install, 'process.exit(0);');
    expect(await downloadElectron({ dir, installScript: install })).toEqual({ ok: true, reason: null });
  });
});

describe.runIf(posix)('launchElectron', () => {
  it('reports a binary that cannot be spawned', async () => {
    const r = await launchElectron(path.join(dir, 'absent'), ['.']);
    expect(r).toEqual({ started: false, reason: expect.stringContaining('ENOENT') });
  });

  it('treats an immediate failure as "could not start", with the last stderr line', async () => {
    const bin = await script('electron', "echo 'electron: error while loading shared libraries: libnss3.so: cannot open shared object file' >&2; exit 127");
    const r = await launchElectron(bin, ['.'], { cwd: dir });
    expect(r).toEqual({ started: false, reason: 'it exited at once with code 127: electron: error while loading shared libraries: libnss3.so: cannot open shared object file' });
  });

  it("passes on the app's own exit code once it has run, and a clean quit at once", async () => {
    expect(await launchElectron(await script('quick', 'exit 0'), ['.'], { cwd: dir })).toEqual({ started: true, code: 0 });
    expect(await launchElectron(await script('later', 'sleep 0.4; exit 3'), ['.'], { cwd: dir, earlyExitMs: 100 })).toEqual({ started: true, code: 3 });
  });

  it('does not run Electron as plain Node', async () => {
    const bin = await script('env', '[ -z "$ELECTRON_RUN_AS_NODE" ] && exit 0 || exit 9');
    expect(await launchElectron(bin, [], { cwd: dir, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } })).toEqual({ started: true, code: 0 });
  });
});

describe('displayProblem', () => {
  it('needs X11 or Wayland on Linux only', () => {
    expect(displayProblem({ env: {}, platform: 'linux' })).toMatch(/no display/);
    expect(displayProblem({ env: { DISPLAY: ':0' }, platform: 'linux' })).toBeNull();
    expect(displayProblem({ env: { WAYLAND_DISPLAY: 'wayland-0' }, platform: 'linux' })).toBeNull();
    expect(displayProblem({ env: {}, platform: 'darwin' })).toBeNull();
    expect(displayProblem({ env: {}, platform: 'win32' })).toBeNull();
  });
});

describe('couldNotStartMessage', () => {
  it('is one line whatever the reason holds', () => {
    const m = couldNotStartMessage('line one\nline two\n\tand more');
    expect(m).toMatch(messagePattern);
    expect(m).not.toContain('\n');
    expect(m).toContain('(line one line two and more)');
  });
});

describe('buildIsStale', () => {
  async function built(root: string, outputsAt: Date, sourceAt: Date) {
    await mkdir(path.join(root, 'dist'), { recursive: true });
    await mkdir(path.join(root, 'dist-electron'), { recursive: true });
    await mkdir(path.join(root, 'renderer', 'screens'), { recursive: true });
    const source = path.join(root, 'renderer', 'screens', 'Samples.tsx');
    await writeFile(source, 'x');
    await utimes(source, sourceAt, sourceAt);
    await utimes(path.join(root, 'renderer', 'screens'), sourceAt, sourceAt);
    await utimes(path.join(root, 'renderer'), sourceAt, sourceAt);
    for (const out of ['dist/index.html', 'dist-electron/main.cjs', 'dist-electron/preload.cjs']) {
      await writeFile(path.join(root, out), 'x');
      await utimes(path.join(root, out), outputsAt, outputsAt);
    }
  }

  it('is stale when an output is missing or older than a source, fresh otherwise', async () => {
    expect(buildIsStale(dir)).toBe(true);
    await built(dir, new Date('2025-01-02'), new Date('2025-01-01'));
    expect(buildIsStale(dir)).toBe(false);
    await built(dir, new Date('2025-01-01'), new Date('2025-01-02'));
    expect(buildIsStale(dir)).toBe(true);
    await built(dir, new Date('2025-01-02'), new Date('2025-01-01'));
    await rm(path.join(dir, 'dist-electron', 'preload.cjs'));
    expect(buildIsStale(dir)).toBe(true);
  });
});
