/**
 * The dendrogram with its cut line, leaves coloured and numbered by class, leaf labels, and under it the heatmap of
 * the leaves' mean signatures (one row per compound, scaled per compound) with its colour key: one canvas, so that
 * tree, class strip and heatmap share the same columns (drawn by class-tree-drawing.ts, which also draws the saved
 * PNG and SVG). Drag the cut line (or the preview line) to preview the classes at another height; a click on a
 * branch or a leaf selects its samples; a double click on a leaf of one class opens its card.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { figureBytes, type FigureFormat } from '../../components/figure/figure-file';
import { SaveFigure } from '../../components/figure/SaveFigure';
import { themeColors } from '../../components/theme-colors';
import { modeOf, type SelectMode } from '../../state/selection';
import { usePreferences } from '../../state/preferences';
import { drawClassTree, TREE_LAYOUT, treeLayout, type TreeModel } from './class-tree-drawing';
import { heatRgb } from './leaf-heatmap';

interface Props extends Omit<TreeModel, 'heat'> {
  /** Leaves × compounds means, or null while they are computed. */
  means: Float32Array | null;
  title: string;
  onSelect: (leaves: number[], mode: SelectMode) => void;
  onOpenClass: (classId: number) => void;
  /** A height dragged to (null when the drag is dropped back on the run's cut). */
  onPreview: (height: number | null) => void;
}

export function ClassTree(props: Props) {
  const { tree, compounds, means, linked, onSelect, onOpenClass, onPreview } = props;
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(800);
  const [tip, setTip] = useState<{ x: number; y: number; text: string } | null>(null);
  const dragging = useRef(false);
  const { resolved } = usePreferences();
  const n = tree.leaves.length;

  // The heatmap as an image, one pixel per leaf and compound, scaled to the columns when drawn: selection
  // changes redraw the tree without repainting 40,000 cells.
  const heat = useMemo(() => {
    if (!means || n === 0) return null;
    const p = compounds.length;
    const max = new Float32Array(p);
    for (let k = 0; k < n; k++) for (let c = 0; c < p; c++) max[c] = Math.max(max[c], means[k * p + c]);
    const img = document.createElement('canvas');
    img.width = n;
    img.height = Math.max(p, 1);
    const ctx = img.getContext('2d')!;
    const data = ctx.createImageData(n, Math.max(p, 1));
    for (let c = 0; c < p; c++)
      for (let k = 0; k < n; k++) {
        const [r, g, b] = heatRgb(max[c] > 0 ? means[k * p + c] / max[c] : 0);
        const o = (c * n + k) * 4;
        data.data.set([r, g, b, 255], o);
      }
    ctx.putImageData(data, 0, 0);
    return img;
  }, [means, n, compounds.length]);

  const model: TreeModel = { ...props, heat };
  const lay = treeLayout(model, width);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(Math.max(400, el.getBoundingClientRect().width)));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    const dpr = window.devicePixelRatio || 1;
    c.width = Math.round(lay.width * dpr);
    c.height = Math.round(lay.height * dpr);
    const ctx = c.getContext('2d')!;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, lay.width, lay.height);
    ctx.imageSmoothingEnabled = false;
    drawClassTree(ctx, model, lay, themeColors());
    // model is rebuilt each render from these.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tree, props.threshold, props.preview, props.zoom, compounds, heat, linked, props.selectedPerLeaf, width, resolved]);

  const local = (e: { clientX: number; clientY: number }) => {
    const r = canvas.current!.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  const cutY = () => {
    const h = props.preview?.height ?? props.threshold;
    return h === null || h === undefined ? null : lay.scale.y(h);
  };
  const nearCut = (y: number) => {
    const c = cutY();
    return c !== null && Math.abs(y - c) <= 6;
  };

  const hit = (x: number, y: number) => {
    const leaf = Math.floor((x - TREE_LAYOUT.left) / lay.colW);
    if (leaf < 0 || leaf >= n) return null;
    if (y < lay.stripY) {
      // The lowest shown branch over this column that is above the pointer.
      let best: { from: number; to: number; height: number } | null = null;
      for (const node of tree.nodes) if (leaf >= node.from && leaf < node.to && lay.scale.y(node.height) <= y && (!best || node.height < best.height)) best = node;
      if (best && y < lay.scale.y(tree.leaves[leaf].height)) return { leaves: range(best.from, best.to), what: 'branch' as const };
    }
    return { leaves: [leaf], what: 'leaf' as const };
  };

  const describe = (leaves: number[], what: string) => {
    const ls = leaves.map((k) => tree.leaves[k]);
    const samples = ls.reduce((s, l) => s + l.members.length, 0);
    const classes = new Set(ls.map((l) => l.majority));
    if (what === 'leaf' && ls[0].members.length === 1) return `${props.sampleIds[ls[0].members[0]]} · ${ls[0].classId !== null && linked.has(ls[0].classId) ? `class ${ls[0].classId}` : 'linked to no other'}`;
    if (what === 'leaf' && ls[0].classId !== null) return `Class ${ls[0].classId}${linked.has(ls[0].classId) ? '' : ' (one sample)'} · ${samples} sample${samples === 1 ? '' : 's'}`;
    return `${samples} samples in ${classes.size} class${classes.size === 1 ? '' : 'es'}${what === 'branch' ? ' (branch)' : ''}`;
  };

  const save = (format: FigureFormat) =>
    figureBytes({ title: props.title, width: lay.width, height: lay.height, draw: (ctx) => drawClassTree(ctx, model, lay, themeColors()) }, format);

  return (
    <div ref={box} className="class-tree" style={{ position: 'relative' }} data-testid="dendrogram" data-leaves={n} data-zoomed={lay.scale.breakY !== null} data-cut-y={cutY() ?? undefined}>
      <div className="canvas-tools">
        <SaveFigure title={props.title} make={save} testId="dendrogram-save" />
      </div>
      <canvas
        ref={canvas}
        style={{ width: lay.width, height: lay.height, display: 'block', cursor: 'default' }}
        role="img"
        aria-label={`Dendrogram of ${tree.leaves.reduce((s, l) => s + l.members.length, 0)} samples in ${n} branches with the cut line, and the heatmap of their mean signatures`}
        data-testid="dendrogram-canvas"
        onPointerDown={(e) => {
          const { y } = local(e);
          if (!nearCut(y)) return;
          dragging.current = true;
          (e.target as HTMLCanvasElement).setPointerCapture(e.pointerId);
        }}
        onPointerMove={(e) => {
          const { x, y } = local(e);
          const el = e.target as HTMLCanvasElement;
          if (dragging.current) {
            onPreview(lay.scale.height(Math.max(TREE_LAYOUT.top, Math.min(y, lay.scale.y(0)))));
            return;
          }
          el.style.cursor = nearCut(y) ? 'ns-resize' : 'default';
          const h = hit(x, y);
          setTip(nearCut(y) ? { x, y, text: 'Drag the cut line up or down to preview the classes at another height' } : h ? { x, y, text: describe(h.leaves, h.what) } : null);
        }}
        onPointerUp={() => {
          dragging.current = false;
        }}
        onPointerLeave={() => setTip(null)}
        onClick={(e) => {
          const { x, y } = local(e);
          if (nearCut(y)) return;
          const h = hit(x, y);
          if (h) onSelect(h.leaves, modeOf(e));
        }}
        onDoubleClick={(e) => {
          const { x, y } = local(e);
          const h = hit(x, y);
          const leaf = h && h.what === 'leaf' ? tree.leaves[h.leaves[0]] : null;
          if (leaf?.classId != null && linked.has(leaf.classId)) onOpenClass(leaf.classId);
        }}
      />
      {tip && (
        <div className="tooltip" style={{ left: Math.min(tip.x + 12, width - 260), top: tip.y + 40 }}>
          {tip.text}
        </div>
      )}
    </div>
  );
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, k) => from + k);
}
