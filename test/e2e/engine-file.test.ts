/**
 * The desktop app reopening a workspace from its engine file (engine/workspace.duckdb, shared/db/workspace-engine-cache.ts),
 * in Chromium with the desktop host's handlers behind `window.sigwb` (test/util/desktop-app.ts): the first open loads
 * the batch files and has the host build the file; the next reads every batch from it; after a batch is added, the
 * reopen reads the others from it and the new one from its file, and shows its samples; the host then brings the file
 * up to date; the signature tables the views draw from are kept once drawn, one bundle per workspace; a reopen leaves
 * its steps as marks in the page's timeline (renderer/state/open-marks.ts), which bench/app-reopen.ts reads. Small data
 * (makeWorkspace: 2 batches).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createHostHandlers } from '../../node/host/host-handlers';
import { NodeFileStore } from '../../node/files/node-file-store';
import { WorkspaceRegistry } from '../../node/workspace/workspace-registry';
import { ENGINE } from '../../shared/db/engine-cache';
import { Workspace } from '../../shared/workspace/Workspace';
import { addRows, generateProfiles, makeWorkspace, TEST_ACTOR } from '../unit/analysis/make-workspace';
import { chromiumAvailable, screenshot, type AppUnderTest } from '../util/browser';
import { launchDesktopApp } from '../util/desktop-app';
import { tempDir } from '../util/temp-dir';

const reason = 'Chromium is not installed at /usr/bin/chromium (apt-get install -y chromium); .ci/run installs it';

describe.skipIf(!chromiumAvailable())(`the app's engine file (${chromiumAvailable() ? 'Chromium' : reason})`, () => {
  let t: ReturnType<typeof tempDir>;
  let app: AppUnderTest;
  let page: Page;
  let samples: number;
  const ws = () => path.join(t.dir, 'ws');
  const engineFile = () => path.join(ws(), ENGINE.workspaceFile);
  const viewTables = () => (existsSync(path.join(ws(), 'engine')) ? readdirSync(path.join(ws(), 'engine')).filter((f) => /^view-[0-9a-f]{64}\.tables$/.test(f)) : []);
  const built = () => (existsSync(engineFile()) ? statSync(engineFile()).mtimeMs : 0);

  /** Opens the workspace afresh (a reloaded window: a new engine) and waits for Home. */
  async function reopen(): Promise<void> {
    await page.reload();
    await page.getByTestId('welcome-open').click();
    await page.getByTestId('workspace-name').waitFor({ timeout: 120_000 });
    await page.getByTestId('task').waitFor({ state: 'detached', timeout: 120_000 });
  }

  async function samplesShown(): Promise<number> {
    await page.getByTestId('nav-samples').click();
    const count = page.getByTestId('samples-table').getByTestId('row-count');
    await expect.poll(() => count.textContent(), { timeout: 60_000 }).toMatch(/^[\d,]+ rows$/);
    // Usable: the first rows drawn with their values, not placeholders.
    await page.getByTestId('samples-table').getByRole('gridcell').first().waitFor({ timeout: 60_000 });
    return Number((await count.textContent())!.replace(/[^\d]/g, ''));
  }

  beforeAll(async () => {
    t = tempDir();
    samples = (await makeWorkspace(ws(), { sources: 4, seed: 21 })).data.samples.length;
    const host = createHostHandlers({
      registry: new WorkspaceRegistry({ recentFile: path.join(t.dir, 'recent.json') }),
      dialogs: { chooseNewWorkspaceFolder: async () => null, chooseWorkspaceFolder: async () => ws(), chooseFiles: async () => [], chooseSavePath: async () => null },
      appInfo: () => ({ name: 'Signature Workbench', version: '0.1.0', host: 'electron', platform: 'linux-x64', user: 'E2E Analyst' }),
      actor: () => TEST_ACTOR,
      printToPdf: async () => new Uint8Array(),
    });
    app = await launchDesktopApp(host);
    page = app.page;
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    t?.cleanup();
  });

  it('opens the workspace from its batch files the first time, and the host builds the engine file', async () => {
    await page.getByTestId('welcome-open').click();
    await page.getByTestId('workspace-name').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('engine-cache').count()).toBe(0);
    await expect.poll(built, { timeout: 120_000 }).toBeGreaterThan(0);
    expect(await samplesShown()).toBe(samples);
    // The signature tables the views draw from, kept once drawn (renderer/data/ui-tables-cache.ts).
    await expect.poll(() => viewTables().length, { timeout: 120_000 }).toBe(1);
  }, 240_000);

  it('reopens it from the engine file, every batch, with the same samples', async () => {
    await reopen();
    expect(await page.getByTestId('engine-cache').textContent()).toBe(' · 2 of 2 opened from the engine file');
    expect(await samplesShown()).toBe(samples);
    await screenshot(page, 'engine-file-reopen');
    // The open's steps, marked in the page's timeline for bench/app-reopen.ts, in the order the open passes them.
    const marks = await page.evaluate(() => performance.getEntriesByType('mark').filter((m) => m.name.startsWith('sigwb:open:')).map((m) => m.name.slice('sigwb:open:'.length)));
    const inOrder = ['start', 'chosen', 'workspace-read', 'dictionary-read', 'engine-ready', 'engine-file-asked', 'engine-file-received', 'engine-file-registered', 'engine-file-attached', 'batches-defined', 'views-defined', 'opened'];
    expect(marks.filter((m) => inOrder.includes(m))).toEqual(inOrder);
    const tables = ['analysis-start', 'signature-tables-asked', 'signature-tables-received', 'signature-tables-inserted', 'analysis-ready'];
    expect(marks.filter((m) => tables.includes(m))).toEqual(tables);
    expect(marks.indexOf('analysis-start')).toBeGreaterThan(marks.indexOf('views-defined'));
    expect(marks).toContain('home-counts');
    expect(marks).not.toContain('signature-tables-computed');
  }, 240_000);

  it('after a batch was added, reads only the others from the engine file and the new one from its file; the host then rebuilds it', async () => {
    const before = built();
    const kept = viewTables();
    const w = await Workspace.open(new NodeFileStore(ws()), TEST_ACTOR);
    const more = generateProfiles({ sources: 2, seed: 22 });
    await addRows(w, more.samples.map((s) => ({ ...s, sample_id: `N-${s.sample_id}` })), more.results.map((r) => ({ ...r, sample_id: `N-${r.sample_id}` })));
    await reopen();
    expect(await page.getByTestId('engine-cache').textContent()).toBe(' · 2 of 4 opened from the engine file');
    expect(await samplesShown()).toBe(samples + more.samples.length);
    await expect.poll(built, { timeout: 120_000 }).toBeGreaterThan(before);
    // The signature tables of the new inputs replace those kept before (one bundle per workspace).
    await expect.poll(() => viewTables().join() !== kept.join() && viewTables().length === 1, { timeout: 120_000 }).toBe(true);
    await reopen();
    expect(await page.getByTestId('engine-cache').textContent()).toBe(' · 4 of 4 opened from the engine file');
    expect(await samplesShown()).toBe(samples + more.samples.length);
  }, 300_000);
});
