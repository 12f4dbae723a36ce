/**
 * Issue 15's "classes are maintained incrementally" in the web build, in Chromium: the bundled sample data's first
 * batches imported, calibrated, classes built from the threshold graph (R0001); the Québec lab's batch imported
 * after; the Classes view says the run is out of date and offers to extend it, saying why; "Extend classes" runs in the
 * engine worker and saves R0002, which states the extension; every class the new samples did not reach keeps its id
 * and members, and the classes that gained samples and the new classes are listed with their members, as the two
 * saved runs state them. axe-core on the changed view. Screenshots in test-results/extend-*.png.
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

  it('extends: classes the new samples did not reach keep their ids and members; gained and new classes are listed with their members', async () => {
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

    // A new class: its members as R0002 states them (the first 12 shown); earlier members only from the classes it
    // names, whose ids R0002 no longer uses (an earlier class whose new members outnumber its old ones takes a new id
    // by the Jaccard rule; a candidate class has none).
    const created = page.getByTestId('class-created').locator('li');
    expect(await created.count()).toBeGreaterThan(0);
    const first = (await created.first().getAttribute('data-testid'))!;
    const id = Number(first.slice('created-'.length));
    expect(before.classes.some((c) => c.class_id === id)).toBe(false);
    const members = now.get(id)!;
    const shown = members.length > 12 ? `${members.slice(0, 12).join(', ')} … (${members.length - 12} more)` : members.join(', ');
    expect(await page.getByTestId(`${first}-members`).textContent()).toBe(shown);
    const said = /^(\d+) (?:candidate class|from class(?:es)? ([\d, ]+)), (\d+) samples \((\d+) new\): /.exec((await created.first().textContent()) ?? '');
    expect(said, 'a new class is named with where its members came from').not.toBeNull();
    const [, shownId, fromText, size, fresh] = said!;
    expect(Number(shownId)).toBe(id);
    expect(Number(size)).toBe(members.length);
    const from = fromText ? fromText.split(', ').map(Number) : [];
    // Its members that were in a class of R0001 came from the classes it names, and those ids are retired.
    const earlier = members.filter((m) => known.has(m));
    for (const m of earlier) expect(from).toContain(before.classes.find((c) => c.members.includes(m))!.class_id);
    for (const f of from) expect(now.has(f)).toBe(false);
    expect(Number(fresh)).toBeLessThanOrEqual(members.length - earlier.length);
    expect(Number(fresh)).toBeGreaterThan(0);
    await page.getByTestId('class-changes').scrollIntoViewIfNeeded();
    await screenshot(page, 'extend-02-changes');
    await accessible('Classes after Extend classes');
  });

  it('has no critical or serious accessibility violation on the changed view (axe-core)', () => {
    expect(a11y.map((a) => a.view)).toHaveLength(2);
    expect(a11y.filter((a) => a.violations.length > 0)).toEqual([]);
  });
});
