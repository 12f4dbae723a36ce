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
import { figureBytes, type FigureFormat, type LegendItem } from './figure/figure-file';
import { SaveFigure } from './figure/SaveFigure';
import type { FigureContext } from './figure/svg-context';
import { GlPoints } from './gl-points';
import { groupByColor, packPoints, type PointsToPack } from './point-buffers';
import { axisTicks, drawBackground, drawFront, drawVectorPoints, type Annotation, type Frame, type ToScreen, type ViewBox } from './points-drawing';
import type { SpriteAtlas } from './sprite-atlas';
import { themeColors, type ThemeColors } from './theme-colors';

/** The points (data coordinates, y upwards; radii in screen pixels, default the canvas's `radius`; squares for the network's class hubs). */
export interface PointSet extends PointsToPack {
  /** Names written beside the points when there are few enough to read (≤ 250), none over another. */
  labels?: string[];
  /** Which labels win a crowded place (higher first); default the point's radius. */
  labelPriority?: Float64Array;
}

interface Props {
  points: PointSet;
  selected: ReadonlySet<string>;
  onSelect: (ids: string[], mode: SelectMode) => void;
  onOpen?: (id: string) => void;
  describe: (i: number) => string;
  /** Drawn under the points, in data coordinates; `pixel` is one screen pixel in data units. */
  background?: (ctx: FigureContext, pixel: number) => void;
  /** Drawn over the points in screen pixels (an ellipse, loading arrows). */
  overlay?: (ctx: FigureContext, toScreen: ToScreen) => void;
  /** Names at data positions (a class at its centre), placed with the labels. */
  annotations?: readonly Annotation[];
  bounds?: [number, number, number, number];
  /** Axis titles: draws a grid with tick values along the left and bottom edges (PCA scores); none for the map. */
  axes?: { x: string; y: string };
  radius?: number;
  label: string;
  testId?: string;
  /** Title, legend and note of the figure as saved (PNG, SVG buttons in the tools); none: no buttons. */
  figure?: { title: string; legend?: readonly LegendItem[]; note?: string };
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

export function PointsCanvas({ points, selected, onSelect, onOpen, describe, background, overlay, annotations, bounds, axes, radius = 3, label, testId, figure }: Props) {
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
  const [labelsPlaced, setLabelsPlaced] = useState(0);
  const { resolved, pointRenderer } = usePreferences();
  /** WebGL 2 missing, failed or lost: Canvas 2D from then on (a new canvas element: one that had a WebGL context cannot give a 2D one). */
  const [glFailed, setGlFailed] = useState(false);
  const renderer = pointRenderer === 'webgl' && !glFailed ? 'webgl' : 'canvas';
  const extent = useMemo(() => bounds ?? boundsOf(points), [bounds, points]);
  const byColor = useMemo(() => groupByColor(points.colors), [points]);

  const toScreen = (v: ViewBox, x: number, y: number): [number, number] => [(x - v.cx) * v.k + size.current.w / 2, size.current.h / 2 - (y - v.cy) * v.k];
  const frameOf = (v: ViewBox, colors: ThemeColors): Frame => ({ v, w: size.current.w, h: size.current.h, colors });

  /** Clears a canvas and sets its transform to CSS pixels. */
  const fresh = (c: HTMLCanvasElement) => {
    const ctx = c.getContext('2d')!;
    const dpr = window.devicePixelRatio || 1;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, c.width, c.height);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    return ctx;
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
    if (!c.getContext('2d')) return;
    const ctx = fresh(c);
    const { w, h } = size.current;
    atlas.current = drawCanvasPoints(ctx, atlas.current, dpr, { points, selected, groups: byColor, radius, toScreen: (x, y) => toScreen(v, x, y), w, h, ring: colors.selection });
  };

  /** The figure as a file, at the view on screen: the same background, labels and overlay, the points as vectors. */
  const saveAs = (format: FigureFormat) => {
    const v = view.current ?? fit(extent, size.current.w, size.current.h);
    const colors = themeColors();
    const f = frameOf(v, colors);
    const grid = axes ? axisTicks(f) : null;
    return figureBytes(
      {
        title: figure?.title ?? label,
        width: f.w,
        height: f.h,
        legend: figure?.legend,
        note: figure?.note,
        draw: (ctx) => {
          drawBackground(ctx, f, grid, background);
          drawVectorPoints(ctx, f, points, selected, radius);
          drawFront(ctx, f, { points, radius, grid, axes, annotations, overlay });
        },
      },
      format,
    );
  };

  const draw = () => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => {
      const v = view.current;
      const [b, m, f] = [back.current, middle.current, front.current];
      if (!v || !b || !m || !f) return;
      const colors = themeColors();
      const fr = frameOf(v, colors);
      const grid = axes ? axisTicks(fr) : null;
      drawBackground(fresh(b), fr, grid, background);
      drawPoints(m, v, colors);
      const placed = drawFront(fresh(f), fr, { points, radius, grid, axes, annotations, overlay });
      setLabelsPlaced(placed);
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
  useEffect(draw, [points, selected, byColor, background, overlay, annotations, axes, resolved, radius]);

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
        {figure && <SaveFigure title={figure.title} make={saveAs} testId={testId ? `${testId}-save` : undefined} />}
      </div>
      <div ref={box} className="canvas-box" data-testid={testId} data-points={points.ids.length} data-selected={selectedCount} data-renderer={renderer} data-labels={labelsPlaced}>
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
