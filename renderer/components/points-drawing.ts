/**
 * What PointsCanvas draws around its points, as functions of a FigureContext, so that the screen's canvases and
 * a saved PNG or SVG (figure/figure-file.ts) run the same code: the background and grid under the points, the
 * labels, annotations, overlay, tick values and axis titles over them, and, for files, the points themselves as
 * vectors (on screen they are drawn by WebGL or the sprite atlas, in the same order, colours and alphas).
 * Every function draws in CSS pixels from the context's current transform and leaves it as it found it.
 */
import type { FigureContext } from './figure/svg-context';
import { placeLabels, type LabelRequest } from './label-placement';
import { niceTicks, tickLabel } from './nice-ticks';
import { ALPHA, DIM_ALPHA, drawOrder, SELECTED_GROWTH, type PointsToPack } from './point-buffers';
import type { ThemeColors } from './theme-colors';

export interface ViewBox {
  cx: number;
  cy: number;
  k: number;
}

export interface Frame {
  v: ViewBox;
  w: number;
  h: number;
  colors: ThemeColors;
}

/** A text written at a data position without a point of its own (a class's name at its centre). */
export interface Annotation {
  x: number;
  y: number;
  text: string;
  priority: number;
  /** 'name' (default): bold, in the text colour (a class); 'note': plain, muted (a loading's compound). */
  kind?: 'name' | 'note';
}

export type ToScreen = (x: number, y: number) => [number, number];

export const toScreenOf = (f: Frame): ToScreen => (x, y) => [(x - f.v.cx) * f.v.k + f.w / 2, f.h / 2 - (y - f.v.cy) * f.v.k];

/** The grid of the view in data units: about one tick per 80 px across, one per 60 px down. */
export function axisTicks(f: Frame) {
  const { v, w, h } = f;
  const x = niceTicks(v.cx - w / 2 / v.k, v.cx + w / 2 / v.k, Math.max(2, Math.round(w / 80)));
  const y = niceTicks(v.cy - h / 2 / v.k, v.cy + h / 2 / v.k, Math.max(2, Math.round(h / 60)));
  return { x, y, xStep: x.length > 1 ? x[1] - x[0] : 1, yStep: y.length > 1 ? y[1] - y[0] : 1 };
}
export type Grid = ReturnType<typeof axisTicks>;

/** Background (in data coordinates, y up; `pixel` is one CSS pixel in data units) and grid, under the points. */
export function drawBackground(ctx: FigureContext, f: Frame, grid: Grid | null, background?: (ctx: FigureContext, pixel: number) => void) {
  const { v, w, h, colors } = f;
  if (background) {
    ctx.save();
    ctx.transform(v.k, 0, 0, -v.k, w / 2 - v.cx * v.k, h / 2 + v.cy * v.k);
    background(ctx, 1 / v.k);
    ctx.restore();
  }
  if (!grid) return;
  const at = toScreenOf(f);
  ctx.lineWidth = 1;
  for (const t of grid.x) {
    const [sx] = at(t, 0);
    ctx.strokeStyle = t === 0 ? colors.muted : colors.grid;
    ctx.beginPath();
    ctx.moveTo(Math.round(sx) + 0.5, 0);
    ctx.lineTo(Math.round(sx) + 0.5, h);
    ctx.stroke();
  }
  for (const t of grid.y) {
    const [, sy] = at(0, t);
    ctx.strokeStyle = t === 0 ? colors.muted : colors.grid;
    ctx.beginPath();
    ctx.moveTo(0, Math.round(sy) + 0.5);
    ctx.lineTo(w, Math.round(sy) + 0.5);
    ctx.stroke();
  }
}

/** The points as vector marks, in PointsCanvas's drawing order (for files; O(n) marks, one path per colour and state). */
export function drawVectorPoints(ctx: FigureContext, f: Frame, points: PointsToPack, selected: ReadonlySet<string>, radius: number) {
  const at = toScreenOf(f);
  const dim = selected.size > 0;
  const order = drawOrder(points, selected);
  let k = 0;
  while (k < order.length) {
    const first = order[k];
    const chosen = dim && selected.has(points.ids[first]);
    const color = points.colors[first];
    ctx.beginPath();
    const ringed: number[] = [];
    for (; k < order.length && points.colors[order[k]] === color && (dim && selected.has(points.ids[order[k]])) === chosen; k++) {
      const i = order[k];
      const [sx, sy] = at(points.x[i], points.y[i]);
      if (sx < -20 || sy < -20 || sx > f.w + 20 || sy > f.h + 20) continue;
      const r = (points.radii ? points.radii[i] : radius) + (chosen ? SELECTED_GROWTH : 0);
      if (points.squares?.[i]) ctx.rect(sx - r, sy - r, 2 * r, 2 * r);
      else {
        ctx.moveTo(sx + r, sy);
        ctx.arc(sx, sy, r, 0, 2 * Math.PI);
      }
      if (chosen) ringed.push(i);
    }
    ctx.globalAlpha = chosen ? 1 : dim ? DIM_ALPHA : ALPHA;
    ctx.fillStyle = color;
    ctx.fill();
    if (chosen) {
      ctx.strokeStyle = f.colors.selection;
      ctx.lineWidth = 1.5;
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
  }
}

/** Labels of the points (≤ 250) and annotations, none over another: see label-placement.ts. */
function drawLabels(ctx: FigureContext, f: Frame, points: PointsToPack & { labels?: string[]; labelPriority?: Float64Array }, radius: number, annotations: readonly Annotation[]) {
  const at = toScreenOf(f);
  const requests: LabelRequest[] = [];
  const obstacles: { x: number; y: number; r: number }[] = [];
  const kinds: ('point' | 'name' | 'note')[] = [];
  for (const a of annotations) {
    const [x, y] = at(a.x, a.y);
    ctx.font = a.kind === 'note' ? '10px system-ui, sans-serif' : '600 11px system-ui, sans-serif';
    requests.push({ x, y, r: 2, text: a.text, width: ctx.measureText(a.text).width + 4, priority: (a.kind === 'note' ? 1e8 : 1e9) + a.priority });
    kinds.push(a.kind ?? 'name');
  }
  const labels = points.labels && points.labels.length <= 250 ? points.labels : null;
  ctx.font = '10px system-ui, sans-serif';
  for (let i = 0; labels && i < labels.length; i++) {
    const [x, y] = at(points.x[i], points.y[i]);
    const r = points.radii ? points.radii[i] : radius;
    obstacles.push({ x, y, r });
    if (x < 0 || y < 0 || x > f.w || y > f.h) continue;
    requests.push({ x, y, r, text: labels[i], width: ctx.measureText(labels[i]).width, priority: points.labelPriority ? points.labelPriority[i] : r });
    kinds.push('point');
  }
  const placed = placeLabels(requests, f.w, f.h, 12, obstacles);
  ctx.textBaseline = 'middle';
  ctx.lineJoin = 'round';
  for (const p of placed) {
    const named = kinds[p.index] === 'name';
    ctx.font = named ? '600 11px system-ui, sans-serif' : '10px system-ui, sans-serif';
    ctx.textAlign = p.align;
    // A halo of the panel's colour keeps a label readable over points and lines.
    ctx.strokeStyle = f.colors.panel;
    ctx.lineWidth = 3;
    ctx.strokeText(requests[p.index].text, p.x, p.y);
    ctx.fillStyle = kinds[p.index] === 'point' ? f.colors.muted : f.colors.text;
    ctx.fillText(requests[p.index].text, p.x, p.y);
  }
  ctx.textBaseline = 'alphabetic';
  return placed.length;
}

export interface FrontOptions {
  points: PointsToPack & { labels?: string[]; labelPriority?: Float64Array };
  radius: number;
  grid: Grid | null;
  axes?: { x: string; y: string };
  annotations?: readonly Annotation[];
  /** Drawn over the points in CSS pixels (ellipses, arrows), before the labels. */
  overlay?: (ctx: FigureContext, toScreen: ToScreen) => void;
}

/** Overlay, labels, tick values and axis titles, over the points. Returns how many labels were placed. */
export function drawFront(ctx: FigureContext, f: Frame, o: FrontOptions): number {
  const { w, h, colors } = f;
  const at = toScreenOf(f);
  if (o.overlay) {
    ctx.save();
    o.overlay(ctx, at);
    ctx.restore();
  }
  const placed = drawLabels(ctx, f, o.points, o.radius, o.annotations ?? []);
  const { grid, axes } = o;
  if (!grid || !axes) return placed;
  // Tick values on a halo of the panel's colour, so that points under them do not hide them.
  ctx.font = '11px system-ui, sans-serif';
  ctx.lineWidth = 3;
  ctx.strokeStyle = colors.panel;
  ctx.fillStyle = colors.muted;
  const text = (s: string, x: number, y: number) => {
    ctx.strokeText(s, x, y);
    ctx.fillText(s, x, y);
  };
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  for (const t of grid.x) {
    const [sx] = at(t, 0);
    if (sx > 24 && sx < w - 60) text(tickLabel(t, grid.xStep), sx, h - 3);
  }
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  for (const t of grid.y) {
    const [, sy] = at(0, t);
    if (sy < 24 || sy > h - 20) continue;
    const s = tickLabel(t, grid.yStep);
    // A backing from the edge, so that the grid line does not read as a minus sign before the value.
    ctx.fillStyle = colors.panel;
    ctx.fillRect(0, sy - 6, ctx.measureText(s).width + 6, 12);
    ctx.fillStyle = colors.muted;
    text(s, 4, sy);
  }
  ctx.fillStyle = colors.text;
  ctx.font = '600 11px system-ui, sans-serif';
  ctx.textAlign = 'right';
  ctx.textBaseline = 'bottom';
  text(axes.x, w - 4, h - 3);
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  text(axes.y, 4, 4);
  ctx.textBaseline = 'alphabetic';
  return placed;
}
