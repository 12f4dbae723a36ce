/**
 * Issue 12 in the web build, in Chromium, as an analyst walks it: the name asked once before any workspace opens
 * and found in every audit line; an annotation that needs an explicit decision and a reason, then withdrawn by a
 * later one; a chemical class report made from a class card, downloaded with its manifest, verified with `sigwb
 * verify` on a copy of the browser's workspace and by the app's own Verify; then a batch imported after the class run:
 * every place that shows the run says it is out of date, new samples say they are not in the class run, and one
 * action brings it up to date. Screenshots in test-results/record-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Download, Page } from 'playwright-core';
import { calibrateAndRunClasses, chromiumAvailable, launchApp, readWorkspaceText, runCommand, screenshot, type AppUnderTest } from '../util/browser';
import { parseCsv } from '../unit/exporting/read-back';
import { seriousA11yViolations, type A11yViolation } from '../util/a11y';
import { runCli } from '../util/run-cli';
import { tempDir } from '../util/temp-dir';

const reason = 'Chromium is not installed at /usr/bin/chromium (apt-get install -y chromium); .ci/run installs it';
const idle = (page: Page) => page.getByTestId('task').waitFor({ state: 'detached', timeout: 170_000 });
const NAME = 'Ana Tremblay';

/** Every file of the first workspace in the browser's private storage, copied to `dir` (the layout on disk). */
async function copyWorkspaceOut(page: Page, dir: string): Promise<void> {
  const files = await page.evaluate(async () => {
    const out: [string, string][] = [];
    type Dir = FileSystemDirectoryHandle & { entries(): AsyncIterable<[string, FileSystemHandle]> };
    const walk = async (d: Dir, prefix: string) => {
      for await (const [name, h] of d.entries()) {
        if (h.kind === 'directory') await walk(h as Dir, `${prefix}${name}/`);
        else {
          const bytes = new Uint8Array(await (await (h as FileSystemFileHandle).getFile()).arrayBuffer());
          let bin = '';
          for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
          out.push([`${prefix}${name}`, btoa(bin)]);
        }
      }
    };
    const all = (await (await navigator.storage.getDirectory()).getDirectoryHandle('workspaces')) as Dir;
    for await (const [, h] of all.entries()) {
      await walk(h as Dir, '');
      break;
    }
    return out;
  });
  for (const [name, b64] of files) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), Buffer.from(b64, 'base64'));
  }
}

async function auditLines(page: Page): Promise<{ who: string; action: string; summary: string }[]> {
  return (await readWorkspaceText(page, 'audit.jsonl')).trim().split('\n').map((l) => JSON.parse(l));
}

describe.skipIf(!chromiumAvailable())(`reports, freshness and the record in the web build (${chromiumAvailable() ? 'Chromium' : reason})`, () => {
  let app: AppUnderTest;
  let page: Page;
  let tmp: ReturnType<typeof tempDir>;
  const downloads: Download[] = [];
  /** axe-core's critical and serious findings on each screen this walk adds, asserted empty at the end. */
  const a11y: { view: string; violations: A11yViolation[] }[] = [];
  const accessible = async (view: string) => a11y.push({ view, violations: await seriousA11yViolations(page) });
  beforeAll(async () => {
    tmp = tempDir('sigwb-e2e-record-');
    app = await launchApp({ width: 1400, height: 900 }, { analyst: null });
    page = app.page;
    page.on('download', (d) => downloads.push(d));
  });
  afterAll(async () => {
    await app?.close();
    tmp?.cleanup();
  });

  it('asks who is working once, before any workspace opens, and keeps it', async () => {
    await page.getByTestId('analyst-name-form').waitFor();
    expect(await page.locator('.welcome-actions').getAttribute('inert')).not.toBeNull();
    await page.getByTestId('analyst-name-save').click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/Write your name/);
    await screenshot(page, 'record-01-who-is-working');
    await accessible('who is working');
    await page.getByTestId('analyst-name').fill(`  ${NAME} `);
    await page.getByTestId('analyst-name-save').click();
    await page.getByTestId('analyst-name-form').waitFor({ state: 'detached' });
    await page.reload();
    await page.getByTestId('load-samples').waitFor();
    expect(await page.getByTestId('analyst-name-form').count()).toBe(0);
    await page.getByTestId('load-samples').click();
    await page.getByTestId('home-view').waitFor({ timeout: 120_000 });
    await idle(page);
  });

  it('records an annotation only with an explicit decision and a reason, and withdraws it by a later one', async () => {
    await calibrateAndRunClasses(page);
    await page.getByTestId('class-row-1').click();
    await page.getByTestId('class-card').waitFor();
    expect(await page.getByRole('radio', { checked: true }).count()).toBe(0);
    await page.getByTestId('annotation-save').click();
    await expect.poll(() => page.getByTestId('annotation-error').textContent()).toMatch(/choose what the annotation records/);
    await page.getByRole('radio', { name: 'Link confirmed' }).check();
    await page.getByTestId('annotation-save').click();
    await expect.poll(() => page.getByTestId('annotation-error').textContent()).toMatch(/give the reason/);
    expect(await page.getByTestId('annotation-A0001').count()).toBe(0);
    await page.getByTestId('annotation-note').fill('Same press marks on the tablets of both cases (case officer, 2026-11-20).');
    await page.getByTestId('annotation-save').click();
    await expect.poll(() => page.getByTestId('annotation-A0001').textContent()).toMatch(new RegExp(`^Link confirmed by ${NAME}, .*Same press marks`));
    await page.getByTestId('withdraw-A0001').click();
    await page.getByTestId('withdraw-note').fill('Entered on the wrong class.');
    await page.getByTestId('withdraw-save').click();
    await expect.poll(() => page.getByTestId('annotation-A0001').textContent()).toMatch(new RegExp(`Withdrawn by ${NAME}, .*: Entered on the wrong class\\.`));
    expect(await page.getByTestId('annotation-A0001').locator('.struck').count()).toBe(1);
    await page.getByTestId('class-annotations').scrollIntoViewIfNeeded();
    await screenshot(page, 'record-02-annotation-withdrawn');
    await accessible('class card with annotations');
    const lines = await auditLines(page);
    expect(lines.length).toBeGreaterThan(8);
    expect(lines.filter((l) => l.who !== NAME)).toEqual([]);
    expect(lines.map((l) => l.action)).toEqual(expect.arrayContaining(['class.annotate', 'class.annotation.withdraw', 'calibration.save', 'batch.import']));
  });

  it('makes a class report from the class card; it downloads with its manifest and sigwb verify reproduces it', async () => {
    await page.getByTestId('class-report').click();
    await page.getByTestId('report-dialog').waitFor();
    expect(await page.getByTestId('report-classes').inputValue()).toBe('1');
    expect(await page.locator('[data-testid=report-format] option[value=pdf]').isDisabled()).toBe(true);
    expect(await page.getByTestId('report-pdf-note').textContent()).toMatch(/PDF is printed by the desktop app or sigwb report/);
    await page.getByTestId('report-make').click();
    await page.getByTestId('report-done').waitFor({ timeout: 120_000 });
    await expect.poll(() => downloads.length).toBe(2);
    expect(await page.getByTestId('report-done').textContent()).toMatch(/Saved chemical class report R-\d{8}-[0-9a-f]{8} .* to Downloads\/sample-data-classes-1\.html, with its manifest/);
    await screenshot(page, 'record-03-report-made');
    await accessible('report dialog');
    const html = path.join(tmp.dir, downloads[0].suggestedFilename());
    await downloads[0].saveAs(html);
    await downloads[1].saveAs(path.join(tmp.dir, downloads[1].suggestedFilename()));
    expect(downloads[1].suggestedFilename()).toBe('sample-data-classes-1.html.manifest.json');
    const text = readFileSync(html, 'utf8');
    expect(text).toContain(`Analyst</dt><dd>${NAME}`);
    // One 0–100 language: the threshold reads the same in the methods (the run's reasons) and in the calibration section.
    const inMethods = /(?:Tree|linkage) cut at [\d.e-]+ \([^,]+, ([\d.e-]+) on the 0–100 scale\)/.exec(text)?.[1];
    const inCalibration = /Link threshold<\/th><td>[\d.e-]+ \(([\d.e-]+) on the 0–100 scale/.exec(text)?.[1];
    expect(inMethods).toMatch(/^\d/);
    expect(inCalibration).toBe(inMethods);
    expect(text).not.toMatch(/N\^1\/4|Cohesion/);
    const ws = path.join(tmp.dir, 'ws');
    await copyWorkspaceOut(page, ws);
    const r = await runCli('verify', html, '--workspace', ws);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^Reproduced exactly: chemical class report R-\d{8}-[0-9a-f]{8} \(HTML\)/);
    await page.keyboard.press('Escape');
    await page.getByTestId('report-dialog').waitFor({ state: 'detached' });
  });

  it('exports the class\'s samples with their class and route, and names figures for what they are', async () => {
    await page.getByTestId('class-card').waitFor();
    expect(await page.getByText('Mean distance between members', { exact: true }).isVisible()).toBe(true);
    await page.getByTestId('select-class').click();
    await runCommand(page, 'Export samples');
    await page.getByTestId('export-dialog').waitFor();
    const before = downloads.length;
    await page.getByTestId('export-run').click();
    await expect.poll(() => downloads.length, { timeout: 60_000 }).toBe(before + 2);
    const csv = path.join(tmp.dir, downloads[before].suggestedFilename());
    await downloads[before].saveAs(csv);
    const [header, ...rows] = parseCsv(readFileSync(csv, 'utf8')).rows;
    expect(header).toEqual(expect.arrayContaining(['class_id', 'class_run', 'route', 'form', 'form_raw']));
    expect(new Set(rows.map((r) => r[header.indexOf('class_id')]))).toEqual(new Set(['1']));
    expect(new Set(rows.map((r) => r[header.indexOf('class_run')]))).toEqual(new Set(['R0001']));
    expect(rows.some((r) => r[header.indexOf('route')] !== '')).toBe(true);
    await page.keyboard.press('Escape');
    await page.getByTestId('export-dialog').waitFor({ state: 'detached' });
  });

  it('verifies a report chosen in the app, and names what differs in an altered copy', async () => {
    const html = path.join(tmp.dir, downloads[0].suggestedFilename());
    await runCommand(page, 'Verify a report');
    await page.getByTestId('verify-dialog').waitFor();
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('verify-choose').click();
    await (await chooser).setFiles([html, `${html}.manifest.json`]);
    await expect.poll(() => page.getByTestId('verify-result').textContent(), { timeout: 120_000 }).toMatch(/^Reproduced exactly: chemical class report R-/);
    await screenshot(page, 'record-04-verified');
    await accessible('verify dialog');
    const text = readFileSync(html, 'utf8');
    const altered = path.join(tmp.dir, 'altered.html');
    writeFileSync(altered, text.replace('<h3>Class 1</h3>', '<h3>Class 7</h3>'));
    const again = page.waitForEvent('filechooser');
    await page.getByTestId('verify-choose').click();
    await (await again).setFiles([altered]);
    await expect.poll(() => page.getByTestId('verify-result').textContent(), { timeout: 120_000 }).toMatch(/^Not reproduced/);
    expect(await page.getByTestId('verify-differences').textContent()).toMatch(/altered after writing/);
    await page.keyboard.press('Escape');
  });

  it('says wherever the class run is shown that it is older than a batch imported after it, and brings it up to date in one action', async () => {
    // Three new samples: two FS24 samples' results under new ids.
    const source = readFileSync(path.resolve(import.meta.dirname, '..', '..', 'samples', 'results', 'gcms-impurities.csv'), 'utf8').split(/\r?\n/);
    const rows = source.filter((l) => /^FS24-0000[12]\.D,/.test(l)).map((l) => l.replace(/FS24-0000(\d)/g, 'NEW-0000$1'));
    const csv = path.join(tmp.dir, 'new-results.csv');
    writeFileSync(csv, [source[4], ...rows].join('\n') + '\n');
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('import-files').first().click();
    await (await chooser).setFiles([csv]);
    await page.getByTestId('import-preview').waitFor();
    await page.getByTestId('preview-import').click();
    await page.getByTestId('import-report').waitFor({ timeout: 60_000 });
    await idle(page);
    await page.keyboard.press('1');
    await expect.poll(() => page.getByTestId('stale-classes').textContent()).toMatch(/^Class run R0001 is out of date: batch B0006 was imported after it\./);
    await screenshot(page, 'record-05-home-out-of-date');
    await page.keyboard.press('4');
    await expect.poll(() => page.getByTestId('stale-classes').textContent()).toMatch(/Class run R0001 is out of date/);
    await expect.poll(() => page.getByTestId('pca-not-in-run').textContent(), { timeout: 60_000 }).toMatch(/2 samples are not in class run R0001 \(grey\): the run is out of date/);
    await screenshot(page, 'record-06-classes-out-of-date');
    await accessible('classes out of date');
    // The views that colour by the run say so too (Map, Timeline, Network).
    for (const [key, view] of [['5', 'map-view'], ['6', 'timeline-view'], ['7', 'network-view']]) {
      await page.keyboard.press(key);
      // The notice inside that view (not the one of the view before, still on screen while the next one loads).
      await expect.poll(() => page.getByTestId(view).getByTestId('stale-classes').textContent(), { timeout: 60_000 }).toMatch(/^Class run R0001 is out of date: batch B0006 was imported after it\./);
    }
    await screenshot(page, 'record-06b-network-out-of-date');
    await page.keyboard.press('2');
    // The table is built again when the views' helper tables are (after an import): type the filter until it holds.
    await expect
      .poll(async () => {
        await page.getByLabel('Filter rows').fill('NEW-00001');
        await page.waitForTimeout(500);
        return page.getByTestId('samples-table').getByTestId('row-count').textContent();
      }, { timeout: 60_000 })
      .toBe('1 row match');
    await expect.poll(() => page.locator('[role=row][aria-rowindex="2"]').textContent(), { timeout: 30_000 }).toContain('not in the class run (run is out of date)');
    await page.locator('[role=row][aria-rowindex="2"]').dblclick();
    await expect.poll(() => page.getByTestId('sample-run-state').textContent()).toBe('Not in class run R0001 (the run is out of date: this sample\'s data came after it).');
    await screenshot(page, 'record-07-sample-not-in-run');
    await page.getByTestId('refresh-classes').click();
    await idle(page);
    await expect.poll(() => page.getByTestId('sample-run-state').count(), { timeout: 170_000 }).toBe(0);
    expect(await page.getByTestId('stale-classes').count()).toBe(0);
    await page.keyboard.press('1');
    await expect.poll(() => page.getByTestId('home-classes').textContent()).toMatch(/R0002/);
    expect(await page.getByTestId('stale-classes').count()).toBe(0);
  });

  it('has no critical or serious accessibility violation on the screens it added (axe-core)', () => {
    expect(a11y.filter((a) => a.violations.length)).toEqual([]);
  });
});
