/**
 * Where an interaction's main-thread time goes: the benchmark's set-up (10,000 samples × 100 compounds imported,
 * calibrated, clustered) on a build of its own, then chosen interactions under Chromium's sampling profiler
 * (CDP Profiler). Prints, per interaction, its long tasks and the functions with the most self time.
 *
 *   node bin/run-ts.mjs bench/ui/profile-ui.ts [import|calibrate|run|scroll|network|timeline|evidence|classes|png|cut|card|report|verify|update]
 *
 * Builds the renderer unminified into a temporary folder (names in the profile read like the source).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, CDPSession, Download, Page } from 'playwright-core';
import { dragAcross, ROOT } from '../../test/util/browser';
import { calibrateHere, createWorkspace, dragCut, importFiles, openBuild, runClassesHere, saveDownloads, verifyInApp } from './actions';
import { writeLargeData } from './large-data';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
}

/** A profile frame as `function file:line`. */
const label = (f: ProfileNode['callFrame']) => `${f.functionName || '(anonymous)'} ${path.basename(f.url)}:${f.lineNumber + 1}`;

/**
 * The profile's own long stretches of main-thread work (consecutive samples that are not idle, over MIN_TASK ms,
 * default 100): for each, the functions with the most self time, and the innermost frames of the app's own bundle
 * (index-*.js or a view's chunk, not a library's) under which time was spent. Found in the profile itself, so no
 * clock has to be mapped onto the page's (the long tasks the page saw are listed beside, for comparison).
 */
function perTask(profile: Profile, top = 8): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const minMs = Number(process.env.MIN_TASK ?? 100);
  const idle = (i: number) => byId.get(profile.samples[i])?.callFrame.functionName === '(idle)';
  const lines: string[] = [];
  let t = 0;
  let i = 0;
  while (i < profile.samples.length) {
    t += (profile.timeDeltas[i] ?? 0) / 1000;
    if (idle(i)) {
      i++;
      continue;
    }
    const from = i;
    const start = t;
    let end = t;
    while (i + 1 < profile.samples.length && !idle(i + 1)) {
      i++;
      t += (profile.timeDeltas[i] ?? 0) / 1000;
      end = t;
    }
    i++;
    if (end - start < minMs) continue;
    const self = new Map<string, number>();
    const app = new Map<string, number>();
    for (let k = from; k < i; k++) {
      const dt = (profile.timeDeltas[k + 1] ?? 0) / 1000;
      const node = byId.get(profile.samples[k]);
      if (!node) continue;
      self.set(label(node.callFrame), (self.get(label(node.callFrame)) ?? 0) + dt);
      for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
        const f = byId.get(id)!.callFrame;
        if (/(index|View|Page|Card|Canvas)[^/]*\.js$/.test(f.url) && f.functionName) {
          app.set(label(f), (app.get(label(f)) ?? 0) + dt);
          break;
        }
      }
    }
    const fmt = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([n, ms]) => `        ${ms.toFixed(1).padStart(7)} ms  ${n}`).join('\n');
    lines.push(`    busy ${Math.round(end - start)} ms at +${Math.round(start)} ms\n      self:\n${fmt(self)}\n      under the app's:\n${fmt(app)}`);
  }
  return lines.join('\n');
}

function summarise(profile: Profile, top = 25): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]);
    if (!node) continue;
    const name = label(node.callFrame);
    self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  }
  return [...self]
    .filter(([n]) => !n.startsWith('(idle)') && !n.startsWith('(program)'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([n, ms]) => `    ${ms.toFixed(1).padStart(8)} ms  ${n}`)
    .join('\n');
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tid: number;
  pid: number;
  args?: { name?: string; data?: { functionName?: string; url?: string; type?: string } };
}

/** The main thread's tasks over 50 ms, each with what took its time (trace events over 4 ms inside it). */
function longTaskBreakdown(events: TraceEvent[]): string {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return '    (no renderer main thread in the trace)';
  const mine = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined);
  const lines: string[] = [];
  for (const task of mine.filter((e) => e.name === 'RunTask' && (e.dur ?? 0) > 50_000)) {
    lines.push(`    task ${((task.dur ?? 0) / 1000).toFixed(0)} ms`);
    const inside = mine.filter((e) => e !== task && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= task.ts + (task.dur ?? 0) && (e.dur ?? 0) > 4000);
    for (const e of inside) {
      const d = e.args?.data;
      const what = d?.functionName || d?.url ? ` ${d.functionName ?? ''} ${path.basename(d.url ?? '')}` : d?.type ? ` ${d.type}` : '';
      lines.push(`      ${((e.dur ?? 0) / 1000).toFixed(1).padStart(7)} ms  +${((e.ts - task.ts) / 1000).toFixed(0).padStart(4)}  ${e.name}${what}`);
    }
  }
  return lines.join('\n') || '    (no task over 50 ms)';
}

async function traced(browser: Browser, page: Page, name: string, action: () => Promise<unknown>): Promise<void> {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'v8', 'disabled-by-default-v8.compile'] });
  await action();
  await page.waitForTimeout(1500);
  const buffer = await browser.stopTracing();
  const { traceEvents } = JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] };
  console.log(`\n== ${name} (trace)`);
  console.log(longTaskBreakdown(traceEvents));
}

async function profiled(page: Page, cdp: CDPSession, name: string, action: () => Promise<unknown>): Promise<void> {
  if (process.env.TRACE) return traced(page.context().browser()!, page, name, action);
  await cdp.send('Profiler.start');
  const t0 = await page.evaluate(() => performance.now());
  await action();
  await page.waitForTimeout(1500);
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  const long = await page.evaluate((from) => (window as unknown as { __sigwbLong: { start: number; duration: number }[] }).__sigwbLong.filter((e) => e.start >= from), t0);
  console.log(`\n== ${name}: long tasks ${JSON.stringify(long.map((e) => Math.round(e.duration)))}`);
  console.log(summarise(profile));
  console.log(perTask(profile));
}

const wanted = new Set(process.argv.slice(2));
const want = (k: string) => wanted.size === 0 || wanted.has(k);

const out = mkdtempSync(path.join(os.tmpdir(), 'sigwb-profile-dist-'));
const dir = mkdtempSync(path.join(os.tmpdir(), 'sigwb-profile-data-'));
execFileSync('npx', ['vite', 'build', '--logLevel', 'warn', '--minify', 'false', '--outDir', out], { cwd: ROOT, stdio: 'inherit' });
const { page, close } = await openBuild(out, 600_000);
try {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  const data = await writeLargeData(dir);
  await createWorkspace(page, 'Profile 10k');
  const importBoth = () => importFiles(page, [data.metadata, data.results]);
  if (want('import')) await profiled(page, cdp, 'import 2 files (preview check, import)', importBoth);
  else await importBoth();
  const table = page.getByTestId('samples-table');
  if (want('calibrate')) {
    await page.keyboard.press('3');
    await page.waitForTimeout(1500);
    await profiled(page, cdp, 'calibrate (long work)', () => calibrateHere(page));
  }
  const needsClasses = ['run', 'network', 'classes', 'timeline', 'evidence', 'png', 'card', 'report', 'cut', 'sample', 'update'].some((k) => wanted.has(k)) || wanted.size === 0;
  if (needsClasses) {
    if (!want('calibrate')) {
      await page.keyboard.press('3');
      await calibrateHere(page);
    }
    await page.keyboard.press('4');
    await page.waitForTimeout(1500);
    const runClasses = () => runClassesHere(page);
    if (want('run')) await profiled(page, cdp, 'run the classes (long work)', runClasses);
    else await runClasses();
    await page.waitForTimeout(3000);
  }
  const rounds = Number(process.env.ROUNDS ?? 1);
  for (let round = 1; round <= rounds; round++) {
  if (want('scroll')) {
    await page.keyboard.press('2');
    await table.locator('.sparkline').first().waitFor();
    await page.waitForTimeout(1500);
    await profiled(page, cdp, `scroll the samples table (30 wheel steps), round ${round}`, async () => {
      const box = await table.locator('.data-table-scroll').boundingBox();
      await page.mouse.move(box!.x + 300, box!.y + 200);
      for (let k = 0; k < 30; k++) {
        await page.mouse.wheel(0, 900);
        await page.waitForTimeout(30);
      }
    });
  }
  if (want('sample')) {
    await page.keyboard.press('2');
    await table.locator('.sparkline').first().waitFor();
    await page.waitForTimeout(1500);
    // The bench opens it with the table at its top (after sorting and filtering); a scroll before left row 5 out of the DOM.
    await table.locator('.data-table-scroll').evaluate((el) => (el.scrollTop = 0));
    await table.locator('[role=row][aria-rowindex="5"]:not([aria-busy])').waitFor();
    await page.waitForTimeout(1000);
    await profiled(page, cdp, `open a sample page, round ${round}`, async () => {
      await table.locator('[role=row][aria-rowindex="5"]:not([aria-busy])').dblclick();
      await page.getByTestId('sample-signature-plot').locator('.main-svg').first().waitFor();
    });
  }
  if (want('timeline')) {
    await page.keyboard.press('1');
    await page.waitForTimeout(1500);
    await profiled(page, cdp, `switch to Timeline, round ${round}`, async () => {
      await page.keyboard.press('6');
      await page.getByTestId('timeline-plot').locator('.main-svg').first().waitFor();
    });
  }
  if (want('card')) {
    await page.keyboard.press('4');
    await page.getByTestId('pca-canvas').waitFor();
    await page.waitForTimeout(1500);
    await profiled(page, cdp, `open a class card, round ${round}`, async () => {
      await page.getByTestId(`class-row-${round}`).click();
      await page.getByTestId('class-signature-plot').locator('.main-svg').first().waitFor();
    });
  }
  }
  if (want('network')) {
    await page.keyboard.press('1');
    await page.waitForTimeout(1500);
    await profiled(page, cdp, 'switch to Network', async () => {
      await page.keyboard.press('7');
      await page.getByTestId('network-canvas').waitFor();
    });
  }
  if (want('evidence')) {
    await page.keyboard.press('4');
    await page.waitForTimeout(1500);
    await profiled(page, cdp, 'compute route evidence', async () => {
      await page.getByTestId('compute-evidence').click();
      await page.getByTestId('task').waitFor({ state: 'detached' });
    });
  }
  if (want('classes')) {
    await page.keyboard.press('1');
    await page.waitForTimeout(1500);
    await profiled(page, cdp, 'switch to Classes', async () => {
      await page.keyboard.press('4');
      await page.getByTestId('pca-canvas').waitFor();
    });
  }
  if (want('png')) {
    await page.keyboard.press('4');
    await page.getByTestId('pca-canvas').waitFor();
    // As the bench does it: a box of the scores selected (their rings drawn too), the biplot on.
    await dragAcross(page, 'pca-canvas', [0.3, 0.3], [0.7, 0.7]);
    await page.getByTestId('pca-biplot').check();
    await page.waitForTimeout(1500);
    await profiled(page, cdp, 'save the PCA scores as PNG (a box selected, biplot on)', async () => {
      const download = page.waitForEvent('download');
      await page.getByTestId('pca-canvas-save').getByRole('button', { name: /as PNG$/ }).click();
      await (await download).path();
    });
    await page.getByTestId('pca-biplot').uncheck();
  }
  if (want('cut')) {
    await page.keyboard.press('4');
    await page.getByTestId('pca-canvas').waitFor();
    await page.waitForTimeout(1500);
    await profiled(page, cdp, 'drag the cut on the dendrogram (preview)', async () => {
      await dragCut(page);
      console.log(`  preview: ${await page.getByTestId('cut-preview').textContent().catch(() => '(none)')}`);
      await page.getByTestId('cut-preview').filter({ hasText: /^Preview:/ }).waitFor({ timeout: 30_000 }).catch((e: Error) => console.log(`  ${e.message.split('\n')[0]}`));
    });
  }
  if (want('report') || want('verify')) {
    await page.keyboard.press('4');
    await page.getByTestId('pca-canvas').waitFor();
    const downloads: Download[] = [];
    page.on('download', (d) => void downloads.push(d));
    await profiled(page, cdp, 'make a class report of class 1 (HTML, saved)', async () => {
      await page.getByTestId('class-row-1').click();
      await page.getByTestId('class-report').click();
      await page.getByTestId('report-make').click();
      await page.getByTestId('report-done').waitFor();
      await page.getByTestId('task').waitFor({ state: 'detached' });
    });
    await page.keyboard.press('Escape');
    const saved = await saveDownloads(downloads, dir);
    if (want('verify')) {
      await profiled(page, cdp, 'verify that report in the app', async () => {
        await verifyInApp(page, saved);
        await page.getByTestId('verify-result').filter({ hasText: /^Reproduced exactly/ }).waitFor();
        await page.getByTestId('task').waitFor({ state: 'detached' });
      });
    }
  }
  if (want('update')) {
    const later = await writeLargeData(path.join(dir, 'later'), 50, 100, 7, 10_001);
    // A dialog left open (verify's) would keep the import button out of reach.
    await page.keyboard.press('Escape');
    await page.keyboard.press('1');
    await page.waitForTimeout(1500);
    await profiled(page, cdp, 'import a later batch of 50 samples', () => importFiles(page, [later.metadata, later.results]));
    await page.keyboard.press('Escape');
    await page.keyboard.press('4');
    await page.getByTestId('stale-classes').waitFor();
    await page.waitForTimeout(1500);
    await profiled(page, cdp, 'bring the classes up to date (one action)', async () => {
      await page.getByTestId('refresh-classes').click();
      await page.getByTestId('stale-classes').waitFor({ state: 'detached' });
      await page.getByTestId('task').waitFor({ state: 'detached' });
    });
  }
} finally {
  await close();
  rmSync(out, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
}
