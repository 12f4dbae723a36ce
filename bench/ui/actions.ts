/**
 * Interactions and set-up steps the UI scripts share (bench-ui.ts measures them, profile-ui.ts profiles them,
 * compare-builds.ts runs two builds through them), written once so a fix to one reaches the others.
 */
import path from 'node:path';
import { chromium, type Browser, type Download, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS, presetAnalyst, runCommand } from '../../test/util/browser';
// @ts-expect-error: plain ES module without types
import { startServer } from '../../scripts/web-server.mjs';
import { installObservers } from './measure';

/**
 * Drags the dendrogram's cut line 60 px up (a preview). The cut line itself is first brought to the middle of the
 * window: the canvas (tree, strip, 100-row heatmap) is taller than the window, and scrolling it "into view" left the
 * line above the top edge, where the mouse cannot reach it. Throws when something else covers the line.
 */
export async function dragCut(page: Page): Promise<void> {
  const canvas = page.getByTestId('dendrogram-canvas');
  const cutY = Number(await page.getByTestId('dendrogram').getAttribute('data-cut-y'));
  const why = await canvas.evaluate((el, cut) => {
    let scroller: HTMLElement | null = el.parentElement;
    while (scroller && !(scroller.scrollHeight > scroller.clientHeight && /auto|scroll/.test(getComputedStyle(scroller).overflowY))) scroller = scroller.parentElement;
    const r = el.getBoundingClientRect();
    (scroller ?? document.scrollingElement!).scrollTop += r.top + cut - innerHeight / 2;
    const after = el.getBoundingClientRect();
    const hit = document.elementFromPoint(after.left + after.width / 2, after.top + cut);
    return hit === el ? null : `the cut line (y ${Math.round(after.top + cut)} in a window of ${innerHeight}) is under ${hit ? hit.tagName + '.' + hit.className : 'nothing'}`;
  }, cutY);
  if (why) throw new Error(why);
  const box = await canvas.boundingBox();
  await page.mouse.move(box!.x + box!.width * 0.5, box!.y + cutY);
  await page.mouse.down();
  await page.mouse.move(box!.x + box!.width * 0.5, box!.y + cutY - 60, { steps: 12 });
  await page.mouse.up();
}

/** Saves the first two downloads (what making a class report saved) into `dir`; returns their paths. */
export function saveDownloads(downloads: Download[], dir: string): Promise<string[]> {
  return Promise.all(downloads.slice(0, 2).map(async (d) => {
    const file = path.join(dir, d.suggestedFilename());
    await d.saveAs(file);
    return file;
  }));
}

/** Opens "verify a report" from the command palette and gives it `files` (the caller waits for the result). */
export async function verifyInApp(page: Page, files: string[]): Promise<void> {
  await runCommand(page, 'verify a report');
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('verify-choose').click();
  await (await chooser).setFiles(files);
}

/**
 * Serves a built renderer (`dist`) and opens it in its own Chromium as the UI benches do: a 1400 × 900 window, the
 * analyst's name preset, the long-task observers installed (measure.ts), every wait up to `timeout` ms.
 */
export async function openBuild(dist: string, timeout: number): Promise<{ browser: Browser; page: Page; close: () => Promise<void> }> {
  const server = (await startServer({ root: dist, port: 0 })) as { url: string; close: () => Promise<void> };
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await presetAnalyst(context);
  const page = await context.newPage();
  page.setDefaultTimeout(timeout);
  await page.addInitScript(installObservers);
  await page.goto(server.url);
  return {
    browser,
    page,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** Creates a workspace named `name` from the welcome screen. */
export async function createWorkspace(page: Page, name: string): Promise<void> {
  await page.getByLabel('Name').fill(name);
  await page.getByTestId('welcome-create').click();
}

/** Imports `files` through the import dialog (preview, then import) and waits for the import to finish. */
export async function importFiles(page: Page, files: string[]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import-files').first().click();
  await (await chooser).setFiles(files);
  await page.getByTestId('preview-import').click();
  await page.getByTestId('import-report').waitFor();
  await page.getByTestId('task').waitFor({ state: 'detached' });
}

/** In the Calibration view: calibrates and waits for it to finish. */
export async function calibrateHere(page: Page): Promise<void> {
  await page.getByTestId('calibrate').click();
  await page.getByTestId('threshold-line').waitFor();
  await page.getByTestId('task').waitFor({ state: 'detached' });
}

/** In the Classes view: runs the classes and waits for the run to finish. */
export async function runClassesHere(page: Page): Promise<void> {
  await page.getByTestId('run-classes').click();
  await page.getByTestId('dendrogram').waitFor();
  await page.getByTestId('task').waitFor({ state: 'detached' });
}
