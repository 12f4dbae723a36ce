/**
 * Interactions both UI scripts run (bench-ui.ts measures them, profile-ui.ts profiles them), written once so a fix
 * to one reaches the other.
 */
import path from 'node:path';
import type { Download, Page } from 'playwright-core';
import { runCommand } from '../../test/util/browser';

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
