/**
 * The figures of an LR system's validation, as inline SVG (no script; the same numbers give the same bytes):
 * - the Tippett plot: for each proposition, the share of held-out comparisons whose LR is at least x, against
 *   log10 x (Meuwly, Ramos & Haraksim 2017); the ELUB bounds and LR = 1 marked;
 * - the ECE plot: empirical cross-entropy against the prior log10 odds for the LRs, the same LRs after PAV (the
 *   best they could be calibrated) and the uninformative reference (LR = 1 everywhere);
 * - the score → LR function: log10 LR of the fitted model against the pair distance (log axis), over the
 *   histograms of the Hp and Hd distances.
 * All read from the calibration record (lr-system-record.ts), so the report, `sigwb validate` and the app plot
 * the same figures.
 */
import type { LrPartRecord, ValidationRecord } from '../analysis/lr-system-record';
import { html, type SafeHtml } from './html';
import { figure, logScale, px, svgElement } from './svg';

/** The CSS of these plots, added by the reports that draw them (so that other reports keep their bytes). */
export const LR_PLOT_CSS = `
svg.plot .curve, svg.swatch .curve { fill: none; stroke-width: 1.8; }
svg .curve.hp, svg .curve.system { stroke: #0072B2; }
svg .curve.system { stroke: #111; }
svg .curve.hd { stroke: #D55E00; stroke-dasharray: 6 3; }
svg .curve.pav { stroke: #0072B2; stroke-dasharray: 6 3; }
svg .curve.ref { stroke: #777; stroke-dasharray: 2 2; }
svg .bound { stroke: #555; stroke-width: 1; stroke-dasharray: 2 3; }
svg .unit { stroke: #999; stroke-width: 1; }
svg.plot .hist.hp { fill: #0072B2; fill-opacity: 0.25; }
svg.plot .hist.hd { fill: #D55E00; fill-opacity: 0.25; }
svg.swatch .hist-swatch { stroke-width: 8; stroke-opacity: 0.3; }
svg.swatch .hist-swatch.hp { stroke: #0072B2; }
svg.swatch .hist-swatch.hd { stroke: #D55E00; }
`;

const W = 700;
const H = 300;
const LEFT = 60;
const RIGHT = 680;
const TOP = 16;
const BOTTOM = 250;

interface Linear {
  at: (v: number) => number;
  ticks: number[];
}

/** A linear scale over [lo, hi] with ticks at multiples of `step`. */
function linear(lo: number, hi: number, r0: number, r1: number, step: number): Linear {
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step - 1e-9); t * step <= hi + 1e-9; t++) ticks.push(Number((t * step).toFixed(6)));
  return { at: (v) => r0 + ((Math.min(Math.max(v, lo), hi) - lo) / (hi - lo)) * (r1 - r0), ticks };
}

const path = (points: [number, number][]): string => points.map(([x, y], k) => `${k ? 'L' : 'M'}${px(x)} ${px(y)}`).join(' ');

function axes(x: Linear, y: Linear, xTitle: string, yTitle: string, xLabel = (v: number) => String(v), yLabel = (v: number) => String(v)): SafeHtml[] {
  const out: SafeHtml[] = [];
  for (const t of x.ticks) out.push(html`<line class="grid" x1="${px(x.at(t))}" x2="${px(x.at(t))}" y1="${TOP}" y2="${BOTTOM}"></line><text class="tick" x="${px(x.at(t))}" y="${BOTTOM + 12}" text-anchor="middle">${xLabel(t)}</text>`);
  for (const t of y.ticks) out.push(html`<line class="grid" x1="${LEFT}" x2="${RIGHT}" y1="${px(y.at(t))}" y2="${px(y.at(t))}"></line><text class="tick" x="${LEFT - 4}" y="${px(y.at(t) + 3)}" text-anchor="end">${yLabel(t)}</text>`);
  out.push(html`<text class="axis-title" x="${(LEFT + RIGHT) / 2}" y="${BOTTOM + 28}" text-anchor="middle">${xTitle}</text>`);
  out.push(html`<text class="axis-title" x="14" y="${(TOP + BOTTOM) / 2}" text-anchor="middle" transform="${`rotate(-90 14 ${(TOP + BOTTOM) / 2})`}">${yTitle}</text>`);
  return out;
}

function legend(entries: [string, string][]): SafeHtml {
  return html`<ul class="legend">${entries.map(([cls, text]) => html`<li><svg class="swatch" width="28" height="10" viewBox="0 0 28 10" aria-hidden="true"><line class="${cls}" x1="1" x2="27" y1="5" y2="5"></line></svg>${text}</li>`)}</ul>`;
}

/** Tippett plot of a validation (held-out LRs), with the model's ELUB bounds. */
export function tippettPlot(v: ValidationRecord, bounds: { lower: number; upper: number }, names: { hp: string; hd: string }): SafeHtml {
  const values = [...v.tippett.hp, ...v.tippett.hd, bounds.lower, bounds.upper].filter((x): x is number => x !== null);
  const lo = Math.floor(Math.min(-1, ...values)) - 0.5;
  const hi = Math.ceil(Math.max(1, ...values)) + 0.5;
  const x = linear(lo, hi, LEFT, RIGHT, hi - lo > 12 ? 2 : 1);
  const y = linear(0, 1, BOTTOM, TOP, 0.2);
  const marks = axes(x, y, 'log10 LR (held-out)', 'share of comparisons with LR ≥ x', undefined, (t) => `${Math.round(t * 100)} %`);
  const curve = (q: (number | null)[], cls: string, title: string): SafeHtml => {
    const pts: [number, number][] = [[x.at(lo), y.at(1)]];
    v.tippett.levels.forEach((level, k) => {
      const value = q[k] ?? (k === 0 ? lo : hi);
      pts.push([x.at(value), y.at(1 - level)]);
    });
    pts.push([x.at(hi), y.at(0)]);
    return html`<path class="${`curve ${cls}`}" d="${path(pts)}"><title>${title}</title></path>`;
  };
  marks.push(html`<line class="unit" x1="${px(x.at(0))}" x2="${px(x.at(0))}" y1="${TOP}" y2="${BOTTOM}"><title>LR = 1</title></line>`);
  for (const b of [bounds.lower, bounds.upper]) marks.push(html`<line class="bound" x1="${px(x.at(b))}" x2="${px(x.at(b))}" y1="${TOP}" y2="${BOTTOM}"><title>ELUB bound: log10 LR ${b.toFixed(2)}</title></line>`);
  marks.push(curve(v.tippett.hp, 'hp', `${names.hp}: ${v.validated.hp.toLocaleString('en-US')} comparisons`));
  marks.push(curve(v.tippett.hd, 'hd', `${names.hd}: ${v.validated.hd.toLocaleString('en-US')} comparisons`));
  return figure(
    svgElement(W, H - 14, 'Tippett plot', marks),
    html`Tippett plot of the held-out LRs: for each proposition, the share of comparisons whose LR is at least x. Hp comparisons to the right of LR = 1 and Hd comparisons to its left are the correct ones; the dotted lines are the ELUB bounds beyond which no LR is reported.`,
    legend([['curve hp', `Hp true (${names.hp}), ${v.validated.hp.toLocaleString('en-US')}`], ['curve hd', `Hd true (${names.hd}), ${v.validated.hd.toLocaleString('en-US')}`], ['bound', 'ELUB bounds'], ['unit', 'LR = 1']]),
  );
}

/** ECE plot of a validation. */
export function ecePlot(v: ValidationRecord): SafeHtml {
  const priors = v.ece.prior_log10_odds;
  const top = Math.max(...v.ece.reference, ...v.ece.system.filter(Number.isFinite)) * 1.05;
  const yMax = Math.max(0.2, Math.min(top, 2));
  const x = linear(priors[0], priors[priors.length - 1], LEFT, RIGHT, 1);
  const y = linear(0, yMax, BOTTOM, TOP, yMax > 1 ? 0.5 : 0.1);
  const marks = axes(x, y, 'prior log10 odds of Hp', 'empirical cross-entropy (bits)');
  const curve = (values: number[], cls: string, title: string) => html`<path class="${`curve ${cls}`}" d="${path(priors.map((p, k) => [x.at(p), y.at(Number.isFinite(values[k]) ? values[k] : yMax)]))}"><title>${title}</title></path>`;
  marks.push(curve(v.ece.reference, 'ref', 'uninformative reference (LR = 1)'));
  marks.push(curve(v.ece.pav, 'pav', `after PAV: Cllr_min ${v.cllr_min.toFixed(3)}`));
  marks.push(curve(v.ece.system, 'system', `the LRs: Cllr ${v.cllr.toFixed(3)}`));
  return figure(
    svgElement(W, H - 14, 'ECE plot', marks),
    html`Empirical cross-entropy of the held-out LRs over prior odds. The lower the curve the more the LRs help; the gap between the solid and the dashed curve is the calibration loss (at prior odds 1: Cllr_cal), the dashed curve the discrimination alone (Cllr_min); a system above the dotted reference would mislead.`,
    legend([['curve system', `LRs (Cllr ${v.cllr.toFixed(3)} at prior odds 1)`], ['curve pav', `after PAV (Cllr_min ${v.cllr_min.toFixed(3)})`], ['curve ref', 'uninformative (LR = 1)']]),
  );
}

/** Histogram counts of Hp (`linked`) and Hd (`unlinked`) distances on shared edges. */
export interface DistanceHistograms {
  edges: number[];
  linked: number[];
  unlinked: number[];
}

/**
 * Histograms on 40 bins evenly spaced on a log axis, from the 0.5th percentile of the positive distances to the
 * largest (smaller distances, zeros included, count in the first bin), so that they sit under a log-scaled plot.
 * O(n log n).
 */
export function logHistograms(distance: Float64Array, label: Uint8Array, bins = 40): DistanceHistograms {
  const positive = Float64Array.from(distance.filter((d) => d > 0)).sort();
  const lo = positive.length ? positive[Math.floor(0.005 * (positive.length - 1))] : 1e-6;
  const hi = positive.length ? Math.max(positive[positive.length - 1], lo * 10) : 1;
  const edges = Array.from({ length: bins + 1 }, (_, k) => lo * Math.pow(hi / lo, k / bins));
  const linked = new Array<number>(bins).fill(0);
  const unlinked = new Array<number>(bins).fill(0);
  const step = Math.log(hi / lo) / bins;
  for (let i = 0; i < distance.length; i++) {
    const d = distance[i];
    const k = d <= lo ? 0 : Math.min(bins - 1, Math.floor(Math.log(d / lo) / step));
    (label[i] === 1 ? linked : unlinked)[k]++;
  }
  return { edges, linked, unlinked };
}

/**
 * The score → LR function of a part over the distances the calibration saw: log10 LR at 120 distances spread
 * evenly on a log axis, over the Hp and Hd distance histograms (each scaled to its own largest bar).
 */
export function scoreLrPlot(part: LrPartRecord, llrAt: (distance: number) => number, hist: DistanceHistograms | null, xTitle: string): SafeHtml {
  const positive = hist ? hist.edges.filter((e) => e > 0) : [];
  const lowest = positive.length ? positive[0] : 1e-4;
  const highest = positive.length ? positive[positive.length - 1] : 2;
  const xs = logScale([lowest, highest], [LEFT, RIGHT], 1e-9);
  const b = part.model.bounds;
  const yLo = Math.floor(b.lower) - 0.5;
  const yHi = Math.ceil(b.upper) + 0.5;
  const y = linear(yLo, yHi, BOTTOM, TOP, yHi - yLo > 8 ? 2 : 1);
  const marks: SafeHtml[] = [];
  for (const d of xs.decades) marks.push(html`<line class="grid" x1="${px(xs.at(d))}" x2="${px(xs.at(d))}" y1="${TOP}" y2="${BOTTOM}"></line><text class="tick" x="${px(xs.at(d))}" y="${BOTTOM + 12}" text-anchor="middle">${d.toExponential(0)}</text>`);
  for (const t of y.ticks) marks.push(html`<line class="grid" x1="${LEFT}" x2="${RIGHT}" y1="${px(y.at(t))}" y2="${px(y.at(t))}"></line><text class="tick" x="${LEFT - 4}" y="${px(y.at(t) + 3)}" text-anchor="end">${String(t)}</text>`);
  if (hist) {
    const bars = (counts: number[], cls: string) => {
      const most = Math.max(1, ...counts);
      return counts.map((c, k) => {
        const x0 = xs.at(Math.max(hist.edges[k], xs.lo));
        const x1 = xs.at(Math.max(hist.edges[k + 1], xs.lo));
        const h = ((BOTTOM - TOP) * 0.45 * c) / most;
        return c === 0 || x1 <= x0 ? html`` : html`<rect class="${`hist ${cls}`}" x="${px(x0)}" y="${px(BOTTOM - h)}" width="${px(x1 - x0)}" height="${px(h)}"><title>${c} ${cls === 'hp' ? 'Hp' : 'Hd'} pairs between ${hist.edges[k].toPrecision(3)} and ${hist.edges[k + 1].toPrecision(3)}</title></rect>`;
      });
    };
    marks.push(...bars(hist.linked, 'hp'), ...bars(hist.unlinked, 'hd'));
  }
  const grid = Array.from({ length: 120 }, (_, k) => xs.lo * Math.pow(xs.hi / xs.lo, k / 119));
  marks.push(html`<line class="unit" x1="${LEFT}" x2="${RIGHT}" y1="${px(y.at(0))}" y2="${px(y.at(0))}"></line>`);
  marks.push(html`<path class="curve system" d="${path(grid.map((d) => [xs.at(d), y.at(llrAt(d))]))}"><title>log10 LR of the fitted calibration</title></path>`);
  marks.push(html`<text class="axis-title" x="${(LEFT + RIGHT) / 2}" y="${BOTTOM + 28}" text-anchor="middle">${xTitle}</text>`);
  marks.push(html`<text class="axis-title" x="14" y="${(TOP + BOTTOM) / 2}" text-anchor="middle" transform="${`rotate(-90 14 ${(TOP + BOTTOM) / 2})`}">log10 LR</text>`);
  return figure(
    svgElement(W, H - 14, 'Score to LR calibration', marks),
    html`The fitted score → LR function (log10 LR against the distance, log axis), flat beyond the ELUB bounds (${b.lower.toFixed(2)} to ${b.upper.toFixed(2)}), over the histograms of the calibration's Hp and Hd distances.`,
    legend([['curve system', 'log10 LR'], ['hist-swatch hp', 'Hp distances'], ['hist-swatch hd', 'Hd distances']]),
  );
}
