/**
 * The desktop app opening a workspace whose calibration in force is cut short and whose latest class run states an
 * unknown class id rule (each with its SHA-256 recomputed in workspace.json, as a hand "repair" would): the workspace
 * opens with its samples, the banner names both records (workspace-relative, as the CLI does), the JSON fault's line and
 * column, and what to do, and every view that would show classes says the class run is unreadable (not that there is none).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorkspace, TEST_ACTOR } from '../unit/analysis/make-workspace';
import { chromiumAvailable, screenshot, type AppUnderTest } from '../util/browser';
import { desktopHostFor } from '../util/desktop-host';
import { editDocument } from '../util/edit-document';
import { launchDesktopApp } from '../util/desktop-app';
import { runCli } from '../util/run-cli';
import { tempDir } from '../util/temp-dir';

const reason = 'Chromium is not installed at /usr/bin/chromium (apt-get install -y chromium); .ci/run installs it';

describe.skipIf(!chromiumAvailable())(`damaged analysis records in the app (${chromiumAvailable() ? 'Chromium' : reason})`, () => {
  let t: ReturnType<typeof tempDir>;
  let app: AppUnderTest;
  let samples: number;
  const ws = () => path.join(t.dir, 'ws');

  beforeAll(async () => {
    t = tempDir();
    samples = (await makeWorkspace(ws(), { sources: 4, seed: 23 })).data.samples.length;
    expect((await runCli('calibrate', '-w', ws())).code).toBe(0);
    expect((await runCli('cluster', '-w', ws(), '--graph', '--out', path.join(t.dir, 'c.csv'))).code).toBe(0);
    editDocument(ws(), 'calibration-C0001', (s) => s.slice(0, 4000));
    editDocument(ws(), 'class-run-R0001', (s) => s.replace('"jaccard-shared-samples"', '"jaccard-everything"'));
    app = await launchDesktopApp(desktopHostFor(t.dir, ws(), TEST_ACTOR));
  }, 240_000);
  afterAll(async () => {
    await app?.close();
    t?.cleanup();
  });

  it('opens with its samples and names both unreadable records', async () => {
    const page = app.page;
    await page.getByTestId('welcome-open').click();
    await page.getByTestId('workspace-name').waitFor({ timeout: 120_000 });
    const banner = page.getByTestId('analysis-problem');
    await expect.poll(() => banner.textContent(), { timeout: 120_000 }).toMatch(/calibration in force could not be read: config\/calibration-C0001\.json is not valid JSON: line \d+, column \d+/);
    const text = (await banner.textContent())!;
    expect(text).toMatch(/latest class run could not be read: config\/class-run-R0001\.json: settings\.class_id_rule/);
    expect(text).toMatch(/restore the workspace folder from a backup/);
    await page.getByTestId('nav-samples').click();
    const count = page.getByTestId('samples-table').getByTestId('row-count');
    await expect.poll(() => count.textContent(), { timeout: 60_000 }).toBe(`${samples} rows`);
    // The samples' class column and class filter say the run is unreadable, not that there is none.
    await expect.poll(() => page.getByTestId('samples-table').getByText('class run unreadable').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await page.getByTestId('samples-table').getByText('no class run yet').count()).toBe(0);
    expect(await page.getByTestId('filter-class').locator('option').first().textContent()).toBe('class run unreadable');
    await screenshot(page, 'damaged-records-banner');
  }, 240_000);

  it('says the class run cannot be read, not that there is none, wherever classes would be shown', async () => {
    const page = app.page;
    const unread = /latest class run cannot be read/;
    const none = /no class run yet|no classes yet|none yet/i;
    await page.getByTestId('nav-home').click();
    await expect.poll(() => page.getByTestId('home-classes-value').textContent(), { timeout: 30_000 }).toBe('unreadable');
    expect(await page.getByTestId('home-classes').textContent()).toMatch(unread);
    for (const [view, testId] of [['classes', 'classes-view'], ['timeline', 'class-legend'], ['map', 'class-legend'], ['network', 'network-view']]) {
      await page.getByTestId(`nav-${view}`).click();
      const text = () => page.getByTestId(testId).first().textContent();
      await expect.poll(text, { timeout: 30_000 }).toMatch(unread);
      expect(await text(), view).not.toMatch(none);
    }
  }, 120_000);
});
