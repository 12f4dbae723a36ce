/**
 * Signature figures of a chemical class: each compound's share of the total target area (the N pretreatment of
 * Andersson et al. 2007) for every member, on a log scale, since shares span four decades and a linear axis would
 * hide the minor impurities that carry most of the link.
 *
 * - The range plot: per compound, the class mean (dot), each member (tick) and the range (line). A dot plot rather
 *   than bars: a bar's length means nothing on a log axis.
 * - The profile plot: each member's signature as a line across the compounds, coloured by case, over the class
 *   mean (dashed); lines that run together are what "linked" looks like.
 * - The values table: detected in, mean, min and max per compound (the numbers behind both plots).
 */
import { html, type SafeHtml } from './html';
import { rowsTableHtml } from './report-tables';
import { figure, GROUP_COLOURS, logScale, percentText, px, shortLabel, svgElement } from './svg';

export interface ClassSignatures {
  compounds: readonly string[];
  /** Plot labels of the members (sample ids, or "member 3" when withheld) and their group (case), if shown. */
  members: readonly { label: string; group: string | null }[];
  /** Shares of the total target area, members × compounds, row-major (a non-detect at its substitute, or 0). */
  shares: Float64Array;
  /** Members × compounds, 1 = detected; absent: detected wherever the share is above 0. */
  detected?: Uint8Array;
}

/** Whether member i's compound c was detected. */
function isDetected(s: ClassSignatures, i: number, c: number): boolean {
  const k = i * s.compounds.length + c;
  return s.detected === undefined ? s.shares[k] > 0 : s.detected[k] === 1 && s.shares[k] > 0;
}

/** The share drawn for member i's compound c: 0 (the nd position) when not detected. */
function shown(s: ClassSignatures, i: number, c: number): number {
  return isDetected(s, i, c) ? s.shares[i * s.compounds.length + c] : 0;
}

/** Every drawn share (non-detects at 0), for the axes. O(m·p). */
function shownShares(s: ClassSignatures): Float64Array {
  const p = s.compounds.length;
  return Float64Array.from(s.shares, (_, k) => shown(s, Math.floor(k / p), k % p));
}

interface CompoundStats {
  mean: number;
  min: number;
  max: number;
  detected: number;
}

/** Mean (non-detects at their substitute or 0, as in the class record), and min and max over the members where detected. O(m·p). */
export function compoundStats(s: ClassSignatures): CompoundStats[] {
  const m = s.members.length;
  const p = s.compounds.length;
  return s.compounds.map((_, c) => {
    let sum = 0;
    let min = Infinity;
    let max = 0;
    let detected = 0;
    for (let i = 0; i < m; i++) {
      const v = s.shares[i * p + c];
      sum += v;
      if (isDetected(s, i, c)) {
        detected++;
        if (v < min) min = v;
        if (v > max) max = v;
      }
    }
    return { mean: m ? sum / m : 0, min: detected ? min : 0, max, detected };
  });
}

const WIDTH = 700;

/** The dot-and-range plot of one class's signature. */
export function signatureRangePlot(s: ClassSignatures, title: string): SafeHtml {
  const p = s.compounds.length;
  const m = s.members.length;
  const stats = compoundStats(s);
  const rowH = 18;
  const top = 6;
  const ndX = 196;
  const scale = logScale(shownShares(s), [222, 620]);
  const height = top + p * rowH + 36;
  const axisY = top + p * rowH;
  const marks: SafeHtml[] = [];
  for (const d of scale.decades) {
    const x = px(scale.at(d));
    marks.push(html`<line class="grid" x1="${x}" x2="${x}" y1="${px(top)}" y2="${px(axisY)}"></line><text class="tick" x="${x}" y="${px(axisY + 12)}" text-anchor="middle">${percentText(d)}</text>`);
  }
  marks.push(html`<text class="tick" x="${px(ndX)}" y="${px(axisY + 12)}" text-anchor="middle">nd</text>`);
  marks.push(html`<text class="axis-title" x="${px((222 + 620) / 2)}" y="${px(axisY + 28)}" text-anchor="middle">Share of the total target area (log scale; nd = not detected)</text>`);
  s.compounds.forEach((name, c) => {
    const y = top + c * rowH + rowH / 2;
    const st = stats[c];
    const xOf = (v: number) => (v > 0 ? scale.at(v) : ndX);
    if (c % 2 === 0) marks.push(html`<rect class="stripe" x="0" y="${px(y - rowH / 2)}" width="${WIDTH}" height="${rowH}"></rect>`);
    marks.push(html`<text class="label" x="184" y="${px(y + 3.5)}" text-anchor="end">${shortLabel(name, 32)}<title>${name}</title></text>`);
    const lo = st.detected < m ? ndX : scale.at(st.min);
    if (st.detected > 0) marks.push(html`<line class="range" x1="${px(lo)}" x2="${px(scale.at(st.max))}" y1="${px(y)}" y2="${px(y)}"></line>`);
    for (let i = 0; i < m; i++) {
      const v = shown(s, i, c);
      const x = px(xOf(v));
      marks.push(html`<line class="member" x1="${x}" x2="${x}" y1="${px(y - 5)}" y2="${px(y + 5)}"><title>${s.members[i].label}: ${v > 0 ? percentText(v) : 'not detected'}</title></line>`);
    }
    marks.push(html`<circle class="mean" cx="${px(xOf(st.detected ? st.mean : 0))}" cy="${px(y)}" r="4"><title>${name}: class mean ${percentText(st.mean)}, detected in ${st.detected} of ${m} members</title></circle>`);
    marks.push(html`<text class="value" x="694" y="${px(y + 3.5)}" text-anchor="end">${st.detected ? percentText(st.mean) : 'nd'}</text>`);
  });
  return figure(svgElement(WIDTH, height, title, marks), html`${title}: class mean (dot), each member (tick) and the range (line) of each compound's share. Hover a mark for its value.`);
}

/** The members' signatures as lines over the class mean, coloured by group (case) when groups are given. */
export function memberProfilePlot(s: ClassSignatures, title: string): SafeHtml {
  const p = s.compounds.length;
  const m = s.members.length;
  const left = 64;
  const right = 16;
  const top = 8;
  const plotH = 210;
  const ndY = top + plotH;
  const scale = logScale(shownShares(s), [ndY - 18, top]);
  const height = ndY + 118;
  const step = (WIDTH - left - right) / Math.max(p, 1);
  const xOf = (c: number) => left + (c + 0.5) * step;
  const yOf = (v: number) => (v > 0 ? scale.at(v) : ndY);
  const groups = [...new Set(s.members.map((g) => g.group).filter((g): g is string => g !== null))].sort();
  const colour = (g: string | null) => (g === null || groups.length > GROUP_COLOURS.length ? GROUP_COLOURS[0] : GROUP_COLOURS[groups.indexOf(g)]);
  const marks: SafeHtml[] = [];
  for (const d of scale.decades) {
    const y = px(scale.at(d));
    marks.push(html`<line class="grid" x1="${left}" x2="${px(WIDTH - right)}" y1="${y}" y2="${y}"></line><text class="tick" x="${px(left - 6)}" y="${px(scale.at(d) + 3.5)}" text-anchor="end">${percentText(d)}</text>`);
  }
  marks.push(html`<line class="grid nd" x1="${left}" x2="${px(WIDTH - right)}" y1="${px(ndY)}" y2="${px(ndY)}"></line><text class="tick" x="${px(left - 6)}" y="${px(ndY + 3.5)}" text-anchor="end">nd</text>`);
  s.compounds.forEach((name, c) => {
    const x = xOf(c);
    marks.push(html`<text class="label" x="${px(x)}" y="${px(ndY + 14)}" text-anchor="end" transform="${`rotate(-40 ${px(x)} ${px(ndY + 14)})`}">${shortLabel(name, 28)}<title>${name}</title></text>`);
  });
  const stats = compoundStats(s);
  for (let i = 0; i < m; i++) {
    const pts = s.compounds.map((_, c) => `${px(xOf(c))},${px(yOf(shown(s, i, c)))}`).join(' ');
    const who = s.members[i];
    marks.push(html`<polyline class="member-line" points="${pts}" stroke="${colour(who.group)}"><title>${who.label}${who.group === null ? '' : ` (${who.group})`}</title></polyline>`);
  }
  const meanPts = stats.map((st, c) => `${px(xOf(c))},${px(yOf(st.detected ? st.mean : 0))}`).join(' ');
  marks.push(html`<polyline class="mean-line" points="${meanPts}"><title>Class mean</title></polyline>`);
  const legend = groups.length > 0 && groups.length <= GROUP_COLOURS.length
    ? html`<ul class="legend">${groups.map((g) => html`<li><svg class="swatch" width="14" height="10" viewBox="0 0 14 10" aria-hidden="true"><rect width="14" height="10" fill="${colour(g)}"></rect></svg>${g}</li>`)}<li><svg class="swatch" width="14" height="10" viewBox="0 0 14 10" aria-hidden="true"><line x1="0" x2="14" y1="5" y2="5" class="mean-line"></line></svg>class mean</li></ul>`
    : html`<ul class="legend"><li><svg class="swatch" width="14" height="10" viewBox="0 0 14 10" aria-hidden="true"><line x1="0" x2="14" y1="5" y2="5" class="mean-line"></line></svg>class mean</li></ul>`;
  const by = groups.length > GROUP_COLOURS.length ? ` (${groups.length} cases: too many to colour apart)` : groups.length > 0 ? ', coloured by case' : '';
  return figure(svgElement(WIDTH, height, title, marks), html`${title}: each member's share of the total target area per compound (log scale)${by}; the dashed line is the class mean. Hover a line for its sample.`, legend);
}

/** The numbers behind the plots: per compound, detected in n of m members, mean, min and max share. */
export function signatureValuesTable(s: ClassSignatures): SafeHtml {
  const m = s.members.length;
  const rows = compoundStats(s).map((st, c) => [
    s.compounds[c],
    `${st.detected} of ${m}`,
    st.detected ? percentText(st.mean) : 'nd',
    st.detected ? percentText(st.min) : 'nd',
    st.detected ? percentText(st.max) : 'nd',
  ]);
  return rowsTableHtml(['Compound', 'Detected in', 'Mean share', 'Min (detected)', 'Max'], rows, [false, true, true, true, true]);
}
