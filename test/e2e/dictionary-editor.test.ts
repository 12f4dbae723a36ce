/**
 * The compound dictionary editor (Data view, Dictionary tab), in Chromium: a results file names two compounds the
 * dictionary does not know; Home counts them and its action leads to them in the editor; the analyst maps one as a
 * synonym of 4-ANPP with the keyboard (search, list, Enter), sees Home's count drop and the measurements take the
 * canonical name, finds the audit line saying what changed, is refused (with both compounds named, nothing written)
 * when adding the other with a synonym another compound has, and sees the dictionary read-only in investigator mode.
 * Screenshots: test-results/dictionary-editor-*.png.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchApp, chromiumAvailable, screenshot, type AppUnderTest } from '../util/browser';

const reason = 'Chromium is not installed at /usr/bin/chromium (apt-get install -y chromium); .ci/run installs it';
const focused = (page: Page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.getAttribute('data-testid') || document.activeElement?.tagName);

const CSV = [
  'Sample ID,Compound,Area,RT (min)',
  'FS26-90001,Fentanyl,3645489,14.21',
  'FS26-90001,Despropionylfentanyl (DPF),171141,12.95',
  'FS26-90001,Unknown 14.62,8811,14.62',
  'FS26-90002,Fentanyl,3011122,14.20',
  'FS26-90002,Despropionylfentanyl (DPF),98765,12.95',
].join('\n');

/** The workspace's audit log, read from the origin-private file system as the web host keeps it. */
const auditLog = (page: Page) =>
  page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    const all = await root.getDirectoryHandle('workspaces');
    for await (const [, handle] of (all as unknown as { entries(): AsyncIterable<[string, FileSystemDirectoryHandle]> }).entries()) {
      const file = await (await handle.getFileHandle('audit.jsonl')).getFile();
      return file.text();
    }
    return '';
  });

describe.skipIf(!chromiumAvailable())(`dictionary editor (${chromiumAvailable() ? 'Chromium' : reason})`, () => {
  let app: AppUnderTest;
  let page: Page;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'sigwb-dictionary-'));
    writeFileSync(path.join(dir, 'gcms-unknowns.csv'), CSV);
    app = await launchApp();
    page = app.page;
    await page.locator('#ws-name').fill('Dictionary test');
    await page.getByTestId('welcome-create').click();
    await page.getByTestId('empty-workspace').waitFor({ timeout: 60_000 });
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('import-files').click();
    await (await chooser).setFiles(path.join(dir, 'gcms-unknowns.csv'));
    await page.getByTestId('import-preview').waitFor();
    await page.getByTestId('preview-import').click();
    await page.getByTestId('import-report').waitFor({ timeout: 60_000 });
    await page.getByTestId('task').waitFor({ state: 'detached', timeout: 60_000 });
    await page.getByTestId('home-view').waitFor({ timeout: 60_000 });
    await page.getByTestId('import-report').getByRole('button', { name: 'Close' }).click();
  });
  afterAll(async () => {
    await app?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('Home counts the unassigned compounds and leads to them in the editor', async () => {
    await expect.poll(() => page.getByTestId('problem-unmapped').textContent()).toMatch(/^2 compounds not in the dictionary/);
    await page.getByTestId('problem-unmapped').getByRole('button', { name: 'Map or add them' }).click();
    await page.getByTestId('dictionary-editor').waitFor();
    expect(await page.getByRole('tab', { name: 'Dictionary' }).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => page.getByTestId('unassigned-row').count()).toBe(2);
    // Most measured first, with where they elute; the focus lands on the list (the link that had it is gone).
    expect(await page.getByTestId('unassigned-row').first().getAttribute('data-compound')).toBe('Despropionylfentanyl (DPF)');
    expect(await page.getByTestId('unassigned-row').first().textContent()).toMatch(/Despropionylfentanyl \(DPF\)2212\.95/);
    expect(await focused(page)).toBe('unassigned-h');
    expect(await page.getByTestId('dictionary-version').textContent()).toMatch(/version default-\S+ · \d+ compounds · the shipped default/);
    await screenshot(page, 'dictionary-editor-1-unassigned');
  });

  it('maps an unassigned compound as a synonym with the keyboard; Home’s count drops and the audit log says what changed', async () => {
    const row = page.locator('[data-testid="unassigned-row"][data-compound="Despropionylfentanyl (DPF)"]');
    await row.getByTestId('map-synonym').focus();
    await page.keyboard.press('Enter');
    const filter = page.getByTestId('map-target-filter');
    await filter.waitFor();
    expect(await filter.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('anpp');
    // The best match is chosen as the analyst types; Arrow Down reaches the list.
    await expect.poll(() => page.getByTestId('map-target-list').inputValue()).toBe('4-ANPP');
    expect(await page.getByTestId('map-target-list').locator('option').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/^4-ANPP — precursor/)]));
    expect(await page.getByTestId('map-save').textContent()).toBe('Map as a synonym of 4-ANPP');
    await page.keyboard.press('ArrowDown');
    expect(await page.getByTestId('map-target-list').evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.getByTestId('map-target-list').inputValue()).toBe('4-ANPP');
    await screenshot(page, 'dictionary-editor-2-map');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('dictionary-status').textContent()).toMatch(/^Saved: compound dictionary \d{4}-\d{2}-\d{2}\.1 \(was default-\S+\): mapped "Despropionylfentanyl \(DPF\)" as a synonym of 4-ANPP\.$/);
    await expect.poll(() => page.getByTestId('unassigned-row').count()).toBe(1);
    expect(await page.getByTestId('dictionary-version').textContent()).toMatch(/the workspace’s own copy/);
    const anpp = page.locator('[data-testid="dictionary-row"][data-compound="4-ANPP"]');
    expect(await anpp.textContent()).toMatch(/Despropionylfentanyl \(DPF\)/);
    await expect.poll(() => anpp.locator('td.num').textContent()).toBe('2');

    const audit = await auditLog(page);
    expect(audit).toMatch(/"action":"dictionary\.save","summary":"Saved config\/compound-dictionary-V0001\.json \(version V0001, in force, copied to config\/compound-dictionary\.json\): compound dictionary [\d-]+\.1 \(was default-[^)]+\): mapped \\"Despropionylfentanyl \(DPF\)\\" as a synonym of 4-ANPP"/);

    // The measurements take the canonical name at once, as after `sigwb dictionary --import`.
    await page.getByTestId('tab-measurements').click();
    await expect.poll(() => page.getByTestId('measurements-table').textContent()).toMatch(/4-ANPP/);
    await page.getByTestId('nav-home').click();
    await expect.poll(() => page.getByTestId('problem-unmapped').textContent()).toMatch(/^1 compound not in the dictionary/);
  });

  it('refuses a new compound whose synonym names another compound, names both, and writes nothing', async () => {
    await page.getByTestId('problem-unmapped').getByRole('button', { name: 'Map or add them' }).click();
    await page.getByTestId('dictionary-editor').waitFor();
    const before = await auditLog(page);
    const row = page.locator('[data-testid="unassigned-row"][data-compound="Unknown 14.62"]');
    await row.getByTestId('add-compound').click();
    await page.getByTestId('add-form-name').fill('impurity RT 14.62');
    await page.getByTestId('add-form-synonyms').fill('tranq');
    await page.getByTestId('add-form-save').click();
    await expect.poll(() => page.getByTestId('add-form-error').textContent()).toBe(
      'Not saved: "tranq" is a synonym of xylazine: it cannot also name impurity RT 14.62. A name or synonym may name one compound only.',
    );
    expect(await auditLog(page)).toBe(before);
    expect(await page.getByTestId('unassigned-row').count()).toBe(1);
    await screenshot(page, 'dictionary-editor-3-refused');
    // Escape closes the form; the row keeps its actions.
    await page.getByTestId('add-form-name').press('Escape');
    await page.getByTestId('add-form').waitFor({ state: 'detached' });

    // A compound that results map to says why it cannot be removed.
    await page.getByTestId('dictionary-filter').fill('fentanyl');
    await page.locator('[data-testid="dictionary-row"][data-compound="fentanyl"]').getByTestId('remove-compound').click();
    expect(await page.getByTestId('remove-blocked').textContent()).toMatch(/fentanyl cannot be removed: 2 results are mapped to it and would become “unassigned”/);
    await page.getByRole('button', { name: 'Keep fentanyl' }).click();
    await page.getByTestId('remove-blocked').waitFor({ state: 'detached' });

    // An entry's role and synonyms are edited in place; a compound nothing depends on is removed after a confirmation.
    await page.getByTestId('dictionary-filter').fill('quinine');
    const quinine = page.locator('[data-testid="dictionary-row"][data-compound="quinine"]');
    await quinine.getByRole('button', { name: 'Edit quinine' }).click();
    await page.getByTestId('edit-form-role').selectOption('diluent');
    await page.getByTestId('edit-form-synonyms').fill('chinine');
    await screenshot(page, 'dictionary-editor-5-edit');
    await page.getByTestId('edit-form-save').click();
    await expect.poll(() => page.getByTestId('dictionary-status').textContent()).toMatch(/changed quinine: role adulterant → diluent; synonyms added: chinine\.$/);
    expect(await quinine.locator('td').first().textContent()).toBe('diluent');
    await quinine.getByRole('button', { name: 'Remove quinine' }).click();
    await page.getByTestId('remove-save').click();
    await expect.poll(() => page.getByTestId('dictionary-status').textContent()).toMatch(/removed quinine \(diluent\)\.$/);
    expect(await quinine.count()).toBe(0);
    expect(await auditLog(page)).toMatch(/changed quinine[^\n]*\n[^\n]*removed quinine/);
  });

  it('investigator mode shows the dictionary without edit actions', async () => {
    await page.keyboard.press('Control+k');
    await page.getByLabel('Type a command').fill('investigator');
    await page.keyboard.press('Enter');
    await page.getByTestId('investigator-badge').waitFor();
    await page.getByTestId('nav-home').click();
    await page.getByTestId('problem-unmapped').getByRole('button', { name: 'See them in the dictionary' }).click();
    await page.getByTestId('dictionary-read-only').waitFor();
    await expect.poll(() => page.getByTestId('unassigned-row').count()).toBe(1);
    expect(await page.getByTestId('dictionary-row').count()).toBeGreaterThan(50);
    for (const id of ['map-synonym', 'add-compound', 'edit-compound', 'remove-compound', 'dictionary-add']) expect(await page.getByTestId(id).count()).toBe(0);
    await screenshot(page, 'dictionary-editor-4-investigator');
  });
});
