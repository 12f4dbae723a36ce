/**
 * The large point sets (map, PCA scores) drawn with WebGL 2 in Chromium, and with Canvas 2D when that is chosen
 * (command palette, or `?renderer=canvas`): the canvas says which renderer drew it, a box selection selects the same
 * samples with either, and the two pictures agree pixel for pixel but for antialiasing. Screenshots land in
 * test-results/points-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchApp, chromiumAvailable, sampleDataCalibrated, dragAcross, presetAnalyst, runCommand, screenshot, type AppUnderTest } from '../util/browser';

const reason = 'Chromium is not installed at /usr/bin/chromium (apt-get install -y chromium); .ci/run installs it';
const idle = (page: Page) => page.getByTestId('task').waitFor({ state: 'detached', timeout: 170_000 });

async function boxSelect(page: Page, testId: string, from: [number, number], to: [number, number]): Promise<number> {
  await dragAcross(page, testId, from, to);
  await expect.poll(async () => Number(await page.getByTestId(testId).getAttribute('data-selected'))).toBeGreaterThan(0);
  return Number(await page.getByTestId(testId).getAttribute('data-selected'));
}

/** The canvas box as the analyst sees it, once two frames have been drawn. */
async function picture(page: Page, testId: string): Promise<string> {
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await page.mouse.move(0, 0);
  return (await page.getByTestId(testId).screenshot()).toString('base64');
}

/** Share of pixels that differ by more than `tolerance` in some channel between two PNGs of the same size. */
async function differing(page: Page, a: string, b: string, tolerance = 48): Promise<number> {
  return page.evaluate(
    async ([a, b, tolerance]) => {
      const pixels = async (png: string) => {
        const img = new Image();
        img.src = `data:image/png;base64,${png}`;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.width;
        c.height = img.height;
        const ctx = c.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        return ctx.getImageData(0, 0, c.width, c.height).data;
      };
      const [pa, pb] = await Promise.all([pixels(a as string), pixels(b as string)]);
      if (pa.length !== pb.length) return 1;
      let n = 0;
      for (let i = 0; i < pa.length; i += 4) {
        if (Math.abs(pa[i] - pb[i]) > (tolerance as number) || Math.abs(pa[i + 1] - pb[i + 1]) > (tolerance as number) || Math.abs(pa[i + 2] - pb[i + 2]) > (tolerance as number)) n++;
      }
      return n / (pa.length / 4);
    },
    [a, b, tolerance] as const,
  );
}


describe.skipIf(!chromiumAvailable())(`points drawn with WebGL (${chromiumAvailable() ? 'Chromium' : reason})`, () => {
  let app: AppUnderTest;
  let page: Page;
  const counts: Record<string, number> = {};
  const pictures: Record<string, string> = {};

  beforeAll(async () => {
    app = await launchApp();
    page = app.page;
    await sampleDataCalibrated(page);
    await page.getByTestId('nav-classes').click();
    await page.getByTestId('run-classes').click();
    await page.getByTestId('dendrogram').waitFor({ timeout: 170_000 });
    await idle(page);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('the map and the PCA scores are drawn with WebGL, and a box selects samples', async () => {
    await page.getByTestId('nav-map').click();
    await page.getByTestId('map-canvas').waitFor();
    // Each sample as a point (the map groups them per place by default, as pies drawn over the canvas).
    await page.getByTestId('map-grouped').uncheck();
    expect(await page.getByTestId('map-canvas').getAttribute('data-renderer')).toBe('webgl');
    counts.map = await boxSelect(page, 'map-canvas', [0.55, 0.6], [0.85, 0.95]);
    pictures.map = await picture(page, 'map-canvas');
    await screenshot(page, 'points-01-map-webgl');

    await page.getByTestId('nav-classes').click();
    await page.getByTestId('pca-canvas').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('pca-canvas').getAttribute('data-renderer')).toBe('webgl');
    counts.pca = await boxSelect(page, 'pca-canvas', [0.3, 0.3], [0.7, 0.7]);
    pictures.pca = await picture(page, 'pca-canvas');
    await screenshot(page, 'points-02-pca-webgl');
  });

  it('with Canvas 2D chosen, the same boxes select the same samples and the pictures agree', async () => {
    await runCommand(page, 'Draw points with Canvas 2D');
    await expect.poll(() => page.getByTestId('pca-canvas').getAttribute('data-renderer')).toBe('canvas');
    expect(await boxSelect(page, 'pca-canvas', [0.3, 0.3], [0.7, 0.7])).toBe(counts.pca);
    const pca = await picture(page, 'pca-canvas');
    await screenshot(page, 'points-03-pca-canvas');
    expect(await differing(page, pictures.pca, pca)).toBeLessThan(0.01);

    await page.getByTestId('nav-map').click();
    await page.getByTestId('map-canvas').waitFor();
    await page.getByTestId('map-grouped').uncheck();
    expect(await page.getByTestId('map-canvas').getAttribute('data-renderer')).toBe('canvas');
    expect(await boxSelect(page, 'map-canvas', [0.55, 0.6], [0.85, 0.95])).toBe(counts.map);
    const map = await picture(page, 'map-canvas');
    await screenshot(page, 'points-04-map-canvas');
    expect(await differing(page, pictures.map, map)).toBeLessThan(0.01);

    await runCommand(page, 'Draw points with WebGL');
    await expect.poll(() => page.getByTestId('map-canvas').getAttribute('data-renderer')).toBe('webgl');
  });

  it('?renderer=canvas in the address draws with Canvas 2D', async () => {
    // A fresh profile, as an analyst would open it.
    const context = await app.browser.newContext({ viewport: { width: 1400, height: 900 } });
    await presetAnalyst(context);
    try {
      const fresh = await context.newPage();
      await fresh.goto(new URL('?renderer=canvas', app.url).href);
      await fresh.getByTestId('load-samples').click();
      await fresh.getByTestId('home-view').waitFor({ timeout: 120_000 });
      await idle(fresh);
      await fresh.getByTestId('nav-map').click();
      await fresh.getByTestId('map-canvas').waitFor();
      await fresh.getByTestId('map-grouped').uncheck();
      expect(await fresh.getByTestId('map-canvas').getAttribute('data-renderer')).toBe('canvas');
      await expect.poll(async () => Number(await fresh.getByTestId('map-canvas').getAttribute('data-points'))).toBeGreaterThan(400);
    } finally {
      await context.close();
    }
  });
});
