/**
 * The import preview step (issue 3): Import files… opens the file chooser, then the preview shows how the file is read
 * (a semicolon-delimited, decimal-comma CSV here) and how its columns map; the analyst corrects a column, saves the
 * corrections as a named import profile, and imports. The dialog is a desktop dialog: its actions stay in view at
 * 1400×900 and 1280×720, it opens with the focus on its first control (not on Import, which Enter would commit), keeps
 * Tab inside, and Escape cancels it. While the file is refused (its peak-area column is unrecognised) the preview shows
 * the columns that were matched and the missing one. Files dropped on the window open the same preview. Screenshots:
 * test-results/views-17-import-preview.png, test-results/import-preview-1280x720.png,
 * test-results/import-preview-dropped.png.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchApp, chromiumAvailable, screenshot, type AppUnderTest } from '../util/browser';

const reason = 'Chromium is not installed at /usr/bin/chromium (apt-get install -y chromium); .ci/run installs it';
const count = async (page: Page, testId: string) => Number(((await page.getByTestId(testId).textContent()) ?? '').replace(/[^\d]/g, ''));
/** The focused element, by its test id, else its label. */
const focused = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.tagName);
/** Whether a person sees the control without scrolling: wholly inside the window, and on top at its centre. */
const inView = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((el) => {
    const r = el.getBoundingClientRect();
    const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth && el.contains(top);
  });

const CSV = [
  'Sample ID;Compound;Signal;RT (min)',
  'FS26-80001;Fentanyl;36454895,5;14,210',
  'FS26-80001;4-ANPP;171141,5;12,950',
  'FS26-80002;Fentanyl;30111222,0;14,205',
  'FS26-80002;4-ANPP;98765,25;12,948',
].join('\n');

describe.skipIf(!chromiumAvailable())(`import preview (${chromiumAvailable() ? 'Chromium' : reason})`, () => {
  let app: AppUnderTest;
  let page: Page;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'sigwb-preview-'));
    writeFileSync(path.join(dir, 'gcms-semicolon.csv'), CSV);
    app = await launchApp();
    page = app.page;
    await page.locator('#ws-name').fill('Preview test');
    await page.getByTestId('welcome-create').click();
    await page.getByTestId('empty-workspace').waitFor({ timeout: 60_000 });
  });
  afterAll(async () => {
    await app?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('previews a semicolon, decimal-comma CSV, takes a mapping correction, saves a profile and imports', async () => {
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('import-files').click();
    await (await chooser).setFiles(path.join(dir, 'gcms-semicolon.csv'));
    const dialog = page.getByTestId('import-preview');
    await dialog.waitFor();
    await expect.poll(() => page.getByTestId('preview-delimiter').inputValue()).toBe(';');
    // At 1400×900 the actions were below the fold, and the focus was not on the first control.
    expect(await focused(page)).toBe('preview-profile');
    expect(await inView(page, 'preview-import')).toBe(true);
    expect(await inView(page, 'preview-cancel')).toBe(true);
    expect(await page.getByTestId('preview-decimal').inputValue()).toBe(',');
    expect(await page.getByTestId('preview-format').textContent()).toMatch(/format CSV/);
    // "Signal" is no synonym of the peak area: the file is refused until the analyst maps it. Meanwhile the preview shows
    // the mapping as far as it went (every column showed "not decided (file refused)" and no kind was named), and the
    // missing field stands out.
    await expect.poll(() => page.getByTestId('preview-problems').textContent()).toMatch(/area/i);
    await expect.poll(() => page.getByLabel('Target of column Sample ID').inputValue()).toBe('sample_id');
    expect(await page.getByLabel('Target of column Compound').inputValue()).toBe('compound');
    expect(await page.getByLabel('Target of column RT (min)').inputValue()).toBe('rt_min');
    expect(await page.getByTestId('preview-mapping').locator('tbody tr').first().textContent()).toMatch(/canonical name/);
    expect(await page.getByTestId('preview-mapping').textContent()).not.toMatch(/not decided/);
    expect(await page.getByTestId('preview-missing-area').textContent()).toMatch(/area \(required\).*missing/);
    expect(await page.getByTestId('preview-kind').locator('option:checked').textContent()).toBe('as detected (results-long)');
    expect(await page.getByTestId('preview-format').textContent()).toMatch(/holds results, long/);
    await page.getByLabel('Target of column Signal').selectOption('area');
    await page.getByTestId('preview-problems').waitFor({ state: 'detached' });
    await page.getByTestId('preview-missing-area').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByLabel('Target of column Signal').inputValue()).toBe('area');
    expect(await page.getByTestId('preview-rows').locator('tbody tr').count()).toBe(4);

    await page.getByTestId('preview-save-profile').click();
    await page.getByTestId('profile-name').fill('GC-MS semicolon');
    await page.getByTestId('profile-instrument').fill('GCMS-5977B');
    await page.getByTestId('profile-save-confirm').click();
    await expect.poll(() => page.getByTestId('preview-message').textContent()).toMatch(/Saved import profile “GC-MS semicolon”/);
    expect(await page.getByTestId('preview-profile').inputValue()).toBe('GC-MS semicolon');
    await expect.poll(() => page.getByLabel('Target of column Signal').inputValue()).toBe('area');
    await screenshot(page, 'views-17-import-preview');

    await page.getByTestId('preview-import').click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('import-report').waitFor({ timeout: 60_000 });
    // innerText: the notes are a list below the line (textContent would run them on: "4 rowsnote: …").
    expect(await page.getByTestId('import-report').innerText()).toMatch(/gcms-semicolon\.csv: imported as B0001: 4 rows?\b/);
    await page.getByTestId('task').waitFor({ state: 'detached', timeout: 60_000 });
    await page.getByTestId('home-view').waitFor({ timeout: 60_000 });
    await expect.poll(() => count(page, 'home-batches-value')).toBe(1);
    expect(await count(page, 'home-measurements-value')).toBe(4);
  });

  it('offers the saved profile at the next import', async () => {
    const chooser = page.waitForEvent('filechooser');
    await page.keyboard.press('Control+i');
    await (await chooser).setFiles(path.join(dir, 'gcms-semicolon.csv'));
    await page.getByTestId('import-preview').waitFor();
    await page.getByTestId('preview-profile').selectOption('GC-MS semicolon');
    await expect.poll(() => page.getByLabel('Target of column Signal').inputValue()).toBe('area');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByTestId('import-preview').waitFor({ state: 'detached' });
  });

  it('deletes a saved profile after asking, and the file goes back to detection', async () => {
    const chooser = page.waitForEvent('filechooser');
    await page.keyboard.press('Control+i');
    await (await chooser).setFiles(path.join(dir, 'gcms-semicolon.csv'));
    await page.getByTestId('import-preview').waitFor();
    await page.getByTestId('preview-profile').selectOption('GC-MS semicolon');
    await expect.poll(() => page.getByLabel('Target of column Signal').inputValue()).toBe('area');
    await page.getByTestId('preview-delete-profile').click();
    // Asked first, with "Keep it" focused: Enter alone deletes nothing.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Keep it');
    await page.getByTestId('profile-delete-confirm').click();
    await expect.poll(() => page.getByTestId('preview-message').textContent()).toMatch(/^Deleted import profile “GC-MS semicolon”/);
    const options = await page.getByTestId('preview-profile').locator('option').allTextContents();
    expect(options.some((o) => o.includes('GC-MS semicolon'))).toBe(false);
    expect(await page.getByTestId('preview-profile').inputValue()).toBe('');
    await expect.poll(() => page.getByLabel('Target of column Signal').inputValue()).not.toBe('area');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByTestId('import-preview').waitFor({ state: 'detached' });
  });

  it('opens the same preview for files dropped on the window, and takes more files dropped on it', async () => {
    const batches = await count(page, 'home-batches-value');
    const drop = (name: string, text: string) =>
      page.evaluate(
        ({ name, text }) => {
          const dt = new DataTransfer();
          dt.items.add(new File([text], name, { type: 'text/csv' }));
          for (const type of ['dragenter', 'dragover', 'drop']) window.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
        },
        { name, text },
      );
    await drop('dropped-semicolon.csv', CSV);
    const dialog = page.getByTestId('import-preview');
    await dialog.waitFor();
    // Nothing is imported before the analyst has looked: the preview shows the file, refused until Signal is mapped.
    await expect.poll(() => page.getByTestId('preview-format').textContent()).toMatch(/dropped-semicolon\.csv · format CSV/);
    await expect.poll(() => page.getByLabel('Target of column Sample ID').inputValue()).toBe('sample_id');
    await page.getByTestId('preview-missing-area').waitFor();
    expect(await page.getByTestId('task').filter({ hasText: 'Importing' }).count()).toBe(0);

    // A second file dropped on the open preview joins it, and is shown.
    await drop('dropped-metadata.csv', 'Sample ID,Seizure ID,City\nFS26-80001,EX-80001,Winnipeg\n');
    await expect.poll(() => page.getByTestId('preview-file').locator('option').allTextContents()).toEqual(['dropped-semicolon.csv', 'dropped-metadata.csv']);
    await expect.poll(() => page.getByTestId('preview-format').textContent()).toMatch(/dropped-metadata\.csv · format CSV .*holds sample metadata/);
    await screenshot(page, 'import-preview-dropped');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await count(page, 'home-batches-value')).toBe(batches);
  });

  it('fits 1280×720 with its actions in view, opens on its first control, keeps Tab inside, and Escape cancels it', async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    try {
      const batches = await count(page, 'home-batches-value');
      const chooser = page.waitForEvent('filechooser');
      await page.getByTestId('import-files').click();
      await (await chooser).setFiles(path.join(dir, 'gcms-semicolon.csv'));
      const dialog = page.getByTestId('import-preview');
      await dialog.waitFor();
      await expect.poll(() => page.getByTestId('preview-delimiter').inputValue()).toBe(';');
      await page.getByTestId('preview-rows').waitFor();
      // Enter must not import before the analyst has looked: the focus is on the first control, not on Import.
      expect(await focused(page)).not.toBe('preview-import');
      expect(await focused(page)).toBe('preview-profile');
      for (const id of ['preview-import', 'preview-cancel', 'preview-import-partial', 'preview-save-profile']) expect(await inView(page, id), id).toBe(true);
      await screenshot(page, 'import-preview-1280x720');

      // Tab and Shift+Tab wrap around inside the dialog: header Close first, Cancel last.
      await page.keyboard.press('Shift+Tab');
      expect(await focused(page)).toBe('Close');
      await page.keyboard.press('Shift+Tab');
      expect(await focused(page)).toBe('preview-cancel');
      await page.keyboard.press('Tab');
      expect(await focused(page)).toBe('Close');
      await page.keyboard.press('Tab');
      expect(await focused(page)).toBe('preview-profile');

      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      // Nothing imported (no import under way, the same batches; other background tasks may run), and the focus is back
      // on the button that opened the dialog.
      expect(await page.getByTestId('task').filter({ hasText: 'Importing' }).count()).toBe(0);
      expect(await count(page, 'home-batches-value')).toBe(batches);
      expect(await focused(page)).toBe('import-files');
    } finally {
      await page.setViewportSize({ width: 1400, height: 900 });
    }
  });
});
