/**
 * The report's PCA figure: where the reported classes sit among every sample of the workspace, in the PCA of the
 * class run's space (shared/analysis/workspace-pca.ts, the same function the app's Classes view draws), with the
 * Hotelling T² 95 % ellipse (shared/profiling/hotelling.ts) and the explained variance of the first components (a
 * scree in numbers). Members carry a `<title>` with their label and scores, written by `pcaScoreText` as the app's
 * tooltip is; the other samples are one path of small squares, unlabelled (they are not the report's subject, and
 * their ids may not leave the lab). Axes share one scale, so that distances on the page are distances in the space.
 * Its marks carry their own presentation attributes: the report's style sheet is part of every report's bytes, and
 * reports made before this figure must keep verifying.
 */
import { CURRENT_LANGUAGE, pretreatmentText, type ReportLanguage } from './report-language';
import { pcaScoreText, type PcaView } from '../analysis/pca-view';
import { t2Ellipse, t2Values } from '../profiling/hotelling';
import { html, type SafeHtml } from './html';
import { figure, GROUP_COLOURS, px, svgElement } from './svg';

const WIDTH = 700;
const HEIGHT = 440;
const MARGIN = { left: 56, right: 16, top: 12, bottom: 40 };

export interface PcaFigureMember {
  /** Row of the sample in the view. */
  row: number;
  /** As the report names the sample (its id, or "member 3" when withheld). */
  label: string;
  classId: number;
}

/** A tick step of about `span / 6`: 1, 2 or 5 × 10^k. */
function tickStep(span: number): number {
  const raw = span / 6;
  const p = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? 10 * p;
}

const tickText = (v: number, step: number) => (Math.abs(v) < step / 2 ? '0' : v.toFixed(Math.max(0, -Math.floor(Math.log10(step)))));

/** The scatter of PC1 × PC2 with the classes' members coloured, the T² ellipse and the legend. O(n). */
export function pcaFigure(view: PcaView, members: readonly PcaFigureMember[], classIds: readonly number[], lang: ReportLanguage = CURRENT_LANGUAGE): SafeHtml {
  const k = view.nComponents;
  const n = view.sampleIds.length;
  const [va, vb] = [view.explainedVariance[0], view.explainedVariance[1] ?? 0];
  const ellipse = n >= 3 && va > 0 && vb > 0 ? t2Ellipse(n, va, vb) : null;
  let [x0, x1, y0, y1] = [ellipse ? -ellipse.rx : 0, ellipse ? ellipse.rx : 0, ellipse ? -ellipse.ry : 0, ellipse ? ellipse.ry : 0];
  for (let i = 0; i < n; i++) {
    const x = view.scores[i * k];
    const y = k > 1 ? view.scores[i * k + 1] : 0;
    [x0, x1, y0, y1] = [Math.min(x0, x), Math.max(x1, x), Math.min(y0, y), Math.max(y1, y)];
  }
  const w = WIDTH - MARGIN.left - MARGIN.right;
  const h = HEIGHT - MARGIN.top - MARGIN.bottom;
  const scale = 0.96 * Math.min(w / Math.max(x1 - x0, 1e-12), h / Math.max(y1 - y0, 1e-12));
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const X = (v: number) => MARGIN.left + w / 2 + (v - cx) * scale;
  const Y = (v: number) => MARGIN.top + h / 2 - (v - cy) * scale;
  const marks: SafeHtml[] = [];
  const step = tickStep(Math.max(w, h) / scale);
  for (let t = Math.ceil((cx - w / 2 / scale) / step) * step; t <= cx + w / 2 / scale; t += step)
    marks.push(html`<line class="grid" x1="${px(X(t))}" x2="${px(X(t))}" y1="${MARGIN.top}" y2="${px(MARGIN.top + h)}"></line><text class="tick" x="${px(X(t))}" y="${px(MARGIN.top + h + 11)}" text-anchor="middle">${tickText(t, step)}</text>`);
  for (let t = Math.ceil((cy - h / 2 / scale) / step) * step; t <= cy + h / 2 / scale; t += step)
    marks.push(html`<line class="grid" x1="${MARGIN.left}" x2="${px(MARGIN.left + w)}" y1="${px(Y(t))}" y2="${px(Y(t))}"></line><text class="tick" x="${px(MARGIN.left - 5)}" y="${px(Y(t) + 3)}" text-anchor="end">${tickText(t, step)}</text>`);
  const pc = (c: number) => `PC${c + 1} (${(view.explainedVarianceRatio[c] * 100).toFixed(1)} %)`;
  marks.push(html`<text class="axis-title" x="${px(MARGIN.left + w)}" y="${px(HEIGHT - 6)}" text-anchor="end">${pc(0)}</text>`);
  if (k > 1) marks.push(html`<text class="axis-title" x="12" y="${px(MARGIN.top + h / 2)}" text-anchor="middle" transform="${`rotate(-90 12 ${px(MARGIN.top + h / 2)})`}">${pc(1)}</text>`);
  if (ellipse)
    marks.push(html`<ellipse fill="none" stroke="#555" stroke-width="1.2" stroke-dasharray="5 3" cx="${px(X(0))}" cy="${px(Y(0))}" rx="${px(ellipse.rx * scale)}" ry="${px(ellipse.ry * scale)}"><title>Hotelling T² ${Math.round(ellipse.level * 100)} % ellipse (T² = ${ellipse.limit.toFixed(2)})</title></ellipse>`);
  const isMember = new Uint8Array(n);
  for (const m of members) isMember[m.row] = 1;
  let others = '';
  for (let i = 0; i < n; i++) if (!isMember[i]) others += `M${px(X(view.scores[i * k]) - 1)} ${px(Y(k > 1 ? view.scores[i * k + 1] : 0) - 1)}h2v2h-2z`;
  if (others) marks.push(html`<path fill="#9a9a9a" fill-opacity="0.55" d="${others}"></path>`);
  const colour = (id: number) => GROUP_COLOURS[Math.max(0, classIds.indexOf(id)) % GROUP_COLOURS.length];
  const t2 = ellipse ? t2Values(view.scores, k, 0, 1, va, vb) : null;
  for (const m of members) {
    const note = t2 && ellipse ? `, T² ${t2[m.row].toFixed(2)}${t2[m.row] > ellipse.limit ? ' (outside the ellipse)' : ''}` : '';
    marks.push(html`<circle class="pca-member" stroke="#111" stroke-width="0.6" cx="${px(X(view.scores[m.row * k]))}" cy="${px(Y(k > 1 ? view.scores[m.row * k + 1] : 0))}" r="3.2" fill="${colour(m.classId)}"><title>${pcaScoreText(m.label, view, m.row, 0, 1)}${note} · class ${m.classId}</title></circle>`);
  }
  const legend = html`<ul class="legend">${classIds.map((id) => html`<li><svg class="swatch" width="10" height="10" viewBox="0 0 10 10" aria-hidden="true"><circle cx="5" cy="5" r="4" fill="${colour(id)}"></circle></svg>class ${id}</li>`)}<li><svg class="swatch" width="10" height="10" viewBox="0 0 10 10" aria-hidden="true"><rect x="3" y="3" width="4" height="4" fill="#9a9a9a" fill-opacity="0.55"></rect></svg>other samples</li>${ellipse ? html`<li><svg class="swatch" width="14" height="10" viewBox="0 0 14 10" aria-hidden="true"><line x1="0" x2="14" y1="5" y2="5" fill="none" stroke="#555" stroke-width="1.2" stroke-dasharray="5 3"></line></svg>T² ${Math.round(ellipse.level * 100)} %</li>` : ''}</ul>`;
  const scree = Array.from(view.explainedVarianceRatio.subarray(0, Math.min(k, 5)), (r, c) => `PC${c + 1} ${(r * 100).toFixed(1)} %`).join(', ');
  const several = classIds.length > GROUP_COLOURS.length ? ` (${classIds.length} classes: colours repeat after ${GROUP_COLOURS.length}; hover a point for its class)` : '';
  const caption = html`Principal components of all ${n} samples' signatures (${pretreatmentText(view.pretreatment, lang)}, the class run's pretreatment), PC1 × PC2 on one scale; members of the reported classes coloured${several}, the other samples grey. Explained variance: ${scree}. ${ellipse ? `The dashed ellipse holds ${Math.round(ellipse.level * 100)} % of samples if the scores are normal (Hotelling T² ≤ ${ellipse.limit.toFixed(2)}); a member outside it is unusual for the whole collection, not for its class.` : ''} Hover a point for its scores.`;
  return figure(svgElement(WIDTH, HEIGHT, 'PCA scores of all samples with the reported classes', marks), caption, legend);
}
