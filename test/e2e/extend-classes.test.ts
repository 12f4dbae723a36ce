/**
 * Issue 15's "classes are maintained incrementally" in the web build, in Chromium: the bundled sample data's first
 * batches imported, calibrated, classes built from the threshold graph (R0001); the Québec lab's batch imported
 * after; the Classes view says the run is out of date and offers to extend it, saying why; "Extend classes" runs in the
 * engine worker and saves R0002, which states the extension; every class the new samples did not reach keeps its id
 * and members, a class the new samples joined keeps its id too (class 8 of the sample data, 5 samples + 16 new), and
 * the classes that gained samples are listed with the new ones, as the two saved runs state them. axe-core on the changed view. Screenshots in test-results/extend-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { chromiumAvailable, launchApp, readWorkspaceText, screenshot, type AppUnderTest } from '../util/browser';
import { seriousA11yViolations, type A11yViolation } from '../util/a11y';

const SAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'samples');
const reason = 'Chromium is not installed at /usr/bin/chromium (apt-get install -y chromium); .ci/run installs it';
const idle = (page: Page) => page.getByTestId('task').waitFor({ state: 'detached', timeout: 170_000 });

interface SavedRun {
  method: { kind: string; extended_from?: string | null; added_samples?: number };
  classes: { class_id: number; members: string[] }[];
  retired_class_ids: number[];
}

async function importFiles(page: Page, files: string[]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import-files').first().click();
  await (await chooser).setFiles(files.map((f) => path.join(SAMPLES, f)));
  await page.getByTestId('import-preview').waitFor();
  await expect.poll(() => page.getByTestId('preview-check').getAttribute('data-state'), { timeout: 120_000 }).toBe('checked');
  await page.getByTestId('preview-import').click();
  await page.getByTestId('import-report').waitFor({ timeout: 120_000 });
  await idle(page);
}

describe.skipIf(!chromiumAvailable())(`extending classes from the threshold graph in the web build (${chromiumAvailable() ? 'Chromium' : reason})`, () => {
  let app: AppUnderTest;
  let page: Page;
  const a11y: { view: string; violations: A11yViolation[] }[] = [];
  const accessible = async (view: string) => a11y.push({ view, violations: await seriousA11yViolations(page) });
  const saved = async (id: string): Promise<SavedRun> => JSON.parse(await readWorkspaceText(page, `config/class-run-${id}.json`)) as SavedRun;

  beforeAll(async () => {
    app = await launchApp();
    page = app.page;
    await page.getByLabel('Name').first().fill('Extend classes');
    await page.getByTestId('welcome-create').click();
    await page.getByTestId('empty-workspace').waitFor({ timeout: 60_000 });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('builds classes from the threshold graph on the first batches', async () => {
    await importFiles(page, ['metadata/lims-seizures.csv', 'metadata/quebec-saisies.csv', 'results/gcms-impurities.csv']);
    await page.getByTestId('nav-calibration').click();
    await page.getByTestId('calibrate').click();
    await page.getByTestId('threshold-line').waitFor({ timeout: 170_000 });
    await idle(page);
    await page.getByTestId('nav-classes').click();
    await page.getByTestId('graph-classes-run').click();
    await expect.poll(() => page.locator('.classes-view h2').textContent(), { timeout: 170_000 }).toBe('Classes R0001');
    await idle(page);
    expect(await page.getByTestId('classes-method').textContent()).toMatch(/Classes from the threshold graph \(no n × n matrix\).*built from every sample; no dendrogram\./);
    expect((await saved('R0001')).method).toMatchObject({ kind: 'threshold-graph', extended_from: null });
  });

  it('after the Québec batch, says the run is out of date and offers to extend it, saying why', async () => {
    await importFiles(page, ['results/gcms-impurities-quebec.tsv']);
    await page.getByTestId('nav-classes').click();
    await page.getByTestId('extend-classes').waitFor({ timeout: 60_000 });
    const notice = (await page.getByTestId('stale-classes').textContent()) ?? '';
    expect(notice).toMatch(/^Class run R0001 is out of date: batch B\d{4} was imported after it\./);
    expect(await page.getByTestId('stale-classes-why').textContent()).toMatch(
      /Extending adds the samples imported since to run R0001 with its settings and calibration C0001: only the classes they link to are clustered again; every other class keeps its members and its id\. A full re-run of [\d,]+ samples needs about [\d.]+ MiB, within the 2\.00 GiB memory budget\./,
    );
    // The full re-run is offered beside it (it fits); no graph built from scratch is needed.
    expect(await page.getByTestId('refresh-classes').isVisible()).toBe(true);
    expect(await page.getByTestId('graph-classes').count()).toBe(0);
    await screenshot(page, 'extend-01-offer');
    await accessible('Classes, out of date, with the extend offer');
  });

  it('extends: every class keeps its id, those the new samples joined too; the classes that gained samples are listed with the new ones', async () => {
    await page.getByTestId('extend-classes').click();
    await expect.poll(() => page.locator('.classes-view h2').textContent(), { timeout: 170_000 }).toBe('Classes R0002');
    await idle(page);
    await page.getByTestId('class-changes').waitFor();
    // R0002 is current; the notice that stays says the calibration (made before B0004) is older than the data.
    expect(await page.getByTestId('stale-classes').textContent()).toMatch(/^Calibration C0001 is out of date/);
    expect(await page.getByTestId('extend-classes').count()).toBe(0);
    expect(await page.getByTestId('classes-method').textContent()).toMatch(/extended from run R0001 by 79 samples \(\d+ components? clustered again, every other class kept whole\)/);

    const before = await saved('R0001');
    const after = await saved('R0002');
    expect(after.method).toMatchObject({ kind: 'threshold-graph', extended_from: 'R0001', added_samples: 79 });
    const known = new Set(before.classes.flatMap((c) => c.members));
    const now = new Map(after.classes.map((c) => [c.class_id, [...c.members].sort()]));
    const gained = new Set((await page.getByTestId('class-gained').locator('li').all().then((li) => Promise.all(li.map((l) => l.getAttribute('data-testid'))))).map((t) => Number(t!.slice('gained-'.length))));
    // Every class of R0001 the panel does not name as changed is in R0002 under the same id with the same members.
    let untouched = 0;
    for (const c of before.classes) {
      if (gained.has(c.class_id)) {
        expect(now.get(c.class_id)).toEqual(expect.arrayContaining(c.members));
        continue;
      }
      if (!now.has(c.class_id)) continue; // retired by a merge: the panel names it
      expect(now.get(c.class_id)).toEqual([...c.members].sort());
      untouched++;
    }
    expect(untouched).toBeGreaterThan(0);
    const summary = (await page.getByTestId('class-changes-summary').textContent()) ?? '';
    expect(summary).toMatch(new RegExp(`^${untouched} class(es)? kept (its|their) members and ids?; ${gained.size} class(es)? gained samples; `));

    // New samples joining a class do not cost it its id (ids compared on the samples both runs hold,
    // shared/profiling/class-ids.ts): every class of R0002 holding earlier samples, none of another class, keeps the
    // id of the class they were in; on the sample data the Québec batch reaches classes without merging any, so no
    // id is retired and every new class is a candidate class of new samples only.
    for (const c of after.classes) {
      const ids = new Set(c.members.filter((m) => known.has(m)).map((m) => before.classes.find((b) => b.members.includes(m))!.class_id));
      if (ids.size === 1) expect([...ids]).toEqual([c.class_id]);
    }
    expect(after.retired_class_ids).toEqual([]);
    expect(summary).not.toMatch(/ids retired/);
    for (const li of await page.getByTestId('class-created').locator('li').all()) expect(await li.textContent()).toMatch(/^\d+ candidate class, /);

    // The class that gained most: its row says how many new samples joined, its size now and the new samples (the
    // first 12 shown), and it was in R0001 under the same id with the rest of its members.
    const top = page.getByTestId('class-gained').locator('li').first();
    const id = Number((await top.getAttribute('data-testid'))!.slice('gained-'.length));
    const members = now.get(id)!;
    const added = members.filter((m) => !known.has(m));
    expect(added.length).toBeGreaterThan(0);
    const earlierMembers = before.classes.find((c) => c.class_id === id)!.members;
    expect(members.filter((m) => known.has(m))).toEqual([...earlierMembers].sort());
    const shown = added.length > 12 ? `${added.slice(0, 12).join(', ')} … (${added.length - 12} more)` : added.join(', ');
    expect(await top.textContent()).toBe(`${id} +${added.length} sample${added.length === 1 ? '' : 's'} (now ${members.length}): ${shown}`);
    await page.getByTestId('class-changes').scrollIntoViewIfNeeded();
    await screenshot(page, 'extend-02-changes');
    await accessible('Classes after Extend classes');
  });

  it('has no critical or serious accessibility violation on the changed view (axe-core)', () => {
    expect(a11y.map((a) => a.view)).toHaveLength(2);
    expect(a11y.filter((a) => a.violations.length > 0)).toEqual([]);
  });
});
