/**
 * The desktop app end to end: launches the built Electron app with Playwright, creates a workspace for the
 * bundled sample data (the folder dialog answered by a stub in the main process) and runs a query: the same
 * flow as test/e2e/web-app.test.ts, plus the checks that only the desktop has (the preload's surface, no
 * Node.js in the page, no network). Skips, saying why, where the Electron binary or a display is absent.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIsStale, displayProblem, locateElectron } from '../../scripts/electron-runtime.mjs';
import { methodNames } from '../../shared/host/contract';

const repo = path.resolve(import.meta.dirname, '../..');
const electron = locateElectron();
const skipReason = electron.path ? displayProblem() : `Electron binary absent: ${electron.reason}`;
if (skipReason) console.log(`test/e2e/electron.test.ts skipped: ${skipReason}. The web e2e test covers the same flow in a browser.`);

describe.skipIf(skipReason !== null)('desktop app (Electron)', () => {
  let app: ElectronApplication;
  let page: Page;
  let scratch: string;
  const artifacts = path.join(repo, 'test-results', 'electron');

  beforeAll(async () => {
    if (buildIsStale(repo)) {
      const built = spawnSync('npm', ['run', 'build'], { cwd: repo, stdio: 'inherit', shell: process.platform === 'win32' });
      if (built.status !== 0) throw new Error('npm run build failed');
    }
    scratch = await mkdtemp(path.join(os.tmpdir(), 'sigwb-electron-e2e-'));
    await mkdir(artifacts, { recursive: true });
    app = await _electron.launch({
      args: [repo],
      cwd: repo,
      env: { ...(process.env as Record<string, string>), SIGWB_USER_DATA_DIR: path.join(scratch, 'user-data'), SIGWB_ANALYST: 'e2e analyst' },
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  afterAll(async () => {
    await app?.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it('shows the workbench from app://workbench in one window', async () => {
    expect(page.url()).toBe('app://workbench/index.html');
    expect(app.windows()).toHaveLength(1);
    await expect.poll(() => page.getByTestId('welcome-create').isVisible()).toBe(true);
    await page.screenshot({ path: path.join(artifacts, 'welcome.png') });
  });

  it('gives the page the named host methods only, and no Node.js', async () => {
    const surface = await page.evaluate(() => {
      const w = globalThis as unknown as Record<string, unknown>;
      return { keys: Object.keys(w.sigwb as object).sort(), require: typeof w.require, process: typeof w.process, Buffer: typeof w.Buffer };
    });
    expect(surface.keys).toEqual([...Object.values(methodNames), 'onMenuAction'].sort());
    expect(surface).toMatchObject({ require: 'undefined', process: 'undefined', Buffer: 'undefined' });
  });

  it('lets nothing leave the machine and opens no other window', async () => {
    const outcome = await page.evaluate(async () => {
      try {
        await fetch('https://example.org/');
        return 'fetched';
      } catch {
        return 'blocked';
      }
    });
    expect(outcome).toBe('blocked');
    expect(await page.evaluate(() => window.open('app://workbench/index.html') === null)).toBe(true);
    expect(app.windows()).toHaveLength(1);
  });

  it('creates a workspace for the bundled sample data in one click and shows the samples with counts', async () => {
    const folder = path.join(scratch, 'Sample data');
    // Native dialogs cannot be driven; the main process's dialog answers with the folder instead.
    await app.evaluate(({ dialog }, chosen) => {
      dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [chosen] })) as typeof dialog.showOpenDialog;
    }, folder);

    await page.getByTestId('load-samples').click();
    // The workspace opens on Home; the import runs on with its progress bar until every file is in.
    await page.getByTestId('home-view').waitFor({ timeout: 120_000 });
    await page.getByTestId('task').waitFor({ state: 'detached', timeout: 120_000 });
    await page.getByTestId('nav-samples').click();
    await page.getByTestId('samples-table').waitFor({ timeout: 60_000 });
    await expect.poll(async () => page.getByTestId('row-count').textContent(), { timeout: 60_000 }).toMatch(/^[\d,]+ rows$/);
    expect(Number((await page.getByTestId('row-count').textContent())!.replace(/\D/g, ''))).toBeGreaterThan(100);
    expect(await page.getByTestId('workspace-name').textContent()).toBe('Sample data');
    await page.screenshot({ path: path.join(artifacts, 'samples.png') });
    // The workspace is an ordinary folder on disk, written through the host's file channels.
    expect(await readdir(folder)).toEqual(expect.arrayContaining(['workspace.json', 'audit.jsonl', 'batches']));
  });

  it('runs a read-only query in the SQL console', async () => {
    await page.getByTestId('nav-sql').click();
    await page.getByTestId('sql-input').fill('SELECT region, count(*) AS samples FROM samples WHERE region IS NOT NULL GROUP BY region ORDER BY samples DESC');
    await page.getByTestId('sql-run').click();
    const result = page.getByTestId('sql-result');
    await expect.poll(() => result.getByTestId('row-count').textContent(), { timeout: 60_000 }).toMatch(/^\d+ rows?$/);
    await expect.poll(() => result.locator('[role=columnheader]').allTextContents()).toEqual(['region', 'samples']);
    await page.screenshot({ path: path.join(artifacts, 'sql.png') });
  });

  it('prints a sample list to PDF through Electron, saves it with its manifest, and sigwb verify reproduces it', async () => {
    const out = path.join(scratch, 'reports');
    await mkdir(out, { recursive: true });
    // The save dialog answers with a path in the scratch folder, under the name the app suggests.
    await app.evaluate(({ dialog }, dir) => {
      dialog.showSaveDialog = (async (...args: unknown[]) => {
        const options = args[args.length - 1] as { defaultPath?: string };
        return { canceled: false, filePath: `${dir}/${options.defaultPath}` };
      }) as typeof dialog.showSaveDialog;
    }, out);
    await page.keyboard.press('Control+k');
    await page.getByLabel('Type a command').fill('Report: sample list');
    await page.keyboard.press('Enter');
    await page.getByTestId('report-dialog').waitFor();
    await page.getByTestId('report-scope').selectOption('all');
    await page.getByTestId('report-format').selectOption('pdf');
    await page.getByTestId('report-make').click();
    await page.getByTestId('report-done').waitFor({ timeout: 120_000 });
    const files = (await readdir(out)).sort();
    expect(files).toEqual(['sample-data-all-samples.pdf', 'sample-data-all-samples.pdf.manifest.json']);
    const { runCli } = await import('../util/run-cli');
    const r = await runCli('verify', path.join(out, files[0]), '--workspace', path.join(scratch, 'Sample data'));
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^Reproduced exactly: sample list R-\d{8}-[0-9a-f]{8} \(PDF\)/);
    await page.keyboard.press('Escape');
  });

  it('reopens the workspace from the recent list after a reload', async () => {
    await page.reload();
    await page.getByRole('button', { name: 'Sample data', exact: true }).click();
    await expect.poll(() => page.getByTestId('workspace-name').textContent(), { timeout: 60_000 }).toBe('Sample data');
    await expect.poll(() => page.getByTestId('row-count').textContent(), { timeout: 60_000 }).toMatch(/^[\d,]+ rows$/);
  });
});
