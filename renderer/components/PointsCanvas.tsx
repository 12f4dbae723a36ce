/**
 * A scatter of many points (the map's seizures, the PCA scores, the case network): 10,000 points draw in a few
 * milliseconds, hover and box selection are plain loops. Three canvases of one size stacked: the background and
 * grid (Canvas 2D), the points (WebGL 2 by gl-points.ts, or Canvas 2D sprites by canvas-points.ts when WebGL is
 * missing, lost or turned off), the labels and tick values (Canvas 2D); a pan or a zoom redraws the three, the
 * points' buffers stay on the GPU. Not plotly's WebGL scatter: regl compiles code with `new Function`, which the
 * Content-Security-Policy forbids; and not SVG, where 10,000 nodes make every redraw block the UI. Wheel zooms at
 * the cursor, drag selects a box (Shift adds, Ctrl/⌘ toggles), the Pan tool or the middle button moves, a double
 * click on a point opens it.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { modeOf, type SelectMode } from '../state/selection';
import { usePreferences } from '../state/preferences';
import { drawCanvasPoints } from './canvas-points';
import { colorToRgba } from './css-color';
import { GlPoints } from './gl-points';
import { niceTicks, tickLabel } from './nice-ticks';
import { groupByColor, packPoints, type PointsToPack } from './point-buffers';
import type { SpriteAtlas } from './sprite-atlas';
import { themeColors, type ThemeColors } from './theme-colors';

/** The points (data coordinates, y upwards; radii in screen pixels, default the canvas's `radius`; squares for the network's class hubs). */
export interface PointSet extends PointsToPack {
  /** Names written beside the points when there are few enough to read (≤ 250). */
  labels?: string[];
}

interface Props {
  points: PointSet;
  selected: ReadonlySet<string>;
  onSelect: (ids: string[], mode: SelectMode) => void;
  onOpen?: (id: string) => void;
  describe: (i: number) => string;
  /** Drawn under the points, in data coordinates; `pixel` is one screen pixel in data units. */
  background?: (ctx: CanvasRenderingContext2D, pixel: number) => void;
  bounds?: [number, number, number, number];
  /** Axis titles: draws a grid with tick values along the left and bottom edges (PCA scores); none for the map. */
  axes?: { x: string; y: string };
  radius?: number;
  label: string;
  testId?: string;
}

interface ViewBox {
  cx: number;
  cy: number;
  k: number;
}

function fit(b: [number, number, number, number], w: number, h: number): ViewBox {
  const dx = Math.max(b[2] - b[0], 1e-9);
  const dy = Math.max(b[3] - b[1], 1e-9);
  return { cx: (b[0] + b[2]) / 2, cy: (b[1] + b[3]) / 2, k: 0.92 * Math.min(w / dx, h / dy) };
}

function boundsOf(p: PointSet): [number, number, number, number] {
  let b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < p.ids.length; i++) b = [Math.min(b[0], p.x[i]), Math.min(b[1], p.y[i]), Math.max(b[2], p.x[i]), Math.max(b[3], p.y[i])];
  return Number.isFinite(b[0]) ? b : [0, 0, 1, 1];
}

/** The grid of the view in data units: about one tick per 80 px across, one per 60 px down. */
function axisTicks(v: ViewBox, w: number, h: number) {
  const x = niceTicks(v.cx - w / 2 / v.k, v.cx + w / 2 / v.k, Math.max(2, Math.round(w / 80)));
  const y = niceTicks(v.cy - h / 2 / v.k, v.cy + h / 2 / v.k, Math.max(2, Math.round(h / 60)));
  return { x, y, xStep: x.length > 1 ? x[1] - x[0] : 1, yStep: y.length > 1 ? y[1] - y[0] : 1 };
}

export function PointsCanvas({ points, selected, onSelect, onOpen, describe, background, bounds, axes, radius = 3, label, testId }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const back = useRef<HTMLCanvasElement>(null);
  const middle = useRef<HTMLCanvasElement>(null);
  const front = useRef<HTMLCanvasElement>(null);
  const view = useRef<ViewBox | null>(null);
  const size = useRef({ w: 0, h: 0 });
  const frame = useRef(0);
  const atlas = useRef<SpriteAtlas | null>(null);
  const gl = useRef<GlPoints | null>(null);
  /** What the WebGL buffers hold: packed again only when one of these changes, not on a pan or a zoom. */
  const uploaded = useRef<{ points: PointSet; selected: ReadonlySet<string>; radius: number } | null>(null);
  const drag = useRef<{ x: number; y: number; pan: boolean; moved: boolean; start: ViewBox } | null>(null);
  const [band, setBand] = useState<{ x0: number; y0: number; x1: number; y1: number } | null>(null);
  const [tip, setTip] = useState<{ x: number; y: number; text: string } | null>(null);
  const [tool, setTool] = useState<'select' | 'pan'>('select');
  const { resolved, pointRenderer } = usePreferences();
  /** WebGL 2 missing, failed or lost: Canvas 2D from then on (a new canvas element: one that had a WebGL context cannot give a 2D one). */
  const [glFailed, setGlFailed] = useState(false);
  const renderer = pointRenderer === 'webgl' && !glFailed ? 'webgl' : 'canvas';
  const extent = useMemo(() => bounds ?? boundsOf(points), [bounds, points]);
  const byColor = useMemo(() => groupByColor(points.colors), [points]);

  const toScreen = (v: ViewBox, x: number, y: number): [number, number] => [(x - v.cx) * v.k + size.current.w / 2, size.current.h / 2 - (y - v.cy) * v.k];

  /** Background and grid, under the points. */
  const drawBack = (ctx: CanvasRenderingContext2D, v: ViewBox, colors: ThemeColors, grid: ReturnType<typeof axisTicks> | null) => {
    const dpr = window.devicePixelRatio || 1;
    const { w, h } = size.current;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    if (background) {
      ctx.setTransform(dpr * v.k, 0, 0, -dpr * v.k, dpr * (w / 2 - v.cx * v.k), dpr * (h / 2 + v.cy * v.k));
      background(ctx, 1 / v.k);
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    if (!grid) return;
    ctx.lineWidth = 1;
    for (const [t, strong] of grid.x.map((t) => [t, t === 0] as const)) {
      const [sx] = toScreen(v, t, 0);
      ctx.strokeStyle = strong ? colors.muted : colors.grid;
      ctx.beginPath();
      ctx.moveTo(Math.round(sx) + 0.5, 0);
      ctx.lineTo(Math.round(sx) + 0.5, h);
      ctx.stroke();
    }
    for (const [t, strong] of grid.y.map((t) => [t, t === 0] as const)) {
      const [, sy] = toScreen(v, 0, t);
      ctx.strokeStyle = strong ? colors.muted : colors.grid;
      ctx.beginPath();
      ctx.moveTo(0, Math.round(sy) + 0.5);
      ctx.lineTo(w, Math.round(sy) + 0.5);
      ctx.stroke();
    }
  };

  /** The points: WebGL when it is up, the sprite atlas on Canvas 2D otherwise. */
  const drawPoints = (c: HTMLCanvasElement, v: ViewBox, colors: ThemeColors) => {
    const dpr = window.devicePixelRatio || 1;
    const g = gl.current;
    if (g) {
      const u = uploaded.current;
      if (!u || u.points !== points || u.selected !== selected || u.radius !== radius) {
        g.upload(packPoints(points, selected, radius, colorToRgba, byColor));
        uploaded.current = { points, selected, radius };
      }
      g.draw(v, dpr, colorToRgba(colors.selection));
      return;
    }
    const ctx = c.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, c.width, c.height);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const { w, h } = size.current;
    atlas.current = drawCanvasPoints(ctx, atlas.current, dpr, { points, selected, groups: byColor, radius, toScreen: (x, y) => toScreen(v, x, y), w, h, ring: colors.selection });
  };

  /** Labels, tick values and axis titles, over the points. */
  const drawFront = (ctx: CanvasRenderingContext2D, v: ViewBox, colors: ThemeColors, grid: ReturnType<typeof axisTicks> | null) => {
    const dpr = window.devicePixelRatio || 1;
    const { w, h } = size.current;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    if (points.labels && points.labels.length <= 250) {
      ctx.fillStyle = colors.muted;
      ctx.font = '10px system-ui, sans-serif';
      ctx.textAlign = 'left';
      for (let i = 0; i < points.labels.length; i++) {
        const [sx, sy] = toScreen(v, points.x[i], points.y[i]);
        const r = points.radii ? points.radii[i] : radius;
        ctx.fillText(points.labels[i], sx + r + 3, sy + 3);
      }
    }
    if (!grid || !axes) return;
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
      const [sx] = toScreen(v, t, 0);
      if (sx > 24 && sx < w - 60) text(tickLabel(t, grid.xStep), sx, h - 3);
    }
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    for (const t of grid.y) {
      const [, sy] = toScreen(v, 0, t);
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
  };

  const draw = () => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => {
      const v = view.current;
      const [b, m, f] = [back.current, middle.current, front.current];
      if (!v || !b || !m || !f) return;
      const colors = themeColors();
      const grid = axes ? axisTicks(v, size.current.w, size.current.h) : null;
      drawBack(b.getContext('2d')!, v, colors, grid);
      drawPoints(m, v, colors);
      drawFront(f.getContext('2d')!, v, colors, grid);
    });
  };

  /** Gives the three canvases the box's size in device pixels. */
  const sizeCanvases = () => {
    const dpr = window.devicePixelRatio || 1;
    for (const c of [back.current, middle.current, front.current]) {
      if (!c) continue;
      c.width = Math.round(size.current.w * dpr);
      c.height = Math.round(size.current.h * dpr);
    }
  };

  // The points' canvas is a new element whenever the renderer changes (its key): set it up, WebGL or 2D.
  useLayoutEffect(() => {
    sizeCanvases();
    uploaded.current = null;
    if (renderer === 'webgl' && middle.current) {
      const g = GlPoints.create(middle.current, () => {
        gl.current = null;
        setGlFailed(true);
      });
      if (!g) {
        setGlFailed(true);
        return;
      }
      gl.current = g;
    }
    draw();
    return () => {
      gl.current?.dispose();
      gl.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [renderer]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => {
      const { width, height } = el.getBoundingClientRect();
      size.current = { w: width, h: height };
      sizeCanvases();
      view.current = fit(extent, width, height);
      draw();
    });
    ro.observe(el);
    return () => ro.disconnect();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [extent]);

  // draw reads the props through the drawBack/drawPoints/drawFront closures of this render.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(draw, [points, selected, byColor, background, axes, resolved, radius]);

  const local = (e: { clientX: number; clientY: number }) => {
    const r = front.current!.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };

  const nearest = (x: number, y: number, within = 4): number => {
    const v = view.current;
    if (!v) return -1;
    let best = -1;
    let bestD = Infinity;
    for (let i = 0; i < points.ids.length; i++) {
      const [sx, sy] = toScreen(v, points.x[i], points.y[i]);
      const d = (sx - x) ** 2 + (sy - y) ** 2;
      const reach = (points.radii ? points.radii[i] : radius) + within;
      if (d <= reach * reach && d < bestD) {
        bestD = d;
        best = i;
      }
    }
    return best;
  };

  const inBox = (b: { x0: number; y0: number; x1: number; y1: number }): string[] => {
    const v = view.current!;
    const [xa, xb] = [Math.min(b.x0, b.x1), Math.max(b.x0, b.x1)];
    const [ya, yb] = [Math.min(b.y0, b.y1), Math.max(b.y0, b.y1)];
    const out: string[] = [];
    for (let i = 0; i < points.ids.length; i++) {
      const [sx, sy] = toScreen(v, points.x[i], points.y[i]);
      if (sx >= xa && sx <= xb && sy >= ya && sy <= yb) out.push(points.ids[i]);
    }
    return out;
  };

  const selectedCount = useMemo(() => (selected.size ? points.ids.reduce((n, id) => n + (selected.has(id) ? 1 : 0), 0) : 0), [points, selected]);

  return (
    <div className="points-canvas">
      <div className="canvas-tools" role="toolbar" aria-label={`${label}: tools`}>
        <button aria-pressed={tool === 'select'} className={tool === 'select' ? 'active' : ''} onClick={() => setTool('select')} title="Drag to select a box (Shift adds, Ctrl/⌘ toggles)">
          Select
        </button>
        <button aria-pressed={tool === 'pan'} className={tool === 'pan' ? 'active' : ''} onClick={() => setTool('pan')} title="Drag to move; the wheel zooms">
          Pan
        </button>
        <button
          onClick={() => {
            view.current = fit(extent, size.current.w, size.current.h);
            draw();
          }}
          title="Show everything"
        >
          Reset zoom
        </button>
      </div>
      <div ref={box} className="canvas-box" data-testid={testId} data-points={points.ids.length} data-selected={selectedCount} data-renderer={renderer}>
        <canvas ref={back} aria-hidden="true" />
        <canvas ref={middle} key={renderer} aria-hidden="true" />
        <canvas
          ref={front}
          role="img"
          aria-label={label}
          style={{ cursor: tool === 'pan' ? 'grab' : 'crosshair' }}
          onWheel={(e) => {
            const v = view.current;
            if (!v) return;
            const { x, y } = local(e);
            const f = Math.exp(-e.deltaY * 0.0015);
            const dx = (x - size.current.w / 2) / v.k;
            const dy = (size.current.h / 2 - y) / v.k;
            view.current = { cx: v.cx + dx - dx / f, cy: v.cy + dy - dy / f, k: v.k * f };
            draw();
          }}
          onPointerDown={(e) => {
            const p = local(e);
            (e.target as HTMLCanvasElement).setPointerCapture(e.pointerId);
            drag.current = { ...p, pan: tool === 'pan' || e.button === 1, moved: false, start: { ...view.current! } };
          }}
          onPointerMove={(e) => {
            const p = local(e);
            const d = drag.current;
            if (!d) {
              const i = nearest(p.x, p.y);
              setTip(i >= 0 ? { x: p.x, y: p.y, text: describe(i) } : null);
              return;
            }
            if (Math.abs(p.x - d.x) + Math.abs(p.y - d.y) > 3) d.moved = true;
            if (!d.moved) return;
            if (d.pan) {
              view.current = { ...d.start, cx: d.start.cx - (p.x - d.x) / d.start.k, cy: d.start.cy + (p.y - d.y) / d.start.k };
              draw();
            } else setBand({ x0: d.x, y0: d.y, x1: p.x, y1: p.y });
          }}
          onPointerUp={(e) => {
            const d = drag.current;
            drag.current = null;
            if (!d) return;
            const p = local(e);
            if (d.moved && !d.pan) {
              onSelect(inBox({ x0: d.x, y0: d.y, x1: p.x, y1: p.y }), modeOf(e));
              setBand(null);
            } else if (!d.moved) {
              const i = nearest(p.x, p.y);
              if (i >= 0) onSelect([points.ids[i]], modeOf(e));
              else if (!e.shiftKey && !e.ctrlKey && !e.metaKey) onSelect([], 'replace');
            }
          }}
          onPointerLeave={() => setTip(null)}
          onDoubleClick={(e) => {
            const p = local(e);
            const i = nearest(p.x, p.y);
            if (i >= 0) onOpen?.(points.ids[i]);
          }}
        />
        {band && <div className="band" style={{ left: Math.min(band.x0, band.x1), top: Math.min(band.y0, band.y1), width: Math.abs(band.x1 - band.x0), height: Math.abs(band.y1 - band.y0) }} />}
        {tip && (
          <div className="tooltip" style={{ left: tip.x + 12, top: tip.y + 12 }}>
            {tip.text}
          </div>
        )}
      </div>
    </div>
  );
}
