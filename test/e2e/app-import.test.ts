/**
 * Issue 12's import items in the web build, in Chromium: every row checked in the preview before Import, with the
 * CLI's notes (the day-first reading of "05/11/2025", the vocabulary mapping of "poudre", "QC", "gel"), a bad value
 * shown with its line and quarantined without picking the file again, then shown as missing (never 0) on the sample's
 * page; an unreadable .xls or .pdf refused before Import with its reason (never "legacy.xls::") and left out; the
 * controlled vocabularies edited in the app. Screenshots in test-results/import-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { chromiumAvailable, launchApp, readWorkspaceText, ROOT, screenshot, type AppUnderTest } from '../util/browser';
import { tempDir } from '../util/temp-dir';
import { seriousA11yViolations, type A11yViolation } from '../util/a11y';

const reason = 'Chromium is not installed at /usr/bin/chromium (apt-get install -y chromium); .ci/run installs it';
const idle = (page: Page) => page.getByTestId('task').waitFor({ state: 'detached', timeout: 170_000 });

const METADATA = [
  'sample_id,seizure_id,case_id,seized_on,region,form,main_drug',
  'T-001,EX-1,CASE-1,05/11/2025,QC,poudre,fentanyl',
  'T-002,EX-1,CASE-1,05/11/2025,Québec,comprimé,fentanyl',
  'T-003,EX-2,CASE-2,06/11/2025,Colombie-Britannique,gel,fentanyl',
].join('\n');
const RESULTS = [
  'sample_id,compound,area',
  'T-001,4-ANPP,1000',
  'T-001,NPP,500',
  'T-001,norfentanyl,12x',
  'T-002,4-ANPP,900',
  'T-002,NPP,450',
  'T-002,norfentanyl,80',
  'T-003,4-ANPP,700',
  'T-003,NPP,nd',
  'T-003,norfentanyl,60',
].join('\n');

async function pick(page: Page, files: string[]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import-files').first().click();
  await (await chooser).setFiles(files);
  await page.getByTestId('import-preview').waitFor();
}

describe.skipIf(!chromiumAvailable())(`import checks, missing values and vocabularies in the web build (${chromiumAvailable() ? 'Chromium' : reason})`, () => {
  let app: AppUnderTest;
  let page: Page;
  let tmp: ReturnType<typeof tempDir>;
  const a11y: { view: string; violations: A11yViolation[] }[] = [];
  const accessible = async (view: string) => a11y.push({ view, violations: await seriousA11yViolations(page) });
  const file = (name: string, text: string) => {
    const p = path.join(tmp.dir, name);
    writeFileSync(p, text + '\n');
    return p;
  };
  beforeAll(async () => {
    tmp = tempDir('sigwb-e2e-import-');
    app = await launchApp();
    page = app.page;
    await page.getByLabel('Name').first().fill('Own batches');
    await page.getByTestId('welcome-create').click();
    await page.getByTestId('empty-workspace').waitFor({ timeout: 60_000 });
  });
  afterAll(async () => {
    await app?.close();
    tmp?.cleanup();
  });

  it('opens a new workspace with no false alarm (no class run is not an unreadable one)', async () => {
    await page.waitForTimeout(3000);
    expect(await page.locator('.banner').allTextContents()).toEqual([]);
  });

  it('checks every row before Import and shows the notes the CLI prints: a date order assumed, values read through the vocabularies', async () => {
    await pick(page, [file('lims.csv', METADATA)]);
    await expect.poll(() => page.getByTestId('preview-check').getAttribute('data-state'), { timeout: 60_000 }).toBe('checked');
    expect(await page.getByTestId('preview-check-ok').textContent()).toBe('Every one of the 3 rows was read: nothing to quarantine.');
    const notes = (await page.getByTestId('preview-notes').textContent()) ?? '';
    expect(notes).toContain('note: seizure dates such as 05/11/2025 were read day first (day/month/year): nothing in them tells day from month');
    expect(notes).not.toMatch(/date dates/);
    expect(notes).toContain('region: "QC" read as Quebec (1 row), "Québec" read as Quebec (1 row), "Colombie-Britannique" read as British Columbia (1 row)');
    expect(notes).toContain('form: "gel" (1 row) is in no vocabulary term: kept as written and flagged');
    await screenshot(page, 'import-01-preview-notes');
    await page.getByTestId('preview-import').click();
    await page.getByTestId('import-report').waitFor({ timeout: 60_000 });
    await idle(page);
    expect(await page.getByTestId('import-notes').textContent()).toContain('seizure dates such as 05/11/2025 were read day first');
  });

  it('reports a bad value with its line before Import, refuses Import while it stands, and quarantines it without a second pick', async () => {
    await pick(page, [file('gcms.csv', RESULTS)]);
    await expect.poll(() => page.getByTestId('preview-check').getAttribute('data-state'), { timeout: 60_000 }).toBe('checked');
    expect(await page.getByTestId('preview-bad-rows').textContent()).toMatch(/^1 of 9 rows have bad values\./);
    expect(await page.getByTestId('preview-bad-values').textContent()).toBe('gcms.csv:4:3: area is not a number: "12x"');
    expect(await page.getByTestId('preview-import').isDisabled()).toBe(true);
    expect(await page.getByTestId('preview-verdict').textContent()).toMatch(/1 row of gcms\.csv has bad values: correct the file, or import the valid rows only/);
    expect(await page.getByTestId('preview-import-partial').textContent()).toBe('Import valid rows only (quarantine 1 row)');
    await screenshot(page, 'import-02-bad-value-before-import');
    await accessible('import preview with bad values');
    await page.getByTestId('preview-import-partial').click();
    await page.getByTestId('import-report').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('import-report').textContent()).toMatch(/gcms\.csv: imported as B0002: 8 rows, 1 quarantined/);
    await idle(page);
  });

  it('shows the quarantined value as missing on the sample page, not as 0, and Home says the sample is left out', async () => {
    await page.keyboard.press('1');
    await expect.poll(() => page.getByTestId('problem-missing').textContent(), { timeout: 30_000 }).toMatch(/^1 sample left out of the signatures: a value of it is in quarantine/);
    await page.keyboard.press('2');
    // The table is built again when the views' helper tables are (after an import): type the filter until it holds.
    await expect
      .poll(async () => {
        await page.getByLabel('Filter rows').fill('T-001');
        await page.waitForTimeout(500);
        return page.getByTestId('samples-table').getByTestId('row-count').textContent();
      }, { timeout: 60_000 })
      .toBe('1 row match');
    await page.locator('[role=row][aria-rowindex="2"]').dblclick();
    await page.getByTestId('sample-page').waitFor();
    await expect.poll(() => page.getByTestId('sample-missing').textContent()).toMatch(/norfentanyl: in quarantine \(B0002 line 4: area is not a number “12x”\)/);
    await page.getByTestId('sample-signature-plot').locator('.main-svg').first().waitFor();
    await expect.poll(() => page.getByTestId('sample-signature-plot').locator('text.annotation-text').allTextContents()).toContain('missing');
    await screenshot(page, 'import-03-missing-not-zero');
    await accessible('sample page with a missing value');
  });

  it('refuses an unreadable .xls and a .pdf before Import with the reason, never "file::", and leaves them out', async () => {
    await page.keyboard.press('Escape');
    await pick(page, [path.join(ROOT, 'samples', 'bad', 'legacy.xls'), path.join(ROOT, 'samples', 'bad', 'report.pdf')]);
    await expect.poll(() => page.getByTestId('preview-check').getAttribute('data-state'), { timeout: 60_000 }).toBe('refused');
    expect(await page.getByTestId('preview-import').isDisabled()).toBe(true);
    expect(await page.getByTestId('preview-import-partial').isDisabled()).toBe(true);
    await expect.poll(() => page.getByTestId('preview-verdict').textContent(), { timeout: 60_000 }).toMatch(/^legacy\.xls, report\.pdf cannot be imported \(see why above\)/);
    const dialog = (await page.getByTestId('import-preview').textContent()) ?? '';
    expect(dialog).toMatch(/\.xls/);
    expect(dialog).not.toMatch(/legacy\.xls::|report\.pdf::/);
    await screenshot(page, 'import-04-unreadable-refused');
    await accessible('import preview of unreadable files');
    await page.getByTestId('preview-leave-out').click();
    await expect.poll(() => page.getByTestId('preview-format').textContent()).toMatch(/report\.pdf/);
    await page.getByTestId('preview-leave-out').click();
    await page.getByTestId('import-preview').waitFor({ state: 'detached' });
  });

  it('edits the vocabularies in the app: a value no term names is added as a term, saved as a version and audited', async () => {
    await page.keyboard.press('1');
    await expect.poll(() => page.getByTestId('problem-vocabulary').textContent(), { timeout: 30_000 }).toMatch(/^1 value of region, form or main drug that no vocabulary term names/);
    await page.getByTestId('problem-vocabulary').getByRole('button').click();
    await page.getByTestId('vocabulary-editor').waitFor();
    await page.getByTestId('unmapped-form-gel').getByTestId('unmapped-add').click();
    await expect.poll(() => page.getByTestId('vocabulary-status').textContent()).toBe('Saved: form: added the term gel.');
    await expect.poll(() => page.getByTestId('vocabulary-version').textContent()).toMatch(/the workspace’s own, V0001/);
    await expect.poll(() => page.getByText('Every region, form and main drug is named by a term.').isVisible()).toBe(true);
    await screenshot(page, 'import-05-vocabularies');
    await accessible('vocabularies');
    const audit = await readWorkspaceText(page, 'audit.jsonl');
    expect(audit).toMatch(/"who":"E2E Analyst","action":"vocabularies.save","summary":"Saved config\/vocabularies-V0001\.json .*form: 1 term added \(gel\)/);
  });

  it('has no critical or serious accessibility violation on the screens it added (axe-core)', () => {
    expect(a11y.filter((a) => a.violations.length)).toEqual([]);
  });
});
