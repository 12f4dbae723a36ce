/**
 * A point set packed into the typed arrays the WebGL renderer uploads (gl-points.ts): one array per vertex
 * attribute, in drawing order. The order and the sizes are those of the Canvas 2D path in PointsCanvas: points
 * grouped by colour, the unselected first, the selected last, 1.5 px bigger and ringed, so that both renderers
 * draw the same picture.
 */
import { colorToRgba, type Rgba } from './css-color';

/** Drawn as a square (a class hub of the network) instead of a disc. */
export const FLAG_SQUARE = 1;
/** Selected: ringed with the selection colour, drawn at full alpha. */
export const FLAG_RING = 2;
/** Not selected while something is: drawn faint. */
export const FLAG_DIM = 4;

/** How much bigger a selected point is drawn, in CSS pixels of radius. */
export const SELECTED_GROWTH = 1.5;
/** Alpha of points when nothing is selected, and of the unselected ones when something is. */
export const ALPHA = 0.85;
export const DIM_ALPHA = 0.28;

export interface PointsToPack {
  ids: string[];
  x: Float64Array;
  y: Float64Array;
  colors: string[];
  radii?: Float64Array;
  squares?: Uint8Array;
}

export interface PackedPoints {
  count: number;
  /** Data coordinates the positions are relative to (the middle of their extent), kept in double precision. */
  centre: [number, number];
  /** x, y of each point relative to `centre`, interleaved: float32 keeps about 7 significant digits, and taking the centre out first spends them on the spread of the points rather than on their distance from 0. */
  xy: Float32Array;
  /** Four bytes per point, alpha not premultiplied. */
  rgba: Uint8Array;
  /** CSS pixels, the selection's growth included. */
  radius: Float32Array;
  flags: Uint8Array;
  /** Index in the point set of each packed point (drawing order). */
  order: Uint32Array;
}

/** Indices of the points grouped by colour, groups in order of the colour's first appearance. O(n). */
export function groupByColor(colors: readonly string[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  colors.forEach((c, i) => {
    const g = groups.get(c);
    if (g) g.push(i);
    else groups.set(c, [i]);
  });
  return groups;
}

/** The order points are drawn in: by colour group, the unselected first, then the selected. O(n). */
export function drawOrder(p: PointsToPack, selected: ReadonlySet<string>, groups = groupByColor(p.colors)): Uint32Array {
  const order = new Uint32Array(p.ids.length);
  let n = 0;
  const any = selected.size > 0;
  for (const idx of groups.values()) for (const i of idx) if (!any || !selected.has(p.ids[i])) order[n++] = i;
  if (any) for (const idx of groups.values()) for (const i of idx) if (selected.has(p.ids[i])) order[n++] = i;
  return order;
}

/** Packs the points for upload; `radius` is the default radius in CSS pixels. O(n), one allocation per attribute. */
export function packPoints(p: PointsToPack, selected: ReadonlySet<string>, radius: number, rgbaOf: (c: string) => Rgba = colorToRgba, groups?: Map<string, number[]>): PackedPoints {
  const count = p.ids.length;
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < count; i++) {
    if (p.x[i] < x0) x0 = p.x[i];
    if (p.x[i] > x1) x1 = p.x[i];
    if (p.y[i] < y0) y0 = p.y[i];
    if (p.y[i] > y1) y1 = p.y[i];
  }
  const centre: [number, number] = count > 0 && Number.isFinite(x0 + x1 + y0 + y1) ? [(x0 + x1) / 2, (y0 + y1) / 2] : [0, 0];
  const order = drawOrder(p, selected, groups);
  const out: PackedPoints = {
    count,
    centre,
    xy: new Float32Array(2 * count),
    rgba: new Uint8Array(4 * count),
    radius: new Float32Array(count),
    flags: new Uint8Array(count),
    order,
  };
  const any = selected.size > 0;
  for (let k = 0; k < count; k++) {
    const i = order[k];
    out.xy[2 * k] = p.x[i] - centre[0];
    out.xy[2 * k + 1] = p.y[i] - centre[1];
    out.rgba.set(rgbaOf(p.colors[i]), 4 * k);
    const chosen = any && selected.has(p.ids[i]);
    out.radius[k] = (p.radii ? p.radii[i] : radius) + (chosen ? SELECTED_GROWTH : 0);
    out.flags[k] = (p.squares?.[i] ? FLAG_SQUARE : 0) | (chosen ? FLAG_RING : any ? FLAG_DIM : 0);
  }
  return out;
}
