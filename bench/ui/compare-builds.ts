/**
 * Two builds of the renderer side by side on the same machine state: each is set up as the UI bench sets it up
 * (10,000 samples × 100 compounds imported, calibrated, clustered) in its own Chromium, then chosen interactions run
 * interleaved, A then B then B then A…, each charged with its longest main-thread task (measure.ts). On a shared
 * machine the load moves between runs by tens of ms; interleaving puts both builds under the same load. Saves a
 * screenshot of each build's class card plot, sample page plot and Timeline, to compare what the analyst sees, and
 * each build's PCA PNG with the SHA-256 of every one saved (the same figure must be the same bytes).
 *
 *   node bin/run-ts.mjs bench/ui/compare-builds.ts <dist A> <dist B> [card] [sample] [png] [timeline]   (ROUNDS=6 by default)
 *
 * A dist is a folder made by `npx vite build --outDir <folder>` at the commit to compare.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ARTEFACTS, dragAcross } from '../../test/util/browser';
import { calibrateHere, createWorkspace, importFiles, openBuild, runClassesHere } from './actions';
import { writeLargeData, type LargeData } from './large-data';
import { measure } from './measure';

interface Build {
  name: string;
  browser: Browser;
  page: Page;
  close: () => Promise<void>;
}

async function setUp(name: string, dist: string, data: LargeData): Promise<Build> {
  const { browser, page, close } = await openBuild(dist, 900_000);
  await createWorkspace(page, `Compare ${name}`);
  await importFiles(page, [data.metadata, data.results]);
  await page.keyboard.press('3');
  await calibrateHere(page);
  await page.keyboard.press('4');
  await runClassesHere(page);
  await page.waitForTimeout(3000);
  console.log(`${name}: set up (${dist})`);
  return { name, browser, page, close };
}

/** SHA-256 of each PNG a build saved, in order: the same figure must be the same bytes in both builds. */
const pngs = new Map<Page, string[]>();
const builds: Build[] = [];

const INTERACTIONS: Record<string, { prepare: (page: Page, round: number) => Promise<void>; act: (page: Page, round: number) => Promise<void> }> = {
  card: {
    prepare: async (page) => {
      await page.keyboard.press('4');
      await page.getByTestId('pca-canvas').waitFor();
    },
    // Classes 1 to 3 in turn: the same class for both builds in a round.
    act: async (page, round) => {
      await page.getByTestId(`class-row-${1 + (round % 3)}`).click();
      await page.getByTestId('class-signature-plot').locator('.main-svg').first().waitFor();
    },
  },
  sample: {
    prepare: async (page) => {
      await page.keyboard.press('2');
      const table = page.getByTestId('samples-table');
      await table.locator('.sparkline').first().waitFor();
      await table.locator('.data-table-scroll').evaluate((el) => (el.scrollTop = 0));
    },
    // Rows 3 to 5 in turn (the same sample for both builds in a round), as the bench opens one.
    act: async (page, round) => {
      await page.getByTestId('samples-table').locator(`[role=row][aria-rowindex="${3 + (round % 3)}"]:not([aria-busy])`).dblclick();
      await page.getByTestId('sample-signature-plot').locator('.main-svg').first().waitFor();
    },
  },
  png: {
    // As the bench saves it: a box of the scores selected, the biplot on.
    prepare: async (page, round) => {
      await page.keyboard.press('4');
      await page.getByTestId('pca-canvas').waitFor();
      if (round === 0) {
        await dragAcross(page, 'pca-canvas', [0.3, 0.3], [0.7, 0.7]);
        await page.getByTestId('pca-biplot').check();
      }
    },
    act: async (page) => {
      const download = page.waitForEvent('download');
      await page.getByTestId('pca-canvas-save').getByRole('button', { name: /as PNG$/ }).click();
      const file = await (await download).path();
      const bytes = readFileSync(file);
      pngs.set(page, [...(pngs.get(page) ?? []), createHash('sha256').update(bytes).digest('hex')]);
      copyFileSync(file, path.join(ARTEFACTS, `compare-png-${page === builds[0]?.page ? 'A' : 'B'}.png`));
    },
  },
  timeline: {
    prepare: async (page) => {
      await page.keyboard.press('1');
      await page.getByTestId('home-view').waitFor();
    },
    act: async (page) => {
      await page.keyboard.press('6');
      await page.getByTestId('timeline-plot').locator('.main-svg').first().waitFor();
    },
  },
};

const [distA, distB, ...asked] = process.argv.slice(2);
if (!distA || !distB) throw new Error('usage: compare-builds.ts <dist A> <dist B> [card] [sample] [png] [timeline]');
const names = asked.length ? asked : Object.keys(INTERACTIONS);
const rounds = Number(process.env.ROUNDS ?? 6);
const dir = mkdtempSync(path.join(os.tmpdir(), 'sigwb-compare-'));
mkdirSync(ARTEFACTS, { recursive: true });
try {
  const data = await writeLargeData(dir);
  builds.push(await setUp('A', path.resolve(distA), data));
  builds.push(await setUp('B', path.resolve(distB), data));
  const figures = new Map<string, number[]>();
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? builds : [...builds].reverse();
    for (const name of names) {
      for (const b of order) {
        const it = INTERACTIONS[name];
        await it.prepare(b.page, round);
        await b.page.waitForTimeout(1500);
        const w = await measure(b.page, () => it.act(b.page, round));
        const key = `${name} ${b.name}`;
        figures.set(key, [...(figures.get(key) ?? []), w.longest]);
        console.log(`round ${round + 1}  ${key}: longest task ${w.longest} ms (${w.longTasks} over 50 ms)  load ${os.loadavg()[0].toFixed(1)}`);
        if (round === 0 && name !== 'png') {
          const testId = name === 'card' ? 'class-signature-plot' : name === 'sample' ? 'sample-signature-plot' : 'timeline-plot';
          await b.page.waitForTimeout(500);
          await b.page.getByTestId(testId).screenshot({ path: path.join(ARTEFACTS, `compare-${name}-${b.name}.png`) });
        }
      }
    }
  }
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor((v.length - 1) / 2)];
  console.log('\nlongest task, ms: median / max of the rounds (every round)');
  for (const [key, v] of figures) console.log(`  ${key.padEnd(12)} ${median(v)} / ${Math.max(...v)}   (${v.join(', ')})`);
  if (pngs.size) {
    const [a, b] = builds.map((x) => pngs.get(x.page) ?? []);
    console.log(`\nPCA PNG SHA-256, A: ${[...new Set(a)].join(', ')}\n              B: ${[...new Set(b)].join(', ')}\n  ${a.join() === b.join() ? 'the same bytes in every round' : 'DIFFERENT'}`);
  }
} finally {
  for (const b of builds) await b.close();
  rmSync(dir, { recursive: true, force: true });
}
