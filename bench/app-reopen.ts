/**
 * `npm run bench -- scale-app --workspace DIR` (and a step of `scale-national`): the desktop app reopening a workspace,
 * in Chromium with the desktop host's handlers behind `window.sigwb` (test/util/desktop-app.ts): the time from the
 * click on "Open workspace" to a usable Samples view (Home shown, Samples chosen, its first rows drawn with their
 * values), first without the app's engine file (every batch file loaded: the reference, in the same run), then after
 * the host built it (shared/db/workspace-engine-cache.ts) and the app kept its signature tables
 * (renderer/data/ui-tables-cache.ts), median of 3 reopens, each in a reloaded window (a new
 * engine, as at the app's start). The app's engine starts with the window; the click comes as soon as the Welcome
 * screen shows, so its start-up is in the figure when it has not finished by then.
 * Each reopen's steps are read from the page's User Timing marks (`sigwb:open:<step>`, renderer/state/open-marks.ts)
 * and printed as ms after the click, beside the bytes that crossed the host boundary. Bytes cross Playwright's
 * binding and route as base64 over the DevTools connection where the app has Electron's IPC (which passes
 * ArrayBuffers): the time between the page asking for bytes and holding them, less the host's read, is the transport
 * this bench adds, and the figures are upper bounds for the desktop app.
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

/** The steps of the open in the page's timeline (renderer/state/open-marks.ts), kept apart from the app's code. */
const OPEN_MARK = 'sigwb:open:';
const ENGINE_STARTED_MARK = 'sigwb:engine:started';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load = () => `load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`;

interface Reopen {
  /** Seconds from the click to Home shown, and to the Samples view's first rows drawn (as the bench sees them). */
  home: number;
  samples: number;
  engine: string;
  /** ms after the click of each step the page marked (its last mark of that name), on the bench's clock. */
  steps: Map<string, number>;
  /** The round trip of the read of the marks, in ms: the steps are placed on the bench's clock within half of it. */
  alignMs: number;
}

/**
 * The page's marks of the open, placed on this process's clock: the page's `performance.now()` read in the same call
 * is taken as that of the call's middle, so each mark is placed within half the call's round trip.
 */
async function openSteps(page: Page, click: number): Promise<{ steps: Map<string, number>; alignMs: number }> {
  const before = performance.now();
  const seen = await page.evaluate((prefixes) => ({
    now: performance.now(),
    marks: performance
      .getEntriesByType('mark')
      .filter((m) => prefixes.some((p) => m.name.startsWith(p)))
      .map((m) => ({ name: m.name, at: m.startTime })),
  }), [OPEN_MARK, ENGINE_STARTED_MARK]);
  const after = performance.now();
  const offset = (before + after) / 2 - seen.now;
  const steps = new Map<string, number>();
  steps.set('window opened (the page reloaded)', offset - click);
  for (const m of seen.marks) steps.set(m.name.replace(OPEN_MARK, ''), m.at + offset - click);
  return { steps, alignMs: after - before };
}

/** Clicks "Open workspace" and waits for Home, then for the Samples view's first rows: seconds to each, and the steps. */
async function openToSamples(page: Page): Promise<Reopen> {
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
  const { steps, alignMs } = await openSteps(page, t0);
  steps.set('Home shown (seen by the bench)', home * 1000);
  steps.set('usable Samples view (seen by the bench)', samples * 1000);
  const engine = (await page.getByTestId('engine-cache').count()) ? ((await page.getByTestId('engine-cache').textContent()) ?? '').replace(/^ · /, '') : 'no engine file';
  return { home, samples, engine, steps, alignMs };
}

const ms = (x: number | undefined) => (x === undefined ? '—' : x.toFixed(0).padStart(6));
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/** The steps in the order they happened (by the median of `runs`), each step's median time after the click. */
function printSteps(reference: Reopen, runs: Reopen[]): void {
  const names = [...new Set([...runs.flatMap((r) => [...r.steps.keys()]), ...reference.steps.keys()])];
  const at = (name: string) => {
    const xs = runs.map((r) => r.steps.get(name)).filter((x): x is number => x !== undefined);
    return xs.length ? median(xs) : undefined;
  };
  names.sort((a, b) => (at(a) ?? reference.steps.get(a) ?? 0) - (at(b) ?? reference.steps.get(b) ?? 0));
  console.log(`    steps, ms after the click (the page's marks ${OPEN_MARK}<step>, placed on the bench's clock within ${Math.max(...[reference, ...runs].map((r) => r.alignMs / 2)).toFixed(0)} ms; negative: before the click):`);
  console.log(`      ${'step'.padEnd(42)} ${'after (median)'.padStart(14)} ${'reference'.padStart(10)}`);
  for (const name of names) {
    const label = name === ENGINE_STARTED_MARK ? "engine started (with the window)" : name;
    console.log(`      ${label.padEnd(42)} ${ms(at(name)).padStart(14)} ${ms(reference.steps.get(name)).padStart(10)}`);
  }
}

/** The page's time from asking the host for bytes to holding them, less the host's read: the bench's transport. */
function printTransfer(what: string, runs: Reopen[], asked: string, received: string, hostMs: number[], bytes: number[]): void {
  const page = median(runs.map((r) => (r.steps.get(received) ?? NaN) - (r.steps.get(asked) ?? NaN)));
  const read = median(hostMs);
  console.log(`    ${what}: ${bytes.length ? mib(median(bytes)) : 'none'} per reopen; the page asked → held it ${page.toFixed(0)} ms, the host's read ${read.toFixed(0)} ms: ${(page - read).toFixed(0)} ms in transport (medians)`);
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
  let engineFileBytes: number[] = [];
  let viewCacheMs: number[] = [];
  let viewCacheBytes: number[] = [];
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
      if (bytes) engineFileBytes.push(bytes.byteLength);
      return bytes;
    },
    'workspace:view-cache': async (r) => {
      const t0 = performance.now();
      const bytes = await handlers['workspace:view-cache'](r);
      viewCacheMs.push(performance.now() - t0);
      if (bytes) viewCacheBytes.push(bytes.byteLength);
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
    const warm: Reopen[] = [];
    engineFileMs = [];
    engineFileBytes = [];
    viewCacheMs = [];
    viewCacheBytes = [];
    for (let i = 0; i < 3; i++) {
      await page.reload();
      warm.push(await openToSamples(page));
    }
    console.log(`    after (median of 3)                 Home ${median(warm.map((w) => w.home)).toFixed(2)} s, usable Samples view ${median(warm.map((w) => w.samples)).toFixed(2)} s (${warm[0].engine}; runs ${warm.map((w) => w.samples.toFixed(2)).join(', ')} s)`);
    console.log(`    the host's read of the engine file: median ${median(engineFileMs).toFixed(0)} ms; ${load()}`);
    printSteps(cold, warm);
    console.log(`    bytes across the host boundary (here as base64 over Playwright's DevTools connection: an upper bound for Electron's IPC, which passes ArrayBuffers):`);
    printTransfer('the engine file', warm, 'engine-file-asked', 'engine-file-received', engineFileMs, engineFileBytes);
    printTransfer('the kept signature tables', warm, 'signature-tables-asked', 'signature-tables-received', viewCacheMs, viewCacheBytes);
    console.log(`    ${load()}`);
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
