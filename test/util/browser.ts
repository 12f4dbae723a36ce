/**
 * Debian's Chromium driven by playwright-core, headless, with the flags that keep it from reaching
 * the network on its own (component updates, sync, background fetches), and the built app served on
 * 127.0.0.1 by the same server as `npm run web`.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page, type Request } from 'playwright-core';
import { CHROMIUM_FLAGS } from '../../cli/pdf';
// @ts-expect-error: plain ES module without types
import { startServer } from '../../scripts/web-server.mjs';
// @ts-expect-error: plain ES module without types
import { ensureBuilt } from '../../scripts/ensure-build.mjs';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const ARTEFACTS = path.join(ROOT, 'test-results');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export { CHROMIUM_FLAGS };

export interface AppUnderTest {
  browser: Browser;
  page: Page;
  url: string;
  /** Every request the page made, for the "nothing leaves the machine" check. */
  requests: Request[];
  close(): Promise<void>;
}

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

/** Builds the app if needed, serves it, and opens it in a fresh Chromium profile. */
export async function launchApp(viewport = { width: 1400, height: 900 }): Promise<AppUnderTest> {
  ensureBuilt(ROOT, 'dist/index.html', ['renderer', 'shared', 'samples'], 'build:renderer');
  const server = (await startServer({ root: path.join(ROOT, 'dist'), port: 0 })) as { url: string; close: () => Promise<void> };
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  const page = await context.newPage();
  // Playwright turns file-chooser interception on when the first listener is added, asynchronously: a chooser opened
  // by a key press right after `waitForEvent('filechooser')` could beat it and never be reported. On from the start.
  page.on('filechooser', () => undefined);
  const requests: Request[] = [];
  page.on('request', (r) => requests.push(r));
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url);
  return {
    browser,
    page,
    url: server.url,
    requests,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** Saves a screenshot under test-results/ (kept by CI as an artefact). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTEFACTS, { recursive: true });
  const file = path.join(ARTEFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/** Drags across the element with `testId` (scrolled into view), from and to fractions of its box (a box selection on a canvas). */
export async function dragAcross(page: Page, testId: string, from: [number, number], to: [number, number]): Promise<void> {
  // On screen first, as an analyst scrolls to it (the PCA sits below the dendrogram): a pointer off the viewport hits nothing.
  await page.getByTestId(testId).scrollIntoViewIfNeeded();
  const box = await page.getByTestId(testId).boundingBox();
  if (!box) throw new Error(`${testId} is not on screen`);
  await page.mouse.move(box.x + box.width * from[0], box.y + box.height * from[1]);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * to[0], box.y + box.height * to[1], { steps: 8 });
  await page.mouse.up();
}

/** Waits until no long task runs (the task bar gone), up to 170 s on a loaded machine. */
export const untilIdle = (page: Page) => page.getByTestId('task').waitFor({ state: 'detached', timeout: 170_000 });

/** Opens the bundled sample data and calibrates it in the Calibration view, as an analyst would first. */
export async function sampleDataCalibrated(page: Page): Promise<void> {
  await page.getByTestId('load-samples').click();
  await page.getByTestId('home-view').waitFor({ timeout: 120_000 });
  await untilIdle(page);
  await page.getByTestId('nav-calibration').click();
  await page.getByTestId('calibrate').click();
  await page.getByTestId('threshold-line').waitFor({ timeout: 170_000 });
  await untilIdle(page);
}
