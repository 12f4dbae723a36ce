/**
 * What the PCA scores carry beyond the points: the Hotelling T² 95 % ellipse of the two components shown
 * (shared/profiling/hotelling.ts), the biplot's loading arrows (the compounds that pull samples along each axis,
 * scaled to the scores' spread, the longest ones labelled), and each class's number at the mean of its members'
 * scores (so that a class is named where colour alone cannot tell it from another).
 */
import type { PcaView } from '../../../shared/analysis/pca-view';
import { t2Ellipse, type T2Ellipse } from '../../../shared/profiling/hotelling';
import type { FigureContext } from '../../components/figure/svg-context';
import type { Annotation, ToScreen } from '../../components/points-drawing';
import type { ThemeColors } from '../../components/theme-colors';

export const PCA_MARKS_DEFAULTS = {
  /** Arrows labelled, longest first. */
  labelledLoadings: 8,
  /** Classes named at their centre: the largest ones, with at least this many members in the view. */
  namedClassMin: 3,
  namedClasses: 40,
} as const;

/** The ellipse of components a and b, or null when it is undefined (fewer than 3 samples, no variance). */
export function ellipseOf(view: PcaView, a: number, b: number): T2Ellipse | null {
  const n = view.sampleIds.length;
  const [va, vb] = [view.explainedVariance[a], view.explainedVariance[b]];
  return n >= 3 && va > 0 && vb > 0 ? t2Ellipse(n, va, vb) : null;
}

/** Arrow ends of the loadings on a and b, scaled so that the longest reaches 80 % of the largest |score|. */
export function loadingArrows(view: PcaView, a: number, b: number): { compound: string; x: number; y: number; length: number }[] {
  const p = view.compounds.length;
  const k = view.nComponents;
  let maxScore = 0;
  for (let i = 0; i < view.sampleIds.length; i++) maxScore = Math.max(maxScore, Math.abs(view.scores[i * k + a]), Math.abs(view.scores[i * k + b]));
  let maxLoad = 0;
  for (let j = 0; j < p; j++) maxLoad = Math.max(maxLoad, Math.hypot(view.loadings[a * p + j], view.loadings[b * p + j]));
  const f = maxLoad > 0 ? (0.8 * maxScore) / maxLoad : 0;
  return view.compounds.map((compound, j) => {
    const x = view.loadings[a * p + j] * f;
    const y = view.loadings[b * p + j] * f;
    return { compound, x, y, length: Math.hypot(x, y) };
  });
}

/** Draws the ellipse and, for a biplot, the arrows, in screen pixels. */
export function drawPcaOverlay(ctx: FigureContext, at: ToScreen, colors: ThemeColors, ellipse: T2Ellipse | null, arrows: ReturnType<typeof loadingArrows> | null) {
  const [ox, oy] = at(0, 0);
  if (ellipse) {
    const [ex] = at(ellipse.rx, 0);
    const [, ey] = at(0, ellipse.ry);
    ctx.strokeStyle = colors.muted;
    ctx.lineWidth = 1.2;
    ctx.setLineDash([6, 4]);
    ctx.beginPath();
    ctx.ellipse(ox, oy, Math.abs(ex - ox), Math.abs(oy - ey), 0, 0, 2 * Math.PI);
    ctx.stroke();
    ctx.setLineDash([]);
  }
  if (!arrows) return;
  const named = labelledLoadings(arrows);
  ctx.strokeStyle = colors.text;
  ctx.lineWidth = 1.3;
  ctx.lineJoin = 'round';
  for (const r of arrows) {
    const [x, y] = at(r.x, r.y);
    const len = Math.hypot(x - ox, y - oy);
    if (len < 2) continue;
    const [ux, uy] = [(x - ox) / len, (y - oy) / len];
    ctx.globalAlpha = named.has(r.compound) ? 0.9 : 0.45;
    ctx.beginPath();
    ctx.moveTo(ox, oy);
    ctx.lineTo(x, y);
    ctx.moveTo(x - 7 * ux + 3.5 * uy, y - 7 * uy - 3.5 * ux);
    ctx.lineTo(x, y);
    ctx.lineTo(x - 7 * ux - 3.5 * uy, y - 7 * uy + 3.5 * ux);
    ctx.stroke();
  }
  ctx.globalAlpha = 1;
}

/** The compounds whose arrows are named: the longest. */
function labelledLoadings(arrows: ReturnType<typeof loadingArrows>): Set<string> {
  return new Set([...arrows].sort((p, q) => q.length - p.length).slice(0, PCA_MARKS_DEFAULTS.labelledLoadings).map((r) => r.compound));
}

/** The names of the longest arrows at their tips, placed with the other labels (none over another). */
export function loadingAnnotations(arrows: ReturnType<typeof loadingArrows>): Annotation[] {
  const named = labelledLoadings(arrows);
  return arrows.filter((r) => named.has(r.compound)).map((r) => ({ x: r.x, y: r.y, text: r.compound, priority: r.length, kind: 'note' as const }));
}

/** "Class 3" at the mean scores of each of the largest classes in the view. O(n). */
export function classAnnotations(view: PcaView, a: number, b: number, classOf: ReadonlyMap<string, number>, linked: ReadonlySet<number>): Annotation[] {
  const k = view.nComponents;
  const sums = new Map<number, [number, number, number]>();
  view.sampleIds.forEach((id, i) => {
    const c = classOf.get(id);
    if (c === undefined || !linked.has(c)) return;
    const s = sums.get(c) ?? [0, 0, 0];
    s[0] += view.scores[i * k + a];
    s[1] += view.scores[i * k + b];
    s[2] += 1;
    sums.set(c, s);
  });
  return [...sums]
    .filter(([, s]) => s[2] >= PCA_MARKS_DEFAULTS.namedClassMin)
    .sort((p, q) => q[1][2] - p[1][2] || p[0] - q[0])
    .slice(0, PCA_MARKS_DEFAULTS.namedClasses)
    .map(([c, s]) => ({ x: s[0] / s[2], y: s[1] / s[2], text: String(c), priority: s[2] }));
}
