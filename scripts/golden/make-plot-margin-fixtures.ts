/**
 * The margins plotly's automargin settles on for the class card's mean signature plot and the sample page's signature
 * plot (12 px text, compounds at −40°, axis lines, a filled band, markers, error bars, a horizontal legend at
 * y = 1.15; the sample page's plot of a sample in no class has one trace and no legend), drawn by the app's plotly
 * bundle in headless Chromium, for several label sets and widths; with each label's width measured on a canvas in the
 * same font.
 * `test/unit/components/plot-margins.test.ts` checks rotatedCategoryMargins against them.
 *
 *   node bin/run-ts.mjs scripts/golden/make-plot-margin-fixtures.ts
 *
 * Writes test/fixtures/components/plot-margins.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS, ROOT } from '../../test/util/browser';

const FONT = 'DejaVu Sans, sans-serif';
const BASE = { l: 56, r: 16, t: 28, b: 44 };
/** Label sets: the UI bench's names, short codes, names of mixed lengths, one long name first. */
const SETS: Record<string, (n: number) => string[]> = {
  bench: (n) => Array.from({ length: n }, (_, c) => `Impurity RT ${(4 + (c * 16) / n).toFixed(3)}`),
  short: (n) => Array.from({ length: n }, (_, c) => `C${c}`),
  mixed: (n) => Array.from({ length: n }, (_, c) => ['NPP', '4-ANPP', 'phenethyl-4-ANPP', 'N-propionyl norfentanyl', 'acetylfentanyl', 'Impurity at RT 12.34 min'][c % 6] + (c >= 6 ? ` ${c}` : '')),
  'long first': (n) => Array.from({ length: n }, (_, c) => (c === 0 ? 'N-phenethyl-4-piperidinone (NPP)' : `cmp ${c}`)),
};
// Sets whose labels plotly thins (shows every k-th) with the widest one hidden are left out: there the bottom margin
// counts every label and is a few px more than plotly's (said in plot-margins.ts).
// The plots: the class card's (340 px: band, mean with markers and error bars; legend), the sample page's (360 px: the
// class's band and mean with error bars, the sample with markers; legend) and the sample page's for a sample in no
// class (its signature alone: one trace, so plotly shows no legend).
type PlotKind = 'card' | 'sample' | 'sample alone';
const CASES: { set: string; n: number; width: number; plot: PlotKind }[] = [
  ...['bench', 'short', 'long first'].flatMap((set) => [12, 100].flatMap((n) => [640, 420].map((width) => ({ set, n, width, plot: 'card' as const })))),
  { set: 'mixed', n: 12, width: 640, plot: 'card' },
  { set: 'mixed', n: 12, width: 420, plot: 'card' },
  ...['bench', 'short', 'long first', 'mixed'].flatMap((set) => [640, 420].map((width) => ({ set, n: set === 'mixed' ? 12 : 100, width, plot: 'sample' as const }))),
  ...['bench', 'long first'].map((set) => ({ set, n: 100, width: 640, plot: 'sample alone' as const })),
];
const HEIGHT: Record<PlotKind, number> = { card: 340, sample: 360, 'sample alone': 360 };

const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.setContent(`<html><body style="margin:0;font-family:${FONT}"><div id="p"></div></body></html>`);
  await page.addScriptTag({ path: path.join(ROOT, 'node_modules/plotly.js-basic-dist-min/plotly-basic.min.js') });
  const cases = [];
  for (const c of CASES) {
    const labels = SETS[c.set](c.n);
    const drawn = await page.evaluate(
      async ({ labels, width, base, font, plot, height }) => {
        const Plotly = (window as unknown as { Plotly: { newPlot: (...a: unknown[]) => Promise<unknown>; purge: (el: Element) => void } }).Plotly;
        const el = document.getElementById('p') as HTMLDivElement & { _fullLayout: { _size: Record<string, number>; _pushmargin: Record<string, Record<string, { size: number }>> } };
        el.style.width = `${width}px`;
        Plotly.purge(el);
        const mean = labels.map((_, i) => 0.1 + 0.2 * ((i * 7919) % 13) / 13);
        // The axes as Plot.tsx draws them: a line colour shows the axis line (1 px), which moves the labels down.
        const axis = { automargin: true, exponentformat: 'power', gridcolor: '#dddddd', zerolinecolor: '#cccccc', linecolor: '#cccccc', color: '#666666' };
        // The traces as ClassCard.tsx and SamplePage.tsx draw them.
        const q90 = { type: 'scatter', x: labels, y: mean.map((m) => m * 1.2), mode: 'lines', line: { width: 0 }, hoverinfo: 'skip', showlegend: false };
        const band = { type: 'scatter', x: labels, y: mean.map((m) => m * 0.8), mode: 'lines', line: { width: 0 }, fill: 'tonexty', name: '10–90 % of members' };
        const error = { type: 'data', array: mean.map((m) => m * 0.2), visible: true, thickness: 1 };
        const sample = { type: 'scatter', x: labels, y: mean.map((m, i) => m * (0.7 + 0.6 * (((i * 31) % 7) / 7))), mode: 'lines+markers', line: { width: 1.5, dash: 'dot' }, marker: { size: 6 }, name: 'BX-000005' };
        const data =
          plot === 'card'
            ? [q90, band, { type: 'scatter', x: labels, y: mean, mode: 'lines+markers', line: { width: 2.5 }, name: 'mean of 250 samples', error_y: { ...error, width: 3 } }]
            : plot === 'sample'
              ? [q90, band, { type: 'scatter', x: labels, y: mean, mode: 'lines', line: { width: 2 }, name: 'class 1 mean (250 samples)', error_y: { ...error, width: 2 } }, sample]
              : [sample];
        await Plotly.newPlot(
          el,
          data,
          { font: { family: font, size: 12 }, margin: base, height, legend: { orientation: 'h', y: 1.15 }, xaxis: { ...axis, tickangle: -40 }, yaxis: { ...axis, title: { text: '∜(share of the total area)' }, rangemode: 'tozero' } },
        );
        const ctx = document.createElement('canvas').getContext('2d')!;
        ctx.font = `12px ${font}`;
        const push = el._fullLayout._pushmargin['x.automargin'];
        return { widths: labels.map((s) => ctx.measureText(s).width), size: el._fullLayout._size, xPush: { l: push.l.size, b: push.b.size } };
      },
      { labels, width: c.width, base: BASE, font: FONT, plot: c.plot, height: HEIGHT[c.plot] },
    );
    cases.push({
      ...c,
      labels,
      widths: drawn.widths,
      height: HEIGHT[c.plot],
      legend: c.plot !== 'sample alone',
      // plotly's margins from the x axis and the legend (a y tick label wider than the x labels' reach is automargin's
      // to handle and not modelled): left and bottom as the x axis pushes them, top as laid out.
      plotly: { l: Math.max(BASE.l, drawn.xPush.l), b: Math.max(BASE.b, drawn.xPush.b), t: drawn.size.t },
    });
  }
  const out = path.join(ROOT, 'test/fixtures/components/plot-margins.json');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify({ made_by: 'scripts/golden/make-plot-margin-fixtures.ts', plotly: 'plotly.js-basic-dist-min 4.1.1', font: FONT, base: BASE, cases }, null, 1) + '\n');
  console.log(`${cases.length} cases written to ${path.relative(ROOT, out)}`);
} finally {
  await browser.close();
}
