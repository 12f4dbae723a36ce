/**
 * `npm run bench -- scale-app --workspace DIR` (and a step of `scale-national`): the desktop app reopening a workspace,
 * in Chromium with the desktop host's handlers behind `window.sigwb` (test/util/desktop-app.ts): the time from the
 * click on "Open workspace" to a usable Samples view (Home shown, Samples chosen, its first rows drawn with their
 * values), first without the app's engine file (every batch file loaded: the reference, in the same run), then after
 * the host built it (shared/db/workspace-engine-cache.ts) and the app kept its signature tables
 * (renderer/data/ui-tables-cache.ts), median of 3 reopens, each in a reloaded window (a new
 * engine, as at the app's start). The app's engine starts with the window; the click comes as soon as the Welcome
 * screen shows, so its start-up is in the figure when it has not finished by then.
 * Bytes cross Playwright's bindings as base64 where the app has Electron's IPC: the engine file's transfer is timed
 * apart and the figures are upper bounds.
 */
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { createHostHandlers } from '../node/host/host-handlers';
import { WorkspaceRegistry } from '../node/workspace/workspace-registry';
import { ENGINE } from '../shared/db/engine-cache';
import type { Host } from '../shared/host/contract';
import { chromiumAvailable } from '../test/util/browser';
import { launchDesktopApp } from '../test/util/desktop-app';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load = () => `load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`;

/** Clicks "Open workspace" and waits for Home, then for the Samples view's first rows: seconds to each. */
async function openToSamples(page: Page): Promise<{ home: number; samples: number; engine: string }> {
  await page.getByTestId('welcome-open').waitFor({ timeout: 120_000 }).catch(async (e: Error) => {
    await page.screenshot({ path: path.join(os.tmpdir(), 'sigwb-app-bench-failed.png') });
    throw e;
  });
  const t0 = performance.now();
  await page.getByTestId('welcome-open').click();
  await page.getByTestId('workspace-name').waitFor({ timeout: 600_000 });
  const home = (performance.now() - t0) / 1000;
  await page.getByTestId('nav-samples').click();
  await page.getByTestId('samples-table').getByRole('gridcell').first().waitFor({ timeout: 600_000 });
  const samples = (performance.now() - t0) / 1000;
  const engine = (await page.getByTestId('engine-cache').count()) ? ((await page.getByTestId('engine-cache').textContent()) ?? '').replace(/^ · /, '') : 'no engine file';
  return { home, samples, engine };
}

/** The app's reopen of the workspace folder `dir`, with and without its engine file and kept tables; prints the figures. */
export async function benchAppReopen(dir: string): Promise<void> {
  if (!chromiumAvailable()) {
    console.log('  app reopen: skipped (Chromium is not installed at /usr/bin/chromium)');
    return;
  }
  const tmp = path.join(os.tmpdir(), `sigwb-app-bench-${process.pid}`);
  const handlers = createHostHandlers({
    registry: new WorkspaceRegistry({ recentFile: path.join(tmp, 'recent.json') }),
    dialogs: { chooseNewWorkspaceFolder: async () => null, chooseWorkspaceFolder: async () => dir, chooseFiles: async () => [], chooseSavePath: async () => null },
    appInfo: () => ({ name: 'Signature Workbench', version: 'bench', host: 'electron', platform: `${process.platform}-${process.arch}`, user: 'bench' }),
    actor: () => ({ user: 'bench', appVersion: 'bench' }),
    printToPdf: async () => new Uint8Array(),
  });
  let engineFileMs: number[] = [];
  const refreshes: { ms: number; built: boolean }[] = [];
  const host = {
    ...handlers,
    'workspace:engine-refresh': async (r) => {
      const t0 = performance.now();
      const reply = await handlers['workspace:engine-refresh'](r);
      refreshes.push({ ms: performance.now() - t0, built: reply.built });
      return reply;
    },
    'workspace:engine-file': async (r) => {
      const t0 = performance.now();
      const bytes = await handlers['workspace:engine-file'](r);
      engineFileMs.push(performance.now() - t0);
      return bytes;
    },
  } as Host;
  rmSync(path.join(dir, ENGINE.workspaceFile), { force: true });
  for (const f of existsSync(path.join(dir, 'engine')) ? readdirSync(path.join(dir, 'engine')) : []) if (f.startsWith('view-')) rmSync(path.join(dir, 'engine', f));
  const app = await launchDesktopApp(host);
  try {
    const page = app.page;
    console.log(`  app (Chromium, desktop host's handlers; ${load()}):`);
    const cold = await openToSamples(page);
    console.log(`    reference: nothing kept            Home ${cold.home.toFixed(2)} s, usable Samples view ${cold.samples.toFixed(2)} s (${cold.engine})`);
    // The open asked the host for the file; a second refresh waits for that one and finds the file fresh.
    await host['workspace:engine-refresh']({ handle: (await host['workspace:recent']({}))[0].handle });
    const build = refreshes.find((r) => r.built);
    console.log(`    engine file built by the host in the background of the first open: ${build ? `${(build.ms / 1000).toFixed(1)} s` : 'not built'}`);
    // The signature tables are kept a moment after the first open's views are drawn (renderer/data/ui-tables-cache.ts).
    const kept = () => (existsSync(path.join(dir, 'engine')) ? readdirSync(path.join(dir, 'engine')).filter((f) => f.startsWith('view-')) : []);
    const t1 = performance.now();
    while (kept().length === 0 && performance.now() - t1 < 300_000) await new Promise((r) => setTimeout(r, 200));
    const bundle = kept()[0];
    console.log(`    signature tables kept: ${bundle ? `${(statSync(path.join(dir, 'engine', bundle)).size / 2 ** 20).toFixed(1)} MiB` : 'not kept within 5 min'}`);
    const warm: { home: number; samples: number; engine: string }[] = [];
    engineFileMs = [];
    for (let i = 0; i < 3; i++) {
      await page.reload();
      warm.push(await openToSamples(page));
    }
    console.log(`    after (median of 3)                 Home ${median(warm.map((w) => w.home)).toFixed(2)} s, usable Samples view ${median(warm.map((w) => w.samples)).toFixed(2)} s (${warm[0].engine}; runs ${warm.map((w) => w.samples.toFixed(2)).join(', ')} s)`);
    console.log(`    the host's read of the engine file: median ${median(engineFileMs).toFixed(0)} ms; ${load()}`);
  } finally {
    await app.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

export async function benchAppReopenCli(args: string[]): Promise<void> {
  const i = args.indexOf('--workspace');
  if (i < 0 || !args[i + 1]) {
    console.log('scale-app: skipped without --workspace DIR (scale-national runs it on the workspace it generates)');
    return;
  }
  await benchAppReopen(path.resolve(args[i + 1]));
}
