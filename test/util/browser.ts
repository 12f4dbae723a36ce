/**
 * Debian's Chromium driven by playwright-core, headless, with the flags that keep it from reaching
 * the network on its own (component updates, sync, background fetches), and the built app served on
 * 127.0.0.1 by the same server as `npm run web`.
 */
import { existsSync, mkdirSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';
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

/** The analyst name the browser tests work under (the web build asks for one before any workspace opens). */
const E2E_ANALYST = 'E2E Analyst';

/**
 * Gives a browser context an analyst name in the app's preferences before any page of it loads, unless one is set
 * already (a reload keeps what the page stored). Tests of the name prompt itself use a context without it.
 */
export async function presetAnalyst(context: BrowserContext, name = E2E_ANALYST): Promise<void> {
  await context.addInitScript((n: string) => {
    const key = 'sigwb.preferences';
    const prefs = JSON.parse(localStorage.getItem(key) ?? '{}') as Record<string, unknown>;
    if (!prefs.analystName) localStorage.setItem(key, JSON.stringify({ ...prefs, analystName: n }));
  }, name);
}

/** A request the app's server answers itself before looking up a file (true when it did), with the server's headers. */
export type ExtraRoute = (req: IncomingMessage, res: ServerResponse, headers: Record<string, string>) => boolean;

/**
 * Builds the app if needed, serves it, and opens it in a fresh Chromium profile, with the analyst's name given
 * (`analyst: null` leaves it to the page to ask). `prepare` sets up the context before the page opens (the desktop
 * host's bridge: desktop-app.ts); `extraRoute` answers some requests on the app's server (scripts/web-server.mjs).
 */
export async function launchBuiltApp(
  viewport: { width: number; height: number },
  options: { analyst?: string | null; prepare?: (context: BrowserContext, url: string) => Promise<void>; extraRoute?: ExtraRoute } = {},
): Promise<AppUnderTest> {
  ensureBuilt(ROOT, 'dist/index.html', ['renderer', 'shared', 'samples'], 'build:renderer');
  const server = (await startServer({ root: path.join(ROOT, 'dist'), port: 0, extraRoute: options.extraRoute })) as { url: string; close: () => Promise<void> };
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  if (options.analyst !== null) await presetAnalyst(context, options.analyst ?? E2E_ANALYST);
  await options.prepare?.(context, server.url);
  const page = await context.newPage();
  // Playwright turns file-chooser interception on when the first listener is added, asynchronously: a chooser opened
  // by a key press right after `waitForEvent('filechooser')` could beat it and never be reported. On from the start.
  page.on('filechooser', () => undefined);
  const requests: Request[] = [];
  page.on('request', (r) => requests.push(r));
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

/** The web build (launchBuiltApp), with the clipboard open to the page as a person's browser would have it. */
export async function launchApp(viewport = { width: 1400, height: 900 }, options: { analyst?: string | null } = {}): Promise<AppUnderTest> {
  return launchBuiltApp(viewport, { ...options, prepare: (context, url) => context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url }) });
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

/** Runs a command of the palette by its words (Ctrl+K, type, Enter). */
export async function runCommand(page: Page, text: string): Promise<void> {
  await page.keyboard.press('Control+k');
  await page.getByTestId('command-palette').waitFor();
  await page.getByLabel('Type a command').fill(text);
  await page.keyboard.press('Enter');
}

/** A file of the first workspace in the browser's private storage, as text ('' when absent): the audit log, a document ('config/…'). */
export async function readWorkspaceText(page: Page, name: string): Promise<string> {
  return page.evaluate(async (file) => {
    const all = await (await navigator.storage.getDirectory()).getDirectoryHandle('workspaces');
    for await (const [, h] of (all as unknown as { entries(): AsyncIterable<[string, FileSystemDirectoryHandle]> }).entries()) {
      try {
        const parts = file.split('/');
        let dir = h;
        for (const d of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(d);
        return await (await (await dir.getFileHandle(parts.at(-1)!)).getFile()).text();
      } catch {
        return '';
      }
    }
    return '';
  }, name);
}

/** Waits until no long task (import, calibration, class run, route evidence) is under way. */
export async function waitIdle(page: Page, timeout = 170_000): Promise<void> {
  await page.getByTestId('task').waitFor({ state: 'detached', timeout });
}

/** Calibrates in the Calibration view at the saved rate, as an analyst does, and waits for it to finish. */
async function calibrateInView(page: Page): Promise<void> {
  await page.getByTestId('nav-calibration').click();
  await page.getByTestId('calibrate').click();
  await page.getByTestId('threshold-line').waitFor({ timeout: 170_000 });
  await waitIdle(page);
}

/** Calibrates (Calibration view) and runs the classes (Classes view) through the views, as an analyst does. */
export async function calibrateAndRunClasses(page: Page): Promise<void> {
  await calibrateInView(page);
  await page.getByTestId('nav-classes').click();
  await page.getByTestId('run-classes').click();
  await page.getByTestId('dendrogram').waitFor({ timeout: 170_000 });
  await waitIdle(page);
}

/** Opens the bundled sample data and calibrates it in the Calibration view, as an analyst would first. */
export async function sampleDataCalibrated(page: Page): Promise<void> {
  await page.getByTestId('load-samples').click();
  await page.getByTestId('home-view').waitFor({ timeout: 120_000 });
  await waitIdle(page);
  await calibrateInView(page);
}
