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
 * Two variants without those costs, in the same run, their reopens alternating with the first's so that the load's
 * swings fall on all three alike: "engine started" clicks once the window's engine has started (the page's mark
 * `sigwb:engine:started`), as an analyst clicking a recent workspace a few seconds after the window opened; "+
 * loopback" does the same in a second window whose host sends its reply bytes over HTTP on 127.0.0.1
 * (test/util/desktop-app.ts, `transport: 'loopback'`), small calls still through the binding: the closest stand-in
 * for the desktop app here, still not Electron's IPC.
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

/**
 * Clicks "Open workspace" and waits for Home, then for the Samples view's first rows: seconds to each, and the steps.
 * The click comes as soon as the Welcome screen shows, or with `afterEngine` once the window's engine has started.
 */
async function openToSamples(page: Page, afterEngine = false): Promise<Reopen> {
  await page.getByTestId('welcome-open').waitFor({ timeout: 120_000 }).catch(async (e: Error) => {
    await page.screenshot({ path: path.join(os.tmpdir(), 'sigwb-app-bench-failed.png') });
    throw e;
  });
  if (afterEngine) await page.waitForFunction((mark) => performance.getEntriesByName(mark, 'mark').length > 0, ENGINE_STARTED_MARK, { timeout: 120_000 });
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

/** A way of reopening, its reopens, and what the host read and sent during them. */
interface Variant {
  label: string;
  runs: Reopen[];
  engineFileMs: number[];
  engineFileBytes: number[];
  viewCacheMs: number[];
  viewCacheBytes: number[];
}

/**
 * The steps in the order they happened (by the medians of the last variant, the closest to the desktop app), each
 * step's median time after the click in each variant, beside the reference.
 */
function printSteps(reference: Reopen, variants: Variant[]): void {
  const all = [reference, ...variants.flatMap((v) => v.runs)];
  const names = [...new Set(all.flatMap((r) => [...r.steps.keys()]))];
  const at = (runs: Reopen[], name: string) => {
    const xs = runs.map((r) => r.steps.get(name)).filter((x): x is number => x !== undefined);
    return xs.length ? median(xs) : undefined;
  };
  const order = (name: string) => [...variants].reverse().map((v) => at(v.runs, name)).find((x) => x !== undefined) ?? reference.steps.get(name) ?? 0;
  names.sort((a, b) => order(a) - order(b));
  console.log(`    steps, ms after the click (the page's marks ${OPEN_MARK}<step>, placed on the bench's clock within ${Math.max(...all.map((r) => r.alignMs / 2)).toFixed(0)} ms; negative: before the click; medians of each variant's reopens):`);
  console.log(`      ${'step'.padEnd(42)} ${variants.map((v) => v.label.padStart(16)).join(' ')} ${'reference'.padStart(10)}`);
  for (const name of names) {
    const label = name === ENGINE_STARTED_MARK ? 'engine started (with the window)' : name;
    console.log(`      ${label.padEnd(42)} ${variants.map((v) => ms(at(v.runs, name)).padStart(16)).join(' ')} ${ms(reference.steps.get(name)).padStart(10)}`);
  }
}

/** The page's time from asking the host for bytes to holding them, less the host's read: the bench's transport. */
function printTransfer(what: string, runs: Reopen[], asked: string, received: string, hostMs: number[], bytes: number[]): void {
  const page = median(runs.map((r) => (r.steps.get(received) ?? NaN) - (r.steps.get(asked) ?? NaN)));
  const read = median(hostMs);
  console.log(`    ${what}: ${bytes.length ? mib(median(bytes)) : 'none'} per reopen; the page asked → held it ${page.toFixed(0)} ms, the host's read ${read.toFixed(0)} ms: ${(page - read).toFixed(0)} ms in transport (medians)`);
}

/** `call` timed, and the bytes it answers counted, into the lists `into` gives at each call (the variant under way). */
function counted<R>(call: (r: R) => Promise<Uint8Array | null>, into: () => [number[], number[]]): (r: R) => Promise<Uint8Array | null> {
  return async (r) => {
    const t0 = performance.now();
    const bytes = await call(r);
    const [ms, sizes] = into();
    ms.push(performance.now() - t0);
    if (bytes) sizes.push(bytes.byteLength);
    return bytes;
  };
}

/**
 * The app's reopen of the workspace folder `dir`, with and without its engine file and kept tables, and with the
 * click after the engine's start and the reply bytes over loopback; prints the figures.
 */
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
  const variant = (label: string): Variant => ({ label, runs: [], engineFileMs: [], engineFileBytes: [], viewCacheMs: [], viewCacheBytes: [] });
  /** Where the host's reads are counted: the variant whose reopen is under way (reopens run one at a time). */
  let counting = variant('first open');
  const refreshes: { ms: number; built: boolean }[] = [];
  const host = {
    ...handlers,
    'workspace:engine-refresh': async (r) => {
      const t0 = performance.now();
      const reply = await handlers['workspace:engine-refresh'](r);
      refreshes.push({ ms: performance.now() - t0, built: reply.built });
      return reply;
    },
    'workspace:engine-file': counted(handlers['workspace:engine-file'], () => [counting.engineFileMs, counting.engineFileBytes]),
    'workspace:view-cache': counted(handlers['workspace:view-cache'], () => [counting.viewCacheMs, counting.viewCacheBytes]),
  } as Host;
  rmSync(path.join(dir, ENGINE.workspaceFile), { force: true });
  for (const f of existsSync(path.join(dir, 'engine')) ? readdirSync(path.join(dir, 'engine')) : []) if (f.startsWith('view-')) rmSync(path.join(dir, 'engine', f));
  const app = await launchDesktopApp(host);
  let loopbackApp: Awaited<ReturnType<typeof launchDesktopApp>> | undefined;
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
    // The loopback window's first open is not counted: the route window's was the reference, each counted reopen a reload.
    loopbackApp = await launchDesktopApp(host, undefined, { transport: 'loopback' });
    await openToSamples(loopbackApp.page, true);
    const asNow = variant('(a) as now');
    const engineStarted = variant('(b) engine');
    const loopback = variant('(c) + loopback');
    const reopens: [Variant, Page, boolean][] = [
      [asNow, page, false],
      [engineStarted, page, true],
      [loopback, loopbackApp.page, true],
    ];
    for (let i = 0; i < 3; i++) {
      for (const [v, p, afterEngine] of reopens) {
        counting = v;
        await p.reload();
        v.runs.push(await openToSamples(p, afterEngine));
      }
    }
    const line = (v: Variant) =>
      `Home ${median(v.runs.map((w) => w.home)).toFixed(2)} s, usable Samples view ${median(v.runs.map((w) => w.samples)).toFixed(2)} s (${v.runs[0].engine}; runs ${v.runs.map((w) => w.samples.toFixed(2)).join(', ')} s)`;
    console.log(`    medians of 3 reopens each, each a reloaded window, the three alternating:`);
    console.log(`    (a) as now, the click as soon as the Welcome screen shows (the engine still starting): ${line(asNow)}`);
    console.log(`    (b) engine started, the click once the window's engine has started (${ENGINE_STARTED_MARK}), as an analyst clicking a recent workspace a few seconds after the window opened: ${line(engineStarted)}`);
    console.log(`    (c) engine started + loopback transport, the host's reply bytes over HTTP on 127.0.0.1 (small host calls and the page's bytes to the host still through Playwright's binding; an approximation of Electron's IPC, which passes ArrayBuffers through Mojo, not a measure of it): ${line(loopback)}`);
    console.log(`    the host's read of the engine file: median ${median([...asNow.engineFileMs, ...engineStarted.engineFileMs, ...loopback.engineFileMs]).toFixed(0)} ms; ${load()}`);
    printSteps(cold, [asNow, engineStarted, loopback]);
    console.log(`    bytes across the host boundary ((a), (b): base64 over Playwright's DevTools connection, an upper bound for Electron's IPC, which passes ArrayBuffers; (c): HTTP on 127.0.0.1):`);
    for (const v of [asNow, engineStarted, loopback]) {
      printTransfer(`${v.label}, the engine file`, v.runs, 'engine-file-asked', 'engine-file-received', v.engineFileMs, v.engineFileBytes);
      printTransfer(`${v.label}, the kept signature tables`, v.runs, 'signature-tables-asked', 'signature-tables-received', v.viewCacheMs, v.viewCacheBytes);
    }
    console.log(`    ${load()}`);
  } finally {
    await loopbackApp?.close();
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
