/**
 * Points drawn on Canvas 2D from the sprite atlas: PointsCanvas's fallback when WebGL 2 is not there, is lost or
 * is turned off (preference or `?renderer=canvas`). Draws the same picture as gl-points.ts: by colour group, the
 * unselected at 0.85 (0.28 when something is selected), then the selected at full alpha, ringed and 1.5 px bigger.
 */
import { ALPHA, DIM_ALPHA, SELECTED_GROWTH, type PointsToPack } from './point-buffers';
import { SpriteAtlas } from './sprite-atlas';

export interface CanvasPointsInput {
  points: PointsToPack;
  selected: ReadonlySet<string>;
  groups: Map<string, number[]>;
  radius: number;
  /** Data → CSS pixels of the canvas. */
  toScreen: (x: number, y: number) => [number, number];
  w: number;
  h: number;
  ring: string;
}

/** Draws the points on `ctx` (already cleared, transform set to CSS pixels); returns the atlas to keep for the next draw. */
export function drawCanvasPoints(ctx: CanvasRenderingContext2D, atlas: SpriteAtlas | null, dpr: number, input: CanvasPointsInput): SpriteAtlas {
  const { points, selected, groups, radius, toScreen, w, h, ring } = input;
  const dim = selected.size > 0;
  const sprites = atlas?.dpr === dpr ? atlas : new SpriteAtlas(dpr);
  const sizeOf = (i: number, grow: number) => Math.round(((points.radii ? points.radii[i] : radius) + grow) * 2) / 2;
  const mark = (i: number, color: string, sx: number, sy: number, ringColour: string | null, grow = 0) => {
    const r = (points.radii ? points.radii[i] : radius) + grow;
    if (points.squares?.[i]) {
      ctx.fillStyle = color;
      ctx.fillRect(sx - r, sy - r, 2 * r, 2 * r);
      if (ringColour) {
        ctx.strokeStyle = ringColour;
        ctx.lineWidth = 1.5;
        ctx.strokeRect(sx - r, sy - r, 2 * r, 2 * r);
      }
    } else {
      const s = sprites.disc(color, sizeOf(i, grow), ringColour);
      ctx.drawImage(s.page, s.sx, s.sy, s.side, s.side, sx - r - 2, sy - r - 2, 2 * r + 4, 2 * r + 4);
    }
  };
  // Every sprite is drawn into the atlas before any is drawn from it: drawing into a canvas that was just read
  // makes the next read copy it whole (on the case network's first draw that took over half a second).
  for (const [color, idx] of groups) {
    for (const i of idx) {
      if (points.squares?.[i]) continue;
      if (dim && selected.has(points.ids[i])) sprites.disc(color, sizeOf(i, SELECTED_GROWTH), ring);
      else sprites.disc(color, sizeOf(i, 0), null);
    }
  }
  const visible = (sx: number, sy: number) => sx >= -20 && sy >= -20 && sx <= w + 20 && sy <= h + 20;
  ctx.globalAlpha = dim ? DIM_ALPHA : ALPHA;
  for (const [color, idx] of groups) {
    for (const i of idx) {
      if (dim && selected.has(points.ids[i])) continue;
      const [sx, sy] = toScreen(points.x[i], points.y[i]);
      if (visible(sx, sy)) mark(i, color, sx, sy, null);
    }
  }
  if (dim) {
    ctx.globalAlpha = 1;
    for (const [color, idx] of groups) {
      for (const i of idx) {
        if (!selected.has(points.ids[i])) continue;
        const [sx, sy] = toScreen(points.x[i], points.y[i]);
        if (visible(sx, sy)) mark(i, color, sx, sy, ring, SELECTED_GROWTH);
      }
    }
  }
  ctx.globalAlpha = 1;
  return sprites;
}
